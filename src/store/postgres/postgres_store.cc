#include "store/postgres/postgres_store.h"
#include "store/account_util.h"
#include "store/digest_util.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <optional>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/stream_to>
#include <pqxx/transaction>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>

#include "core/journal_order.h"
#include "json/journal_json.h"
#include "store/postgres/import_plan.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/weekly_cache.h"

namespace smr::store {

namespace {

// What core::digest_session reads of a session's info, all in its digest already (a digest not stored is computed
// from the session's records with it).
core::SessionInfo info_of(const core::SessionDigest& d) {
  core::SessionInfo info;
  info.uid = d.uid;
  info.person_id = d.person_id;
  info.started_ms = d.started_ms;
  info.ended_ms = d.ended_ms;
  info.status = d.status;
  return info;
}

using detail::ConnectionPool;
using detail::PgTarget;

// Advisory lock keys (docs/storage.md). Writes that create a uid take kUidSpace shared plus an exclusive
// per-uid lock (class kUidClass, key hashtext(uid)); an import takes kUidSpace exclusive. So two writers
// cannot give one uid to two records of different kinds, which no single table's key can prevent.
constexpr std::int64_t kUidSpace = 0x534D52'5F554944;  // "SMR_UID"
constexpr int kUidClass = 0x534D5255;                  // "SMRU"
// The weekly aggregate of one person (class kWeeklyClass, key hashint8(person_id)): building it at a new
// offset takes it exclusive; writes that add check-ins of the person (record_check_in, import_journal) take
// it shared before they read which offsets are kept. So no check-in can commit between a build's read of
// the check-ins and its commit without being counted (docs/storage.md, "Weekly aggregate").
constexpr int kWeeklyClass = 0x534D5257;  // "SMRW"
// A session's stored digest (session_digests) is written only under a lock on the session's row that excludes
// every other writer of it, taken before the records it is computed from are read (docs/storage.md, "Session
// digests"): end_session and the backfill lock the row FOR UPDATE, a refresh after a write to an ended session
// and import_journal FOR NO KEY UPDATE. append_event and record_check_in lock it FOR KEY SHARE (as their
// foreign key would) in the statement that reads whether the digest is stored: that waits for an end_session
// or a backfill
// in progress and then reads the row as it committed, so a write either comes before the digest is computed
// (and is in it) or sees the digest stored and rewrites it itself.

// A stored value this build cannot read (an unknown enum spelling, a profile that is not valid JSON).
// Thrown while reading rows, caught by run(): never leaves this file.
class CorruptData : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string first_line(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
  return line;
}

// What a failed call did to its connection, and the Error to return.
struct Failure {
  Error error;
  bool connection_broken = false;
  bool nothing_written = false;  // safe to run the call again on another connection
};

// Classifies the exception being handled (call only inside a catch block).
Failure current_failure(const PgTarget& target) {
  try {
    throw;
  } catch (const pqxx::in_doubt_error&) {
    return {detail::in_doubt_error(target), true, false};
  } catch (const pqxx::broken_connection&) {
    // Every write runs in a transaction, and a transaction that lost its connection before COMMIT was
    // rolled back by the server (a lost COMMIT is in_doubt_error, above).
    return {detail::lost_connection_error(target), true, true};
  } catch (const pqxx::sql_error& e) {
    Error error = detail::statement_error(target, e);
    return {error, error.code == Error::Code::kUnavailable, false};
  } catch (const CorruptData& e) {
    return {Error{Error::Code::kCorrupt, std::string("the journal in PostgreSQL at ") + target.where +
                                             " holds something this smr cannot read: " + e.what()},
            false, false};
  } catch (const std::exception& e) {
    return {Error{Error::Code::kIo, "PostgreSQL at " + target.where + ": " + first_line(e.what())}, false, false};
  }
}

// Runs `fn(connection)` on a pooled connection and turns every exception into an Error. When the
// connection turns out to have been closed while idle (a server restart), runs it once more on a new one.
template <typename F>
auto run(ConnectionPool& pool, F&& fn) -> std::invoke_result_t<F&, pqxx::connection&> {
  for (int attempt = 0;; ++attempt) {
    auto lease = pool.lease();
    if (!lease) return tl::unexpected(lease.error());
    try {
      return fn(lease->connection());
    } catch (...) {
      Failure failure = current_failure(pool.target());
      if (failure.connection_broken) lease->discard();
      if (failure.connection_broken && failure.nothing_written && lease->reused() && attempt == 0) continue;
      return tl::unexpected(std::move(failure.error));
    }
  }
}

// --- values <-> columns ---------------------------------------------------------------------------------

std::string_view text_of(const pqxx::field& f) { return {f.c_str(), f.size()}; }
std::string str(const pqxx::field& f) { return {f.c_str(), f.size()}; }
std::int64_t i64(const pqxx::field& f) { return f.as<std::int64_t>(); }
int i32(const pqxx::field& f) { return f.as<int>(); }

template <typename E>
E enum_of(const pqxx::field& f, const char* what) {
  if (const auto v = core::parse_enum<E>(text_of(f))) return *v;
  throw CorruptData(std::string(what) + " \"" + str(f) + "\" is not one of " + core::enum_choices<E>());
}

template <typename E>
std::string name_of(E value) {
  return std::string(core::to_string(value));
}

double double_of(const pqxx::field& f) {
  const std::string_view text = text_of(f);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) throw CorruptData("\"" + str(f) + "\" is not a number");
  return value;
}

// Shortest text that reads back as exactly `value` (PostgreSQL accepts "inf" and "nan" too).
std::string double_text(double value) {
  std::array<char, 64> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  return std::string(buf.data(), ec == std::errc() ? end : buf.data());
}

// A PostgreSQL array literal of strings: {"a","b\"c"}.
std::string text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string id_array(const std::vector<core::PersonId>& ids) {
  std::string out = "{";
  for (const auto id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += '}';
  return out;
}

core::Profile profile_of(const pqxx::field& f) {
  auto p = json::profile_from_text(str(f));
  if (!p) throw CorruptData("a stored profile is not valid: " + p.error().message());
  return *p;
}

// A read-only transaction that sees one snapshot of the database.
using Snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// Column lists; the readers below take rows selected with exactly these columns, in this order.
constexpr const char* kPersonCols = "id, name, created_ms";
constexpr const char* kRoutineCols = "uid, person_id, name, created_ms, routine_json";
constexpr const char* kCustomCols = "uid, person_id, created_ms, toml";
constexpr const char* kSessionCols = "uid, person_id, title, started_ms, ended_ms, status, routine_json";
constexpr const char* kEventCols = "session_uid, seq, at_ms, kind, step, data_json";
constexpr const char* kCheckInCols = "uid, session_uid, at_ms, step, exercise, region, side, intensity, quality, note";
constexpr const char* kAdaptationCols = "uid, session_uid, at_ms, step, kind, reason, detail_json";
constexpr const char* kNoteCols = "uid, session_uid, at_ms, text";
constexpr const char* kSelfTestCols = "uid, person_id, at_ms, test, side, value, unit, session_uid, phase";

core::Person person_of(const pqxx::row& r) { return {i64(r[0]), str(r[1]), i64(r[2])}; }

core::SavedRoutine routine_of(const pqxx::row& r) { return {str(r[0]), i64(r[1]), str(r[2]), i64(r[3]), str(r[4])}; }

core::CustomExercise custom_of(const pqxx::row& r) { return {str(r[0]), i64(r[1]), i64(r[2]), str(r[3])}; }

core::SessionInfo session_of(const pqxx::row& r) {
  core::SessionInfo s;
  s.uid = str(r[0]);
  s.person_id = i64(r[1]);
  s.title = str(r[2]);
  s.started_ms = i64(r[3]);
  if (!r[4].is_null()) s.ended_ms = i64(r[4]);
  s.status = enum_of<core::SessionStatus>(r[5], "session status");
  s.routine_json = str(r[6]);
  return s;
}

core::SessionEvent event_of(const pqxx::row& r) {
  return {str(r[0]), i64(r[1]), i64(r[2]), str(r[3]), i32(r[4]), str(r[5])};
}

core::CheckIn check_in_of(const pqxx::row& r) {
  core::CheckIn c;
  c.uid = str(r[0]);
  c.session_uid = str(r[1]);
  c.at_ms = i64(r[2]);
  c.step = i32(r[3]);
  c.exercise = str(r[4]);
  c.region = str(r[5]);
  c.side = enum_of<core::Side>(r[6], "check-in side");
  c.intensity = i32(r[7]);
  c.quality = enum_of<core::Quality>(r[8], "check-in quality");
  c.note = str(r[9]);
  return c;
}

core::Adaptation adaptation_of(const pqxx::row& r) {
  return {str(r[0]), str(r[1]), i64(r[2]), i32(r[3]), str(r[4]), str(r[5]), str(r[6])};
}

core::SessionNote note_of(const pqxx::row& r) { return {str(r[0]), str(r[1]), i64(r[2]), str(r[3])}; }

core::SelfTest self_test_of(const pqxx::row& r) {
  core::SelfTest t;
  t.uid = str(r[0]);
  t.person_id = i64(r[1]);
  t.at_ms = i64(r[2]);
  t.test = str(r[3]);
  t.side = enum_of<core::Side>(r[4], "self-test side");
  t.value = double_of(r[5]);
  t.unit = str(r[6]);
  t.session_uid = str(r[7]);
  t.phase = str(r[8]);
  return t;
}

std::string select(const char* cols, const std::string& rest) { return std::string("SELECT ") + cols + " " + rest; }

// --- shared checks ----------------------------------------------------------------------------------------

Status invalid_if(const std::string& problem) {
  if (problem.empty()) return {};
  return fail(Error::Code::kInvalid, problem);
}

tl::unexpected<Error> no_session(const std::string& uid) {
  return fail(Error::Code::kNotFound, "no session has the uid \"" + uid + "\"");
}

tl::unexpected<Error> no_person(core::PersonId id) {
  return fail(Error::Code::kNotFound, "no person has the id " + std::to_string(id));
}

tl::unexpected<Error> uid_exists(const std::string& uid) {
  return fail(Error::Code::kConflict, "a record with the uid \"" + uid + "\" exists");
}

// "Some record of any kind has the uid $n", as an SQL condition.
std::string uid_taken_sql(int param) {
  const std::string p = "$" + std::to_string(param);
  std::string out;
  for (const char* table :
       {"routines", "custom_exercises", "sessions", "self_tests", "check_ins", "adaptations", "session_notes"}) {
    if (!out.empty()) out += " OR ";
    out += std::string("EXISTS (SELECT 1 FROM ") + table + " WHERE uid = " + p + ")";
  }
  return out;
}

// Takes the locks a write that creates `uid` needs (see kUidSpace), until the transaction ends.
void lock_uid(pqxx::work& tx, const std::string& uid) {
  tx.exec_params("SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2, hashtext($3))", kUidSpace,
                 kUidClass, uid);
}

bool person_exists(pqxx::transaction_base& tx, core::PersonId id) {
  return tx.exec_params1("SELECT EXISTS (SELECT 1 FROM people WHERE id = $1)", id)[0].as<bool>();
}

// The qualities that are pain (core::is_pain), as an SQL array literal.
std::string pain_qualities() {
  std::vector<std::string> names;
  for (const auto& [q, name] : core::EnumNames<core::Quality>::kNames) {
    if (core::is_pain(q)) names.emplace_back(name);
  }
  return text_array(names);
}

// --- the weekly aggregate (store/weekly_cache.h) ----------------------------------------------------------

// An integer column, parsed without libpqxx's conversions (the weekly statistics read thousands).
template <typename T>
T fast_int(const pqxx::field& f) {
  T value{};
  const char* text = f.c_str();
  const char* end = text + f.size();
  const auto [stop, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || stop != end) throw CorruptData("\"" + str(f) + "\" is not an integer in range");
  return value;
}

// Runs `sql` as the statement `name`, prepared on the transaction's connection the first time (libpqxx keeps
// the definition with the connection and registers it on first use; defining it again is a no-op): the hot
// statements skip the server's parsing and planning.
template <typename... Args>
pqxx::result prepared(pqxx::transaction_base& tx, const char* name, const std::string& sql, Args&&... args) {
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, std::forward<Args>(args)...);
}

// core::week_start in integer SQL, for a time `at` and an offset `off` in ms (SQL expressions of type bigint):
// the local day is floor((at + off) / day) (floor for negative times too: the remainder is made
// non-negative first), 1970-01-01 was a Thursday, so its Monday is (day + 3) mod 7 days back.
std::string monday_sql(const std::string& at, const std::string& off) {
  const std::string t = "(" + at + " + " + off + ")";
  const std::string day = "((" + t + " - ((" + t + " % 86400000) + 86400000) % 86400000) / 86400000)";
  return "((" + day + " - ((" + day + " + 3) % 7 + 7) % 7) * 86400000 - " + off + ")";
}

// The offset parameter $n (minutes, integer) in ms.
std::string offset_ms_sql(int param) { return "($" + std::to_string(param) + "::integer * 60000::bigint)"; }

// Check-ins of person $1 matching `where`, grouped by week at the offset parameter $offset, region and
// side: week_start_ms, region, side, n, sum_intensity, max_intensity, pain (qualities in parameter $pain).
std::string weekly_groups_sql(const std::string& where, int offset, int pain) {
  return "SELECT week_start_ms, region COLLATE \"C\" AS region, side COLLATE \"C\" AS side, count(*) AS n,"
         " sum(intensity) AS sum_intensity, max(intensity) AS max_intensity,"
         " count(*) FILTER (WHERE quality = ANY($" +
         std::to_string(pain) + "::text[])) AS pain FROM (SELECT " + monday_sql("at_ms", offset_ms_sql(offset)) +
         " AS week_start_ms, region, side, intensity, quality FROM check_ins WHERE person_id = $1 AND (" + where +
         ")) c GROUP BY week_start_ms, region, side";
}

// Person $1 at offset $2 (minutes): the aggregate's rows for the whole weeks [$3, $4), and the check-ins of
// the edges [$5, $3) and [$4, $6) one by one — n NULL, their time in week_start_ms and their quality — for the
// caller to group exactly as core does; in no particular order. When the offset is not kept, one more row, of
// NULLs, says so: from the same snapshot as the rest, so one statement without a transaction gives the
// answer, or tells that the aggregate must be built first.
const std::string& weekly_read_sql() {
  static const std::string kSql =
      "SELECT week_start_ms, region, side, n, sum_intensity, max_intensity, pain, NULL::text AS quality"
      " FROM weekly_stats WHERE person_id = $1 AND offset_minutes = $2::integer AND week_start_ms >= $3"
      " AND week_start_ms < $4"
      " UNION ALL SELECT at_ms, region COLLATE \"C\", side COLLATE \"C\", NULL, intensity, intensity, NULL, quality"
      " FROM check_ins WHERE person_id = $1 AND ((at_ms >= $5 AND at_ms < $3) OR (at_ms >= $4 AND at_ms < $6))"
      " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM"
      " weekly_stats_offsets WHERE person_id = $1 AND offset_minutes = $2::integer)";
  return kSql;
}

// Fills the aggregate of person $1 at offset $2 from all of the person's check-ins (pain qualities $3), in
// key order, so that reading a range of weeks by the key reads the table's pages in order too.
const std::string& weekly_build_sql() {
  static const std::string kSql =
      "INSERT INTO weekly_stats (person_id, offset_minutes, week_start_ms, region, side, n, sum_intensity,"
      " max_intensity, pain) SELECT $1::bigint, $2::integer, g.* FROM (" +
      weekly_groups_sql("TRUE", 2, 3) + ") g ORDER BY week_start_ms, region, side";
  return kSql;
}

// Inserts the check-in ($1 to $11, as record_check_in's INSERT) and adds it to the aggregate of every offset
// kept for its person ($12: 1 when its quality is pain). One statement: one round trip, one snapshot. The
// rows are updated in offset order, so concurrent writers lock them in the same order.
const std::string& insert_check_in_sql() {
  static const std::string kSql =
      "WITH c AS (INSERT INTO check_ins (uid, session_uid, person_id, at_ms, step, exercise, region, side, "
      "intensity, quality, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "RETURNING person_id, at_ms, region, side, intensity) "
      "INSERT INTO weekly_stats (person_id, offset_minutes, week_start_ms, region, side, n, sum_intensity, "
      "max_intensity, pain) SELECT o.person_id, o.offset_minutes, " +
      monday_sql("c.at_ms", "(o.offset_minutes * 60000::bigint)") +
      ", c.region, c.side, 1, c.intensity, c.intensity, $12::bigint "
      "FROM c JOIN weekly_stats_offsets o ON o.person_id = c.person_id ORDER BY o.offset_minutes "
      "ON CONFLICT (person_id, offset_minutes, week_start_ms, region, side) DO UPDATE SET "
      "n = weekly_stats.n + 1, sum_intensity = weekly_stats.sum_intensity + excluded.sum_intensity, "
      "max_intensity = greatest(weekly_stats.max_intensity, excluded.max_intensity), "
      "pain = weekly_stats.pain + excluded.pain";
  return kSql;
}

