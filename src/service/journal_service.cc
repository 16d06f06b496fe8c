#include "service/journal_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <utility>

#include <boost/json/parse.hpp>

#include "core/time_zone.h"
#include "json/journal_json.h"
#include "json/pretty.h"
#include "service/self_test_service.h"
#include "service/session_recovery.h"

namespace smr::service {

namespace {

// One CSV cell. A cell a spreadsheet would take for a formula (it starts with = + - @, or a tab or carriage
// return before one) is neutralised with a leading apostrophe (OWASP "CSV injection"): a note typed in a
// session cannot run anything when the export is opened. Numbers the export writes itself never pass here.
std::string csv_field(const std::string& raw) {
  std::string s = raw;
  if (!s.empty() && (s.front() == '=' || s.front() == '+' || s.front() == '-' || s.front() == '@' ||
                     s.front() == '\t' || s.front() == '\r')) {
    s.insert(s.begin(), '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

std::string iso_utc(core::UnixMillis ms, bool seconds) {
  const std::int64_t day_ms = 86'400'000;
  std::int64_t days = ms / day_ms;
  std::int64_t rem = ms % day_ms;
  if (rem < 0) {
    rem += day_ms;
    --days;
  }
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  const auto secs = rem / 1000;
  char buf[40];
  if (seconds) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60), static_cast<int>(rem % 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", y, m, d, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60));
  }
  return buf;
}

}  // namespace

std::string format_utc(core::UnixMillis ms) { return iso_utc(ms, false); }

std::optional<core::UnixMillis> parse_date_utc(std::string_view text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  const std::string s(text);
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const auto yoe = static_cast<unsigned>(yy - era * 400);
  const auto mp = static_cast<unsigned>(m > 2 ? m - 3 : m + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
  return days * 86'400'000;
}

Result<std::string> export_journal_json(store::Store& store) {
  auto journal = store.export_journal();
  if (!journal) return tl::unexpected(from_store(journal.error()));
  return json::pretty(json::to_json(*journal));
}

Result<std::string> export_person_json(store::Store& store, core::PersonId person) {
  auto journal = store.export_journal();
  if (!journal) return tl::unexpected(from_store(journal.error()));
  core::Journal own;
  const auto mine = [person](const auto& x) { return x.person_id == person; };
  std::copy_if(journal->people.begin(), journal->people.end(), std::back_inserter(own.people),
               [person](const core::Person& p) { return p.id == person; });
  std::copy_if(journal->profiles.begin(), journal->profiles.end(), std::back_inserter(own.profiles), mine);
  std::copy_if(journal->routines.begin(), journal->routines.end(), std::back_inserter(own.routines), mine);
  std::copy_if(journal->custom_exercises.begin(), journal->custom_exercises.end(),
               std::back_inserter(own.custom_exercises), mine);
  std::copy_if(journal->sessions.begin(), journal->sessions.end(), std::back_inserter(own.sessions),
               [person](const core::SessionRecord& s) { return s.info.person_id == person; });
  std::copy_if(journal->self_tests.begin(), journal->self_tests.end(), std::back_inserter(own.self_tests), mine);
  std::copy_if(journal->settings.begin(), journal->settings.end(), std::back_inserter(own.settings), mine);
  return json::pretty(json::to_json(own));
}

Result<store::ImportSummary> import_person_value(store::Store& store, core::PersonId person,
                                                 const boost::json::value& value) {
  auto journal = json::journal_from_json(value);
  if (!journal) return tl::unexpected(invalid_input({journal.error()}));
  std::set<core::PersonId> whose;
  for (const auto& p : journal->people) whose.insert(p.id);
  for (const auto& x : journal->profiles) whose.insert(x.person_id);
  for (const auto& x : journal->routines) whose.insert(x.person_id);
  for (const auto& x : journal->custom_exercises) whose.insert(x.person_id);
  for (const auto& s : journal->sessions) whose.insert(s.info.person_id);
  for (const auto& x : journal->self_tests) whose.insert(x.person_id);
  for (const auto& x : journal->settings) whose.insert(x.person_id);
  if (whose.size() > 1) {
    return fail_input("people", "the file holds the records of " + std::to_string(whose.size()) +
                                    " people; import an export of one person's records (GET /api/export)");
  }
  journal->people.clear();
  for (auto& x : journal->profiles) x.person_id = person;
  for (auto& x : journal->routines) x.person_id = person;
  for (auto& x : journal->custom_exercises) x.person_id = person;
  for (auto& s : journal->sessions) s.info.person_id = person;
  for (auto& x : journal->self_tests) x.person_id = person;
  for (auto& x : journal->settings) x.person_id = person;
  auto summary = store.import_journal(*journal);
  if (!summary) return tl::unexpected(from_store(summary.error()));
  return *summary;
}

Result<std::string> export_check_ins_csv(store::Store& store) {
  auto journal = store.export_journal();
  if (!journal) return tl::unexpected(from_store(journal.error()));
  std::string out = "session_uid,check_in_uid,at_utc,at_ms,step,exercise,region,side,intensity,quality,pain,note\r\n";
  for (const auto& s : journal->sessions) {
    for (const auto& c : s.check_ins) {
      out += c.session_uid + "," + c.uid + "," + iso_utc(c.at_ms, true) + "," + std::to_string(c.at_ms) + "," +
             std::to_string(c.step) + "," + csv_field(c.exercise) + "," + csv_field(c.region) + "," +
             std::string(core::to_string(c.side)) + "," + std::to_string(c.intensity) + "," +
             std::string(core::to_string(c.quality)) + "," + (core::is_pain(c.quality) ? "yes" : "no") + "," +
             csv_field(c.note) + "\r\n";
    }
  }
  return out;
}

Result<store::ImportSummary> import_journal_json(store::Store& store, std::string_view text) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(text, ec);
  if (ec) {
    return fail(Error::Code::kInvalid, "",
                "the file is not valid JSON (" + ec.message() + "); expected an export made by smr export");
  }
  return import_journal_value(store, value);
}

Result<store::ImportSummary> import_journal_value(store::Store& store, const boost::json::value& value) {
  auto journal = json::journal_from_json(value);
  if (!journal) return tl::unexpected(invalid_input({journal.error()}));
  auto summary = store.import_journal(*journal);
  if (!summary) return tl::unexpected(from_store(summary.error()));
  return *summary;
}

Result<std::vector<SessionSummary>> list_sessions(store::Store& store, const SessionListRequest& request) {
  auto day = [&request](const std::string& field, const std::string& text) -> Result<std::optional<core::UnixMillis>> {
    if (text.empty()) return std::nullopt;
    const auto d = parse_date_utc(text);
    if (!d) return fail_input(field, "\"" + text + "\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01");
    if (request.zone) return core::local_midnight_ms(*d / core::kDayMs, *request.zone);
    return d;
  };
  const auto from = day("from", request.from);
  if (!from) return tl::unexpected(from.error());
  const auto to = day("to", request.to);
  if (!to) return tl::unexpected(to.error());
  const auto from_ms = from->value_or(std::numeric_limits<core::UnixMillis>::min());
  const auto to_ms = *to ? **to + core::kDayMs : std::numeric_limits<core::UnixMillis>::max();  // `to` included
  if (from_ms >= to_ms) return fail_input("to", "the last day comes before from; expected a day on or after from");
  auto summaries = session_summaries(store, request.person, from_ms, to_ms);
  if (!summaries) return tl::unexpected(from_store(summaries.error()));
  return std::move(*summaries);
}

Result<core::SessionRecord> session_detail(store::Store& store, core::PersonId person, const std::string& uid) {
  auto full = resolve_session_uid(store, person, uid);
  if (!full) {
    const auto code = full.error().code;
    if (code != store::Error::Code::kNotFound && code != store::Error::Code::kInvalid) {
      return tl::unexpected(from_store(full.error()));
    }
    return tl::unexpected(
        field_error(code == store::Error::Code::kNotFound ? Error::Code::kNotFound : Error::Code::kInvalid, "uid",
                    full.error().message + "; the sessions are listed by smr log"));
  }
  auto record = store.session(*full);
  if (!record) return tl::unexpected(from_store(record.error()));
  return std::move(*record);
}

store::Result<std::vector<SessionSummary>> session_summaries(store::Store& store, core::PersonId person,
                                                             core::UnixMillis from_ms, core::UnixMillis to_ms) {
  auto infos = store.sessions(person, from_ms, to_ms);
  if (!infos) return tl::unexpected(infos.error());
  std::vector<SessionSummary> out;
  out.reserve(infos->size());
  for (const auto& info : *infos) {
    auto rec = store.session(info.uid);
    if (!rec) return tl::unexpected(rec.error());
    SessionSummary s;
    s.info = info;
    if (info.ended_ms) s.duration_s = static_cast<int>((*info.ended_ms - info.started_ms) / 1000);
    s.played_s = static_cast<int>(played_ms(*rec) / 1000);
    s.check_ins = static_cast<int>(rec->check_ins.size());
    long total = 0;
    for (const auto& c : rec->check_ins) {
      total += c.intensity;
      if (core::is_pain(c.quality)) ++s.pain_check_ins;
      if (std::find(s.regions.begin(), s.regions.end(), c.region) == s.regions.end()) s.regions.push_back(c.region);
    }
    if (s.check_ins > 0) s.mean_intensity = std::round(static_cast<double>(total) * 10.0 / s.check_ins) / 10.0;
    s.adaptations = static_cast<int>(rec->adaptations.size());
    s.interrupted = std::any_of(rec->events.begin(), rec->events.end(), [](const core::SessionEvent& e) {
      return e.kind == "session-stopped" && e.data_json.find("\"reason\":\"interrupted\"") != std::string::npos;
    });
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace smr::service
