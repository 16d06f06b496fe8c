#pragma once
// The PostgreSQL Store (--db postgresql://user:password@host:port/database): the same records and
// behaviour as MemoryStore (the reference), in a PostgreSQL 15 database through libpqxx. Schema and
// migrations: migrations/*.sql and docs/storage.md.
//
// Connections: a pool of up to kPoolSize connections, opened when first needed; each call borrows one for
// its duration. A connection the server closed while it sat idle is replaced, and the call retried once,
// when nothing can have been written yet.
//
// Thread safety: stronger than the Store contract asks. Any number of threads may call one PostgresStore at
// once; up to kPoolSize calls run in parallel, further ones wait for a connection. Several processes may
// share one database: writes that create a uid serialise on advisory locks, so uids stay unique across
// record kinds, and an import runs alone.
//
// Every write is one transaction, committed (and so durable, with PostgreSQL's default synchronous_commit)
// before the call returns. libpqxx exceptions never leave this class: they become Error values.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

namespace smr::store {

namespace detail {
class ConnectionPool;
}

class PostgresStore final : public Store {
 public:
  static constexpr std::size_t kPoolSize = 4;

  // Use open_postgres_store(), which connects and migrates first.
  explicit PostgresStore(std::unique_ptr<detail::ConnectionPool> pool);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  std::string backend() const override { return "postgresql"; }
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
  Result<SessionProgress> session_progress(const std::string& uid) override;
  Result<std::vector<core::SessionDigest>> session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                           core::UnixMillis to_ms) override;
  Result<std::vector<PersonDigests>> people_digests(const std::vector<core::PersonId>& people, core::UnixMillis from_ms,
                                                    core::UnixMillis to_ms,
                                                    const std::vector<std::string>& keys) override;
  Result<std::vector<core::SessionInfo>> sessions(core::PersonId id, core::UnixMillis from_ms,
                                                  core::UnixMillis to_ms) override;
  Result<std::vector<core::CheckIn>> check_ins(core::PersonId id, core::UnixMillis from_ms,
                                               core::UnixMillis to_ms) override;

  Status record_self_test(const core::SelfTest& test) override;
  Result<std::vector<core::SelfTest>> self_tests(core::PersonId id) override;

  Result<std::optional<std::string>> setting(core::PersonId id, const std::string& key) override;
  Status set_setting(const core::Setting& setting) override;

  // Computed by the database (GROUP BY over the check-ins), with the same week boundaries, rounding and
  // order as core::weekly_region_stats.
  Result<std::vector<core::WeeklyRegionStat>> weekly_region_stats(core::PersonId id, core::UnixMillis from_ms,
                                                                  core::UnixMillis to_ms,
                                                                  int utc_offset_minutes) override;

  // One consistent snapshot (REPEATABLE READ), in canonical order.
  Result<core::Journal> export_journal() override;
  // One transaction: loads the stored records the journal can meet, plans exactly as MemoryStore does
  // (detail::plan_import), then writes every new record with COPY, one stream per table.
  Result<ImportSummary> import_journal(const core::Journal& journal) override;

  Status add_pairing_code(const PairingCode& code) override;
  Result<std::optional<PairingCode>> pairing_code(const std::string& code_hash) override;
  Status redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                             const PairedDevice& device) override;
  Result<std::vector<PairedDevice>> paired_devices() override;
  Result<std::optional<PairedDevice>> device_by_credential(const std::string& credential_hash) override;
  Status touch_device(const std::string& id, core::UnixMillis used_ms) override;
  Status revoke_device(const std::string& id, core::UnixMillis revoked_ms) override;

  // Accounts, trainers and clients. Each write is one transaction; accept_invitation locks the invitation's row
  // (of two concurrent accepts one wins), count_attempt is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING
  // statement (every attempt from every instance counts).
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
  std::unique_ptr<detail::ConnectionPool> pool_;
};

// Connects to the server a "postgresql://..." URL names, and creates or migrates the journal's schema
// (the first schema on the search_path, normally "public"; a URL may choose another with
// ?options=-csearch_path%3Dname). Errors, each one line and never showing the password:
// kInvalid (malformed URL), kUnavailable (server unreachable, credentials refused, no such database),
// kIncompatible (tables of another application, or a newer schema version).
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url);

}  // namespace smr::store
