#pragma once
// Journal use cases shared by the CLI and the HTTP API: export, import, and session summaries.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "core/journal.h"
#include "core/time_zone.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

// The export file: the whole journal as pretty-printed JSON (docs/storage.md, "Export format").
// Canonical: the same journal always gives the same bytes.
Result<std::string> export_journal_json(store::Store& store);

// Every check-in as CSV (RFC 4180), one row per check-in, oldest first, with a header row:
// session_uid,check_in_uid,at_utc,at_ms,step,exercise,region,side,intensity,quality,pain,note
Result<std::string> export_check_ins_csv(store::Store& store);

// Parses and validates the whole file first (kInvalid naming the JSON path of the first problem as its field;
// no field when it is not JSON at all), then imports all of it in one transaction or nothing (see
// Store::import_journal: kConflict for a record that exists with other content).
Result<store::ImportSummary> import_journal_json(store::Store& store, std::string_view text);
// The same for an export already parsed (the HTTP face parses a request body once).
Result<store::ImportSummary> import_journal_value(store::Store& store, const boost::json::value& value);

// One person's records only, in the export format (accounts: GET /api/export for the signed-in person): the
// people list holds that person alone, and every record is theirs. Filtered from the whole journal, so another
// person's record can never be in it.
Result<std::string> export_person_json(store::Store& store, core::PersonId person);
// Imports an export into `person` only (accounts: POST /api/import). Validated as import_journal_value(); every
// record is taken as the person's (its person id rewritten), and the file's people list is not imported. A file
// with the records of more than one person is refused (kInvalid, field "people"). Nothing of another person is
// changed: a record whose uid exists with other contents (someone else's included) fails the whole import
// (kConflict), as in import_journal_value().
Result<store::ImportSummary> import_person_value(store::Store& store, core::PersonId person,
                                                 const boost::json::value& value);

// One line of `smr log`.
struct SessionSummary {
  core::SessionInfo info;
  int duration_s = 0;  // ended - started; 0 while active
  int played_s = 0;    // the time rolled, pauses excluded (service::played_ms): what `smr log` shows
  // Stopped because its player died (service/session_recovery.h): ended at its last stored record.
  bool interrupted = false;
  int check_ins = 0;
  double mean_intensity = 0;
  int pain_check_ins = 0;
  int adaptations = 0;
  std::vector<std::string> regions;  // in order of first check-in
};

// Sessions of `person` that started in [from_ms, to_ms), oldest first.
store::Result<std::vector<SessionSummary>> session_summaries(store::Store& store, core::PersonId person,
                                                             core::UnixMillis from_ms, core::UnixMillis to_ms);

// The sessions a person lists (`smr log [--since DAY]`, GET /api/sessions?from=&to=): `from` and `to` are UTC
// days as typed (YYYY-MM-DD, both included), "" for no bound.
struct SessionListRequest {
  core::PersonId person = core::kLocalPersonId;
  std::string from;
  std::string to;
  // The days' zone: `smr log --since` is a local day; the API's from/to are UTC days (docs/openapi.yaml).
  std::optional<core::TimeZone> zone;
};
// Their summaries, oldest first. kInvalid naming "from" or "to" (not a date; `to` before `from`).
Result<std::vector<SessionSummary>> list_sessions(store::Store& store, const SessionListRequest& request);

// One session in full (`smr log UID`, GET /api/sessions/{uid}): `uid` a full uid, its first characters, or
// "last". kNotFound (none) or kInvalid (a prefix of several) naming "uid".
Result<core::SessionRecord> session_detail(store::Store& store, core::PersonId person, const std::string& uid);

// "2026-11-21" -> Unix ms of that day's 00:00 UTC; nullopt when not a valid YYYY-MM-DD date.
std::optional<core::UnixMillis> parse_date_utc(std::string_view text);

// "2026-11-21 07:05" (UTC), for listings.
std::string format_utc(core::UnixMillis ms);

}  // namespace smr::service
