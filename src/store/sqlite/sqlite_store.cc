// The SqliteStore's reads and writes. Opening, migrating and backing up: sqlite_open.cc.

#include "store/sqlite/sqlite_store.h"
#include "store/account_util.h"
#include "store/digest_util.h"

#include <sqlite3.h>

#include <set>
#include <stdexcept>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "core/journal_order.h"
#include "json/journal_json.h"
#include "store/sqlite/sqlite_error.h"
#include "store/sqlite/sqlite_queries.h"
#include "store/sqlite/statement_cache.h"
#include "store/weekly_cache.h"

namespace smr::store {

namespace {

using Code = Error::Code;

// Stored data this build cannot read back (an unknown enum spelling, unparseable profile JSON). Thrown
// while reading rows, caught in SqliteStore::guarded and reported as kCorrupt.
class DamagedData : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Status invalid_if(const std::string& problem) {
  if (problem.empty()) return {};
  return fail(Code::kInvalid, problem);
}

tl::unexpected<Error> no_session(const std::string& uid) {
  return fail(Code::kNotFound, "no session has the uid \"" + uid + "\"");
}

tl::unexpected<Error> no_person(core::PersonId id) {
  return fail(Code::kNotFound, "no person has the id " + std::to_string(id));
}

tl::unexpected<Error> uid_exists(const std::string& uid) {
  return fail(Code::kConflict, "a record with the uid \"" + uid + "\" exists");
}

tl::unexpected<Error> uid_used_elsewhere(const std::string& uid) {
  return fail(Code::kConflict, "the uid \"" + uid + "\" is used by another record");
}

template <typename E>
E stored_enum(const SQLite::Column& column, const char* table) {
  const std::string_view text(column.getText(), static_cast<std::size_t>(column.getBytes()));
  if (const auto value = core::parse_enum<E>(text)) return *value;
  throw DamagedData(std::string(table) + "." + column.getName() + " holds \"" + std::string(text) +
                    "\", expected one of " + core::enum_choices<E>());
}

std::string spelling(auto value) { return std::string(core::to_string(value)); }

// Uids are unique across every record kind (as MemoryStore enforces), but each kind has its own table: this
// is true when any of them holds the uid bound to :uid. When you add a record kind with a uid, add its table.
constexpr const char* kUidTaken =
    "(EXISTS (SELECT 1 FROM sessions WHERE uid = :uid) OR EXISTS (SELECT 1 FROM check_ins WHERE uid = :uid)"
    " OR EXISTS (SELECT 1 FROM adaptations WHERE uid = :uid)"
    " OR EXISTS (SELECT 1 FROM session_notes WHERE uid = :uid)"
    " OR EXISTS (SELECT 1 FROM routines WHERE uid = :uid)"
    " OR EXISTS (SELECT 1 FROM custom_exercises WHERE uid = :uid)"
    " OR EXISTS (SELECT 1 FROM self_tests WHERE uid = :uid))";

// Column lists and the readers that go with them: keep each pair in step.
constexpr const char* kRoutineColumns = "uid, person_id, name, created_ms, routine_json";
core::SavedRoutine read_routine(const SQLite::Statement& s) {
  return core::SavedRoutine{s.getColumn(0).getString(), s.getColumn(1).getInt64(), s.getColumn(2).getString(),
                            s.getColumn(3).getInt64(), s.getColumn(4).getString()};
}

constexpr const char* kCustomExerciseColumns = "uid, person_id, created_ms, toml";
core::CustomExercise read_custom_exercise(const SQLite::Statement& s) {
  return core::CustomExercise{s.getColumn(0).getString(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                              s.getColumn(3).getString()};
}

constexpr const char* kSessionColumns = "uid, person_id, title, started_ms, ended_ms, status, routine_json";
core::SessionInfo read_session_info(const SQLite::Statement& s) {
  core::SessionInfo info;
  info.uid = s.getColumn(0).getString();
  info.person_id = s.getColumn(1).getInt64();
  info.title = s.getColumn(2).getString();
  info.started_ms = s.getColumn(3).getInt64();
  if (!s.getColumn(4).isNull()) info.ended_ms = s.getColumn(4).getInt64();
  info.status = stored_enum<core::SessionStatus>(s.getColumn(5), "sessions");
  info.routine_json = s.getColumn(6).getString();
  return info;
}

constexpr const char* kEventColumns = "session_uid, seq, at_ms, kind, step, data_json";
core::SessionEvent read_event(const SQLite::Statement& s) {
  return core::SessionEvent{s.getColumn(0).getString(), s.getColumn(1).getInt64(), s.getColumn(2).getInt64(),
                            s.getColumn(3).getString(), s.getColumn(4).getInt(),   s.getColumn(5).getString()};
}

constexpr const char* kCheckInColumns =
    "uid, session_uid, at_ms, step, exercise, region, side, intensity, quality, note";
core::CheckIn read_check_in(const SQLite::Statement& s) {
  core::CheckIn c;
  c.uid = s.getColumn(0).getString();
  c.session_uid = s.getColumn(1).getString();
  c.at_ms = s.getColumn(2).getInt64();
  c.step = s.getColumn(3).getInt();
  c.exercise = s.getColumn(4).getString();
  c.region = s.getColumn(5).getString();
  c.side = stored_enum<core::Side>(s.getColumn(6), "check_ins");
  c.intensity = s.getColumn(7).getInt();
  c.quality = stored_enum<core::Quality>(s.getColumn(8), "check_ins");
  c.note = s.getColumn(9).getString();
  return c;
}

constexpr const char* kAdaptationColumns = "uid, session_uid, at_ms, step, kind, reason, detail_json";
core::Adaptation read_adaptation(const SQLite::Statement& s) {
  return core::Adaptation{s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getInt64(),
                          s.getColumn(3).getInt(),    s.getColumn(4).getString(), s.getColumn(5).getString(),
                          s.getColumn(6).getString()};
}

constexpr const char* kNoteColumns = "uid, session_uid, at_ms, text";
core::SessionNote read_note(const SQLite::Statement& s) {
  return core::SessionNote{s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getInt64(),
                           s.getColumn(3).getString()};
}

constexpr const char* kSelfTestColumns = "uid, person_id, at_ms, test, side, value, unit, session_uid, phase";
// A text column's bytes, without a temporary std::string (progress reads every self-test: ten years hold a thousand).
std::string_view text_view(const SQLite::Column& column) {
  const char* text = column.getText();
  return {text, static_cast<std::size_t>(column.getBytes())};
}

core::SelfTest read_self_test(const SQLite::Statement& s) {
  core::SelfTest t;
  t.uid = text_view(s.getColumn(0));
  t.person_id = s.getColumn(1).getInt64();
  t.at_ms = s.getColumn(2).getInt64();
  t.test = text_view(s.getColumn(3));
  t.side = stored_enum<core::Side>(s.getColumn(4), "self_tests");
  t.value = s.getColumn(5).getDouble();
  t.unit = text_view(s.getColumn(6));
  t.session_uid = text_view(s.getColumn(7));
  t.phase = text_view(s.getColumn(8));
  return t;
}

core::Profile read_profile(const SQLite::Statement& s, int json_column, int updated_column) {
  auto parsed = json::profile_from_text(s.getColumn(json_column).getString());
  if (!parsed) throw DamagedData("profiles.profile_json: " + parsed.error().message());
  parsed->updated_ms = s.getColumn(updated_column).getInt64();
  return std::move(*parsed);
}

// The one row `sql` finds with the parameters `bind` sets, read by `read`; nullopt when there is none.
template <typename Read, typename Bind>
auto find_row(detail::StatementCache& statements, const std::string& sql, Bind&& bind, Read read)
    -> std::optional<decltype(read(std::declval<const SQLite::Statement&>()))> {
  auto s = statements.get(sql);
  bind(*s);
  if (!s->executeStep()) return std::nullopt;
  return read(*s);
}

std::string select_from(const char* columns, const char* rest) { return std::string("SELECT ") + columns + " " + rest; }

}  // namespace

SqliteStore::SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db)
    : path_(std::move(path)), db_(std::move(db)), statements_(std::make_unique<detail::StatementCache>(*db_)) {}

SqliteStore::~SqliteStore() = default;

template <typename F>
auto SqliteStore::guarded(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    Error error = detail::sqlite_error(e, path_);
    if (read_only_ && error.code == Code::kReadOnly) {
      error.message = path_ +
                      " was opened for reading only, since it cannot be written (read-only media or no "
                      "permission); nothing was changed";
    }
    return tl::unexpected(std::move(error));
  } catch (const DamagedData& e) {
    return fail(Code::kCorrupt, path_ + " holds data this SMR Coach cannot read (" + e.what() +
                                    "); run `smr doctor` and restore it from a backup");
  } catch (const std::exception& e) {
    return fail(Code::kIo, path_ + ": " + e.what());
  }
}

template <typename F>
auto SqliteStore::in_transaction(F&& body) -> decltype(body()) {
  SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
  auto result = body();
  if (result) tx.commit();  // otherwise the destructor rolls back
  return result;
}

Result<SqliteSettings> SqliteStore::settings() {
  return guarded([&]() -> Result<SqliteSettings> {
    SqliteSettings s;
    s.journal_mode = db_->execAndGet("PRAGMA journal_mode").getString();
    s.foreign_keys = db_->execAndGet("PRAGMA foreign_keys").getInt() != 0;
    s.synchronous = db_->execAndGet("PRAGMA synchronous").getInt();
    s.busy_timeout_ms = db_->execAndGet("PRAGMA busy_timeout").getInt();
    return s;
  });
}

Result<std::optional<std::uint64_t>> SqliteStore::change_stamp() {
  return guarded([&]() -> Result<std::optional<std::uint64_t>> {
    std::int64_t data_version = 0;
    {
      // A statement, not SQLITE_FCNTL_DATA_VERSION: running it starts a read, which is what makes SQLite look
      // at the WAL for other connections' commits.
      auto s = statements_->get("PRAGMA data_version");
      if (!s->executeStep()) throw std::runtime_error("PRAGMA data_version returned no row");
      data_version = s->getColumn(0).getInt64();
    }
    const std::int64_t total_changes = sqlite3_total_changes64(db_->getHandle());
    if (data_version != seen_data_version_ || total_changes != seen_total_changes_) {
      seen_data_version_ = data_version;
      seen_total_changes_ = total_changes;
      ++stamp_;
    }
    return std::optional<std::uint64_t>(stamp_);
  });
}

Result<Health> SqliteStore::check_health() {
  return guarded([&]() -> Result<Health> {
    Health h;
    h.latest_schema_version = latest_sqlite_schema_version();
    try {
      h.schema_version = db_->execAndGet("PRAGMA user_version").getInt();
      SQLite::Statement integrity(*db_, "PRAGMA integrity_check");
      while (integrity.executeStep()) {
        std::string line = integrity.getColumn(0).getString();
        if (line != "ok") h.messages.push_back(std::move(line));
      }
      SQLite::Statement foreign(*db_, "PRAGMA foreign_key_check");
      while (foreign.executeStep()) {
        h.messages.push_back("a row of " + foreign.getColumn(0).getString() + " (rowid " +
                             std::to_string(foreign.getColumn(1).getInt64()) + ") refers to a missing row of " +
                             foreign.getColumn(2).getString());
      }
    } catch (const SQLite::Exception& e) {
      // A damaged file is a finding, not a failure of the check.
      const int code = e.getErrorCode();
      if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB) throw;
      h.messages.push_back(e.what());
    }
    h.integrity_ok = h.messages.empty();
    return h;
  });
}