// Which children read_children reads.
enum class Children { kAll, kDigestInputs /* events and check-ins: what core::digest_session reads */ };

// Reads the children of the sessions in `out` (keyed by session uid): all sessions' children when `param` is
// empty, else those of the sessions `where` ("session_uid = $1", "session_uid = ANY($1::text[])") selects.
// Each session's lists come in canonical order.
void read_children(pqxx::transaction_base& tx, const std::string& where, const std::optional<std::string>& param,
                   std::unordered_map<std::string, core::SessionRecord*>& out, Children which = Children::kAll) {
  const std::string filter = param ? "WHERE " + where + " " : std::string();
  auto query = [&](const char* cols, const char* table, const char* order) {
    const std::string sql = select(cols, std::string("FROM ") + table + " " + filter + order);
    return param ? tx.exec_params(sql, *param) : tx.exec(sql);
  };
  auto target = [&](const pqxx::field& f) -> core::SessionRecord* {
    const auto it = out.find(str(f));
    return it == out.end() ? nullptr : it->second;
  };
  for (const auto& r : query(kEventCols, "session_events", "ORDER BY seq")) {
    if (auto* s = target(r[0])) s->events.push_back(event_of(r));
  }
  for (const auto& r : query(kCheckInCols, "check_ins", "ORDER BY at_ms, uid COLLATE \"C\"")) {
    if (auto* s = target(r[1])) s->check_ins.push_back(check_in_of(r));
  }
  if (which == Children::kDigestInputs) return;
  for (const auto& r : query(kAdaptationCols, "adaptations", "ORDER BY at_ms, uid COLLATE \"C\"")) {
    if (auto* s = target(r[1])) s->adaptations.push_back(adaptation_of(r));
  }
  for (const auto& r : query(kNoteCols, "session_notes", "ORDER BY at_ms, uid COLLATE \"C\"")) {
    if (auto* s = target(r[1])) s->notes.push_back(note_of(r));
  }
}

// --- session digests (store/digest_util.h) -----------------------------------------------------------------

// The digests of the sessions `infos`, from their events and check-ins as `tx` sees them (the records
// session() would return, so core::digest_session gives what it gives for them).
std::vector<core::SessionDigest> digests_of(pqxx::transaction_base& tx, std::vector<core::SessionInfo> infos) {
  std::vector<core::SessionRecord> records(infos.size());
  std::unordered_map<std::string, core::SessionRecord*> by_uid;
  std::vector<std::string> uids;
  for (std::size_t i = 0; i < infos.size(); ++i) {
    records[i].info = std::move(infos[i]);
    by_uid[records[i].info.uid] = &records[i];
    uids.push_back(records[i].info.uid);
  }
  if (!uids.empty()) {
    read_children(tx, "session_uid = ANY($1::text[])", text_array(uids), by_uid, Children::kDigestInputs);
  }
  std::vector<core::SessionDigest> out;
  out.reserve(records.size());
  for (const auto& record : records) out.push_back(core::digest_session(record));
  return out;
}

// Writes the rows of `digests` (of ended sessions) in place of what session_digests holds for their sessions.
// The caller holds the sessions' row locks (see the lock notes at the top) and stores sessions.digest too.
void write_digest_rows(pqxx::transaction_base& tx, const std::vector<core::SessionDigest>& digests) {
  if (digests.empty()) return;
  std::vector<std::string> uids;
  uids.reserve(digests.size());
  for (const auto& d : digests) uids.push_back(d.uid);
  tx.exec_params("DELETE FROM session_digests WHERE session_uid = ANY($1::text[])", text_array(uids));
  bool any_region = false;
  for (const auto& d : digests) any_region = any_region || !d.regions.empty();
  if (!any_region) return;
  pqxx::stream_to stream(tx, "session_digests",
                         std::vector<std::string>{"session_uid", "region", "side", "active_ms", "check_ins",
                                                  "intensity_sum", "intensity_max", "pain_check_ins",
                                                  "first_check_in_ms", "last_check_in_ms", "last_intensity"});
  for (const auto& d : digests) {
    for (const auto& r : d.regions) {
      stream << std::make_tuple(d.uid, r.region, name_of(r.side), r.active_ms, r.check_ins, r.intensity_sum,
                                r.intensity_max, r.pain_check_ins, r.first_check_in_ms, r.last_check_in_ms,
                                r.last_intensity);
    }
  }
  stream.complete();
}

// Sets sessions.digest of the sessions `digests` are of (detail::digest_text).
void write_digest_texts(pqxx::transaction_base& tx, const std::vector<const core::SessionDigest*>& digests) {
  if (digests.empty()) return;
  std::vector<std::string> uids;
  std::vector<std::string> texts;
  for (const auto* d : digests) {
    uids.push_back(d->uid);
    texts.push_back(detail::digest_text(d->regions));
  }
  tx.exec_params(
      "UPDATE sessions s SET digest = v.digest FROM unnest($1::text[], $2::text[]) AS v(uid, digest) "
      "WHERE s.uid = v.uid",
      text_array(uids), text_array(texts));
}

// Stores `digests` (of ended sessions, whose rows the caller holds locked): rows and texts.
void replace_digests(pqxx::transaction_base& tx, const std::vector<core::SessionDigest>& digests) {
  write_digest_rows(tx, digests);
  std::vector<const core::SessionDigest*> all;
  for (const auto& d : digests) all.push_back(&d);
  write_digest_texts(tx, all);
}

