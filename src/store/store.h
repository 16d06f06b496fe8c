#pragma once
// The journal's storage: one interface, three backends (SQLite by default, PostgreSQL for scale, in-memory
// for tests). Schema and guarantees: docs/storage.md.
//
// Contract for every backend:
// - Each write is durable when the call returns (a check-in is on disk the moment it is answered), and is
//   atomic: it happens completely or not at all.
// - Expected failures are returned as Error values, never thrown; nothing already stored is changed by a
//   failed call.
// - A Store is used by one thread at a time (the server gives each connection its own, or serialises).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "core/journal.h"
#include "core/session_digest.h"
#include "store/account_records.h"

namespace smr::store {

struct Error {
  enum class Code {
    kNotFound,      // no such record
    kConflict,      // the record exists already (same uid), or the change conflicts with stored data
    kInvalid,       // the input breaks a rule (e.g. intensity outside 0-10)
    kUnavailable,   // the server cannot be reached, or refuses the credentials
    kBusy,          // another writer (an import, another process) held the journal past the wait; nothing was
                    // written, the same write can be tried again later
    kCorrupt,       // the file is not a database, or fails its integrity check
    kIncompatible,  // a newer schema version, or a database that is not SMR Coach's
    kFull,          // the disk (or the database's quota) is full
    kReadOnly,      // the journal cannot be written: read-only media, no permission, or opened for reading
    kIo,            // anything else the backend reports
  };
  Code code = Code::kIo;
  std::string message;  // one line, for a person: what is wrong and what would be right
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error::Code code, std::string message) {
  return tl::unexpected(Error{code, std::move(message)});
}

// What `smr doctor` reports.
struct Health {
  int schema_version = 0;
  int latest_schema_version = 0;
  bool integrity_ok = false;
  std::vector<std::string> messages;  // the backend's own findings, empty when all is well
};

// A device (a phone, a tablet) paired with this journal's server, so that it may use the API from another
// machine (docs/pairing.md). Kept in the journal, never exported.
struct PairedDevice {
  std::string id;               // a uid (new_uid())
  std::string name;             // as the person gave it: "Phone"
  std::string credential_hash;  // 64 lower-case hex digits: SHA-256 of the device's credential (never stored)
  core::UnixMillis created_ms = 0;
  std::optional<core::UnixMillis> last_used_ms;
  std::optional<core::UnixMillis> revoked_ms;  // set once: a revoked device stays revoked
};

// A one-time pairing code. Kept in the journal (so that `smr pair` in another process makes a code the running
// server accepts), never exported.
struct PairingCode {
  std::string code_hash;  // 64 lower-case hex digits: SHA-256 of the code (the code itself is never stored)
  core::UnixMillis created_ms = 0;
  core::UnixMillis expires_ms = 0;
  std::optional<core::UnixMillis> used_ms;  // set once, by redeem_pairing_code
};

// What a view over many people at once reads of each (Store::people_digests): a trainer's dashboard.
struct PersonDigests {
  core::Person person;
  std::vector<core::SessionDigest> digests;          // as Store::session_digests(person.id, from_ms, to_ms)
  std::vector<std::optional<std::string>> settings;  // Store::setting(person.id, keys[i]) for each key, in order
};

// What an import did.
struct ImportSummary {
  int added = 0;    // records that were new
  int present = 0;  // records already there, identical (recognised by uid)
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite", "postgresql" or "memory".
  virtual std::string backend() const = 0;
  // True when the store was opened for reading only (OpenOptions::read_only on media that cannot be
  // written): every write fails with kReadOnly.
  virtual bool read_only() const { return false; }
  virtual Result<Health> check_health() = 0;

  // People. The local person (core::kLocalPersonId) always exists.
  virtual Result<core::Person> person(core::PersonId id) = 0;
  virtual Result<std::vector<core::Person>> people() = 0;
  virtual Result<core::Person> add_person(const std::string& name, core::UnixMillis now_ms) = 0;

  // The profile; nullopt when the person has not been screened yet.
  virtual Result<std::optional<core::Profile>> profile(core::PersonId id) = 0;
  virtual Status save_profile(core::PersonId id, const core::Profile& profile) = 0;