// ---- lookups shared by the public reads and import_journal (no transaction, may throw) ----

bool SqliteStore::person_exists(core::PersonId id) {
  auto s = statements_->get("SELECT 1 FROM people WHERE id = :id");
  s->bind(":id", id);
  return s->executeStep();
}

bool SqliteStore::session_exists(const std::string& uid) {
  auto s = statements_->get("SELECT 1 FROM sessions WHERE uid = :uid");
  s->bind(":uid", uid);
  return s->executeStep();
}

bool SqliteStore::uid_taken(const std::string& uid) {
  auto s = statements_->get(std::string("SELECT ") + kUidTaken);
  s->bind(":uid", uid);
  s->executeStep();
  return s->getColumn(0).getInt() != 0;
}

std::optional<core::Person> SqliteStore::find_person(core::PersonId id) {
  auto s = statements_->get("SELECT id, name, created_ms FROM people WHERE id = :id");
  s->bind(":id", id);
  if (!s->executeStep()) return std::nullopt;
  return core::Person{s->getColumn(0).getInt64(), s->getColumn(1).getString(), s->getColumn(2).getInt64()};
}

std::optional<core::Profile> SqliteStore::find_profile(core::PersonId id) {
  auto s = statements_->get("SELECT profile_json, updated_ms FROM profiles WHERE person_id = :id");
  s->bind(":id", id);
  if (!s->executeStep()) return std::nullopt;
  return read_profile(*s, 0, 1);
}

std::optional<core::SavedRoutine> SqliteStore::find_routine(const std::string& uid) {
  auto s = statements_->get(select_from(kRoutineColumns, "FROM routines WHERE uid = :uid"));
  s->bind(":uid", uid);
  if (!s->executeStep()) return std::nullopt;
  return read_routine(*s);
}

std::optional<core::CustomExercise> SqliteStore::find_custom_exercise(const std::string& uid) {
  auto s = statements_->get(select_from(kCustomExerciseColumns, "FROM custom_exercises WHERE uid = :uid"));
  s->bind(":uid", uid);
  if (!s->executeStep()) return std::nullopt;
  return read_custom_exercise(*s);
}

std::optional<core::SessionRecord> SqliteStore::find_session(const std::string& uid) {
  core::SessionRecord record;
  {
    auto s = statements_->get(select_from(kSessionColumns, "FROM sessions WHERE uid = :uid"));
    s->bind(":uid", uid);
    if (!s->executeStep()) return std::nullopt;
    record.info = read_session_info(*s);
  }
  {
    auto s = statements_->get(select_from(kEventColumns, "FROM session_events WHERE session_uid = :uid ORDER BY seq"));
    s->bind(":uid", uid);
    while (s->executeStep()) record.events.push_back(read_event(*s));
  }
  {
    auto s =
        statements_->get(select_from(kCheckInColumns, "FROM check_ins WHERE session_uid = :uid ORDER BY at_ms, uid"));
    s->bind(":uid", uid);
    while (s->executeStep()) record.check_ins.push_back(read_check_in(*s));
  }
  {
    auto s = statements_->get(
        select_from(kAdaptationColumns, "FROM adaptations WHERE session_uid = :uid ORDER BY at_ms, uid"));
    s->bind(":uid", uid);
    while (s->executeStep()) record.adaptations.push_back(read_adaptation(*s));
  }
  {
    auto s =
        statements_->get(select_from(kNoteColumns, "FROM session_notes WHERE session_uid = :uid ORDER BY at_ms, uid"));
    s->bind(":uid", uid);
    while (s->executeStep()) record.notes.push_back(read_note(*s));
  }
  core::canonicalize(record);
  return record;
}

std::optional<core::SelfTest> SqliteStore::find_self_test(const std::string& uid) {
  auto s = statements_->get(select_from(kSelfTestColumns, "FROM self_tests WHERE uid = :uid"));
  s->bind(":uid", uid);
  if (!s->executeStep()) return std::nullopt;
  return read_self_test(*s);
}

std::optional<std::string> SqliteStore::find_setting(core::PersonId id, const std::string& key) {
  auto s = statements_->get("SELECT value FROM settings WHERE person_id = :id AND key = :key");
  s->bind(":id", id);
  s->bind(":key", key);
  if (!s->executeStep()) return std::nullopt;
  return s->getColumn(0).getString();
}

// ---- people and profiles ----

Result<core::Person> SqliteStore::person(core::PersonId id) {
  return guarded([&]() -> Result<core::Person> {
    auto p = find_person(id);
    if (!p) return no_person(id);
    return std::move(*p);
  });
}

Result<std::vector<core::Person>> SqliteStore::people() {
  return guarded([&]() -> Result<std::vector<core::Person>> {
    std::vector<core::Person> out;
    auto s = statements_->get("SELECT id, name, created_ms FROM people ORDER BY id");
    while (s->executeStep()) {
      out.push_back(core::Person{s->getColumn(0).getInt64(), s->getColumn(1).getString(), s->getColumn(2).getInt64()});
    }
    return out;
  });
}

Result<core::Person> SqliteStore::add_person(const std::string& name, core::UnixMillis now_ms) {
  return guarded([&]() -> Result<core::Person> {
    if (name.empty()) return fail(Code::kInvalid, "name: must not be empty");
    // One statement: the next id (the highest plus one, as MemoryStore) and the row together.
    auto s = statements_->get(
        "INSERT INTO people (id, name, created_ms) SELECT COALESCE(MAX(id), 0) + 1, :name, :created_ms FROM people");
    s->bind(":name", name);
    s->bind(":created_ms", now_ms);
    s->exec();
    return core::Person{db_->getLastInsertRowid(), name, now_ms};
  });
}

Result<std::optional<core::Profile>> SqliteStore::profile(core::PersonId id) {
  return guarded([&]() -> Result<std::optional<core::Profile>> {
    SQLite::Transaction read(*db_);  // the person and the profile from one snapshot
    if (!person_exists(id)) return no_person(id);
    return find_profile(id);
  });
}

Status SqliteStore::save_profile_now(core::PersonId id, const core::Profile& profile) {
  if (!person_exists(id)) return no_person(id);
  auto s = statements_->get(
      "INSERT INTO profiles (person_id, profile_json, updated_ms) VALUES (:id, :json, :updated_ms) "
      "ON CONFLICT (person_id) DO UPDATE SET profile_json = excluded.profile_json, updated_ms = excluded.updated_ms");
  s->bind(":id", id);
  s->bind(":json", json::profile_to_text(profile));
  s->bind(":updated_ms", profile.updated_ms);
  s->exec();
  return {};
}

Status SqliteStore::save_profile(core::PersonId id, const core::Profile& profile) {
  return guarded([&] { return in_transaction([&] { return save_profile_now(id, profile); }); });
}

// ---- routines and custom exercises ----

Status SqliteStore::save_routine_now(const core::SavedRoutine& r) {
  if (auto s = invalid_if(core::problem_with(r)); !s) return s;
  if (!person_exists(r.person_id)) return no_person(r.person_id);
  if (!find_routine(r.uid) && uid_taken(r.uid)) return uid_used_elsewhere(r.uid);
  // Saving an existing routine replaces it.
  auto s = statements_->get(
      "INSERT INTO routines (uid, person_id, name, created_ms, routine_json) "
      "VALUES (:uid, :person_id, :name, :created_ms, :routine_json) ON CONFLICT (uid) DO UPDATE SET "
      "person_id = excluded.person_id, name = excluded.name, created_ms = excluded.created_ms, "
      "routine_json = excluded.routine_json");
  s->bind(":uid", r.uid);
  s->bind(":person_id", r.person_id);
  s->bind(":name", r.name);
  s->bind(":created_ms", r.created_ms);
  s->bind(":routine_json", r.routine_json);
  s->exec();
  return {};
}

Status SqliteStore::save_routine(const core::SavedRoutine& routine) {
  return guarded([&] { return in_transaction([&] { return save_routine_now(routine); }); });
}

Result<std::vector<core::SavedRoutine>> SqliteStore::routines(core::PersonId id) {
  return guarded([&]() -> Result<std::vector<core::SavedRoutine>> {
    std::vector<core::SavedRoutine> out;
    auto s =
        statements_->get(select_from(kRoutineColumns, "FROM routines WHERE person_id = :id ORDER BY created_ms, uid"));
    s->bind(":id", id);
    while (s->executeStep()) out.push_back(read_routine(*s));
    return out;
  });
}

Status SqliteStore::delete_routine(const std::string& uid) {
  return guarded([&]() -> Status {
    auto s = statements_->get("DELETE FROM routines WHERE uid = :uid");
    s->bind(":uid", uid);
    if (s->exec() == 0) return fail(Code::kNotFound, "no routine has the uid \"" + uid + "\"");
    return {};
  });
}

Status SqliteStore::save_custom_exercise_now(const core::CustomExercise& x) {
  if (auto s = invalid_if(core::problem_with(x)); !s) return s;
  if (!person_exists(x.person_id)) return no_person(x.person_id);
  if (!find_custom_exercise(x.uid) && uid_taken(x.uid)) return uid_used_elsewhere(x.uid);
  auto s = statements_->get(
      "INSERT INTO custom_exercises (uid, person_id, created_ms, toml) VALUES (:uid, :person_id, :created_ms, :toml) "
      "ON CONFLICT (uid) DO UPDATE SET person_id = excluded.person_id, created_ms = excluded.created_ms, "
      "toml = excluded.toml");
  s->bind(":uid", x.uid);
  s->bind(":person_id", x.person_id);
  s->bind(":created_ms", x.created_ms);
  s->bind(":toml", x.toml);
  s->exec();
  return {};
}

Status SqliteStore::save_custom_exercise(const core::CustomExercise& exercise) {
  return guarded([&] { return in_transaction([&] { return save_custom_exercise_now(exercise); }); });
}

Result<std::vector<core::CustomExercise>> SqliteStore::custom_exercises(core::PersonId id) {
  return guarded([&]() -> Result<std::vector<core::CustomExercise>> {
    std::vector<core::CustomExercise> out;
    auto s = statements_->get(
        select_from(kCustomExerciseColumns, "FROM custom_exercises WHERE person_id = :id ORDER BY created_ms, uid"));
    s->bind(":id", id);
    while (s->executeStep()) out.push_back(read_custom_exercise(*s));
    return out;
  });
}

// ---- sessions ----
//
// The inserts below are single statements (autocommitted outside import_journal) that insert only when every
// condition holds; when they change nothing, a second look says why, in MemoryStore's order of checks.

