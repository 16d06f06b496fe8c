#pragma once
// Session digests in the stores (docs/storage.md, "Session digests"). Internal to the backends.
//
// SQLite and PostgreSQL keep each ended session's digest (core::digest_session of its record) twice, written
// together: as rows of session_digests (one per region and side, the form to query in SQL) and as text in
// sessions.digest (the form session_digests() reads: one value per session, see digest_text). Both are written
// in the transaction that ends the session, imports it, or writes to it after its end; active sessions, and
// ended ones a backfill has not reached yet (sessions.digest NULL), are digested from their records when asked
// for. MemoryStore digests every session from its record (digests_from_records).

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
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

// Reads a whole number at `p` (digits, with a '-' first if T is signed) that fits T and is followed by `stop`:
// returns the position after the stop, or nullptr. The text must end with a non-digit (read_digest_text checks
// that it ends with '\n'), so the digits need no end check. Written out rather than std::from_chars, on a
// local pointer: session_digests() reads ~150 000 numbers for ten years.
template <typename T>
inline const char* read_digest_number(const char* p, T& value, char stop) {
  const bool negative = std::is_signed_v<T> && *p == '-';
  if (negative) ++p;
  const char* const digits = p;
  std::uint64_t magnitude = 0;  // 19 digits always fit; 20 never fit T
  for (; static_cast<unsigned char>(*p - '0') < 10; ++p) {
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  if (p == digits || p - digits > 19 || *p != stop) return nullptr;
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<T>::max()) + (negative ? 1 : 0);
  if (magnitude > max) return nullptr;
  // Negative: 0 - magnitude wraps to the two's complement, which the conversion keeps (C++20).
  value = static_cast<T>(negative ? 0 - magnitude : magnitude);
  return p + 1;
}

// Reads digest_text's text, appending its regions to `out`; false (with `out` in an unspecified state) when the
// text is not of that form.
inline bool read_digest_text(std::string_view text, std::vector<core::RegionDigest>& out) {
  if (text.empty()) return true;
  if (text.back() != '\n') return false;
  out.reserve(out.size() + text.size() / 48 + 1);  // about one region per 48 bytes or more
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    core::RegionDigest& r = out.emplace_back();
    std::size_t length = 0;
    p = read_digest_number(p, length, ':');
    if (p == nullptr || static_cast<std::size_t>(end - p) <= length) return false;
    r.region.assign(p, length);
    p += length;
    if (*p++ != ' ') return false;
    // The side's spelling, checked whole.
    const std::size_t rest = static_cast<std::size_t>(end - p);
    const auto side_is = [&](core::Side side) {
      const std::string_view name = core::to_string(side);
      if (rest <= name.size() || std::string_view(p, name.size()) != name || p[name.size()] != ' ') return false;
      r.side = side;
      p += name.size() + 1;
      return true;
    };
    if (!side_is(core::Side::kLeft) && !side_is(core::Side::kRight) && !side_is(core::Side::kCentre)) return false;
    if (!(p = read_digest_number(p, r.active_ms, ' ')) || !(p = read_digest_number(p, r.check_ins, ' ')) ||
        !(p = read_digest_number(p, r.intensity_sum, ' ')) || !(p = read_digest_number(p, r.intensity_max, ' ')) ||
        !(p = read_digest_number(p, r.pain_check_ins, ' ')) || !(p = read_digest_number(p, r.first_check_in_ms, ' ')) ||
        !(p = read_digest_number(p, r.last_check_in_ms, ' ')) || !(p = read_digest_number(p, r.last_intensity, '\n'))) {
      return false;
    }
  }
  return true;
}

}  // namespace smr::store::detail