  // Saved routines and custom exercises. Records come with their uid set.
  virtual Status save_routine(const core::SavedRoutine& routine) = 0;
  virtual Result<std::vector<core::SavedRoutine>> routines(core::PersonId id) = 0;
  virtual Status delete_routine(const std::string& uid) = 0;
  virtual Status save_custom_exercise(const core::CustomExercise& exercise) = 0;
  virtual Result<std::vector<core::CustomExercise>> custom_exercises(core::PersonId id) = 0;

  // Sessions, recorded as they happen.
  virtual Status start_session(const core::SessionInfo& session) = 0;
  virtual Status append_event(const core::SessionEvent& event) = 0;
  virtual Status record_check_in(const core::CheckIn& check_in) = 0;
  virtual Status record_adaptation(const core::Adaptation& adaptation) = 0;
  virtual Status add_note(const core::SessionNote& note) = 0;
  // Sets the end time and the final status (finished or stopped).
  virtual Status end_session(const std::string& uid, core::UnixMillis ended_ms, core::SessionStatus status) = 0;
  virtual Result<core::SessionRecord> session(const std::string& uid) = 0;
  // How far a session has got in the journal: its stored event count and status, without its records. The cheap
  // check a server instance makes before serving a live session from its copy (docs/architecture.md, "State and
  // instances"). kNotFound for an unknown uid. The default loads the whole session; backends answer it from an
  // index.
  struct SessionProgress {
    std::size_t events = 0;
    core::SessionStatus status = core::SessionStatus::kActive;
    std::optional<core::UnixMillis> ended_ms;  // set once the session ended
  };
  virtual Result<SessionProgress> session_progress(const std::string& uid);
  // Sessions that started in [from_ms, to_ms), oldest first, without their events.
  virtual Result<std::vector<core::SessionInfo>> sessions(core::PersonId id, core::UnixMillis from_ms,
                                                          core::UnixMillis to_ms) = 0;
  // Every check-in of the person in [from_ms, to_ms), oldest first.
  virtual Result<std::vector<core::CheckIn>> check_ins(core::PersonId id, core::UnixMillis from_ms,
                                                       core::UnixMillis to_ms) = 0;

  // Digests (core/session_digest.h) of the person's sessions that started in [from_ms, to_ms), oldest first
  // (ties by uid). Equal to core::digest_session of each session's record, whatever the backend keeps.
  virtual Result<std::vector<core::SessionDigest>> session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                                   core::UnixMillis to_ms) = 0;

  // For each id of `people`, in that order (a repeated id is answered again): the person, the digests of their
  // sessions that started in [from_ms, to_ms) and the values of the settings `keys`, each as session_digests()
  // and setting() would give them. kNotFound naming the first id that is no person (nothing is answered then).
  // For views over many people (service::dashboard): a backend answers it in a few queries whatever the number
  // of people (PostgreSQL: three, in one snapshot); the default asks person(), session_digests() and setting()
  // for each, which costs nothing more on an embedded database.
  virtual Result<std::vector<PersonDigests>> people_digests(const std::vector<core::PersonId>& people,
                                                            core::UnixMillis from_ms, core::UnixMillis to_ms,
                                                            const std::vector<std::string>& keys);

  virtual Status record_self_test(const core::SelfTest& test) = 0;
  virtual Result<std::vector<core::SelfTest>> self_tests(core::PersonId id) = 0;

  virtual Result<std::optional<std::string>> setting(core::PersonId id, const std::string& key) = 0;
  virtual Status set_setting(const core::Setting& setting) = 0;

  // Check-ins per week, region and side, in [from_ms, to_ms). Weeks start on Monday 00:00 at the given UTC
  // offset. Ordered by week, region, side.
  virtual Result<std::vector<core::WeeklyRegionStat>> weekly_region_stats(core::PersonId id, core::UnixMillis from_ms,
                                                                          core::UnixMillis to_ms,
                                                                          int utc_offset_minutes) = 0;

  // Everything, in canonical order (docs/storage.md), for export.
  virtual Result<core::Journal> export_journal() = 0;
  // Adds a journal in one transaction: all of it or nothing. Records whose uid exists already are
  // recognised: identical ones are counted as present; different ones make the whole import fail
  // (kConflict) and change nothing.
  virtual Result<ImportSummary> import_journal(const core::Journal& journal) = 0;