Status SqliteStore::explain_session_insert(const std::string& session_uid, const std::string& uid) {
  if (!session_exists(session_uid)) return no_session(session_uid);
  return uid_exists(uid);
}

Status SqliteStore::start_session_now(const core::SessionInfo& info) {
  if (auto s = invalid_if(core::problem_with(info)); !s) return s;
  // A session stored ended (an import) has nothing recorded yet: its digest has no regions ('', and no rows).
  // Whoever adds records to it next rewrites it (import_now does).
  static const std::string kSql =
      std::string(
          "INSERT INTO sessions (uid, person_id, title, started_ms, ended_ms, status, routine_json, digest) "
          "SELECT :uid, :person_id, :title, :started_ms, :ended_ms, :status, :routine_json, "
          "CASE WHEN :status <> 'active' THEN '' END "
          "WHERE EXISTS (SELECT 1 FROM people WHERE id = :person_id) AND NOT ") +
      kUidTaken;
  auto s = statements_->get(kSql);
  s->bind(":uid", info.uid);
  s->bind(":person_id", info.person_id);
  s->bind(":title", info.title);
  s->bind(":started_ms", info.started_ms);
  if (info.ended_ms) {
    s->bind(":ended_ms", *info.ended_ms);
  } else {
    s->bind(":ended_ms");
  }
  s->bind(":status", spelling(info.status));
  s->bind(":routine_json", info.routine_json);
  if (s->exec() == 1) return {};
  if (!person_exists(info.person_id)) return no_person(info.person_id);
  return uid_exists(info.uid);
}

Status SqliteStore::start_session(const core::SessionInfo& session) {
  return guarded([&] { return start_session_now(session); });
}

Status SqliteStore::append_event_now(const core::SessionEvent& e) {
  if (auto s = invalid_if(core::problem_with(e)); !s) return s;
  auto s = statements_->get(
      "INSERT INTO session_events (session_uid, seq, at_ms, kind, step, data_json) "
      "SELECT :session_uid, :seq, :at_ms, :kind, :step, :data_json "
      "WHERE EXISTS (SELECT 1 FROM sessions WHERE uid = :session_uid) "
      "ON CONFLICT (session_uid, seq) DO NOTHING");
  s->bind(":session_uid", e.session_uid);
  s->bind(":seq", e.seq);
  s->bind(":at_ms", e.at_ms);
  s->bind(":kind", e.kind);
  s->bind(":step", e.step);
  s->bind(":data_json", e.data_json);
  if (s->exec() == 1) return {};
  if (!session_exists(e.session_uid)) return no_session(e.session_uid);
  return fail(Code::kConflict, "session \"" + e.session_uid + "\" already has event " + std::to_string(e.seq));
}

Status SqliteStore::append_event(const core::SessionEvent& event) {
  if (auto s = invalid_if(core::problem_with(event)); !s) return s;
  return guarded([&]() -> Status {
    // The hot path, a session being played (its digest is not stored): one autocommitted statement.
    auto s = statements_->get(
        "INSERT INTO session_events (session_uid, seq, at_ms, kind, step, data_json) "
        "SELECT :session_uid, :seq, :at_ms, :kind, :step, :data_json "
        "WHERE EXISTS (SELECT 1 FROM sessions WHERE uid = :session_uid AND digest IS NULL) "
        "ON CONFLICT (session_uid, seq) DO NOTHING");
    s->bind(":session_uid", event.session_uid);
    s->bind(":seq", event.seq);
    s->bind(":at_ms", event.at_ms);
    s->bind(":kind", event.kind);
    s->bind(":step", event.step);
    s->bind(":data_json", event.data_json);
    if (s->exec() == 1) return {};
    // No session, a taken seq, or an event of a session whose digest is stored: the event and the digest it
    // changes in one transaction (or the reason for refusing).
    return in_transaction([&]() -> Status {
      if (auto st = append_event_now(event); !st) return st;
      refresh_digest_if_stored(event.session_uid);
      return {};
    });
  });
}

Status SqliteStore::record_check_in_now(const core::CheckIn& c) {
  if (auto s = invalid_if(core::problem_with(c)); !s) return s;
  // The person is copied from the session, for per-person queries (check_ins_by_person_time).
  static const std::string kSql =
      std::string(
          "INSERT INTO check_ins (uid, session_uid, person_id, at_ms, step, exercise, region, side, intensity, "
          "quality, note) "
          "SELECT :uid, s.uid, s.person_id, :at_ms, :step, :exercise, :region, :side, :intensity, :quality, :note "
          "FROM sessions AS s WHERE s.uid = :session_uid AND NOT ") +
      kUidTaken;
  auto s = statements_->get(kSql);
  s->bind(":uid", c.uid);
  s->bind(":session_uid", c.session_uid);
  s->bind(":at_ms", c.at_ms);
  s->bind(":step", c.step);
  s->bind(":exercise", c.exercise);
  s->bind(":region", c.region);
  s->bind(":side", spelling(c.side));
  s->bind(":intensity", c.intensity);
  s->bind(":quality", spelling(c.quality));
  s->bind(":note", c.note);
  if (s->exec() == 1) return {};
  return explain_session_insert(c.session_uid, c.uid);
}

void SqliteStore::add_to_weekly_stats(const core::CheckIn& c) {
  auto s = statements_->get(detail::weekly_add_check_in_sql());
  s->bind(":session_uid", c.session_uid);
  s->bind(":at_ms", c.at_ms);
  s->bind(":region", c.region);
  s->bind(":side", spelling(c.side));
  s->bind(":intensity", c.intensity);
  s->bind(":pain", core::is_pain(c.quality) ? 1 : 0);
  s->exec();
}

Status SqliteStore::record_check_in(const core::CheckIn& check_in) {
  // An invalid check-in is refused before the write lock is taken.
  if (auto s = invalid_if(core::problem_with(check_in)); !s) return s;
  // The check-in, its weekly aggregates and (after the session's end) its session's digest in one transaction:
  // all are on disk, or none.
  return guarded([&] {
    return in_transaction([&]() -> Status {
      if (auto s = record_check_in_now(check_in); !s) return s;
      add_to_weekly_stats(check_in);
      refresh_digest_if_stored(check_in.session_uid);
      return {};
    });
  });
}

Status SqliteStore::record_adaptation_now(const core::Adaptation& a) {
  if (auto s = invalid_if(core::problem_with(a)); !s) return s;
  static const std::string kSql =
      std::string(
          "INSERT INTO adaptations (uid, session_uid, at_ms, step, kind, reason, detail_json) "
          "SELECT :uid, :session_uid, :at_ms, :step, :kind, :reason, :detail_json "
          "WHERE EXISTS (SELECT 1 FROM sessions WHERE uid = :session_uid) AND NOT ") +
      kUidTaken;
  auto s = statements_->get(kSql);
  s->bind(":uid", a.uid);
  s->bind(":session_uid", a.session_uid);
  s->bind(":at_ms", a.at_ms);
  s->bind(":step", a.step);
  s->bind(":kind", a.kind);
  s->bind(":reason", a.reason);
  s->bind(":detail_json", a.detail_json);
  if (s->exec() == 1) return {};
  return explain_session_insert(a.session_uid, a.uid);
}

Status SqliteStore::record_adaptation(const core::Adaptation& adaptation) {
  return guarded([&] { return record_adaptation_now(adaptation); });
}

Status SqliteStore::add_note_now(const core::SessionNote& n) {
  if (auto s = invalid_if(core::problem_with(n)); !s) return s;
  static const std::string kSql =
      std::string(
          "INSERT INTO session_notes (uid, session_uid, at_ms, text) SELECT :uid, :session_uid, :at_ms, :text "
          "WHERE EXISTS (SELECT 1 FROM sessions WHERE uid = :session_uid) AND NOT ") +
      kUidTaken;
  auto s = statements_->get(kSql);
  s->bind(":uid", n.uid);
  s->bind(":session_uid", n.session_uid);
  s->bind(":at_ms", n.at_ms);
  s->bind(":text", n.text);
  if (s->exec() == 1) return {};
  return explain_session_insert(n.session_uid, n.uid);
}

Status SqliteStore::add_note(const core::SessionNote& note) {
  return guarded([&] { return add_note_now(note); });
}

Status SqliteStore::end_session(const std::string& uid, core::UnixMillis ended_ms, core::SessionStatus status) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      auto s = statements_->get("SELECT status, started_ms FROM sessions WHERE uid = :uid");
      s->bind(":uid", uid);
      if (!s->executeStep()) return no_session(uid);
      if (status == core::SessionStatus::kActive) {
        return fail(Code::kInvalid, "status: a session ends as \"finished\" or \"stopped\"");
      }
      if (stored_enum<core::SessionStatus>(s->getColumn(0), "sessions") != core::SessionStatus::kActive) {
        return fail(Code::kConflict, "session \"" + uid + "\" has ended already");
      }
      if (ended_ms < s->getColumn(1).getInt64()) {
        return fail(Code::kInvalid, "ended_ms: must not be before started_ms");
      }
      auto update = statements_->get("UPDATE sessions SET ended_ms = :ended_ms, status = :status WHERE uid = :uid");
      update->bind(":ended_ms", ended_ms);
      update->bind(":status", spelling(status));
      update->bind(":uid", uid);
      update->exec();
      store_digest(uid);  // the session as it ended, in the same transaction
      return {};
    });
  });
}

Result<Store::SessionProgress> SqliteStore::session_progress(const std::string& uid) {
  return guarded([&]() -> Result<SessionProgress> {
    auto s = statements_->get(
        "SELECT status, (SELECT COUNT(*) FROM session_events WHERE session_uid = :uid), ended_ms FROM sessions "
        "WHERE uid = :uid");
    s->bind(":uid", uid);
    if (!s->executeStep()) return no_session(uid);
    SessionProgress p;
    p.status = stored_enum<core::SessionStatus>(s->getColumn(0), "sessions");
    p.events = static_cast<std::size_t>(s->getColumn(1).getInt64());
    if (!s->getColumn(2).isNull()) p.ended_ms = s->getColumn(2).getInt64();
    return p;
  });
}

Result<core::SessionRecord> SqliteStore::session(const std::string& uid) {
  return guarded([&]() -> Result<core::SessionRecord> {
    SQLite::Transaction read(*db_);  // the session and its records from one snapshot
    auto record = find_session(uid);
    if (!record) return no_session(uid);
    return std::move(*record);
  });
}

// ---- session digests ----
//
// Ended sessions' digests are stored in session_digests (store/digest_util.h); the others are computed from
// their records when asked for.

