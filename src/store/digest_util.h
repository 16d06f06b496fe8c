#pragma once
// Session digests in the stores (docs/storage.md, "Session digests"). Internal to the backends.
//
// SQLite and PostgreSQL keep each ended session's digest (core::digest_session of its record) twice, written
// together: as rows of session_digests (one per region and side, the form to query in SQL) and as text in
// sessions.digest (the form session_digests() reads: one value per session, see digest_text). Both are written
// in the transaction that ends the session, imports it, or writes to it after its end; active sessions, and
// ended ones a backfill has not reached yet (sessions.digest NULL), are digested from their records when asked
// for. MemoryStore digests every session from its record (digests_from_records).

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace smr::store::detail {

// Sessions the backfill digests per transaction when a journal from before schema version 4 is opened: a
// crash loses at most one batch, which the next open does again.
inline constexpr int kDigestBackfillBatch = 256;

Result<std::vector<core::SessionDigest>> digests_from_records(Store& store, core::PersonId id, core::UnixMillis from_ms,
                                                              core::UnixMillis to_ms);

// The text kept in sessions.digest for a digest's regions, in their order (core's): one line per region,
//
//   <bytes in region>:<region> <side> <active_ms> <check_ins> <intensity_sum> <intensity_max> <pain_check_ins>
//   <first_check_in_ms> <last_check_in_ms> <last_intensity>\n
//
// e.g. "6:calves left 40000 2 10 6 1 1060000 1140005 6\n"; "" for a digest without regions. The length prefix
// lets a region id hold any bytes. Reading one text per session is what makes session_digests() fast: SQLite
// pays per column of every row it returns, and ten years hold ~18 000 regions but ~3 650 sessions.
inline std::string digest_text(const std::vector<core::RegionDigest>& regions) {
  std::string out;
  out.reserve(regions.size() * 64);
  for (const auto& r : regions) {
    out += std::to_string(r.region.size());
    out += ':';
    out += r.region;
    out += ' ';
    out += core::to_string(r.side);
    for (const std::int64_t n :
         {r.active_ms, std::int64_t{r.check_ins}, std::int64_t{r.intensity_sum}, std::int64_t{r.intensity_max},
          std::int64_t{r.pain_check_ins}, r.first_check_in_ms, r.last_check_in_ms, std::int64_t{r.last_intensity}}) {
      out += ' ';
      out += std::to_string(n);
    }
    out += '\n';
  }
  return out;
}

// Reads digest_text's text, appending its regions to `out`; false (with `out` in an unspecified state) when the
// text is not of that form.
inline bool read_digest_text(std::string_view text, std::vector<core::RegionDigest>& out) {
  const char* p = text.data();
  const char* const end = p + text.size();
  // A whole number followed by `stop`, which is consumed.
  auto number = [&](auto& value, char stop) {
    const auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || next == end || *next != stop) return false;
    p = next + 1;
    return true;
  };
  while (p != end) {
    core::RegionDigest& r = out.emplace_back();
    std::size_t length = 0;
    if (!number(length, ':') || static_cast<std::size_t>(end - p) <= length) return false;
    r.region.assign(p, length);
    p += length;
    if (*p++ != ' ') return false;
    const char* side = p;
    while (p != end && *p != ' ') ++p;
    const auto parsed = core::parse_enum<core::Side>(std::string_view(side, static_cast<std::size_t>(p - side)));
    if (!parsed || p == end) return false;
    r.side = *parsed;
    ++p;
    if (!number(r.active_ms, ' ') || !number(r.check_ins, ' ') || !number(r.intensity_sum, ' ') ||
        !number(r.intensity_max, ' ') || !number(r.pain_check_ins, ' ') || !number(r.first_check_in_ms, ' ') ||
        !number(r.last_check_in_ms, ' ') || !number(r.last_intensity, '\n')) {
      return false;
    }
  }
  return true;
}

}  // namespace smr::store::detail