// After a write to session `uid` whose digest is stored: locks the session's row against the digest's other
// writers, then computes the digest from what is committed now (and this transaction's write) and stores it.
void refresh_digest(pqxx::transaction_base& tx, const std::string& uid) {
  const auto r = prepared(tx, "smr_lock_session_for_digest",
                          select(kSessionCols, "FROM sessions WHERE uid = $1 FOR NO KEY UPDATE"), uid);
  if (r.empty()) return;
  core::SessionInfo info = session_of(r[0]);
  if (info.status == core::SessionStatus::kActive) return;
  replace_digests(tx, digests_of(tx, {std::move(info)}));
}

// Stores the digests of the ended sessions that have none (a journal migrated from before version 4), in
// batches of kDigestBackfillBatch sessions, one transaction each. Locks each batch's rows FOR UPDATE, in uid
// order, before reading their records: a concurrent write to one of them either committed before (and is in
// the digest) or waits, then finds the digest stored and rewrites it. Concurrent openers take turns; a
// batch whose rows another backfill stored meanwhile comes back shorter.
void backfill_digests(pqxx::connection& conn) {
  static const std::string kSql =
      select(kSessionCols, "FROM sessions WHERE digest IS NULL AND status <> 'active' ORDER BY uid LIMIT " +
                               std::to_string(detail::kDigestBackfillBatch) + " FOR UPDATE");
  for (;;) {
    pqxx::work tx(conn);
    std::vector<core::SessionInfo> infos;
    for (const auto& r : tx.exec(kSql)) infos.push_back(session_of(r));
    if (infos.empty()) return;
    replace_digests(tx, digests_of(tx, std::move(infos)));
    tx.commit();
  }
}

// --- import -------------------------------------------------------------------------------------------------

// Loads what `journal` can meet (detail::ImportExisting) inside the import's transaction.
detail::ImportExisting load_existing(pqxx::work& tx, const core::Journal& journal) {
  detail::ImportExisting ex;
  for (const auto& r : tx.exec(select(kPersonCols, "FROM people"))) ex.people[i64(r[0])] = person_of(r);

  std::vector<core::PersonId> profile_people;
  for (const auto& pp : journal.profiles) profile_people.push_back(pp.person_id);
  if (!profile_people.empty()) {
    for (const auto& r :
         tx.exec_params("SELECT person_id, profile_json FROM profiles WHERE person_id = ANY($1::bigint[])",
                        id_array(profile_people))) {
      ex.profiles[i64(r[0])] = profile_of(r[1]);
    }
  }

  std::vector<core::PersonId> setting_people;
  for (const auto& st : journal.settings) setting_people.push_back(st.person_id);
  if (!setting_people.empty()) {
    for (const auto& r :
         tx.exec_params("SELECT person_id, key, value FROM settings WHERE person_id = ANY($1::bigint[])",
                        id_array(setting_people))) {
      ex.settings[std::make_pair(i64(r[0]), str(r[1]))] = str(r[2]);
    }
  }

  const auto uids = detail::import_uids(journal);
  if (uids.empty()) return ex;
  // Which of the journal's uids are stored already, and as what.
  std::vector<std::string> routines;
  std::vector<std::string> customs;
  std::vector<std::string> sessions;
  std::vector<std::string> self_tests;
  const auto found = tx.exec_params(R"(
      WITH u(uid) AS (SELECT unnest($1::text[]))
      SELECT 'r', uid FROM routines JOIN u USING (uid)
      UNION ALL SELECT 'x', uid FROM custom_exercises JOIN u USING (uid)
      UNION ALL SELECT 's', uid FROM sessions JOIN u USING (uid)
      UNION ALL SELECT 't', uid FROM self_tests JOIN u USING (uid)
      UNION ALL SELECT 'c', uid FROM check_ins JOIN u USING (uid)
      UNION ALL SELECT 'a', uid FROM adaptations JOIN u USING (uid)
      UNION ALL SELECT 'n', uid FROM session_notes JOIN u USING (uid))",
                                    text_array(uids));
  for (const auto& r : found) {
    switch (r[0].c_str()[0]) {
      case 'r': routines.push_back(str(r[1])); break;
      case 'x': customs.push_back(str(r[1])); break;
      case 's': sessions.push_back(str(r[1])); break;
      case 't': self_tests.push_back(str(r[1])); break;
      default: ex.other_uids.insert(str(r[1])); break;
    }
  }
  if (!routines.empty()) {
    for (const auto& r :
         tx.exec_params(select(kRoutineCols, "FROM routines WHERE uid = ANY($1::text[])"), text_array(routines))) {
      ex.routines[str(r[0])] = routine_of(r);
    }
  }
  if (!customs.empty()) {
    for (const auto& r : tx.exec_params(select(kCustomCols, "FROM custom_exercises WHERE uid = ANY($1::text[])"),
                                        text_array(customs))) {
      ex.custom_exercises[str(r[0])] = custom_of(r);
    }
  }
  if (!self_tests.empty()) {
    for (const auto& r :
         tx.exec_params(select(kSelfTestCols, "FROM self_tests WHERE uid = ANY($1::text[])"), text_array(self_tests))) {
      ex.self_tests[str(r[0])] = self_test_of(r);
    }
  }
  if (!sessions.empty()) {
    const std::string param = text_array(sessions);
    std::unordered_map<std::string, core::SessionRecord*> by_uid;
    // Locked against the other writers of their digests (see the lock notes at the top) before their records
    // are read: the digests this import stores are computed from these records and the journal's.
    for (const auto& r : tx.exec_params(
             select(kSessionCols, "FROM sessions WHERE uid = ANY($1::text[]) ORDER BY uid FOR NO KEY UPDATE"), param)) {
      auto& rec = ex.sessions[str(r[0])];
      rec.info = session_of(r);
      by_uid[rec.info.uid] = &rec;
    }
    read_children(tx, "session_uid = ANY($1::text[])", param, by_uid);
  }
  return ex;
}

// Writes the plan with COPY, one stream per table, parents first.
void write_plan(pqxx::work& tx, const detail::ImportPlan& plan) {
  using Cols = std::vector<std::string>;
  for (const auto* p : plan.changed_people) {
    tx.exec_params("UPDATE people SET name = $2, created_ms = $3 WHERE id = $1", p->id, p->name, p->created_ms);
  }
  // Streams `rows` (pointers) into `table`, each row as the tuple `to_tuple` makes of it.
  auto copy = [&tx](const char* table, const Cols& cols, const auto& rows, auto&& to_tuple) {
    if (rows.empty()) return;
    pqxx::stream_to stream(tx, table, cols);
    for (const auto& row : rows) stream << to_tuple(*row);
    stream.complete();
  };
  copy("people", {"id", "name", "created_ms"}, plan.new_people,
       [](const core::Person& p) { return std::make_tuple(p.id, p.name, p.created_ms); });
  copy("profiles", {"person_id", "profile_json", "updated_ms"}, plan.new_profiles, [](const core::PersonProfile& pp) {
    return std::make_tuple(pp.person_id, json::profile_to_text(pp.profile), pp.profile.updated_ms);
  });
  copy("routines", {"uid", "person_id", "name", "created_ms", "routine_json"}, plan.new_routines,
       [](const core::SavedRoutine& r) {
         return std::make_tuple(r.uid, r.person_id, r.name, r.created_ms, r.routine_json);
       });
  copy("custom_exercises", {"uid", "person_id", "created_ms", "toml"}, plan.new_custom_exercises,
       [](const core::CustomExercise& x) { return std::make_tuple(x.uid, x.person_id, x.created_ms, x.toml); });
  // Ended sessions with their digests' texts (from the plan); the digests' rows are written at the end.
  std::unordered_map<std::string_view, const core::SessionDigest*> digest_of;
  for (const auto& d : plan.digests) digest_of.emplace(d.uid, &d);
  copy("sessions", {"uid", "person_id", "title", "started_ms", "ended_ms", "status", "routine_json", "digest"},
       plan.new_sessions, [&digest_of](const core::SessionInfo& s) {
         std::optional<std::string> digest;
         if (const auto it = digest_of.find(s.uid); it != digest_of.end()) {
           digest = detail::digest_text(it->second->regions);
         }
         return std::make_tuple(s.uid, s.person_id, s.title, s.started_ms, s.ended_ms, name_of(s.status),
                                s.routine_json, digest);
       });
  copy("session_events", {"session_uid", "seq", "at_ms", "kind", "step", "data_json"}, plan.new_events,
       [](const core::SessionEvent& e) {
         return std::make_tuple(e.session_uid, e.seq, e.at_ms, e.kind, e.step, e.data_json);
       });
  if (!plan.new_check_ins.empty()) {
    pqxx::stream_to stream(tx, "check_ins",
                           Cols{"uid", "session_uid", "person_id", "at_ms", "step", "exercise", "region", "side",
                                "intensity", "quality", "note"});
    for (const auto& [c, person] : plan.new_check_ins) {
      stream << std::make_tuple(c->uid, c->session_uid, person, c->at_ms, c->step, c->exercise, c->region,
                                name_of(c->side), c->intensity, name_of(c->quality), c->note);
    }
    stream.complete();
  }
  copy("adaptations", {"uid", "session_uid", "at_ms", "step", "kind", "reason", "detail_json"}, plan.new_adaptations,
       [](const core::Adaptation& a) {
         return std::make_tuple(a.uid, a.session_uid, a.at_ms, a.step, a.kind, a.reason, a.detail_json);
       });
  copy("session_notes", {"uid", "session_uid", "at_ms", "text"}, plan.new_notes,
       [](const core::SessionNote& n) { return std::make_tuple(n.uid, n.session_uid, n.at_ms, n.text); });
  copy("self_tests", {"uid", "person_id", "at_ms", "test", "side", "value", "unit", "session_uid", "phase"},
       plan.new_self_tests, [](const core::SelfTest& t) {
         return std::make_tuple(t.uid, t.person_id, t.at_ms, t.test, name_of(t.side), double_text(t.value), t.unit,
                                t.session_uid, t.phase);
       });
  copy("settings", {"person_id", "key", "value"}, plan.new_settings,
       [](const core::Setting& s) { return std::make_tuple(s.person_id, s.key, s.value); });
  // The digests' rows, and the texts of the stored sessions whose digests the import changes.
  write_digest_rows(tx, plan.digests);
  std::unordered_map<std::string_view, bool> is_new;
  for (const auto* s : plan.new_sessions) is_new.emplace(s->uid, true);
  std::vector<const core::SessionDigest*> stored;
  for (const auto& d : plan.digests) {
    if (!is_new.count(d.uid)) stored.push_back(&d);
  }
  write_digest_texts(tx, stored);
}

}  // namespace

PostgresStore::PostgresStore(std::unique_ptr<detail::ConnectionPool> pool) : pool_(std::move(pool)) {}

PostgresStore::~PostgresStore() = default;

