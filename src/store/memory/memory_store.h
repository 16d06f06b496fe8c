#pragma once
// The in-memory Store: for fast unit tests and as the reference behaviour of the Store contract. Nothing
// survives the object. Not thread-safe (one thread at a time, like every Store).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace smr::store {

class MemoryStore final : public Store {
 public:
  MemoryStore();

  std::string backend() const override { return "memory"; }
  Result<Health> check_health() override;

  Result<core::Person> person(core::PersonId id) override;
  Result<std::vector<core::Person>> people() override;
  Result<core::Person> add_person(const std::string& name, core::UnixMillis now_ms) override;

  Result<std::optional<core::Profile>> profile(core::PersonId id) override;
  Status save_profile(core::PersonId id, const core::Profile& profile) override;

  Status save_routine(const core::SavedRoutine& routine) override;
  Result<std::vector<core::SavedRoutine>> routines(core::PersonId id) override;
  Status delete_routine(const std::string& uid) override;
  Status save_custom_exercise(const core::CustomExercise& exercise) override;
  Result<std::vector<core::CustomExercise>> custom_exercises(core::PersonId id) override;

  Status start_session(const core::SessionInfo& session) override;
  Status append_event(const core::SessionEvent& event) override;
  Status record_check_in(const core::CheckIn& check_in) override;
  Status record_adaptation(const core::Adaptation& adaptation) override;
  Status add_note(const core::SessionNote& note) override;
  Status end_session(const std::string& uid, core::UnixMillis ended_ms, core::SessionStatus status) override;
  Result<core::SessionRecord> session(const std::string& uid) override;
  Result<std::vector<core::SessionDigest>> session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                           core::UnixMillis to_ms) override;
  Result<std::vector<core::SessionInfo>> sessions(core::PersonId id, core::UnixMillis from_ms,
                                                  core::UnixMillis to_ms) override;
  Result<std::vector<core::CheckIn>> check_ins(core::PersonId id, core::UnixMillis from_ms,
                                               core::UnixMillis to_ms) override;

  Status record_self_test(const core::SelfTest& test) override;
  Result<std::vector<core::SelfTest>> self_tests(core::PersonId id) override;

  Result<std::optional<std::string>> setting(core::PersonId id, const std::string& key) override;
  Status set_setting(const core::Setting& setting) override;

  Result<std::vector<core::WeeklyRegionStat>> weekly_region_stats(core::PersonId id, core::UnixMillis from_ms,
                                                                  core::UnixMillis to_ms,
                                                                  int utc_offset_minutes) override;

  Result<core::Journal> export_journal() override;
  Result<ImportSummary> import_journal(const core::Journal& journal) override;

  Status add_pairing_code(const PairingCode& code) override;
  Result<std::optional<PairingCode>> pairing_code(const std::string& code_hash) override;
  Status redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                             const PairedDevice& device) override;
  Result<std::vector<PairedDevice>> paired_devices() override;
  Result<std::optional<PairedDevice>> device_by_credential(const std::string& credential_hash) override;
  Status touch_device(const std::string& id, core::UnixMillis used_ms) override;
  Status revoke_device(const std::string& id, core::UnixMillis revoked_ms) override;

  Result<Account> add_account(const std::string& person_name, const Account& account) override;
  Result<std::optional<Account>> account(core::PersonId person) override;
  Result<std::optional<Account>> account_by_login(const std::string& login) override;
  Result<std::vector<Account>> accounts() override;
  Status update_account(const Account& account) override;

  Status add_auth_session(const AuthSession& session) override;
  Result<std::optional<AuthSession>> auth_session_by_token(const std::string& token_hash) override;
  Result<std::vector<AuthSession>> auth_sessions(core::PersonId person) override;
  Status touch_auth_session(const std::string& id, core::UnixMillis used_ms) override;
  Status end_auth_session(const std::string& id, core::UnixMillis ended_ms) override;
  Result<int> end_auth_sessions(core::PersonId person, core::UnixMillis ended_ms,
                                const std::optional<std::string>& keep_id) override;

  Result<int> count_attempt(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) override;
  Result<int> attempts(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) override;
  Status clear_attempts(const std::string& key) override;

  Status add_invitation(const Invitation& invitation) override;
  Result<std::optional<Invitation>> invitation(const std::string& code_hash) override;
  Status accept_invitation(const std::string& code_hash, core::UnixMillis used_ms, const TrainerLink& link) override;

  Result<std::vector<TrainerLink>> clients_of(core::PersonId trainer) override;
  Result<std::vector<TrainerLink>> trainers_of(core::PersonId client) override;
  Result<std::optional<TrainerLink>> trainer_link(core::PersonId trainer, core::PersonId client) override;
  Status set_sharing(core::PersonId trainer, core::PersonId client, const Sharing& sharing) override;
  Status end_trainer_link(core::PersonId trainer, core::PersonId client, core::UnixMillis ended_ms) override;

  Status save_template(const RoutineTemplate& routine_template) override;
  Result<std::optional<RoutineTemplate>> routine_template(const std::string& uid) override;
  Result<std::vector<RoutineTemplate>> templates(core::PersonId trainer) override;
  Status delete_template(const std::string& uid) override;

  Status save_assignment(const Assignment& assignment) override;
  Result<std::optional<Assignment>> assignment(const std::string& uid) override;
  Result<std::vector<Assignment>> assignments_of_client(core::PersonId client) override;
  Result<std::vector<Assignment>> assignments_of_template(const std::string& template_uid) override;

 private:
  // A throttling key's fixed window.
  struct AttemptWindow {
    core::UnixMillis window_start_ms = 0;
    int count = 0;
  };
  // The whole state; import works on a copy and swaps it in, so a failed import changes nothing.
  struct State {
    std::map<core::PersonId, core::Person> people;
    std::map<core::PersonId, core::Profile> profiles;
    std::map<std::string, core::SavedRoutine> routines;
    std::map<std::string, core::CustomExercise> custom_exercises;
    std::map<std::string, core::SessionRecord> sessions;
    std::map<std::string, core::SelfTest> self_tests;
    std::map<std::pair<core::PersonId, std::string>, std::string> settings;
    std::map<std::string, PairingCode> pairing_codes;  // by code_hash
    std::vector<PairedDevice> devices;                 // in the order paired
    std::map<core::PersonId, Account> accounts;
    std::map<std::string, AuthSession> auth_sessions;                        // by id
    std::map<std::string, AttemptWindow> attempts;                           // by key
    std::map<std::string, Invitation> invitations;                           // by code_hash
    std::map<std::pair<core::PersonId, core::PersonId>, TrainerLink> links;  // by (trainer, client)
    std::map<std::string, RoutineTemplate> templates;                        // by uid
    std::map<std::string, Assignment> assignments;                           // by uid
  };

  core::SessionRecord* find_session(const std::string& uid);
  bool uid_taken(const std::string& uid) const;

  State state_;
};

}  // namespace smr::store