void SqliteStore::store_digest(const std::string& uid) {
  const auto record = find_session(uid);
  if (!record || record->info.status == core::SessionStatus::kActive) return;
  const core::SessionDigest digest = core::digest_session(*record);
  {
    auto s = statements_->get("DELETE FROM session_digests WHERE session_uid = :uid");
    s->bind(":uid", uid);
    s->exec();
  }
  for (const auto& r : digest.regions) {
    auto s = statements_->get(
        "INSERT INTO session_digests (session_uid, region, side, active_ms, check_ins, intensity_sum, "
        "intensity_max, pain_check_ins, first_check_in_ms, last_check_in_ms, last_intensity) VALUES (:uid, "
        ":region, :side, :active_ms, :check_ins, :intensity_sum, :intensity_max, :pain_check_ins, "
        ":first_check_in_ms, :last_check_in_ms, :last_intensity)");
    s->bind(":uid", uid);
    s->bind(":region", r.region);
    s->bind(":side", spelling(r.side));
    s->bind(":active_ms", r.active_ms);
    s->bind(":check_ins", r.check_ins);
    s->bind(":intensity_sum", r.intensity_sum);
    s->bind(":intensity_max", r.intensity_max);
    s->bind(":pain_check_ins", r.pain_check_ins);
    s->bind(":first_check_in_ms", r.first_check_in_ms);
    s->bind(":last_check_in_ms", r.last_check_in_ms);
    s->bind(":last_intensity", r.last_intensity);
    s->exec();
  }
  auto s = statements_->get("UPDATE sessions SET digest = :digest WHERE uid = :uid");
  s->bind(":digest", detail::digest_text(digest.regions));
  s->bind(":uid", uid);
  s->exec();
}

void SqliteStore::refresh_digest_if_stored(const std::string& uid) {
  bool stored = false;
  {
    auto s = statements_->get("SELECT digest IS NOT NULL FROM sessions WHERE uid = :uid");
    s->bind(":uid", uid);
    stored = s->executeStep() && s->getColumn(0).getInt() != 0;
  }
  if (stored) store_digest(uid);
}

Status SqliteStore::backfill_digests() {
  return guarded([&]() -> Status {
    {
      // Nothing to do (the common case) is found without the write lock, so that opening a journal another
      // program is writing does not wait for it (issue 11).
      auto s = statements_->get(detail::digests_missing_sql());
      const bool missing = s->executeStep();
      if (!missing) return {};
    }
    for (bool more = true; more;) {
      const Status batch = in_transaction([&]() -> Status {
        std::vector<std::string> uids;
        {
          auto s = statements_->get(detail::digests_missing_sql());
          while (s->executeStep()) uids.push_back(s->getColumn(0).getString());
        }
        for (const auto& uid : uids) store_digest(uid);
        more = uids.size() == static_cast<std::size_t>(detail::kDigestBackfillBatch);
        return {};
      });
      if (!batch) return batch;
    }
    return {};
  });
}

Result<std::vector<core::SessionDigest>> SqliteStore::session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                                      core::UnixMillis to_ms) {
  return guarded([&]() -> Result<std::vector<core::SessionDigest>> {
    SQLite::Transaction read(*db_);  // the stored digests and the other sessions' records from one snapshot
    std::vector<core::SessionDigest> out;
    std::vector<std::size_t> from_records;  // sessions (indexes in out) whose digest is not stored
    {
      auto s = statements_->get(detail::session_digests_sql());
      s->bind(":person_id", id);
      s->bind(":from_ms", from_ms);
      s->bind(":to_ms", to_ms);
      while (s->executeStep()) {
        core::SessionDigest& d = out.emplace_back();
        d.uid = text_view(s->getColumn(0));
        d.person_id = id;
        d.started_ms = s->getColumn(1).getInt64();
        if (!s->getColumn(2).isNull()) d.ended_ms = s->getColumn(2).getInt64();
        d.status = stored_enum<core::SessionStatus>(s->getColumn(3), "sessions");
        const SQLite::Column digest = s->getColumn(4);
        if (digest.isNull()) {
          from_records.push_back(out.size() - 1);
        } else if (!detail::read_digest_text(
                       std::string_view(digest.getText(), static_cast<std::size_t>(digest.getBytes())), d.regions)) {
          throw DamagedData("sessions.digest of session \"" + d.uid + "\" is not a digest");
        }
      }
    }
    for (const std::size_t i : from_records) {
      const auto record = find_session(out[i].uid);
      if (!record) throw std::logic_error("a session listed in this read is gone");
      out[i] = core::digest_session(*record);
    }
    read.commit();
    return out;
  });
}

Result<std::vector<core::SessionInfo>> SqliteStore::sessions(core::PersonId id, core::UnixMillis from_ms,
                                                             core::UnixMillis to_ms) {
  return guarded([&]() -> Result<std::vector<core::SessionInfo>> {
    std::vector<core::SessionInfo> out;
    auto s = statements_->get(
        select_from(kSessionColumns,
                    "FROM sessions WHERE person_id = :id AND started_ms >= :from_ms AND started_ms < :to_ms "
                    "ORDER BY started_ms, uid"));
    s->bind(":id", id);
    s->bind(":from_ms", from_ms);
    s->bind(":to_ms", to_ms);
    while (s->executeStep()) out.push_back(read_session_info(*s));
    return out;
  });
}

Result<std::vector<core::CheckIn>> SqliteStore::check_ins(core::PersonId id, core::UnixMillis from_ms,
                                                          core::UnixMillis to_ms) {
  return guarded([&]() -> Result<std::vector<core::CheckIn>> {
    std::vector<core::CheckIn> out;
    auto s = statements_->get(select_from(
        kCheckInColumns,
        "FROM check_ins WHERE person_id = :id AND at_ms >= :from_ms AND at_ms < :to_ms ORDER BY at_ms, uid"));
    s->bind(":id", id);
    s->bind(":from_ms", from_ms);
    s->bind(":to_ms", to_ms);
    while (s->executeStep()) out.push_back(read_check_in(*s));
    return out;
  });
}

// ---- self-tests and settings ----

Status SqliteStore::record_self_test_now(const core::SelfTest& t) {
  if (auto s = invalid_if(core::problem_with(t)); !s) return s;
  static const std::string kSql =
      std::string(
          "INSERT INTO self_tests (uid, person_id, at_ms, test, side, value, unit, session_uid, phase) "
          "SELECT :uid, :person_id, :at_ms, :test, :side, :value, :unit, :session_uid, :phase "
          "WHERE EXISTS (SELECT 1 FROM people WHERE id = :person_id) "
          "AND (:session_uid = '' OR EXISTS (SELECT 1 FROM sessions WHERE uid = :session_uid)) AND NOT ") +
      kUidTaken;
  auto s = statements_->get(kSql);
  s->bind(":uid", t.uid);
  s->bind(":person_id", t.person_id);
  s->bind(":at_ms", t.at_ms);
  s->bind(":test", t.test);
  s->bind(":side", spelling(t.side));
  s->bind(":value", t.value);
  s->bind(":unit", t.unit);
  s->bind(":session_uid", t.session_uid);
  s->bind(":phase", t.phase);
  if (s->exec() == 1) return {};
  if (!person_exists(t.person_id)) return no_person(t.person_id);
  if (!t.session_uid.empty() && !session_exists(t.session_uid)) return no_session(t.session_uid);
  return uid_exists(t.uid);
}

Status SqliteStore::record_self_test(const core::SelfTest& test) {
  return guarded([&] { return record_self_test_now(test); });
}

Result<std::vector<core::SelfTest>> SqliteStore::self_tests(core::PersonId id) {
  return guarded([&]() -> Result<std::vector<core::SelfTest>> {
    std::vector<core::SelfTest> out;
    auto s =
        statements_->get(select_from(kSelfTestColumns, "FROM self_tests WHERE person_id = :id ORDER BY at_ms, uid"));
    s->bind(":id", id);
    while (s->executeStep()) out.push_back(read_self_test(*s));
    return out;
  });
}

Result<std::optional<std::string>> SqliteStore::setting(core::PersonId id, const std::string& key) {
  return guarded([&]() -> Result<std::optional<std::string>> { return find_setting(id, key); });
}

Status SqliteStore::set_setting_now(const core::Setting& setting) {
  if (!person_exists(setting.person_id)) return no_person(setting.person_id);
  if (setting.key.empty()) return fail(Code::kInvalid, "key: must not be empty");
  auto s = statements_->get(
      "INSERT INTO settings (person_id, key, value) VALUES (:id, :key, :value) "
      "ON CONFLICT (person_id, key) DO UPDATE SET value = excluded.value");
  s->bind(":id", setting.person_id);
  s->bind(":key", setting.key);
  s->bind(":value", setting.value);
  s->exec();
  return {};
}

Status SqliteStore::set_setting(const core::Setting& setting) {
  return guarded([&] { return in_transaction([&] { return set_setting_now(setting); }); });
}

// ---- progress ----
//
// Whole weeks come from the weekly_stats aggregate, partial weeks at the range's edges from the check-ins
// (store/weekly_cache.h). The aggregate of an offset is built by the first query that needs it.

namespace {

core::WeeklyRegionStat read_weekly_row(const SQLite::Statement& s) {
  core::WeeklyRegionStat w;
  w.week_start_ms = s.getColumn(0).getInt64();
  w.region = s.getColumn(1).getString();
  w.side = stored_enum<core::Side>(s.getColumn(2), "check_ins");
  w.check_ins = s.getColumn(3).getInt();
  w.mean_intensity = detail::mean_intensity(s.getColumn(3).getInt64(), s.getColumn(4).getInt64());
  w.max_intensity = s.getColumn(5).getInt();
  w.pain_count = s.getColumn(6).getInt();
  return w;
}

}  // namespace

