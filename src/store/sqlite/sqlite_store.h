#pragma once
// The SQLite Store, the default backend: one file (by default $XDG_DATA_HOME/smr-coach/journal.db).
//
// Guarantees, beyond store.h's contract:
// - The connection runs in WAL mode with foreign keys on and synchronous=FULL: a write is on disk (fsync'd
//   into the WAL) when its call returns, so a check-in survives a crash of the program the moment it is
//   answered. Writes that are one SQL statement (start_session, append_event, record_adaptation, add_note,
//   record_self_test, add_person, delete_routine) are autocommitted; the others run in one BEGIN IMMEDIATE
//   transaction — record_check_in too, as it also updates the weekly aggregate. Prepared statements are
//   cached per connection.
// - weekly_region_stats reads whole weeks from a maintained aggregate (store/weekly_cache.h); the first query
//   at a new UTC offset builds it, in a write transaction.
// - session_digests reads the stored digests of ended sessions (sessions.digest, one text per session; see
//   store/digest_util.h) with one statement over a covering index. end_session, import_journal and writes to an
//   ended session keep them (and their rows in session_digests) exact in their own transaction; append_event
//   stays one autocommitted statement for a session whose digest is not stored (an active one). Opening a
//   journal from before schema version 4 stores the digests of its ended sessions (a backfill in batches, each
//   one transaction).
// - Opening never modifies a file it refuses: an existing file is first inspected read-only (see
//   open_sqlite_store). A new file is created with mode 0600 (a journal holds health data), with its folder.
// - The schema is versioned (PRAGMA user_version) and upgraded on open by forward-only migrations, each in
//   one transaction (store/sqlite/migrations.h). PRAGMA application_id is 0x534D5243 ("SMRC").
// - Several processes may open one file; a writer waits up to kBusyTimeoutMs for another's transaction.
//
// Thread safety: one thread at a time, like every Store (the connection runs in SQLite's multi-thread mode,
// without a mutex per call).

#include <memory>
#include <string>

#include "store/store.h"

namespace SQLite {
class Database;
}

namespace smr::store {

namespace detail {
class StatementCache;
struct WeekSplit;
}  // namespace detail

// How long a write waits for another process's transaction before failing with kBusy.
inline constexpr int kBusyTimeoutMs = 5000;

// The newest schema version this build knows (the number of migration files).
int latest_sqlite_schema_version();

// Opens (creating and migrating if needed) the journal at `path`. An existing non-empty file is inspected
// read-only first and refused, unchanged, when it is:
// - not an SQLite database, or damaged (PRAGMA quick_check) -> kCorrupt;
// - an SQLite database of another program (foreign application_id, or none but tables) -> kIncompatible;
// - written by a newer SMR Coach (user_version above latest_sqlite_schema_version()) -> kIncompatible.
// With options.read_only: a missing file is kNotFound, and a file that cannot be written (read-only media,
// no permission on it or its folder) is opened read-only (an immutable read when no write-ahead log is
// beside it); one that would need a schema upgrade is then refused (kReadOnly) naming why.
// Other failures: a missing folder (when !options.create_folder) -> kNotFound; no permission -> kReadOnly;
// a folder that cannot be created -> kIo.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const OpenOptions& options = {});

// FOR TESTS ONLY (migration tests): like open_sqlite_store, but migrates a new or older file only up to
// `version` (0 to latest). The returned store works only as far as that schema allows.
Result<std::unique_ptr<Store>> open_sqlite_store_at_version_for_tests(const std::string& path, int version);

// Copies `store` (which must be an SqliteStore) into a new file; see SqliteStore::backup_to.
Status backup_sqlite(Store& store, const std::string& dest_path);

// What the connection runs with, for `smr doctor` and tests.
struct SqliteSettings {
  std::string journal_mode;  // "wal"
  bool foreign_keys = false;
  int synchronous = 0;  // 2 = FULL
  int busy_timeout_ms = 0;
};

class SqliteStore final : public Store {
 public:
  // See open_sqlite_store; `target_version` is latest_sqlite_schema_version() except in migration tests.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, int target_version,
                                                   const OpenOptions& options = {});

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore() override;

  const std::string& path() const { return path_; }
  Result<SqliteSettings> settings();

  // Copies the whole database, consistently even while it is in use, into a new file `dest_path` with
  // SQLite's online backup API. Refuses (kConflict) when `dest_path` exists: a backup never overwrites.
  // On failure the partial copy is removed.
  Status backup_to(const std::string& dest_path);

  std::string backend() const override { return "sqlite"; }
  bool read_only() const override { return read_only_; }
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