Result<Health> PostgresStore::check_health() {
  return run(*pool_, [](pqxx::connection& conn) -> Result<Health> {
    Health h;
    h.latest_schema_version = detail::latest_postgres_schema_version();
    h.schema_version = detail::postgres_schema_version(conn);
    if (h.schema_version != h.latest_schema_version) {
      h.messages.push_back("schema version " + std::to_string(h.schema_version) + ", expected " +
                           std::to_string(h.latest_schema_version));
    } else {
      Snapshot tx(conn);
      if (!person_exists(tx, core::kLocalPersonId)) h.messages.push_back("the local person (id 1) is missing");
      const auto mismatched = tx.exec1(
          "SELECT count(*) FROM check_ins c JOIN sessions s ON s.uid = c.session_uid WHERE c.person_id <> s.person_id");
      if (const auto n = mismatched[0].as<long>(); n > 0) {
        h.messages.push_back(std::to_string(n) + " check-ins name another person than their session");
      }
      const auto shared = tx.exec1(R"(
          SELECT count(*) FROM (
            SELECT uid FROM (
              SELECT uid FROM routines UNION ALL SELECT uid FROM custom_exercises UNION ALL SELECT uid FROM sessions
              UNION ALL SELECT uid FROM self_tests UNION ALL SELECT uid FROM check_ins
              UNION ALL SELECT uid FROM adaptations UNION ALL SELECT uid FROM session_notes) every_uid
            GROUP BY uid HAVING count(*) > 1) shared)");
      if (const auto n = shared[0].as<long>(); n > 0) {
        h.messages.push_back(std::to_string(n) + " uids are used by more than one record");
      }
      for (const auto& r : tx.exec("SELECT person_id, profile_json FROM profiles ORDER BY person_id")) {
        if (!json::profile_from_text(str(r[1]))) {
          h.messages.push_back("the profile of person " + str(r[0]) + " is not valid JSON for a profile");
        }
      }
    }
    h.integrity_ok = h.messages.empty();
    return h;
  });
}

Result<core::Person> PostgresStore::person(core::PersonId id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<core::Person> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params(select(kPersonCols, "FROM people WHERE id = $1"), id);
    if (r.empty()) return no_person(id);
    return person_of(r[0]);
  });
}

Result<std::vector<core::Person>> PostgresStore::people() {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::Person>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::Person> out;
    for (const auto& r : tx.exec(select(kPersonCols, "FROM people ORDER BY id"))) out.push_back(person_of(r));
    return out;
  });
}

Result<core::Person> PostgresStore::add_person(const std::string& name, core::UnixMillis now_ms) {
  if (name.empty()) return fail(Error::Code::kInvalid, "name: must not be empty");
  return run(*pool_, [&](pqxx::connection& conn) -> Result<core::Person> {
    pqxx::work tx(conn);
    // Ids are max + 1, as in MemoryStore; the lock makes concurrent adders take turns.
    tx.exec("LOCK TABLE people IN SHARE ROW EXCLUSIVE MODE");
    const auto r = tx.exec_params1(
        "INSERT INTO people (id, name, created_ms) SELECT coalesce(max(id), 0) + 1, $1, $2 FROM people RETURNING id",
        name, now_ms);
    const core::Person p{i64(r[0]), name, now_ms};
    tx.commit();
    return p;
  });
}

Result<std::optional<core::Profile>> PostgresStore::profile(core::PersonId id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<core::Profile>> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params(
        "SELECT pr.profile_json FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id WHERE p.id = $1", id);
    if (r.empty()) return no_person(id);
    if (r[0][0].is_null()) return std::optional<core::Profile>{};
    return std::optional<core::Profile>{profile_of(r[0][0])};
  });
}

Status PostgresStore::save_profile(core::PersonId id, const core::Profile& profile) {
  const std::string text = json::profile_to_text(profile);
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    const auto r = tx.exec_params(
        "INSERT INTO profiles (person_id, profile_json, updated_ms) "
        "SELECT $1::bigint, $2::text, $3::bigint WHERE EXISTS (SELECT 1 FROM people WHERE id = $1::bigint) "
        "ON CONFLICT (person_id) DO UPDATE SET profile_json = excluded.profile_json, updated_ms = excluded.updated_ms",
        id, text, profile.updated_ms);
    if (r.affected_rows() == 0) return no_person(id);
    tx.commit();
    return {};
  });
}

Status PostgresStore::save_routine(const core::SavedRoutine& routine) {
  if (auto s = invalid_if(core::problem_with(routine)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, routine.uid);
    const auto r = tx.exec_params1(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = $2), "
        "EXISTS (SELECT 1 FROM routines WHERE uid = $1), " +
            uid_taken_sql(1),
        routine.uid, routine.person_id);
    if (!r[0].as<bool>()) return no_person(routine.person_id);
    if (!r[1].as<bool>() && r[2].as<bool>()) {
      return fail(Error::Code::kConflict, "the uid \"" + routine.uid + "\" is used by another record");
    }
    // Saving an existing routine replaces it.
    tx.exec_params(
        "INSERT INTO routines (uid, person_id, name, created_ms, routine_json) VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (uid) DO UPDATE SET person_id = excluded.person_id, name = excluded.name, "
        "created_ms = excluded.created_ms, routine_json = excluded.routine_json",
        routine.uid, routine.person_id, routine.name, routine.created_ms, routine.routine_json);
    tx.commit();
    return {};
  });
}

Result<std::vector<core::SavedRoutine>> PostgresStore::routines(core::PersonId id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::SavedRoutine>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::SavedRoutine> out;
    for (const auto& r : tx.exec_params(
             select(kRoutineCols, "FROM routines WHERE person_id = $1 ORDER BY created_ms, uid COLLATE \"C\""), id)) {
      out.push_back(routine_of(r));
    }
    return out;
  });
}

Status PostgresStore::delete_routine(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("DELETE FROM routines WHERE uid = $1", uid).affected_rows() == 0) {
      return fail(Error::Code::kNotFound, "no routine has the uid \"" + uid + "\"");
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::save_custom_exercise(const core::CustomExercise& exercise) {
  if (auto s = invalid_if(core::problem_with(exercise)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, exercise.uid);
    const auto r = tx.exec_params1(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = $2), "
        "EXISTS (SELECT 1 FROM custom_exercises WHERE uid = $1), " +
            uid_taken_sql(1),
        exercise.uid, exercise.person_id);
    if (!r[0].as<bool>()) return no_person(exercise.person_id);
    if (!r[1].as<bool>() && r[2].as<bool>()) {
      return fail(Error::Code::kConflict, "the uid \"" + exercise.uid + "\" is used by another record");
    }
    tx.exec_params(
        "INSERT INTO custom_exercises (uid, person_id, created_ms, toml) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (uid) DO UPDATE SET person_id = excluded.person_id, created_ms = excluded.created_ms, "
        "toml = excluded.toml",
        exercise.uid, exercise.person_id, exercise.created_ms, exercise.toml);
    tx.commit();
    return {};
  });
}

Result<std::vector<core::CustomExercise>> PostgresStore::custom_exercises(core::PersonId id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::CustomExercise>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::CustomExercise> out;
    for (const auto& r : tx.exec_params(
             select(kCustomCols, "FROM custom_exercises WHERE person_id = $1 ORDER BY created_ms, uid COLLATE \"C\""),
             id)) {
      out.push_back(custom_of(r));
    }
    return out;
  });
}

Status PostgresStore::start_session(const core::SessionInfo& session) {
  if (auto s = invalid_if(core::problem_with(session)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, session.uid);
    const auto r = tx.exec_params1("SELECT EXISTS (SELECT 1 FROM people WHERE id = $2), " + uid_taken_sql(1),
                                   session.uid, session.person_id);
    if (!r[0].as<bool>()) return no_person(session.person_id);
    if (r[1].as<bool>()) return uid_exists(session.uid);
    // A session stored ended has nothing recorded yet: its digest has no regions ('', and no rows).
    tx.exec_params(
        "INSERT INTO sessions (uid, person_id, title, started_ms, ended_ms, status, routine_json, digest) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6 <> 'active' THEN '' END)",
        session.uid, session.person_id, session.title, session.started_ms, session.ended_ms, name_of(session.status),
        session.routine_json);
    tx.commit();
    return {};
  });
}

Status PostgresStore::append_event(const core::SessionEvent& event) {
  if (auto s = invalid_if(core::problem_with(event)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    // One row: whether the session's digest is stored (NULL: no such session), and whether the event was
    // inserted (no: its seq is taken). The session's row is locked FOR KEY SHARE (see the digest lock notes at the
    // top).
    static const std::string kSql =
        "WITH s AS (SELECT digest IS NOT NULL AS stored FROM sessions WHERE uid = $1::text FOR KEY SHARE), "
        "e AS (INSERT INTO session_events (session_uid, seq, at_ms, kind, step, data_json) "
        "SELECT $1::text, $2::bigint, $3::bigint, $4::text, $5::integer, $6::text FROM s "
        "ON CONFLICT (session_uid, seq) DO NOTHING RETURNING 1) "
        "SELECT (SELECT stored FROM s), EXISTS (SELECT 1 FROM e)";
    const pqxx::row r = prepared(tx, "smr_append_event", kSql, event.session_uid, event.seq, event.at_ms, event.kind,
                                 event.step, event.data_json)
                            .at(0);
    if (r[0].is_null()) return no_session(event.session_uid);
    if (!r[1].as<bool>()) {
      return fail(Error::Code::kConflict,
                  "session \"" + event.session_uid + "\" already has event " + std::to_string(event.seq));
    }
    if (r[0].as<bool>()) refresh_digest(tx, event.session_uid);  // an event of an ended session
    tx.commit();
    return {};
  });
}

Status PostgresStore::record_check_in(const core::CheckIn& c) {
  if (auto s = invalid_if(core::problem_with(c)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, c.uid);
    // The session's person, whether the uid is taken, the person's weekly lock (shared; see kWeeklyClass),
    // taken before the next statement reads which offsets are kept, and whether the session's digest is stored
    // (its row locked FOR KEY SHARE: see the digest lock notes at the top). No session: no lock (the function is
    // strict) and nothing written.
    static const std::string kCheck =
        "SELECT s.person_id, " + uid_taken_sql(1) +
        ", pg_advisory_xact_lock_shared($3, hashint8(s.person_id)), s.stored"
        " FROM (VALUES (1)) AS one LEFT JOIN (SELECT person_id, digest IS NOT NULL AS stored FROM sessions"
        " WHERE uid = $2 FOR KEY SHARE) s ON TRUE";
    const auto checked = prepared(tx, "smr_check_in_check", kCheck, c.uid, c.session_uid, kWeeklyClass);
    const pqxx::row r = checked.at(0);
    if (r[0].is_null()) return no_session(c.session_uid);
    if (r[1].as<bool>()) return uid_exists(c.uid);
    prepared(tx, "smr_insert_check_in", insert_check_in_sql(), c.uid, c.session_uid, i64(r[0]), c.at_ms, c.step,
             c.exercise, c.region, name_of(c.side), c.intensity, name_of(c.quality), c.note,
             core::is_pain(c.quality) ? 1 : 0);
    if (r[3].as<bool>()) refresh_digest(tx, c.session_uid);  // a check-in of an ended session
    tx.commit();
    return {};
  });
}

Status PostgresStore::record_adaptation(const core::Adaptation& a) {
  if (auto s = invalid_if(core::problem_with(a)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, a.uid);
    const auto r = tx.exec_params1("SELECT EXISTS (SELECT 1 FROM sessions WHERE uid = $2), " + uid_taken_sql(1), a.uid,
                                   a.session_uid);
    if (!r[0].as<bool>()) return no_session(a.session_uid);
    if (r[1].as<bool>()) return uid_exists(a.uid);
    tx.exec_params(
        "INSERT INTO adaptations (uid, session_uid, at_ms, step, kind, reason, detail_json) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        a.uid, a.session_uid, a.at_ms, a.step, a.kind, a.reason, a.detail_json);
    tx.commit();
    return {};
  });
}