void SqliteStore::read_weekly_groups(core::PersonId id, core::UnixMillis from_ms, core::UnixMillis to_ms,
                                     int utc_offset_minutes, std::vector<core::WeeklyRegionStat>& out) {
  if (from_ms >= to_ms) return;
  auto s = statements_->get(detail::weekly_groups_sql());
  s->bind(":person_id", id);
  s->bind(":from_ms", from_ms);
  s->bind(":to_ms", to_ms);
  s->bind(":offset_ms", static_cast<std::int64_t>(utc_offset_minutes) * 60'000);
  while (s->executeStep()) out.push_back(read_weekly_row(*s));
}

bool SqliteStore::weekly_offset_kept(core::PersonId id, int utc_offset_minutes) {
  auto s = statements_->get(
      "SELECT 1 FROM weekly_stats_offsets WHERE person_id = :person_id AND offset_minutes = :offset_minutes");
  s->bind(":person_id", id);
  s->bind(":offset_minutes", utc_offset_minutes);
  return s->executeStep();
}

bool SqliteStore::build_weekly_stats(core::PersonId id, int utc_offset_minutes) {
  if (!person_exists(id)) return false;
  {
    auto s = statements_->get(detail::weekly_evict_sql());
    s->bind(":person_id", id);
    s->exec();
  }
  {
    auto s = statements_->get(
        "INSERT INTO weekly_stats_offsets (person_id, offset_minutes, kept_seq) SELECT :person_id, "
        ":offset_minutes, COALESCE(MAX(kept_seq), 0) + 1 FROM weekly_stats_offsets WHERE person_id = :person_id");
    s->bind(":person_id", id);
    s->bind(":offset_minutes", utc_offset_minutes);
    s->exec();
  }
  auto s = statements_->get(detail::weekly_build_sql());
  s->bind(":person_id", id);
  s->bind(":offset_minutes", utc_offset_minutes);
  s->exec();
  return true;
}

void SqliteStore::read_weekly_split(core::PersonId id, core::UnixMillis from_ms, core::UnixMillis to_ms,
                                    int utc_offset_minutes, const detail::WeekSplit& split,
                                    std::vector<core::WeeklyRegionStat>& out) {
  // The three parts hold disjoint weeks, in order: before full_from, from full_from to full_to, after.
  read_weekly_groups(id, from_ms, split.full_from, utc_offset_minutes, out);
  {
    auto s = statements_->get(detail::weekly_cached_sql());
    s->bind(":person_id", id);
    s->bind(":offset_minutes", utc_offset_minutes);
    s->bind(":from_ms", split.full_from);
    s->bind(":to_ms", split.full_to);
    while (s->executeStep()) out.push_back(read_weekly_row(*s));
  }
  read_weekly_groups(id, split.full_to, to_ms, utc_offset_minutes, out);
}

Result<std::vector<core::WeeklyRegionStat>> SqliteStore::weekly_region_stats(core::PersonId id,
                                                                             core::UnixMillis from_ms,
                                                                             core::UnixMillis to_ms,
                                                                             int utc_offset_minutes) {
  return guarded([&]() -> Result<std::vector<core::WeeklyRegionStat>> {
    std::vector<core::WeeklyRegionStat> out;
    const detail::WeekSplit split = detail::split_weeks(from_ms, to_ms, utc_offset_minutes);
    if (!split.has_full_weeks) {
      // Less than a whole week: the check-ins are few, and one statement reads them from one snapshot.
      read_weekly_groups(id, from_ms, to_ms, utc_offset_minutes, out);
      return out;
    }
    {
      SQLite::Transaction read(*db_);  // the aggregate and the edges from one snapshot
      if (weekly_offset_kept(id, utc_offset_minutes)) {
        read_weekly_split(id, from_ms, to_ms, utc_offset_minutes, split, out);
        read.commit();
        return out;
      }
    }
    if (read_only_) {
      // A journal that cannot be written keeps no aggregate at a new offset: group its check-ins instead.
      read_weekly_groups(id, from_ms, to_ms, utc_offset_minutes, out);
      return out;
    }
    // First query at this offset: build the aggregate under the write lock, so that no check-in is recorded
    // between the build and the offset's row, and read it in the same transaction.
    return in_transaction([&]() -> Result<std::vector<core::WeeklyRegionStat>> {
      if (weekly_offset_kept(id, utc_offset_minutes) || build_weekly_stats(id, utc_offset_minutes)) {
        read_weekly_split(id, from_ms, to_ms, utc_offset_minutes, split, out);
      } else {
        read_weekly_groups(id, from_ms, to_ms, utc_offset_minutes, out);  // no such person: nothing to keep
      }
      return out;
    });
  });
}

// ---- export and import ----

Result<core::Journal> SqliteStore::export_journal() {
  return guarded([&]() -> Result<core::Journal> {
    SQLite::Transaction read(*db_);  // one consistent snapshot, even while another process writes
    core::Journal j;
    {
      SQLite::Statement s(*db_, "SELECT id, name, created_ms FROM people ORDER BY id");
      while (s.executeStep()) {
        j.people.push_back(
            core::Person{s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getInt64()});
      }
    }
    {
      SQLite::Statement s(*db_, "SELECT person_id, profile_json, updated_ms FROM profiles ORDER BY person_id");
      while (s.executeStep())
        j.profiles.push_back(core::PersonProfile{s.getColumn(0).getInt64(), read_profile(s, 1, 2)});
    }
    {
      SQLite::Statement s(*db_, select_from(kRoutineColumns, "FROM routines ORDER BY created_ms, uid"));
      while (s.executeStep()) j.routines.push_back(read_routine(s));
    }
    {
      SQLite::Statement s(*db_, select_from(kCustomExerciseColumns, "FROM custom_exercises ORDER BY created_ms, uid"));
      while (s.executeStep()) j.custom_exercises.push_back(read_custom_exercise(s));
    }
    std::unordered_map<std::string, std::size_t> session_index;
    {
      SQLite::Statement s(*db_, select_from(kSessionColumns, "FROM sessions ORDER BY started_ms, uid"));
      while (s.executeStep()) {
        session_index.emplace(s.getColumn(0).getString(), j.sessions.size());
        j.sessions.push_back(core::SessionRecord{read_session_info(s), {}, {}, {}, {}});
      }
    }
    // Each session's records, attached by session uid. A record of a missing session can exist only if
    // foreign keys were off when it was written: reported as damage rather than silently left out.
    auto session_of = [&](const std::string& uid, const char* table) -> core::SessionRecord& {
      const auto it = session_index.find(uid);
      if (it == session_index.end())
        throw DamagedData(std::string(table) + " refers to a missing session \"" + uid + "\"");
      return j.sessions[it->second];
    };
    {
      SQLite::Statement s(*db_, select_from(kEventColumns, "FROM session_events ORDER BY session_uid, seq"));
      while (s.executeStep()) {
        auto e = read_event(s);
        session_of(e.session_uid, "session_events").events.push_back(std::move(e));
      }
    }
    {
      SQLite::Statement s(*db_, select_from(kCheckInColumns, "FROM check_ins ORDER BY at_ms, uid"));
      while (s.executeStep()) {
        auto c = read_check_in(s);
        session_of(c.session_uid, "check_ins").check_ins.push_back(std::move(c));
      }
    }
    {
      SQLite::Statement s(*db_, select_from(kAdaptationColumns, "FROM adaptations ORDER BY at_ms, uid"));
      while (s.executeStep()) {
        auto a = read_adaptation(s);
        session_of(a.session_uid, "adaptations").adaptations.push_back(std::move(a));
      }
    }
    {
      SQLite::Statement s(*db_, select_from(kNoteColumns, "FROM session_notes ORDER BY at_ms, uid"));
      while (s.executeStep()) {
        auto n = read_note(s);
        session_of(n.session_uid, "session_notes").notes.push_back(std::move(n));
      }
    }
    {
      SQLite::Statement s(*db_, select_from(kSelfTestColumns, "FROM self_tests ORDER BY at_ms, uid"));
      while (s.executeStep()) j.self_tests.push_back(read_self_test(s));
    }
    {
      SQLite::Statement s(*db_, "SELECT person_id, key, value FROM settings ORDER BY person_id, key");
      while (s.executeStep()) {
        j.settings.push_back(
            core::Setting{s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString()});
      }
    }
    read.commit();
    core::canonicalize(j);  // the SQL order already is canonical; this makes the agreement certain
    return j;
  });
}

Result<ImportSummary> SqliteStore::import_now(const core::Journal& journal) {
  // MemoryStore::import_journal step by step, on the open transaction: any failure returns before the
  // commit, and the caller's rollback leaves the file as it was.
  ImportSummary summary;
  std::set<core::PersonId> weekly_stale;  // people whose weekly aggregates the import makes out of date
  std::set<std::string> digest_stale;     // sessions new, or given events or check-ins, by the import
  auto conflict = [](const std::string& what) {
    return fail(Code::kConflict, what + " exists already with different content; nothing was imported");
  };

  for (const auto& p : journal.people) {
    const auto existing = find_person(p.id);
    if (!existing) {
      auto s = statements_->get("INSERT INTO people (id, name, created_ms) VALUES (:id, :name, :created_ms)");
      s->bind(":id", p.id);
      s->bind(":name", p.name);
      s->bind(":created_ms", p.created_ms);
      s->exec();
      ++summary.added;
    } else if (*existing == p || (p.id == core::kLocalPersonId && existing->created_ms == 0)) {
      // The local person of a fresh store is recognised whatever its name, and takes the imported one.
      auto s = statements_->get("UPDATE people SET name = :name, created_ms = :created_ms WHERE id = :id");
      s->bind(":id", p.id);
      s->bind(":name", p.name);
      s->bind(":created_ms", p.created_ms);
      s->exec();
      ++summary.present;
    } else {
      return conflict("person " + std::to_string(p.id));
    }
  }
  for (const auto& pp : journal.profiles) {
    const auto existing = find_profile(pp.person_id);
    if (!existing) {
      if (auto s = save_profile_now(pp.person_id, pp.profile); !s) return tl::unexpected(s.error());
      ++summary.added;
    } else if (*existing == pp.profile) {
      ++summary.present;
    } else {
      return conflict("the profile of person " + std::to_string(pp.person_id));
    }
  }
  for (const auto& r : journal.routines) {
    if (const auto existing = find_routine(r.uid)) {
      if (!(*existing == r)) return conflict("routine \"" + r.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = save_routine_now(r); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  for (const auto& x : journal.custom_exercises) {
    if (const auto existing = find_custom_exercise(x.uid)) {
      if (!(*existing == x)) return conflict("custom exercise \"" + x.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = save_custom_exercise_now(x); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  // A stored record identical to the imported one -> present; different -> conflict; none -> add it.
  auto import_child = [&](const auto& stored, const auto& item, auto&& add, const std::string& what) -> Status {
    if (!stored) {
      if (auto s = add(); !s) return s;
      ++summary.added;
    } else if (*stored == item) {
      ++summary.present;
    } else {
      return conflict(what);
    }
    return {};
  };
  for (const auto& rec : journal.sessions) {
    // The session, and each of its events (by seq), check-ins, adaptations and notes (by uid), is recognised
    // on its own: a session exported again later, with more recorded in it, adds what is new. A new session
    // is stored with its final status and end time at once; MemoryStore starts it active and sets them after
    // its records, which ends in the same state with the same errors.
    const std::string& uid = rec.info.uid;
    const auto stored_info = find_row(
        *statements_, select_from(kSessionColumns, "FROM sessions WHERE uid = :uid"),
        [&](SQLite::Statement& q) { q.bind(":uid", uid); }, read_session_info);
    if (!stored_info) {
      if (auto s = start_session_now(rec.info); !s) return tl::unexpected(s.error());
      digest_stale.insert(uid);
      ++summary.added;
    } else if (!(*stored_info == rec.info)) {
      return conflict("session \"" + uid + "\"");
    } else {
      ++summary.present;
    }
    const std::string in_session = " of session \"" + uid + "\"";
    for (const auto& e : rec.events) {
      const auto stored = find_row(
          *statements_, select_from(kEventColumns, "FROM session_events WHERE session_uid = :uid AND seq = :seq"),
          [&](SQLite::Statement& q) {
            q.bind(":uid", uid);
            q.bind(":seq", e.seq);
          },
          read_event);
      const auto s = import_child(
          stored, e,
          [&] {
            digest_stale.insert(e.session_uid);
            return append_event_now(e);
          },
          "event " + std::to_string(e.seq) + in_session);
      if (!s) return tl::unexpected(s.error());
    }
    auto in_this_session = [&](const std::string& child_uid) {
      return [&uid, &child_uid](SQLite::Statement& q) {
        q.bind(":session_uid", uid);
        q.bind(":uid", child_uid);
      };
    };
    for (const auto& c : rec.check_ins) {
      const auto stored = find_row(
          *statements_, select_from(kCheckInColumns, "FROM check_ins WHERE uid = :uid AND session_uid = :session_uid"),
          in_this_session(c.uid), read_check_in);
      const auto s = import_child(
          stored, c,
          [&] {
            weekly_stale.insert(rec.info.person_id);
            digest_stale.insert(c.session_uid);
            return record_check_in_now(c);
          },
          "check-in \"" + c.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
    for (const auto& a : rec.adaptations) {
      const auto stored =
          find_row(*statements_,
                   select_from(kAdaptationColumns, "FROM adaptations WHERE uid = :uid AND session_uid = :session_uid"),
                   in_this_session(a.uid), read_adaptation);
      const auto s = import_child(
          stored, a, [&] { return record_adaptation_now(a); }, "adaptation \"" + a.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
    for (const auto& n : rec.notes) {
      const auto stored = find_row(
          *statements_, select_from(kNoteColumns, "FROM session_notes WHERE uid = :uid AND session_uid = :session_uid"),
          in_this_session(n.uid), read_note);
      const auto s = import_child(
          stored, n, [&] { return add_note_now(n); }, "note \"" + n.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
  }
  for (const auto& t : journal.self_tests) {
    if (const auto existing = find_self_test(t.uid)) {
      if (!(*existing == t)) return conflict("self-test \"" + t.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = record_self_test_now(t); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  for (const auto& st : journal.settings) {
    if (const auto existing = find_setting(st.person_id, st.key)) {
      if (*existing != st.value) return conflict("setting \"" + st.key + "\"");
      ++summary.present;
    } else {
      if (auto s = set_setting_now(st); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  // The digests of the ended sessions that are new or got events or check-ins, from their records as they are
  // now (a failed session uid was refused above).
  for (const auto& uid : digest_stale) store_digest(uid);
  // The weekly aggregates of the people who got check-ins are dropped, and rebuilt by their next query:
  // cheaper than updating them row by row, and an import is rare.
  for (const core::PersonId person : weekly_stale) {
    auto s = statements_->get("DELETE FROM weekly_stats_offsets WHERE person_id = :person_id");
    s->bind(":person_id", person);
    s->exec();
  }
  return summary;
}

Result<ImportSummary> SqliteStore::import_journal(const core::Journal& journal) {
  return guarded([&] { return in_transaction([&] { return import_now(journal); }); });
}

// ---- paired devices ----

namespace {

PairedDevice read_device(const SQLite::Statement& s) {
  PairedDevice d;
  d.id = s.getColumn(0).getString();
  d.name = s.getColumn(1).getString();
  d.credential_hash = s.getColumn(2).getString();
  d.created_ms = s.getColumn(3).getInt64();
  if (!s.getColumn(4).isNull()) d.last_used_ms = s.getColumn(4).getInt64();
  if (!s.getColumn(5).isNull()) d.revoked_ms = s.getColumn(5).getInt64();
  return d;
}

constexpr const char* kDeviceColumns = "id, name, credential_hash, created_ms, last_used_ms, revoked_ms";

tl::unexpected<Error> no_device(const std::string& id) {
  return fail(Code::kNotFound, "no paired device has the id \"" + id + "\"");
}

}  // namespace

Status SqliteStore::add_pairing_code(const PairingCode& code) {
  return guarded([&]() -> Status {
    auto s = statements_->get(
        "INSERT INTO pairing_codes (code_hash, created_ms, expires_ms, used_ms) "
        "VALUES (:hash, :created, :expires, :used) ON CONFLICT DO NOTHING");
    s->bind(":hash", code.code_hash);
    s->bind(":created", code.created_ms);
    s->bind(":expires", code.expires_ms);
    if (code.used_ms) {
      s->bind(":used", *code.used_ms);
    } else {
      s->bind(":used");
    }
    if (s->exec() == 0) return fail(Code::kConflict, "a pairing code with this hash is stored already");
    return {};
  });
}

Result<std::optional<PairingCode>> SqliteStore::pairing_code(const std::string& code_hash) {
  return guarded([&]() -> Result<std::optional<PairingCode>> {
    auto s = statements_->get(
        "SELECT code_hash, created_ms, expires_ms, used_ms FROM pairing_codes WHERE code_hash = :hash");
    s->bind(":hash", code_hash);
    if (!s->executeStep()) return std::optional<PairingCode>{};
    PairingCode c;
    c.code_hash = s->getColumn(0).getString();
    c.created_ms = s->getColumn(1).getInt64();
    c.expires_ms = s->getColumn(2).getInt64();
    if (!s->getColumn(3).isNull()) c.used_ms = s->getColumn(3).getInt64();
    return std::optional<PairingCode>(std::move(c));
  });
}

Status SqliteStore::redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                                        const PairedDevice& device) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      auto use =
          statements_->get("UPDATE pairing_codes SET used_ms = :used WHERE code_hash = :hash AND used_ms IS NULL");
      use->bind(":used", used_ms);
      use->bind(":hash", code_hash);
      if (use->exec() == 0) {
        auto exists = statements_->get("SELECT 1 FROM pairing_codes WHERE code_hash = :hash");
        exists->bind(":hash", code_hash);
        if (!exists->executeStep()) return fail(Code::kNotFound, "no such pairing code");
        return fail(Code::kConflict, "this pairing code was used already");
      }
      auto taken = statements_->get("SELECT 1 FROM paired_devices WHERE id = :id OR credential_hash = :hash");
      taken->bind(":id", device.id);
      taken->bind(":hash", device.credential_hash);
      if (taken->executeStep()) return fail(Code::kConflict, "a device with this id or credential is paired already");
      auto add = statements_->get(
          "INSERT INTO paired_devices (id, name, credential_hash, created_ms, last_used_ms, revoked_ms) "
          "VALUES (:id, :name, :hash, :created, :last_used, :revoked)");
      add->bind(":id", device.id);
      add->bind(":name", device.name);
      add->bind(":hash", device.credential_hash);
      add->bind(":created", device.created_ms);
      if (device.last_used_ms) {
        add->bind(":last_used", *device.last_used_ms);
      } else {
        add->bind(":last_used");
      }
      if (device.revoked_ms) {
        add->bind(":revoked", *device.revoked_ms);
      } else {
        add->bind(":revoked");
      }
      add->exec();
      return {};
    });
  });
}

Result<std::vector<PairedDevice>> SqliteStore::paired_devices() {
  return guarded([&]() -> Result<std::vector<PairedDevice>> {
    auto s = statements_->get(std::string("SELECT ") + kDeviceColumns + " FROM paired_devices ORDER BY created_ms, id");
    std::vector<PairedDevice> out;
    while (s->executeStep()) out.push_back(read_device(*s));
    return out;
  });
}

Result<std::optional<PairedDevice>> SqliteStore::device_by_credential(const std::string& credential_hash) {
  return guarded([&]() -> Result<std::optional<PairedDevice>> {
    auto s = statements_->get(std::string("SELECT ") + kDeviceColumns +
                              " FROM paired_devices WHERE credential_hash = :hash");
    s->bind(":hash", credential_hash);
    if (!s->executeStep()) return std::optional<PairedDevice>{};
    return std::optional<PairedDevice>(read_device(*s));
  });
}

Status SqliteStore::touch_device(const std::string& id, core::UnixMillis used_ms) {
  return guarded([&]() -> Status {
    auto s = statements_->get("UPDATE paired_devices SET last_used_ms = :used WHERE id = :id");
    s->bind(":used", used_ms);
    s->bind(":id", id);
    if (s->exec() == 0) return no_device(id);
    return {};
  });
}

Status SqliteStore::revoke_device(const std::string& id, core::UnixMillis revoked_ms) {
  return guarded([&]() -> Status {
    auto s = statements_->get("UPDATE paired_devices SET revoked_ms = coalesce(revoked_ms, :revoked) WHERE id = :id");
    s->bind(":revoked", revoked_ms);
    s->bind(":id", id);
    if (s->exec() == 0) return no_device(id);
    return {};
  });
}

// ---- accounts, trainers and clients ----

namespace {

void bind_optional(SQLite::Statement& s, const char* name, const std::optional<std::int64_t>& value) {
  if (value) {
    s.bind(name, *value);
  } else {
    s.bind(name);
  }
}

std::optional<std::int64_t> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt64();
}

constexpr const char* kAccountColumns =
    "person_id, login, password_hash, role, created_ms, password_changed_ms, disabled_ms";
Account read_account(const SQLite::Statement& s) {
  Account a;
  a.person_id = s.getColumn(0).getInt64();
  a.login = s.getColumn(1).getString();
  a.password_hash = s.getColumn(2).getString();
  a.role = stored_enum<Role>(s.getColumn(3), "accounts");
  a.created_ms = s.getColumn(4).getInt64();
  a.password_changed_ms = s.getColumn(5).getInt64();
  a.disabled_ms = optional_int(s.getColumn(6));
  return a;
}

constexpr const char* kAuthSessionColumns =
    "id, token_hash, person_id, created_ms, last_used_ms, expires_ms, agent, ended_ms";
AuthSession read_auth_session(const SQLite::Statement& s) {
  AuthSession a;
  a.id = s.getColumn(0).getString();
  a.token_hash = s.getColumn(1).getString();
  a.person_id = s.getColumn(2).getInt64();
  a.created_ms = s.getColumn(3).getInt64();
  a.last_used_ms = s.getColumn(4).getInt64();
  a.expires_ms = s.getColumn(5).getInt64();
  a.agent = s.getColumn(6).getString();
  a.ended_ms = optional_int(s.getColumn(7));
  return a;
}

constexpr const char* kInvitationColumns = "code_hash, trainer_id, created_ms, expires_ms, used_ms, used_by";
Invitation read_invitation(const SQLite::Statement& s) {
  Invitation i;
  i.code_hash = s.getColumn(0).getString();
  i.trainer_id = s.getColumn(1).getInt64();
  i.created_ms = s.getColumn(2).getInt64();
  i.expires_ms = s.getColumn(3).getInt64();
  i.used_ms = optional_int(s.getColumn(4));
  i.used_by = optional_int(s.getColumn(5));
  return i;
}

constexpr const char* kLinkColumns =
    "trainer_id, client_id, created_ms, ended_ms, share_sessions, share_trends, share_self_tests, share_soreness, "
    "share_screening";
TrainerLink read_link(const SQLite::Statement& s) {
  TrainerLink l;
  l.trainer_id = s.getColumn(0).getInt64();
  l.client_id = s.getColumn(1).getInt64();
  l.created_ms = s.getColumn(2).getInt64();
  l.ended_ms = optional_int(s.getColumn(3));
  l.sharing = Sharing{s.getColumn(4).getInt() != 0, s.getColumn(5).getInt() != 0, s.getColumn(6).getInt() != 0,
                      s.getColumn(7).getInt() != 0, s.getColumn(8).getInt() != 0};
  return l;
}

constexpr const char* kTemplateColumns = "uid, trainer_id, name, routine_json, note, created_ms, updated_ms";
RoutineTemplate read_template(const SQLite::Statement& s) {
  return RoutineTemplate{s.getColumn(0).getString(), s.getColumn(1).getInt64(),  s.getColumn(2).getString(),
                         s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getInt64(),
                         s.getColumn(6).getInt64()};
}

constexpr const char* kAssignmentColumns =
    "uid, template_uid, trainer_id, client_id, name, routine_json, note, created_ms, updated_ms, started_session_uid";
Assignment read_assignment(const SQLite::Statement& s) {
  Assignment a;
  a.uid = s.getColumn(0).getString();
  a.template_uid = s.getColumn(1).getString();
  a.trainer_id = s.getColumn(2).getInt64();
  a.client_id = s.getColumn(3).getInt64();
  a.name = s.getColumn(4).getString();
  a.routine_json = s.getColumn(5).getString();
  a.note = s.getColumn(6).getString();
  a.created_ms = s.getColumn(7).getInt64();
  a.updated_ms = s.getColumn(8).getInt64();
  if (!s.getColumn(9).isNull()) a.started_session_uid = s.getColumn(9).getString();
  return a;
}

// Every row `sql` finds with the parameters `bind` sets, read by `read`.
template <typename Read, typename Bind>
auto all_rows(detail::StatementCache& statements, const std::string& sql, Bind&& bind, Read read)
    -> std::vector<decltype(read(std::declval<const SQLite::Statement&>()))> {
  auto s = statements.get(sql);
  bind(*s);
  std::vector<decltype(read(std::declval<const SQLite::Statement&>()))> out;
  while (s->executeStep()) out.push_back(read(*s));
  return out;
}

}  // namespace

Result<Account> SqliteStore::add_account(const std::string& person_name, const Account& account) {
  return guarded([&] {
    return in_transaction([&]() -> Result<Account> {
      if (auto s = invalid_if(detail::problem_with_login(account.login)); !s) return tl::unexpected(s.error());
      auto taken = statements_->get("SELECT 1 FROM accounts WHERE login = :login");
      taken->bind(":login", account.login);
      if (taken->executeStep()) return detail::login_taken(account.login);
      Account out = account;
      if (account.person_id == 0) {
        auto p = add_person(person_name, account.created_ms);
        if (!p) return tl::unexpected(p.error());
        out.person_id = p->id;
      } else {
        if (!person_exists(account.person_id)) return detail::no_person_with(account.person_id);
        auto has = statements_->get("SELECT 1 FROM accounts WHERE person_id = :id");
        has->bind(":id", account.person_id);
        if (has->executeStep()) return detail::has_account(account.person_id);
        if (!person_name.empty()) {
          auto named = statements_->get("UPDATE people SET name = :name WHERE id = :id");
          named->bind(":name", person_name);
          named->bind(":id", account.person_id);
          named->exec();
        }
      }
      auto s = statements_->get(
          "INSERT INTO accounts (person_id, login, password_hash, role, created_ms, password_changed_ms, disabled_ms) "
          "VALUES (:id, :login, :hash, :role, :created, :changed, :disabled)");
      s->bind(":id", out.person_id);
      s->bind(":login", out.login);
      s->bind(":hash", out.password_hash);
      s->bind(":role", spelling(out.role));
      s->bind(":created", out.created_ms);
      s->bind(":changed", out.password_changed_ms);
      bind_optional(*s, ":disabled", out.disabled_ms);
      s->exec();
      return out;
    });
  });
}

Result<std::optional<Account>> SqliteStore::account(core::PersonId person) {
  return guarded([&]() -> Result<std::optional<Account>> {
    return find_row(
        *statements_, select_from(kAccountColumns, "FROM accounts WHERE person_id = :id"),
        [&](SQLite::Statement& s) { s.bind(":id", person); }, read_account);
  });
}

Result<std::optional<Account>> SqliteStore::account_by_login(const std::string& login) {
  return guarded([&]() -> Result<std::optional<Account>> {
    return find_row(
        *statements_, select_from(kAccountColumns, "FROM accounts WHERE login = :login"),
        [&](SQLite::Statement& s) { s.bind(":login", login); }, read_account);
  });
}

Result<std::vector<Account>> SqliteStore::accounts() {
  return guarded([&]() -> Result<std::vector<Account>> {
    return all_rows(
        *statements_, select_from(kAccountColumns, "FROM accounts ORDER BY person_id"), [](SQLite::Statement&) {},
        read_account);
  });
}

Status SqliteStore::update_account(const Account& account) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      if (auto s = invalid_if(detail::problem_with_login(account.login)); !s) return s;
      auto taken = statements_->get("SELECT 1 FROM accounts WHERE login = :login AND person_id <> :id");
      taken->bind(":login", account.login);
      taken->bind(":id", account.person_id);
      const bool login_is_taken = taken->executeStep();
      auto s = statements_->get(
          "UPDATE accounts SET login = :login, password_hash = :hash, role = :role, created_ms = :created, "
          "password_changed_ms = :changed, disabled_ms = :disabled WHERE person_id = :id");
      s->bind(":id", account.person_id);
      s->bind(":login", account.login);
      s->bind(":hash", account.password_hash);
      s->bind(":role", spelling(account.role));
      s->bind(":created", account.created_ms);
      s->bind(":changed", account.password_changed_ms);
      bind_optional(*s, ":disabled", account.disabled_ms);
      if (login_is_taken) {
        // Unknown account first, as MemoryStore.
        auto exists = statements_->get("SELECT 1 FROM accounts WHERE person_id = :id");
        exists->bind(":id", account.person_id);
        if (!exists->executeStep()) return detail::no_account(account.person_id);
        return detail::login_taken(account.login);
      }
      if (s->exec() == 0) return detail::no_account(account.person_id);
      return {};
    });
  });
}

Status SqliteStore::add_auth_session(const AuthSession& session) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      auto has = statements_->get("SELECT 1 FROM accounts WHERE person_id = :id");
      has->bind(":id", session.person_id);
      if (!has->executeStep()) return detail::no_account(session.person_id);
      auto s = statements_->get(
          "INSERT INTO auth_sessions (id, token_hash, person_id, created_ms, last_used_ms, expires_ms, agent, "
          "ended_ms) "
          "VALUES (:id, :hash, :person, :created, :used, :expires, :agent, :ended) ON CONFLICT DO NOTHING");
      s->bind(":id", session.id);
      s->bind(":hash", session.token_hash);
      s->bind(":person", session.person_id);
      s->bind(":created", session.created_ms);
      s->bind(":used", session.last_used_ms);
      s->bind(":expires", session.expires_ms);
      s->bind(":agent", session.agent);
      bind_optional(*s, ":ended", session.ended_ms);
      if (s->exec() == 0) return detail::auth_session_taken();
      return {};
    });
  });
}

Result<std::optional<AuthSession>> SqliteStore::auth_session_by_token(const std::string& token_hash) {
  return guarded([&]() -> Result<std::optional<AuthSession>> {
    return find_row(
        *statements_, select_from(kAuthSessionColumns, "FROM auth_sessions WHERE token_hash = :hash"),
        [&](SQLite::Statement& s) { s.bind(":hash", token_hash); }, read_auth_session);
  });
}

Result<std::vector<AuthSession>> SqliteStore::auth_sessions(core::PersonId person) {
  return guarded([&]() -> Result<std::vector<AuthSession>> {
    return all_rows(
        *statements_,
        select_from(kAuthSessionColumns,
                    "FROM auth_sessions WHERE person_id = :id AND ended_ms IS NULL ORDER BY created_ms DESC, id DESC"),
        [&](SQLite::Statement& s) { s.bind(":id", person); }, read_auth_session);
  });
}

Status SqliteStore::touch_auth_session(const std::string& id, core::UnixMillis used_ms) {
  return guarded([&]() -> Status {
    auto s = statements_->get("UPDATE auth_sessions SET last_used_ms = :used WHERE id = :id");
    s->bind(":used", used_ms);
    s->bind(":id", id);
    if (s->exec() == 0) return detail::no_auth_session(id);
    return {};
  });
}

Status SqliteStore::end_auth_session(const std::string& id, core::UnixMillis ended_ms) {
  return guarded([&]() -> Status {
    auto s = statements_->get("UPDATE auth_sessions SET ended_ms = coalesce(ended_ms, :ended) WHERE id = :id");
    s->bind(":ended", ended_ms);
    s->bind(":id", id);
    if (s->exec() == 0) return detail::no_auth_session(id);
    return {};
  });
}

Result<int> SqliteStore::end_auth_sessions(core::PersonId person, core::UnixMillis ended_ms,
                                           const std::optional<std::string>& keep_id) {
  return guarded([&]() -> Result<int> {
    auto s = statements_->get(
        "UPDATE auth_sessions SET ended_ms = :ended WHERE person_id = :person AND ended_ms IS NULL "
        "AND (:keep IS NULL OR id <> :keep)");
    s->bind(":ended", ended_ms);
    s->bind(":person", person);
    if (keep_id) {
      s->bind(":keep", *keep_id);
    } else {
      s->bind(":keep");
    }
    return s->exec();
  });
}

Result<int> SqliteStore::count_attempt(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  return guarded([&]() -> Result<int> {
    if (auto s = invalid_if(detail::problem_with_window(window_ms)); !s) return tl::unexpected(s.error());
    // One statement (a write, so connections take turns on the file's write lock): every attempt is counted.
    auto s = statements_->get(
        "INSERT INTO attempts (key, window_start_ms, count) VALUES (:key, :now, 1) "
        "ON CONFLICT (key) DO UPDATE SET "
        "window_start_ms = CASE WHEN :now - window_start_ms < :window THEN window_start_ms ELSE :now END, "
        "count = CASE WHEN :now - window_start_ms < :window THEN count + 1 ELSE 1 END "
        "RETURNING count");
    s->bind(":key", key);
    s->bind(":now", now_ms);
    s->bind(":window", window_ms);
    if (!s->executeStep()) throw std::runtime_error("counting an attempt returned no row");
    const int count = s->getColumn(0).getInt();
    while (s->executeStep()) {
    }
    return count;
  });
}

Result<int> SqliteStore::attempts(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  return guarded([&]() -> Result<int> {
    if (auto s = invalid_if(detail::problem_with_window(window_ms)); !s) return tl::unexpected(s.error());
    auto s = statements_->get("SELECT window_start_ms, count FROM attempts WHERE key = :key");
    s->bind(":key", key);
    if (!s->executeStep() || !detail::window_holds(s->getColumn(0).getInt64(), now_ms, window_ms)) return 0;
    return s->getColumn(1).getInt();
  });
}

Status SqliteStore::clear_attempts(const std::string& key) {
  return guarded([&]() -> Status {
    auto s = statements_->get("DELETE FROM attempts WHERE key = :key");
    s->bind(":key", key);
    s->exec();
    return {};
  });
}

Status SqliteStore::add_invitation(const Invitation& invitation) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      if (!person_exists(invitation.trainer_id)) return detail::no_person_with(invitation.trainer_id);
      if (invitation.used_by && !person_exists(*invitation.used_by)) return detail::no_person_with(*invitation.used_by);
      auto s = statements_->get(std::string("INSERT INTO invitations (") + kInvitationColumns +
                                ") VALUES (:hash, :trainer, :created, :expires, :used, :by) ON CONFLICT DO NOTHING");
      s->bind(":hash", invitation.code_hash);
      s->bind(":trainer", invitation.trainer_id);
      s->bind(":created", invitation.created_ms);
      s->bind(":expires", invitation.expires_ms);
      bind_optional(*s, ":used", invitation.used_ms);
      bind_optional(*s, ":by", invitation.used_by);
      if (s->exec() == 0) return detail::invitation_taken();
      return {};
    });
  });
}