  // Accounts, trainers and clients. Writes of more than one statement run in one BEGIN IMMEDIATE transaction
  // (so two accepts of one invitation, from any connection, take turns: one wins); count_attempt is one
  // statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING).
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

  // PRAGMA data_version (commits by other connections) and this connection's total changes: when either
  // moved since the last call, the stamp is a new number.
  Result<std::optional<std::uint64_t>> change_stamp() override;

 private:
  SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db);

  // Runs `body`, turning any exception (SQLite's, or damaged stored data) into an Error: nothing throws out
  // of the store.
  template <typename F>
  auto guarded(F&& body) -> decltype(body());
  // Runs `body` in a BEGIN IMMEDIATE transaction, committed when it returns a value, rolled back otherwise.
  template <typename F>
  auto in_transaction(F&& body) -> decltype(body());

  // The operations without transaction or exception handling, so that import_journal can run many of them
  // in its one transaction. Each checks its input in MemoryStore's order and reports the same errors.
  bool person_exists(core::PersonId id);
  bool session_exists(const std::string& uid);
  bool uid_taken(const std::string& uid);
  std::optional<core::Person> find_person(core::PersonId id);
  std::optional<core::Profile> find_profile(core::PersonId id);
  std::optional<core::SavedRoutine> find_routine(const std::string& uid);
  std::optional<core::CustomExercise> find_custom_exercise(const std::string& uid);
  std::optional<core::SessionRecord> find_session(const std::string& uid);
  std::optional<core::SelfTest> find_self_test(const std::string& uid);
  std::optional<std::string> find_setting(core::PersonId id, const std::string& key);

  Status save_profile_now(core::PersonId id, const core::Profile& profile);
  Status save_routine_now(const core::SavedRoutine& routine);
  Status save_custom_exercise_now(const core::CustomExercise& exercise);
  Status start_session_now(const core::SessionInfo& session);
  Status append_event_now(const core::SessionEvent& event);
  Status record_check_in_now(const core::CheckIn& check_in);
  Status record_adaptation_now(const core::Adaptation& adaptation);
  Status add_note_now(const core::SessionNote& note);
  Status record_self_test_now(const core::SelfTest& test);
  Status set_setting_now(const core::Setting& setting);
  Result<ImportSummary> import_now(const core::Journal& journal);

  // The weekly aggregate (store/weekly_cache.h), inside the caller's transaction.
  void add_to_weekly_stats(const core::CheckIn& check_in);
  bool weekly_offset_kept(core::PersonId id, int utc_offset_minutes);
  // Builds the aggregate at a new offset, evicting the oldest beyond kWeeklyOffsetsKept; false (and nothing
  // written) when there is no such person.
  bool build_weekly_stats(core::PersonId id, int utc_offset_minutes);
  // Appends the check-ins of [from_ms, to_ms) grouped by week, region and side.
  void read_weekly_groups(core::PersonId id, core::UnixMillis from_ms, core::UnixMillis to_ms, int utc_offset_minutes,
                          std::vector<core::WeeklyRegionStat>& out);
  // Appends the statistics of [from_ms, to_ms): edges from the check-ins, whole weeks from the aggregate.
  void read_weekly_split(core::PersonId id, core::UnixMillis from_ms, core::UnixMillis to_ms, int utc_offset_minutes,
                         const detail::WeekSplit& split, std::vector<core::WeeklyRegionStat>& out);

  // Session digests (store/digest_util.h), inside the caller's write transaction. store_digest writes the
  // digest of an ended session from its record (core::digest_session) in place of what session_digests held,
  // and marks it stored; it does nothing for an active or unknown session. refresh_digest_if_stored does it
  // when the session's digest is stored (a write to an ended session changes it).
  void store_digest(const std::string& uid);
  void refresh_digest_if_stored(const std::string& uid);
  // Stores the digests of every ended session that has none (a journal from before schema version 4), in
  // batches of kDigestBackfillBatch sessions, one transaction each. Run by open(); doing it twice is harmless.
  Status backfill_digests();

  // Why a conditional insert into a session's records changed nothing: no such session, or a taken uid.
  Status explain_session_insert(const std::string& session_uid, const std::string& uid);

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;  // declared before statements_: outlives them
  std::unique_ptr<detail::StatementCache> statements_;
  // change_stamp()'s state: what it saw last, and the stamp it returned.
  std::int64_t seen_data_version_ = -1;
  std::int64_t seen_total_changes_ = -1;
  std::uint64_t stamp_ = 0;
  bool read_only_ = false;  // opened for reading a journal that cannot be written (OpenOptions::read_only)
};

}  // namespace smr::store