Status PostgresStore::add_note(const core::SessionNote& n) {
  if (auto s = invalid_if(core::problem_with(n)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, n.uid);
    const auto r = tx.exec_params1("SELECT EXISTS (SELECT 1 FROM sessions WHERE uid = $2), " + uid_taken_sql(1), n.uid,
                                   n.session_uid);
    if (!r[0].as<bool>()) return no_session(n.session_uid);
    if (r[1].as<bool>()) return uid_exists(n.uid);
    tx.exec_params("INSERT INTO session_notes (uid, session_uid, at_ms, text) VALUES ($1, $2, $3, $4)", n.uid,
                   n.session_uid, n.at_ms, n.text);
    tx.commit();
    return {};
  });
}

Status PostgresStore::end_session(const std::string& uid, core::UnixMillis ended_ms, core::SessionStatus status) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    const auto r = tx.exec_params("SELECT started_ms, status FROM sessions WHERE uid = $1 FOR UPDATE", uid);
    if (r.empty()) return no_session(uid);
    if (status == core::SessionStatus::kActive) {
      return fail(Error::Code::kInvalid, "status: a session ends as \"finished\" or \"stopped\"");
    }
    if (enum_of<core::SessionStatus>(r[0][1], "session status") != core::SessionStatus::kActive) {
      return fail(Error::Code::kConflict, "session \"" + uid + "\" has ended already");
    }
    if (ended_ms < i64(r[0][0])) return fail(Error::Code::kInvalid, "ended_ms: must not be before started_ms");
    // The session as it ends, and its digest from its records: the row is locked FOR UPDATE above, so every
    // event or check-in committed before is read below, and every later one sees the digest stored.
    const auto updated = tx.exec_params(
        "UPDATE sessions SET ended_ms = $2, status = $3 WHERE uid = $1 RETURNING " + std::string(kSessionCols), uid,
        ended_ms, name_of(status));
    replace_digests(tx, digests_of(tx, {session_of(updated.at(0))}));
    tx.commit();
    return {};
  });
}

Result<Store::SessionProgress> PostgresStore::session_progress(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<SessionProgress> {
    Snapshot tx(conn);
    const auto r = tx.exec_params(
        "SELECT status, (SELECT COUNT(*) FROM session_events WHERE session_uid = $1), ended_ms FROM sessions WHERE "
        "uid = $1",
        uid);
    if (r.empty()) return no_session(uid);
    SessionProgress p;
    p.status = enum_of<core::SessionStatus>(r[0][0], "session status");
    p.events = static_cast<std::size_t>(i64(r[0][1]));
    if (!r[0][2].is_null()) p.ended_ms = i64(r[0][2]);
    return p;
  });
}

Result<core::SessionRecord> PostgresStore::session(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<core::SessionRecord> {
    Snapshot tx(conn);
    const auto r = tx.exec_params(select(kSessionCols, "FROM sessions WHERE uid = $1"), uid);
    if (r.empty()) return no_session(uid);
    core::SessionRecord rec;
    rec.info = session_of(r[0]);
    std::unordered_map<std::string, core::SessionRecord*> by_uid{{uid, &rec}};
    read_children(tx, "session_uid = $1", uid, by_uid);
    return rec;
  });
}

Result<std::vector<core::SessionDigest>> PostgresStore::session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                                        core::UnixMillis to_ms) {
  // The person's sessions in the range with their stored digests' texts (NULL: not stored), in (started_ms, uid)
  // order (uid in byte order).
  static const std::string kSql =
      "SELECT uid, started_ms, ended_ms, status, digest FROM sessions WHERE person_id = $1 "
      "AND started_ms >= $2 AND started_ms < $3 ORDER BY started_ms, uid COLLATE \"C\"";
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::SessionDigest>> {
    Snapshot tx(conn);  // the stored digests and the other sessions' records from one snapshot
    const auto rows = prepared(tx, "smr_session_digests", kSql, id, from_ms, to_ms);
    std::vector<core::SessionDigest> out;
    out.reserve(rows.size());
    std::vector<std::size_t> from_records;  // sessions (indexes in out) whose digest is not stored
    for (const auto& r : rows) {
      core::SessionDigest& d = out.emplace_back();
      d.uid = str(r[0]);
      d.person_id = id;
      d.started_ms = fast_int<std::int64_t>(r[1]);
      if (!r[2].is_null()) d.ended_ms = fast_int<std::int64_t>(r[2]);
      d.status = enum_of<core::SessionStatus>(r[3], "session status");
      if (r[4].is_null()) {
        from_records.push_back(out.size() - 1);
      } else if (!detail::read_digest_text(text_of(r[4]), d.regions)) {
        throw CorruptData("the stored digest of session \"" + d.uid + "\" cannot be read");
      }
    }
    if (!from_records.empty()) {
      std::vector<core::SessionInfo> infos;
      for (const std::size_t i : from_records) infos.push_back(info_of(out[i]));
      auto computed = digests_of(tx, std::move(infos));
      for (std::size_t k = 0; k < from_records.size(); ++k) out[from_records[k]] = std::move(computed[k]);
    }
    return out;
  });
}

Result<std::vector<PersonDigests>> PostgresStore::people_digests(const std::vector<core::PersonId>& people,
                                                                 core::UnixMillis from_ms, core::UnixMillis to_ms,
                                                                 const std::vector<std::string>& keys) {
  // Three queries in one snapshot whatever the number of people: the people, their settings, their sessions in
  // the range with the stored digests' texts (each person's through sessions_by_person_time, in (started_ms, uid)
  // order as session_digests()).
  static const std::string kPeopleSql =
      "SELECT " + std::string(kPersonCols) + " FROM people WHERE id = ANY($1::bigint[])";
  static const std::string kSettingsSql =
      "SELECT person_id, key, value FROM settings WHERE person_id = ANY($1::bigint[]) AND key = ANY($2::text[])";
  static const std::string kSessionsSql =
      "SELECT person_id, uid, started_ms, ended_ms, status, digest FROM sessions "
      "WHERE person_id = ANY($1::bigint[]) AND started_ms >= $2 AND started_ms < $3 "
      "ORDER BY person_id, started_ms, uid COLLATE \"C\"";
  if (people.empty()) return std::vector<PersonDigests>();
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<PersonDigests>> {
    Snapshot tx(conn);
    const std::string ids = id_array(people);
    std::unordered_map<core::PersonId, PersonDigests> by_id;
    for (const auto& r : prepared(tx, "smr_people_digests_people", kPeopleSql, ids)) {
      PersonDigests p;
      p.person = person_of(r);
      p.settings.resize(keys.size());
      by_id.emplace(p.person.id, std::move(p));
    }
    for (const core::PersonId id : people) {
      if (!by_id.contains(id)) return no_person(id);
    }
    if (!keys.empty()) {
      for (const auto& r : prepared(tx, "smr_people_digests_settings", kSettingsSql, ids, text_array(keys))) {
        const std::string key = str(r[1]);
        auto& p = by_id.at(i64(r[0]));
        for (std::size_t k = 0; k < keys.size(); ++k) {
          if (keys[k] == key) p.settings[k] = str(r[2]);
        }
      }
    }
    // Sessions whose digest is not stored (person, position in their digests).
    std::vector<std::pair<core::PersonId, std::size_t>> from_records;
    for (const auto& r : prepared(tx, "smr_people_digests_sessions", kSessionsSql, ids, from_ms, to_ms)) {
      const core::PersonId id = i64(r[0]);
      auto& digests = by_id.at(id).digests;
      core::SessionDigest& d = digests.emplace_back();
      d.uid = str(r[1]);
      d.person_id = id;
      d.started_ms = fast_int<std::int64_t>(r[2]);
      if (!r[3].is_null()) d.ended_ms = fast_int<std::int64_t>(r[3]);
      d.status = enum_of<core::SessionStatus>(r[4], "session status");
      if (r[5].is_null()) {
        from_records.emplace_back(id, digests.size() - 1);
      } else if (!detail::read_digest_text(text_of(r[5]), d.regions)) {
        throw CorruptData("the stored digest of session \"" + d.uid + "\" cannot be read");
      }
    }
    if (!from_records.empty()) {
      std::vector<core::SessionInfo> infos;
      for (const auto& [id, k] : from_records) infos.push_back(info_of(by_id.at(id).digests[k]));
      auto computed = digests_of(tx, std::move(infos));
      for (std::size_t k = 0; k < from_records.size(); ++k) {
        by_id.at(from_records[k].first).digests[from_records[k].second] = std::move(computed[k]);
      }
    }
    std::vector<PersonDigests> out;
    out.reserve(people.size());
    for (const core::PersonId id : people) out.push_back(by_id.at(id));
    return out;
  });
}

Result<std::vector<core::SessionInfo>> PostgresStore::sessions(core::PersonId id, core::UnixMillis from_ms,
                                                               core::UnixMillis to_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::SessionInfo>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::SessionInfo> out;
    for (const auto& r :
         tx.exec_params(select(kSessionCols,
                               "FROM sessions WHERE person_id = $1 AND started_ms >= $2 AND started_ms < $3 "
                               "ORDER BY started_ms, uid COLLATE \"C\""),
                        id, from_ms, to_ms)) {
      out.push_back(session_of(r));
    }
    return out;
  });
}

Result<std::vector<core::CheckIn>> PostgresStore::check_ins(core::PersonId id, core::UnixMillis from_ms,
                                                            core::UnixMillis to_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::CheckIn>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::CheckIn> out;
    for (const auto& r : tx.exec_params(select(kCheckInCols,
                                               "FROM check_ins WHERE person_id = $1 AND at_ms >= $2 AND at_ms < $3 "
                                               "ORDER BY at_ms, uid COLLATE \"C\""),
                                        id, from_ms, to_ms)) {
      out.push_back(check_in_of(r));
    }
    return out;
  });
}

Status PostgresStore::record_self_test(const core::SelfTest& t) {
  if (auto s = invalid_if(core::problem_with(t)); !s) return s;
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    lock_uid(tx, t.uid);
    const auto r = tx.exec_params1(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = $2), "
        "$3 = '' OR EXISTS (SELECT 1 FROM sessions WHERE uid = $3), " +
            uid_taken_sql(1),
        t.uid, t.person_id, t.session_uid);
    if (!r[0].as<bool>()) return no_person(t.person_id);
    if (!r[1].as<bool>()) return no_session(t.session_uid);
    if (r[2].as<bool>()) return uid_exists(t.uid);
    tx.exec_params(
        "INSERT INTO self_tests (uid, person_id, at_ms, test, side, value, unit, session_uid, phase) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        t.uid, t.person_id, t.at_ms, t.test, name_of(t.side), double_text(t.value), t.unit, t.session_uid, t.phase);
    tx.commit();
    return {};
  });
}

Result<std::vector<core::SelfTest>> PostgresStore::self_tests(core::PersonId id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::SelfTest>> {
    pqxx::nontransaction tx(conn);
    std::vector<core::SelfTest> out;
    for (const auto& r : tx.exec_params(
             select(kSelfTestCols, "FROM self_tests WHERE person_id = $1 ORDER BY at_ms, uid COLLATE \"C\""), id)) {
      out.push_back(self_test_of(r));
    }
    return out;
  });
}