Result<std::optional<Invitation>> SqliteStore::invitation(const std::string& code_hash) {
  return guarded([&]() -> Result<std::optional<Invitation>> {
    return find_row(
        *statements_, select_from(kInvitationColumns, "FROM invitations WHERE code_hash = :hash"),
        [&](SQLite::Statement& s) { s.bind(":hash", code_hash); }, read_invitation);
  });
}

Status SqliteStore::accept_invitation(const std::string& code_hash, core::UnixMillis used_ms, const TrainerLink& link) {
  // BEGIN IMMEDIATE: the write lock is taken before the invitation is read, so of two accepts (any connection or
  // process) the second reads it used.
  return guarded([&] {
    return in_transaction([&]() -> Status {
      const auto found = find_row(
          *statements_, select_from(kInvitationColumns, "FROM invitations WHERE code_hash = :hash"),
          [&](SQLite::Statement& s) { s.bind(":hash", code_hash); }, read_invitation);
      if (!found) return detail::no_invitation();
      if (found->used_ms) return detail::invitation_used();
      if (link.trainer_id != found->trainer_id) return detail::wrong_trainer(found->trainer_id, link.trainer_id);
      if (!person_exists(link.client_id)) return detail::no_person_with(link.client_id);
      auto use = statements_->get("UPDATE invitations SET used_ms = :used, used_by = :client WHERE code_hash = :hash");
      use->bind(":used", used_ms);
      use->bind(":client", link.client_id);
      use->bind(":hash", code_hash);
      use->exec();
      // A new link, or an ended one re-opened with link's values; an active one stays as it is (and the whole
      // accept is refused).
      auto add =
          statements_->get(std::string("INSERT INTO trainer_links (") + kLinkColumns +
                           ") VALUES (:trainer, :client, :created, :ended, :s1, :s2, :s3, :s4, :s5) "
                           "ON CONFLICT (trainer_id, client_id) DO UPDATE SET created_ms = excluded.created_ms, "
                           "ended_ms = excluded.ended_ms, share_sessions = excluded.share_sessions, "
                           "share_trends = excluded.share_trends, share_self_tests = excluded.share_self_tests, "
                           "share_soreness = excluded.share_soreness, share_screening = excluded.share_screening "
                           "WHERE trainer_links.ended_ms IS NOT NULL");
      add->bind(":trainer", link.trainer_id);
      add->bind(":client", link.client_id);
      add->bind(":created", link.created_ms);
      bind_optional(*add, ":ended", link.ended_ms);
      add->bind(":s1", link.sharing.sessions ? 1 : 0);
      add->bind(":s2", link.sharing.trends ? 1 : 0);
      add->bind(":s3", link.sharing.self_tests ? 1 : 0);
      add->bind(":s4", link.sharing.soreness ? 1 : 0);
      add->bind(":s5", link.sharing.screening ? 1 : 0);
      if (add->exec() == 0) return detail::link_active(link.trainer_id, link.client_id);  // rolled back
      return {};
    });
  });
}