  // Paired devices and pairing codes (docs/storage.md, "Paired devices"). Not part of export_journal or
  // import_journal. The defaults fail (kIncompatible) for a Store that keeps no devices (test doubles); every
  // backend overrides them.
  //
  // Adds a code; kConflict when its hash is stored already.
  virtual Status add_pairing_code(const PairingCode& code);
  // The code with this hash, nullopt when there is none.
  virtual Result<std::optional<PairingCode>> pairing_code(const std::string& code_hash);
  // In one transaction: marks the code used at `used_ms` and adds `device`. kNotFound when there is no such code,
  // kConflict when it was used already (by a concurrent redeem too: exactly one of two wins); nothing changes
  // then. Expiry is the caller's rule.
  virtual Status redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                                     const PairedDevice& device);
  // Every paired device, revoked ones too, oldest first (ties by id).
  virtual Result<std::vector<PairedDevice>> paired_devices();
  // The device whose credential has this hash, nullopt when none has.
  virtual Result<std::optional<PairedDevice>> device_by_credential(const std::string& credential_hash);
  // Sets the device's last use; kNotFound for an unknown id.
  virtual Status touch_device(const std::string& id, core::UnixMillis used_ms);
  // Revokes the device at `revoked_ms` (a device revoked already keeps its first time); kNotFound for an
  // unknown id.
  virtual Status revoke_device(const std::string& id, core::UnixMillis revoked_ms);

  // ---- Accounts, trainers and clients (store/account_records.h; docs/accounts.md, issue 19) ----
  // Not part of export_journal or import_journal. The defaults fail (kIncompatible) for a Store that keeps no
  // accounts (test doubles); every backend overrides them. Rules (password policy, timeouts, who may see what)
  // are the service's (service/account_service.h, service/trainer_service.h); the store keeps records and
  // makes the few steps that must be atomic atomic.
  //
  // Adds an account. With account.person_id == 0 a new person named `person_name` is added with it (one
  // transaction) and the returned account carries the new id; otherwise the account is attached to that existing
  // person (the single-person journal becoming the first account), renamed `person_name` unless it is empty. kConflict
  // when the login is taken or the person has an account; kNotFound for an unknown person; kInvalid for an empty login
  // (or an empty person_name for a new person).
  virtual Result<Account> add_account(const std::string& person_name, const Account& account);
  virtual Result<std::optional<Account>> account(core::PersonId person);
  virtual Result<std::optional<Account>> account_by_login(const std::string& login);
  // Every account, by person id (disabled ones too).
  virtual Result<std::vector<Account>> accounts();
  // Replaces the stored account with the same person_id (password hash, role, disabled, password change time;
  // the login too, kConflict when taken). kNotFound for an unknown account; kInvalid for an empty login.
  virtual Status update_account(const Account& account);

  // Signed-in sessions. kConflict for an id or token hash stored already; kNotFound when the person has no account.
  virtual Status add_auth_session(const AuthSession& session);
  // The session whose token has this hash (ended ones too: the service decides), nullopt when none has.
  virtual Result<std::optional<AuthSession>> auth_session_by_token(const std::string& token_hash);
  // The person's sessions that have not ended (expired ones too: the service decides), newest first (by
  // created_ms, ties by id, descending).
  virtual Result<std::vector<AuthSession>> auth_sessions(core::PersonId person);
  // Sets last_used_ms (of an ended session too); kNotFound for an unknown id.
  virtual Status touch_auth_session(const std::string& id, core::UnixMillis used_ms);
  // Ends one session (kNotFound for an unknown id; an ended one keeps its first end time).
  virtual Status end_auth_session(const std::string& id, core::UnixMillis ended_ms);
  // Ends every session of the person that has not ended, except `keep_id` when given; returns how many ended.
  virtual Result<int> end_auth_sessions(core::PersonId person, core::UnixMillis ended_ms,
                                        const std::optional<std::string>& keep_id);

  // Attempt counters for throttling (login, pairing codes, invitations), shared by every instance on the same
  // database. A fixed window per key: counts the attempt at now_ms and returns how many the key has in the window
  // that contains it (a window that started window_ms or more before now_ms is restarted at now_ms), atomically:
  // concurrent calls from any connection or instance each count. kInvalid when window_ms is not positive.
  virtual Result<int> count_attempt(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms);
  // How many attempts the key has in the window that contains now_ms (0 when it is over), without counting one.
  virtual Result<int> attempts(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms);
  // Forgets the key's attempts (a successful login); a key with none is fine.
  virtual Status clear_attempts(const std::string& key);

  // Invitations. kConflict for a hash stored already; kNotFound for an unknown trainer (person).
  virtual Status add_invitation(const Invitation& invitation);
  virtual Result<std::optional<Invitation>> invitation(const std::string& code_hash);
  // In one transaction: marks the invitation used by link.client_id at used_ms and adds (or, when the pair had
  // an ended link, re-opens with link's values) the trainer link. kNotFound for no such invitation (or an
  // unknown client), kConflict when it was used already (exactly one of two concurrent accepts wins) or the link
  // is active already, kInvalid when link.trainer_id is not the invitation's trainer; nothing changes then.
  // Expiry is the caller's rule.
  virtual Status accept_invitation(const std::string& code_hash, core::UnixMillis used_ms, const TrainerLink& link);

  // Trainer links, active and ended, oldest first (by created_ms, ties by the other person's id).
  virtual Result<std::vector<TrainerLink>> clients_of(core::PersonId trainer);
  virtual Result<std::vector<TrainerLink>> trainers_of(core::PersonId client);
  // The link of this pair (active or ended), nullopt when there is none.
  virtual Result<std::optional<TrainerLink>> trainer_link(core::PersonId trainer, core::PersonId client);
  // Changes what an active link shares; kNotFound when the pair has no active link.
  virtual Status set_sharing(core::PersonId trainer, core::PersonId client, const Sharing& sharing);
  // Ends an active link (the client leaves, or the trainer lets go); kNotFound when there is none.
  virtual Status end_trainer_link(core::PersonId trainer, core::PersonId client, core::UnixMillis ended_ms);

  // Routine templates. Saving one whose uid exists replaces it (same trainer only: kConflict otherwise);
  // kNotFound for an unknown trainer (person). Assignments keep their copy when their template is deleted.
  virtual Status save_template(const RoutineTemplate& routine_template);
  virtual Result<std::optional<RoutineTemplate>> routine_template(const std::string& uid);
  // The trainer's templates by name, then uid.
  virtual Result<std::vector<RoutineTemplate>> templates(core::PersonId trainer);
  // kNotFound for an unknown uid.
  virtual Status delete_template(const std::string& uid);

  // Assignments. Saving one whose uid exists replaces it; kNotFound for an unknown trainer or client (person).
  virtual Status save_assignment(const Assignment& assignment);
  virtual Result<std::optional<Assignment>> assignment(const std::string& uid);
  // Newest first (by created_ms, ties by uid, descending).
  virtual Result<std::vector<Assignment>> assignments_of_client(core::PersonId client);
  virtual Result<std::vector<Assignment>> assignments_of_template(const std::string& template_uid);

  // For caches of what is derived from the journal: a number that is different from the one the previous
  // call returned whenever the journal may have changed in between, whether through this Store or through
  // another connection or process. nullopt when the backend cannot tell cheaply: then nothing read from the
  // journal may be kept. Only SQLite tells (docs/storage.md, "Change stamps").
  virtual Result<std::optional<std::uint64_t>> change_stamp() { return std::optional<std::uint64_t>(); }
};