Result<std::optional<std::string>> PostgresStore::setting(core::PersonId id, const std::string& key) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<std::string>> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params("SELECT value FROM settings WHERE person_id = $1 AND key = $2", id, key);
    if (r.empty()) return std::optional<std::string>{};
    return std::optional<std::string>{str(r[0][0])};
  });
}

Status PostgresStore::set_setting(const core::Setting& setting) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (setting.key.empty()) {
      if (!person_exists(tx, setting.person_id)) return no_person(setting.person_id);
      return fail(Error::Code::kInvalid, "key: must not be empty");
    }
    const auto r = tx.exec_params(
        "INSERT INTO settings (person_id, key, value) "
        "SELECT $1::bigint, $2::text, $3::text WHERE EXISTS (SELECT 1 FROM people WHERE id = $1::bigint) "
        "ON CONFLICT (person_id, key) DO UPDATE SET value = excluded.value",
        setting.person_id, setting.key, setting.value);
    if (r.affected_rows() == 0) return no_person(setting.person_id);
    tx.commit();
    return {};
  });
}

Result<std::vector<core::WeeklyRegionStat>> PostgresStore::weekly_region_stats(core::PersonId id,
                                                                               core::UnixMillis from_ms,
                                                                               core::UnixMillis to_ms,
                                                                               int utc_offset_minutes) {
  const detail::WeekSplit split = detail::split_weeks(from_ms, to_ms, utc_offset_minutes);
  // Without a whole week the aggregate is not used: the edge [from_ms, to_ms) holds everything.
  const core::UnixMillis full_from = split.has_full_weeks ? split.full_from : std::max(from_ms, to_ms);
  const core::UnixMillis full_to = split.has_full_weeks ? split.full_to : full_from;
  const std::string pain = pain_qualities();
  // The statistics, or nullopt when they need the aggregate and it is not kept.
  auto read = [&](pqxx::transaction_base& tx) -> std::optional<std::vector<core::WeeklyRegionStat>> {
    const auto rows =
        prepared(tx, "smr_weekly_read", weekly_read_sql(), id, utc_offset_minutes, full_from, full_to, from_ms, to_ms);
    std::vector<core::WeeklyRegionStat> out;
    out.reserve(rows.size());
    std::vector<core::CheckIn> edges;
    for (const auto& r : rows) {
      if (r[0].is_null()) {  // the offset is not kept
        if (split.has_full_weeks) return std::nullopt;
        continue;
      }
      if (r[3].is_null()) {  // a check-in of an edge
        core::CheckIn c;
        c.at_ms = fast_int<std::int64_t>(r[0]);
        c.region = str(r[1]);
        c.side = enum_of<core::Side>(r[2], "check-in side");
        c.intensity = fast_int<int>(r[4]);
        c.quality = enum_of<core::Quality>(r[7], "check-in quality");
        edges.push_back(std::move(c));
        continue;
      }
      core::WeeklyRegionStat s;
      s.week_start_ms = fast_int<std::int64_t>(r[0]);
      s.region = str(r[1]);
      s.side = enum_of<core::Side>(r[2], "check-in side");
      s.check_ins = fast_int<int>(r[3]);
      s.mean_intensity = detail::mean_intensity(s.check_ins, fast_int<std::int64_t>(r[4]));
      s.max_intensity = fast_int<int>(r[5]);
      s.pain_count = fast_int<int>(r[6]);
      out.push_back(std::move(s));
    }
    // The edges' weeks are not whole weeks, so none of them is among the aggregate's.
    for (auto& s : core::weekly_region_stats(edges, utc_offset_minutes)) out.push_back(std::move(s));
    // core's order: week, region, side spelling (byte order, as COLLATE "C"). The aggregate's rows mostly come
    // in that order already (the table is filled in key order), so the sort is usually skipped.
    const auto before = [](const core::WeeklyRegionStat& a, const core::WeeklyRegionStat& b) {
      return std::make_tuple(a.week_start_ms, std::string_view(a.region), core::to_string(a.side)) <
             std::make_tuple(b.week_start_ms, std::string_view(b.region), core::to_string(b.side));
    };
    if (!std::is_sorted(out.begin(), out.end(), before)) std::sort(out.begin(), out.end(), before);
    return out;
  };
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<core::WeeklyRegionStat>> {
    {
      pqxx::nontransaction tx(conn);  // one statement, one snapshot
      if (auto out = read(tx)) return std::move(*out);
    }
    // First query at this offset: build the aggregate holding the person's weekly lock exclusively, so that
    // every check-in committed before the build is in it and every later one adds itself (kWeeklyClass).
    // While the lock is held no check-in of the person can commit, so the read below sees what was built.
    pqxx::work tx(conn);
    tx.exec_params("SELECT pg_advisory_xact_lock($1, hashint8($2::bigint))", kWeeklyClass, id);
    if (!tx.exec_params1("SELECT EXISTS (SELECT 1 FROM weekly_stats_offsets WHERE person_id = $1 AND "
                         "offset_minutes = $2)",
                         id, utc_offset_minutes)[0]
             .as<bool>()) {
      if (!person_exists(tx, id)) return std::vector<core::WeeklyRegionStat>{};  // no such person: no check-ins
      tx.exec_params(
          "DELETE FROM weekly_stats_offsets WHERE person_id = $1 AND kept_seq <= (SELECT kept_seq FROM "
          "weekly_stats_offsets WHERE person_id = $1 ORDER BY kept_seq DESC LIMIT 1 OFFSET $2)",
          id, detail::kWeeklyOffsetsKept - 1);
      tx.exec_params(
          "INSERT INTO weekly_stats_offsets (person_id, offset_minutes, kept_seq) "
          "SELECT $1::bigint, $2::integer, COALESCE(max(kept_seq), 0) + 1 FROM weekly_stats_offsets "
          "WHERE person_id = $1::bigint",
          id, utc_offset_minutes);
      tx.exec_params(weekly_build_sql(), id, utc_offset_minutes, pain);
    }
    auto out = read(tx);
    if (!out) throw std::logic_error("the weekly aggregate is not kept right after it was built");
    tx.commit();
    return std::move(*out);
  });
}

Result<core::Journal> PostgresStore::export_journal() {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<core::Journal> {
    Snapshot tx(conn);
    core::Journal j;
    for (const auto& r : tx.exec(select(kPersonCols, "FROM people ORDER BY id"))) j.people.push_back(person_of(r));
    for (const auto& r : tx.exec("SELECT person_id, profile_json FROM profiles ORDER BY person_id")) {
      j.profiles.push_back(core::PersonProfile{i64(r[0]), profile_of(r[1])});
    }
    for (const auto& r : tx.exec(select(kRoutineCols, "FROM routines ORDER BY created_ms, uid COLLATE \"C\""))) {
      j.routines.push_back(routine_of(r));
    }
    for (const auto& r : tx.exec(select(kCustomCols, "FROM custom_exercises ORDER BY created_ms, uid COLLATE \"C\""))) {
      j.custom_exercises.push_back(custom_of(r));
    }
    for (const auto& r : tx.exec(select(kSessionCols, "FROM sessions ORDER BY started_ms, uid COLLATE \"C\""))) {
      j.sessions.push_back(core::SessionRecord{session_of(r), {}, {}, {}, {}});
    }
    std::unordered_map<std::string, core::SessionRecord*> by_uid;
    by_uid.reserve(j.sessions.size());
    for (auto& s : j.sessions) by_uid[s.info.uid] = &s;
    read_children(tx, "", std::nullopt, by_uid);
    for (const auto& r : tx.exec(select(kSelfTestCols, "FROM self_tests ORDER BY at_ms, uid COLLATE \"C\""))) {
      j.self_tests.push_back(self_test_of(r));
    }
    for (const auto& r : tx.exec("SELECT person_id, key, value FROM settings ORDER BY person_id, key COLLATE \"C\"")) {
      j.settings.push_back(core::Setting{i64(r[0]), str(r[1]), str(r[2])});
    }
    return j;
  });
}

Result<ImportSummary> PostgresStore::import_journal(const core::Journal& journal) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<ImportSummary> {
    pqxx::work tx(conn);
    // Alone among uid-creating writers (see kUidSpace) from here to the end of the transaction.
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kUidSpace);
    auto plan = detail::plan_import(load_existing(tx, journal), journal);
    if (!plan) return tl::unexpected(plan.error());  // the transaction is rolled back: nothing changes
    write_plan(tx, *plan);
    // The weekly aggregates of the people who got check-ins are dropped (with their rows, by the foreign
    // key), and rebuilt by their next query: cheaper than maintaining them through COPY, and an import is
    // rare. Under each person's weekly lock (kWeeklyClass), so that a build running meanwhile either sees
    // these check-ins or is dropped.
    std::vector<core::PersonId> stale;
    for (const auto& [c, person] : plan->new_check_ins) stale.push_back(person);
    std::sort(stale.begin(), stale.end());
    stale.erase(std::unique(stale.begin(), stale.end()), stale.end());
    if (!stale.empty()) {
      const std::string people = id_array(stale);
      tx.exec_params("SELECT pg_advisory_xact_lock_shared($1, hashint8(p)) FROM unnest($2::bigint[]) AS p",
                     kWeeklyClass, people);
      tx.exec_params("DELETE FROM weekly_stats_offsets WHERE person_id = ANY($1::bigint[])", people);
    }
    tx.commit();
    return plan->summary;
  });
}

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
  auto target = detail::parse_pg_url(url);
  if (!target) return tl::unexpected(target.error());
  auto conn = detail::connect(*target);
  if (!conn) return tl::unexpected(conn.error());
  try {
    if (auto s = detail::migrate_postgres((*conn)->get(), *target, detail::latest_postgres_schema_version()); !s) {
      return tl::unexpected(s.error());
    }
  } catch (...) {
    return tl::unexpected(current_failure(*target).error);
  }
  auto pool = std::make_unique<ConnectionPool>(*target, PostgresStore::kPoolSize);
  // Ended sessions of a journal from before version 4 get their digests stored. A failure here does not stop
  // the opening: a session without a stored digest is digested from its records when asked for, exactly as
  // if it were stored, and the next opening tries again. The connection is kept only if it still works.
  try {
    backfill_digests((*conn)->get());
  } catch (...) {
    return std::make_unique<PostgresStore>(std::move(pool));
  }
  pool->adopt(std::move(*conn));
  return std::make_unique<PostgresStore>(std::move(pool));
}

// ---- paired devices ----

namespace {

constexpr const char* kDeviceCols = "id, name, credential_hash, created_ms, last_used_ms, revoked_ms";

PairedDevice device_of(const pqxx::row& r) {
  PairedDevice d;
  d.id = str(r[0]);
  d.name = str(r[1]);
  d.credential_hash = str(r[2]);
  d.created_ms = i64(r[3]);
  if (!r[4].is_null()) d.last_used_ms = i64(r[4]);
  if (!r[5].is_null()) d.revoked_ms = i64(r[5]);
  return d;
}

tl::unexpected<Error> no_device(const std::string& id) {
  return fail(Error::Code::kNotFound, "no paired device has the id \"" + id + "\"");
}

}  // namespace

Status PostgresStore::add_pairing_code(const PairingCode& code) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    const auto r = tx.exec_params(
        "INSERT INTO pairing_codes (code_hash, created_ms, expires_ms, used_ms) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT DO NOTHING",
        code.code_hash, code.created_ms, code.expires_ms, code.used_ms);
    if (r.affected_rows() == 0) return fail(Error::Code::kConflict, "a pairing code with this hash is stored already");
    tx.commit();
    return {};
  });
}

