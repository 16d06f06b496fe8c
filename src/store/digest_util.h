#pragma once
// Session digests in the stores (docs/storage.md, "Session digests"). Internal to the backends.
//
// SQLite and PostgreSQL keep each ended session's digest (core::digest_session of its record) twice, written
// together: as rows of session_digests (one per region and side, the form to query in SQL) and as text in
// sessions.digest (the form session_digests() reads: one value per session, see digest_text). Both are written
// in the transaction that ends the session, imports it, or writes to it after its end; active sessions, and
// ended ones a backfill has not reached yet (sessions.digest NULL), are digested from their records when asked
// for. MemoryStore digests every session from its record (digests_from_records).

#include <array>
#include <cstdint>
#include <limits>
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

// The text kept in sessions.digest for a digest's regions, in their order (core's). Reading one text per
// session is what makes session_digests() fast: SQLite pays per column of every row it returns, and ten years
// hold ~18 000 regions but ~3 650 sessions; and the form is compact because parsing decimal numbers was the next
// cost (~10 instructions a digit).
//
// Each region is written as: its id's length in bytes (a number), the id's bytes, one letter for the side
// (l, r, c), then active_ms, check_ins, intensity_sum, intensity_max, pain_check_ins, first_check_in_ms,
// last_check_in_ms and last_intensity (numbers). Nothing separates them. A number is zig-zag encoded (0, -1, 1,
// -2, ... become 0, 1, 2, 3, ...; the length is not) and written 5 bits a character, least significant first:
// every character but the last from kDigestMore, the last from kDigestFinal. So 0 to 15 take one character, a
// time of 2024 nine. "" is a digest without regions. The text is printable ASCII apart from the region ids, and
// needs no escaping in SQL literals, COPY or array literals.
inline constexpr char kDigestFinal[] = "0123456789abcdefghijklmnopqrstuv";
inline constexpr char kDigestMore[] = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

inline void put_digest_number(std::string& out, std::uint64_t u) {
  for (; u >= 32; u >>= 5) out += kDigestMore[u & 31];
  out += kDigestFinal[u];
}

inline void put_digest_number(std::string& out, std::int64_t v) {
  // Zig-zag: the sign into the lowest bit (v >> 63 is all ones for a negative v: an arithmetic shift in C++20).
  put_digest_number(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

inline std::string digest_text(const std::vector<core::RegionDigest>& regions) {
  std::string out;
  out.reserve(regions.size() * 48);
  for (const auto& r : regions) {
    put_digest_number(out, std::uint64_t{r.region.size()});
    out += r.region;
    out += r.side == core::Side::kLeft ? 'l' : r.side == core::Side::kRight ? 'r' : 'c';
    for (const std::int64_t n :
         {r.active_ms, std::int64_t{r.check_ins}, std::int64_t{r.intensity_sum}, std::int64_t{r.intensity_max},
          std::int64_t{r.pain_check_ins}, r.first_check_in_ms, r.last_check_in_ms, std::int64_t{r.last_intensity}}) {
      put_digest_number(out, n);
    }
  }
  return out;
}

// What a character is worth in a number: 0-31 a final character's value, 32-63 a continuing one's (value + 32),
// 255 not part of a number.
inline constexpr std::array<std::uint8_t, 256> kDigestDigit = [] {
  std::array<std::uint8_t, 256> t{};
  t.fill(255);
  for (std::uint8_t v = 0; v < 32; ++v) {
    t[static_cast<unsigned char>(kDigestFinal[v])] = v;
    t[static_cast<unsigned char>(kDigestMore[v])] = static_cast<std::uint8_t>(v + 32);
  }
  return t;
}();

// Reads a number at `p`: returns the position after it, or nullptr when there is none or it does not fit 64 bits.
inline const char* get_digest_number(const char* p, const char* end, std::uint64_t& u) {
  if (p == end) return nullptr;
  std::uint8_t digit = kDigestDigit[static_cast<unsigned char>(*p++)];
  u = digit & 31u;
  if (digit < 32) return p;  // most numbers of a digest take one character
  unsigned shift = 0;
  while (digit != 255) {
    if (p == end) return nullptr;
    digit = kDigestDigit[static_cast<unsigned char>(*p++)];
    shift += 5;
    u |= static_cast<std::uint64_t>(digit & 31u) << shift;
    if (digit < 32) {
      // 13 characters hold 65 bits: the last may use only its lowest 4.
      return shift < 60 || (shift == 60 && digit < 16) ? p : nullptr;
    }
    if (shift == 60) return nullptr;
  }
  return nullptr;
}

// A zig-zag number that fits T.
template <typename T>
inline const char* get_digest_number(const char* p, const char* end, T& value) {
  std::uint64_t u = 0;
  p = get_digest_number(p, end, u);
  if (p == nullptr) return nullptr;
  const auto v = static_cast<std::int64_t>((u >> 1) ^ (0 - (u & 1)));
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) return nullptr;
  value = static_cast<T>(v);
  return p;
}

// Reads digest_text's text, appending its regions to `out`; false (with `out` in an unspecified state) when the
// text is not of that form.
inline bool read_digest_text(std::string_view text, std::vector<core::RegionDigest>& out) {
  out.reserve(out.size() + text.size() / 24 + 1);  // a region takes 24 bytes or more
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    core::RegionDigest& r = out.emplace_back();
    std::uint64_t length = 0;
    p = get_digest_number(p, end, length);
    if (p == nullptr || static_cast<std::uint64_t>(end - p) <= length) return false;
    r.region.assign(p, static_cast<std::size_t>(length));
    p += length;
    switch (*p++) {
      case 'l': r.side = core::Side::kLeft; break;
      case 'r': r.side = core::Side::kRight; break;
      case 'c': r.side = core::Side::kCentre; break;
      default: return false;
    }
    if (!(p = get_digest_number(p, end, r.active_ms)) || !(p = get_digest_number(p, end, r.check_ins)) ||
        !(p = get_digest_number(p, end, r.intensity_sum)) || !(p = get_digest_number(p, end, r.intensity_max)) ||
        !(p = get_digest_number(p, end, r.pain_check_ins)) || !(p = get_digest_number(p, end, r.first_check_in_ms)) ||
        !(p = get_digest_number(p, end, r.last_check_in_ms)) || !(p = get_digest_number(p, end, r.last_intensity))) {
      return false;
    }
  }
  return true;
}

}  // namespace smr::store::detail