// How a command means to use the journal (issue 11).
struct OpenOptions {
  // Reading only: a missing SQLite journal is kNotFound (nothing is created), and one whose file or folder
  // cannot be written (read-only media, no permission) is opened read-only instead of refused; writes to it
  // then fail with kReadOnly. A writable one is opened as for writing (an older schema is upgraded).
  bool read_only = false;
  // Writing a new SQLite journal: create its folder when it does not exist. false: a missing folder is
  // kNotFound naming it (smr creates only the default location's folder).
  bool create_folder = true;
};

// Opens the store a --db value names: "sqlite:PATH", a bare PATH (SQLite), "postgresql://..." or
// "memory:". Creates and migrates a new database; refuses (without modifying it) a corrupt, foreign or
// newer-version one.
Result<std::unique_ptr<Store>> open_store(const std::string& url, const OpenOptions& options = {});

// Copies a live SQLite journal to a new file at `dest_path` with SQLite's online backup API (the store stays
// usable meanwhile). Refuses an existing destination, and other backends (kIncompatible: use pg_dump).
Status backup_store(Store& store, const std::string& dest_path);

// The URL without its password, for messages and `smr doctor`.
std::string redact_url(const std::string& url);

// The --db default: SQLite in $XDG_DATA_HOME/smr-coach/journal.db (or ~/.local/share/...).
std::string default_store_url();

// A new uid: 32 lower-case hex digits (128 bits from a generator seeded by the OS's random source).
std::string new_uid();

}  // namespace smr::store