Result<std::optional<PairingCode>> PostgresStore::pairing_code(const std::string& code_hash) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<PairingCode>> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params(
        "SELECT code_hash, created_ms, expires_ms, used_ms FROM pairing_codes WHERE code_hash = $1", code_hash);
    if (r.empty()) return std::optional<PairingCode>{};
    PairingCode c;
    c.code_hash = str(r[0][0]);
    c.created_ms = i64(r[0][1]);
    c.expires_ms = i64(r[0][2]);
    if (!r[0][3].is_null()) c.used_ms = i64(r[0][3]);
    return std::optional<PairingCode>(std::move(c));
  });
}

Status PostgresStore::redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                                          const PairedDevice& device) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    // The row lock makes one of two concurrent redeems wait, then find the code used.
    if (tx.exec_params("UPDATE pairing_codes SET used_ms = $2 WHERE code_hash = $1 AND used_ms IS NULL", code_hash,
                       used_ms)
            .affected_rows() == 0) {
      if (tx.exec_params("SELECT 1 FROM pairing_codes WHERE code_hash = $1", code_hash).empty()) {
        return fail(Error::Code::kNotFound, "no such pairing code");
      }
      return fail(Error::Code::kConflict, "this pairing code was used already");
    }
    if (!tx.exec_params("SELECT 1 FROM paired_devices WHERE id = $1 OR credential_hash = $2", device.id,
                        device.credential_hash)
             .empty()) {
      return fail(Error::Code::kConflict, "a device with this id or credential is paired already");
    }
    tx.exec_params(
        "INSERT INTO paired_devices (id, name, credential_hash, created_ms, last_used_ms, revoked_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        device.id, device.name, device.credential_hash, device.created_ms, device.last_used_ms, device.revoked_ms);
    tx.commit();
    return {};
  });
}

Result<std::vector<PairedDevice>> PostgresStore::paired_devices() {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<PairedDevice>> {
    pqxx::nontransaction tx(conn);
    std::vector<PairedDevice> out;
    for (const auto& r :
         tx.exec(std::string("SELECT ") + kDeviceCols + " FROM paired_devices ORDER BY created_ms, id COLLATE \"C\"")) {
      out.push_back(device_of(r));
    }
    return out;
  });
}

Result<std::optional<PairedDevice>> PostgresStore::device_by_credential(const std::string& credential_hash) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<PairedDevice>> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params(
        std::string("SELECT ") + kDeviceCols + " FROM paired_devices WHERE credential_hash = $1", credential_hash);
    if (r.empty()) return std::optional<PairedDevice>{};
    return std::optional<PairedDevice>(device_of(r[0]));
  });
}

Status PostgresStore::touch_device(const std::string& id, core::UnixMillis used_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE paired_devices SET last_used_ms = $2 WHERE id = $1", id, used_ms).affected_rows() == 0) {
      return no_device(id);
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::revoke_device(const std::string& id, core::UnixMillis revoked_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE paired_devices SET revoked_ms = coalesce(revoked_ms, $2) WHERE id = $1", id, revoked_ms)
            .affected_rows() == 0) {
      return no_device(id);
    }
    tx.commit();
    return {};
  });
}

// ---- accounts, trainers and clients ----

namespace {

std::optional<std::int64_t> optional_i64(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return i64(f);
}

constexpr const char* kAccountCols =
    "person_id, login, password_hash, role, created_ms, password_changed_ms, disabled_ms";
Account account_of(const pqxx::row& r) {
  return Account{i64(r[0]), str(r[1]), str(r[2]),         enum_of<Role>(r[3], "account role"),
                 i64(r[4]), i64(r[5]), optional_i64(r[6])};
}

constexpr const char* kAuthSessionCols =
    "id, token_hash, person_id, created_ms, last_used_ms, expires_ms, agent, ended_ms";
AuthSession auth_session_of(const pqxx::row& r) {
  return AuthSession{str(r[0]), str(r[1]), i64(r[2]), i64(r[3]), i64(r[4]), i64(r[5]), str(r[6]), optional_i64(r[7])};
}

constexpr const char* kInvitationCols = "code_hash, trainer_id, created_ms, expires_ms, used_ms, used_by";
Invitation invitation_of(const pqxx::row& r) {
  return Invitation{str(r[0]), i64(r[1]), i64(r[2]), i64(r[3]), optional_i64(r[4]), optional_i64(r[5])};
}

constexpr const char* kLinkCols =
    "trainer_id, client_id, created_ms, ended_ms, share_sessions, share_trends, share_self_tests, share_soreness, "
    "share_screening";
TrainerLink link_of(const pqxx::row& r) {
  return TrainerLink{i64(r[0]), i64(r[1]), i64(r[2]), optional_i64(r[3]),
                     Sharing{r[4].as<bool>(), r[5].as<bool>(), r[6].as<bool>(), r[7].as<bool>(), r[8].as<bool>()}};
}

constexpr const char* kTemplateCols = "uid, trainer_id, name, routine_json, note, created_ms, updated_ms";
RoutineTemplate template_of(const pqxx::row& r) {
  return RoutineTemplate{str(r[0]), i64(r[1]), str(r[2]), str(r[3]), str(r[4]), i64(r[5]), i64(r[6])};
}

constexpr const char* kAssignmentCols =
    "uid, template_uid, trainer_id, client_id, name, routine_json, note, created_ms, updated_ms, started_session_uid";
Assignment assignment_of(const pqxx::row& r) {
  Assignment a{str(r[0]), str(r[1]), i64(r[2]), i64(r[3]), str(r[4]),
               str(r[5]), str(r[6]), i64(r[7]), i64(r[8]), std::nullopt};
  if (!r[9].is_null()) a.started_session_uid = str(r[9]);
  return a;
}

bool account_exists(pqxx::transaction_base& tx, core::PersonId id) {
  return tx.exec_params1("SELECT EXISTS (SELECT 1 FROM accounts WHERE person_id = $1)", id)[0].as<bool>();
}

// The one row of `sql` (with `args`) read by `read`, nullopt when there is none.
template <typename Read, typename... Args>
auto one_row(pqxx::transaction_base& tx, const std::string& sql, Read read, Args&&... args)
    -> std::optional<decltype(read(std::declval<const pqxx::row&>()))> {
  const auto r = tx.exec_params(sql, std::forward<Args>(args)...);
  if (r.empty()) return std::nullopt;
  return read(r[0]);
}

// Every row of `sql` (with `args`) read by `read`.
template <typename Read, typename... Args>
auto all_rows(pqxx::transaction_base& tx, const std::string& sql, Read read, Args&&... args)
    -> std::vector<decltype(read(std::declval<const pqxx::row&>()))> {
  std::vector<decltype(read(std::declval<const pqxx::row&>()))> out;
  for (const auto& row : tx.exec_params(sql, std::forward<Args>(args)...)) out.push_back(read(row));
  return out;
}

std::string select(const char* cols, const char* rest) { return std::string("SELECT ") + cols + " " + rest; }

}  // namespace

Result<Account> PostgresStore::add_account(const std::string& person_name, const Account& account) {
  if (auto p = detail::problem_with_login(account.login); !p.empty()) return fail(Error::Code::kInvalid, p);
  return run(*pool_, [&](pqxx::connection& conn) -> Result<Account> {
    pqxx::work tx(conn);
    if (!tx.exec_params("SELECT 1 FROM accounts WHERE login = $1", account.login).empty()) {
      return detail::login_taken(account.login);
    }
    Account out = account;
    if (account.person_id == 0) {
      if (person_name.empty()) return fail(Error::Code::kInvalid, "name: must not be empty");
      // As add_person: ids are max + 1, and the lock makes concurrent adders take turns.
      tx.exec("LOCK TABLE people IN SHARE ROW EXCLUSIVE MODE");
      out.person_id =
          i64(tx.exec_params1("INSERT INTO people (id, name, created_ms) "
                              "SELECT coalesce(max(id), 0) + 1, $1, $2 FROM people RETURNING id",
                              person_name, account.created_ms)[0]);
    } else {
      if (!person_exists(tx, account.person_id)) return detail::no_person_with(account.person_id);
      if (account_exists(tx, account.person_id)) return detail::has_account(account.person_id);
      if (!person_name.empty()) {
        tx.exec_params("UPDATE people SET name = $1 WHERE id = $2", person_name, account.person_id);
      }
    }
    // A concurrent add of the same login or person commits first: nothing is inserted, and the transaction (with
    // the person it added) is rolled back.
    const auto r = tx.exec_params(
        "INSERT INTO accounts (person_id, login, password_hash, role, created_ms, password_changed_ms, disabled_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        out.person_id, out.login, out.password_hash, name_of(out.role), out.created_ms, out.password_changed_ms,
        out.disabled_ms);
    if (r.affected_rows() == 0) {
      if (account.person_id != 0 && account_exists(tx, account.person_id))
        return detail::has_account(account.person_id);
      return detail::login_taken(account.login);
    }
    tx.commit();
    return out;
  });
}

Result<std::optional<Account>> PostgresStore::account(core::PersonId person) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<Account>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kAccountCols, "FROM accounts WHERE person_id = $1"), account_of, person);
  });
}

Result<std::optional<Account>> PostgresStore::account_by_login(const std::string& login) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<Account>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kAccountCols, "FROM accounts WHERE login = $1"), account_of, login);
  });
}

Result<std::vector<Account>> PostgresStore::accounts() {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<Account>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx, select(kAccountCols, "FROM accounts ORDER BY person_id"), account_of);
  });
}

Status PostgresStore::update_account(const Account& account) {
  if (auto p = detail::problem_with_login(account.login); !p.empty()) return fail(Error::Code::kInvalid, p);
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("SELECT 1 FROM accounts WHERE person_id = $1 FOR UPDATE", account.person_id).empty()) {
      return detail::no_account(account.person_id);
    }
    if (!tx.exec_params("SELECT 1 FROM accounts WHERE login = $1 AND person_id <> $2", account.login, account.person_id)
             .empty()) {
      return detail::login_taken(account.login);
    }
    tx.exec_params(
        "UPDATE accounts SET login = $2, password_hash = $3, role = $4, created_ms = $5, password_changed_ms = $6, "
        "disabled_ms = $7 WHERE person_id = $1",
        account.person_id, account.login, account.password_hash, name_of(account.role), account.created_ms,
        account.password_changed_ms, account.disabled_ms);
    tx.commit();
    return {};
  });
}

Status PostgresStore::add_auth_session(const AuthSession& session) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (!account_exists(tx, session.person_id)) return detail::no_account(session.person_id);
    const auto r = tx.exec_params(
        "INSERT INTO auth_sessions (id, token_hash, person_id, created_ms, last_used_ms, expires_ms, agent, ended_ms) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
        session.id, session.token_hash, session.person_id, session.created_ms, session.last_used_ms, session.expires_ms,
        session.agent, session.ended_ms);
    if (r.affected_rows() == 0) return detail::auth_session_taken();
    tx.commit();
    return {};
  });
}

Result<std::optional<AuthSession>> PostgresStore::auth_session_by_token(const std::string& token_hash) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<AuthSession>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kAuthSessionCols, "FROM auth_sessions WHERE token_hash = $1"), auth_session_of,
                   token_hash);
  });
}