Result<std::vector<TrainerLink>> SqliteStore::clients_of(core::PersonId trainer) {
  return guarded([&]() -> Result<std::vector<TrainerLink>> {
    return all_rows(
        *statements_,
        select_from(kLinkColumns, "FROM trainer_links WHERE trainer_id = :id ORDER BY created_ms, client_id"),
        [&](SQLite::Statement& s) { s.bind(":id", trainer); }, read_link);
  });
}

Result<std::vector<TrainerLink>> SqliteStore::trainers_of(core::PersonId client) {
  return guarded([&]() -> Result<std::vector<TrainerLink>> {
    return all_rows(
        *statements_,
        select_from(kLinkColumns, "FROM trainer_links WHERE client_id = :id ORDER BY created_ms, trainer_id"),
        [&](SQLite::Statement& s) { s.bind(":id", client); }, read_link);
  });
}

Result<std::optional<TrainerLink>> SqliteStore::trainer_link(core::PersonId trainer, core::PersonId client) {
  return guarded([&]() -> Result<std::optional<TrainerLink>> {
    return find_row(
        *statements_,
        select_from(kLinkColumns, "FROM trainer_links WHERE trainer_id = :trainer AND client_id = :client"),
        [&](SQLite::Statement& s) {
          s.bind(":trainer", trainer);
          s.bind(":client", client);
        },
        read_link);
  });
}