Result<std::vector<AuthSession>> PostgresStore::auth_sessions(core::PersonId person) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<AuthSession>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx,
                    select(kAuthSessionCols,
                           "FROM auth_sessions WHERE person_id = $1 AND ended_ms IS NULL "
                           "ORDER BY created_ms DESC, id COLLATE \"C\" DESC"),
                    auth_session_of, person);
  });
}

Status PostgresStore::touch_auth_session(const std::string& id, core::UnixMillis used_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE auth_sessions SET last_used_ms = $2 WHERE id = $1", id, used_ms).affected_rows() == 0) {
      return detail::no_auth_session(id);
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::end_auth_session(const std::string& id, core::UnixMillis ended_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE auth_sessions SET ended_ms = coalesce(ended_ms, $2) WHERE id = $1", id, ended_ms)
            .affected_rows() == 0) {
      return detail::no_auth_session(id);
    }
    tx.commit();
    return {};
  });
}

Result<int> PostgresStore::end_auth_sessions(core::PersonId person, core::UnixMillis ended_ms,
                                             const std::optional<std::string>& keep_id) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<int> {
    pqxx::work tx(conn);
    const auto r = tx.exec_params(
        "UPDATE auth_sessions SET ended_ms = $2 WHERE person_id = $1 AND ended_ms IS NULL "
        "AND ($3::text IS NULL OR id <> $3::text)",
        person, ended_ms, keep_id);
    tx.commit();
    return static_cast<int>(r.affected_rows());
  });
}

Result<int> PostgresStore::count_attempt(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  if (auto p = detail::problem_with_window(window_ms); !p.empty()) return fail(Error::Code::kInvalid, p);
  return run(*pool_, [&](pqxx::connection& conn) -> Result<int> {
    pqxx::work tx(conn);
    // One statement: concurrent callers on any connection serialise on the key's row, and each is counted.
    const auto r = tx.exec_params1(
        "INSERT INTO attempts AS a (key, window_start_ms, count) VALUES ($1, $2, 1) "
        "ON CONFLICT (key) DO UPDATE SET "
        "window_start_ms = CASE WHEN $2 - a.window_start_ms < $3 THEN a.window_start_ms ELSE $2 END, "
        "count = CASE WHEN $2 - a.window_start_ms < $3 THEN a.count + 1 ELSE 1 END "
        "RETURNING count",
        key, now_ms, window_ms);
    const int count = i32(r[0]);
    tx.commit();
    return count;
  });
}

Result<int> PostgresStore::attempts(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  if (auto p = detail::problem_with_window(window_ms); !p.empty()) return fail(Error::Code::kInvalid, p);
  return run(*pool_, [&](pqxx::connection& conn) -> Result<int> {
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params("SELECT window_start_ms, count FROM attempts WHERE key = $1", key);
    if (r.empty() || !detail::window_holds(i64(r[0][0]), now_ms, window_ms)) return 0;
    return i32(r[0][1]);
  });
}

Status PostgresStore::clear_attempts(const std::string& key) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    tx.exec_params("DELETE FROM attempts WHERE key = $1", key);
    tx.commit();
    return {};
  });
}

Status PostgresStore::add_invitation(const Invitation& invitation) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (!person_exists(tx, invitation.trainer_id)) return detail::no_person_with(invitation.trainer_id);
    if (invitation.used_by && !person_exists(tx, *invitation.used_by)) {
      return detail::no_person_with(*invitation.used_by);
    }
    const auto r = tx.exec_params(std::string("INSERT INTO invitations (") + kInvitationCols +
                                      ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                                  invitation.code_hash, invitation.trainer_id, invitation.created_ms,
                                  invitation.expires_ms, invitation.used_ms, invitation.used_by);
    if (r.affected_rows() == 0) return detail::invitation_taken();
    tx.commit();
    return {};
  });
}

Result<std::optional<Invitation>> PostgresStore::invitation(const std::string& code_hash) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<Invitation>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kInvitationCols, "FROM invitations WHERE code_hash = $1"), invitation_of, code_hash);
  });
}

Status PostgresStore::accept_invitation(const std::string& code_hash, core::UnixMillis used_ms,
                                        const TrainerLink& link) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    // The row lock makes the second of two concurrent accepts wait, then read the invitation used.
    const auto found = one_row(tx, select(kInvitationCols, "FROM invitations WHERE code_hash = $1 FOR UPDATE"),
                               invitation_of, code_hash);
    if (!found) return detail::no_invitation();
    if (found->used_ms) return detail::invitation_used();
    if (link.trainer_id != found->trainer_id) return detail::wrong_trainer(found->trainer_id, link.trainer_id);
    if (!person_exists(tx, link.client_id)) return detail::no_person_with(link.client_id);
    tx.exec_params("UPDATE invitations SET used_ms = $2, used_by = $3 WHERE code_hash = $1", code_hash, used_ms,
                   link.client_id);
    // A new link, or an ended one re-opened with link's values; an active one stays (and the accept is refused,
    // rolled back).
    const auto r = tx.exec_params(
        std::string("INSERT INTO trainer_links AS l (") + kLinkCols +
            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (trainer_id, client_id) DO UPDATE SET "
            "created_ms = excluded.created_ms, ended_ms = excluded.ended_ms, share_sessions = excluded.share_sessions, "
            "share_trends = excluded.share_trends, share_self_tests = excluded.share_self_tests, "
            "share_soreness = excluded.share_soreness, share_screening = excluded.share_screening "
            "WHERE l.ended_ms IS NOT NULL",
        link.trainer_id, link.client_id, link.created_ms, link.ended_ms, link.sharing.sessions, link.sharing.trends,
        link.sharing.self_tests, link.sharing.soreness, link.sharing.screening);
    if (r.affected_rows() == 0) return detail::link_active(link.trainer_id, link.client_id);
    tx.commit();
    return {};
  });
}

Result<std::vector<TrainerLink>> PostgresStore::clients_of(core::PersonId trainer) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<TrainerLink>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx, select(kLinkCols, "FROM trainer_links WHERE trainer_id = $1 ORDER BY created_ms, client_id"),
                    link_of, trainer);
  });
}

Result<std::vector<TrainerLink>> PostgresStore::trainers_of(core::PersonId client) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<TrainerLink>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx, select(kLinkCols, "FROM trainer_links WHERE client_id = $1 ORDER BY created_ms, trainer_id"),
                    link_of, client);
  });
}

Result<std::optional<TrainerLink>> PostgresStore::trainer_link(core::PersonId trainer, core::PersonId client) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<TrainerLink>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kLinkCols, "FROM trainer_links WHERE trainer_id = $1 AND client_id = $2"), link_of,
                   trainer, client);
  });
}

Status PostgresStore::set_sharing(core::PersonId trainer, core::PersonId client, const Sharing& sharing) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE trainer_links SET share_sessions = $3, share_trends = $4, share_self_tests = $5, "
                       "share_soreness = $6, share_screening = $7 "
                       "WHERE trainer_id = $1 AND client_id = $2 AND ended_ms IS NULL",
                       trainer, client, sharing.sessions, sharing.trends, sharing.self_tests, sharing.soreness,
                       sharing.screening)
            .affected_rows() == 0) {
      return detail::no_active_link(trainer, client);
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::end_trainer_link(core::PersonId trainer, core::PersonId client, core::UnixMillis ended_ms) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("UPDATE trainer_links SET ended_ms = $3 "
                       "WHERE trainer_id = $1 AND client_id = $2 AND ended_ms IS NULL",
                       trainer, client, ended_ms)
            .affected_rows() == 0) {
      return detail::no_active_link(trainer, client);
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::save_template(const RoutineTemplate& t) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (!person_exists(tx, t.trainer_id)) return detail::no_person_with(t.trainer_id);
    const auto r = tx.exec_params(std::string("INSERT INTO routine_templates AS t (") + kTemplateCols +
                                      ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (uid) DO UPDATE SET "
                                      "name = excluded.name, routine_json = excluded.routine_json, "
                                      "note = excluded.note, created_ms = excluded.created_ms, "
                                      "updated_ms = excluded.updated_ms WHERE t.trainer_id = excluded.trainer_id",
                                  t.uid, t.trainer_id, t.name, t.routine_json, t.note, t.created_ms, t.updated_ms);
    if (r.affected_rows() == 0) return detail::template_of_other_trainer(t.uid);
    tx.commit();
    return {};
  });
}

Result<std::optional<RoutineTemplate>> PostgresStore::routine_template(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<RoutineTemplate>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kTemplateCols, "FROM routine_templates WHERE uid = $1"), template_of, uid);
  });
}

Result<std::vector<RoutineTemplate>> PostgresStore::templates(core::PersonId trainer) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<RoutineTemplate>> {
    pqxx::nontransaction tx(conn);
    return all_rows(
        tx,
        select(kTemplateCols,
               "FROM routine_templates WHERE trainer_id = $1 ORDER BY name COLLATE \"C\", uid COLLATE \"C\""),
        template_of, trainer);
  });
}

Status PostgresStore::delete_template(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (tx.exec_params("DELETE FROM routine_templates WHERE uid = $1", uid).affected_rows() == 0) {
      return detail::no_template(uid);
    }
    tx.commit();
    return {};
  });
}

Status PostgresStore::save_assignment(const Assignment& a) {
  return run(*pool_, [&](pqxx::connection& conn) -> Status {
    pqxx::work tx(conn);
    if (!person_exists(tx, a.trainer_id)) return detail::no_person_with(a.trainer_id);
    if (!person_exists(tx, a.client_id)) return detail::no_person_with(a.client_id);
    tx.exec_params(std::string("INSERT INTO assignments (") + kAssignmentCols +
                       ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (uid) DO UPDATE SET "
                       "template_uid = excluded.template_uid, trainer_id = excluded.trainer_id, "
                       "client_id = excluded.client_id, name = excluded.name, routine_json = excluded.routine_json, "
                       "note = excluded.note, created_ms = excluded.created_ms, updated_ms = excluded.updated_ms, "
                       "started_session_uid = excluded.started_session_uid",
                   a.uid, a.template_uid, a.trainer_id, a.client_id, a.name, a.routine_json, a.note, a.created_ms,
                   a.updated_ms, a.started_session_uid);
    tx.commit();
    return {};
  });
}

Result<std::optional<Assignment>> PostgresStore::assignment(const std::string& uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::optional<Assignment>> {
    pqxx::nontransaction tx(conn);
    return one_row(tx, select(kAssignmentCols, "FROM assignments WHERE uid = $1"), assignment_of, uid);
  });
}

Result<std::vector<Assignment>> PostgresStore::assignments_of_client(core::PersonId client) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<Assignment>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx,
                    select(kAssignmentCols,
                           "FROM assignments WHERE client_id = $1 ORDER BY created_ms DESC, uid COLLATE \"C\" DESC"),
                    assignment_of, client);
  });
}

Result<std::vector<Assignment>> PostgresStore::assignments_of_template(const std::string& template_uid) {
  return run(*pool_, [&](pqxx::connection& conn) -> Result<std::vector<Assignment>> {
    pqxx::nontransaction tx(conn);
    return all_rows(tx,
                    select(kAssignmentCols,
                           "FROM assignments WHERE template_uid = $1 ORDER BY created_ms DESC, uid COLLATE \"C\" DESC"),
                    assignment_of, template_uid);
  });
}

}  // namespace smr::store