Status SqliteStore::set_sharing(core::PersonId trainer, core::PersonId client, const Sharing& sharing) {
  return guarded([&]() -> Status {
    auto s = statements_->get(
        "UPDATE trainer_links SET share_sessions = :s1, share_trends = :s2, share_self_tests = :s3, "
        "share_soreness = :s4, share_screening = :s5 "
        "WHERE trainer_id = :trainer AND client_id = :client AND ended_ms IS NULL");
    s->bind(":s1", sharing.sessions ? 1 : 0);
    s->bind(":s2", sharing.trends ? 1 : 0);
    s->bind(":s3", sharing.self_tests ? 1 : 0);
    s->bind(":s4", sharing.soreness ? 1 : 0);
    s->bind(":s5", sharing.screening ? 1 : 0);
    s->bind(":trainer", trainer);
    s->bind(":client", client);
    if (s->exec() == 0) return detail::no_active_link(trainer, client);
    return {};
  });
}

Status SqliteStore::end_trainer_link(core::PersonId trainer, core::PersonId client, core::UnixMillis ended_ms) {
  return guarded([&]() -> Status {
    auto s = statements_->get(
        "UPDATE trainer_links SET ended_ms = :ended "
        "WHERE trainer_id = :trainer AND client_id = :client AND ended_ms IS NULL");
    s->bind(":ended", ended_ms);
    s->bind(":trainer", trainer);
    s->bind(":client", client);
    if (s->exec() == 0) return detail::no_active_link(trainer, client);
    return {};
  });
}

Status SqliteStore::save_template(const RoutineTemplate& t) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      if (!person_exists(t.trainer_id)) return detail::no_person_with(t.trainer_id);
      auto s = statements_->get(std::string("INSERT INTO routine_templates (") + kTemplateColumns +
                                ") VALUES (:uid, :trainer, :name, :json, :note, :created, :updated) "
                                "ON CONFLICT (uid) DO UPDATE SET name = excluded.name, "
                                "routine_json = excluded.routine_json, note = excluded.note, "
                                "created_ms = excluded.created_ms, updated_ms = excluded.updated_ms "
                                "WHERE routine_templates.trainer_id = excluded.trainer_id");
      s->bind(":uid", t.uid);
      s->bind(":trainer", t.trainer_id);
      s->bind(":name", t.name);
      s->bind(":json", t.routine_json);
      s->bind(":note", t.note);
      s->bind(":created", t.created_ms);
      s->bind(":updated", t.updated_ms);
      if (s->exec() == 0) return detail::template_of_other_trainer(t.uid);
      return {};
    });
  });
}

Result<std::optional<RoutineTemplate>> SqliteStore::routine_template(const std::string& uid) {
  return guarded([&]() -> Result<std::optional<RoutineTemplate>> {
    return find_row(
        *statements_, select_from(kTemplateColumns, "FROM routine_templates WHERE uid = :uid"),
        [&](SQLite::Statement& s) { s.bind(":uid", uid); }, read_template);
  });
}

Result<std::vector<RoutineTemplate>> SqliteStore::templates(core::PersonId trainer) {
  return guarded([&]() -> Result<std::vector<RoutineTemplate>> {
    return all_rows(
        *statements_, select_from(kTemplateColumns, "FROM routine_templates WHERE trainer_id = :id ORDER BY name, uid"),
        [&](SQLite::Statement& s) { s.bind(":id", trainer); }, read_template);
  });
}

Status SqliteStore::delete_template(const std::string& uid) {
  return guarded([&]() -> Status {
    auto s = statements_->get("DELETE FROM routine_templates WHERE uid = :uid");
    s->bind(":uid", uid);
    if (s->exec() == 0) return detail::no_template(uid);
    return {};
  });
}

Status SqliteStore::save_assignment(const Assignment& a) {
  return guarded([&] {
    return in_transaction([&]() -> Status {
      if (!person_exists(a.trainer_id)) return detail::no_person_with(a.trainer_id);
      if (!person_exists(a.client_id)) return detail::no_person_with(a.client_id);
      auto s = statements_->get(std::string("INSERT OR REPLACE INTO assignments (") + kAssignmentColumns +
                                ") VALUES (:uid, :template, :trainer, :client, :name, :json, :note, :created, "
                                ":updated, :started)");
      s->bind(":uid", a.uid);
      s->bind(":template", a.template_uid);
      s->bind(":trainer", a.trainer_id);
      s->bind(":client", a.client_id);
      s->bind(":name", a.name);
      s->bind(":json", a.routine_json);
      s->bind(":note", a.note);
      s->bind(":created", a.created_ms);
      s->bind(":updated", a.updated_ms);
      if (a.started_session_uid) {
        s->bind(":started", *a.started_session_uid);
      } else {
        s->bind(":started");
      }
      s->exec();
      return {};
    });
  });
}

Result<std::optional<Assignment>> SqliteStore::assignment(const std::string& uid) {
  return guarded([&]() -> Result<std::optional<Assignment>> {
    return find_row(
        *statements_, select_from(kAssignmentColumns, "FROM assignments WHERE uid = :uid"),
        [&](SQLite::Statement& s) { s.bind(":uid", uid); }, read_assignment);
  });
}

Result<std::vector<Assignment>> SqliteStore::assignments_of_client(core::PersonId client) {
  return guarded([&]() -> Result<std::vector<Assignment>> {
    return all_rows(
        *statements_,
        select_from(kAssignmentColumns, "FROM assignments WHERE client_id = :id ORDER BY created_ms DESC, uid DESC"),
        [&](SQLite::Statement& s) { s.bind(":id", client); }, read_assignment);
  });
}

Result<std::vector<Assignment>> SqliteStore::assignments_of_template(const std::string& template_uid) {
  return guarded([&]() -> Result<std::vector<Assignment>> {
    return all_rows(
        *statements_,
        select_from(kAssignmentColumns,
                    "FROM assignments WHERE template_uid = :uid ORDER BY created_ms DESC, uid DESC"),
        [&](SQLite::Statement& s) { s.bind(":uid", template_uid); }, read_assignment);
  });
}

}  // namespace smr::store
