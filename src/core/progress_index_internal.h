#pragma once
// Internal to the progress analytics: the session digests indexed once, so that sensation, adherence and the
// alerts each run in one pass over them (docs/progress.md "Cost"). Not part of the public API: faces call
// compute_progress() or the public functions of progress_*.h.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress_adherence.h"
#include "core/progress_alert.h"
#include "core/progress_sensation.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core::detail {

// One RegionDigest's figures, packed into 32 bytes next to each other: every figure reads the tracks' compact
// arrays rather than chasing pointers into the digests (ten years of digests do not fit in the cache). Counts
// that cannot fit saturate (an intensity is 0-10; 65 535 pain check-ins in one session do not happen).
struct RegionEntry {
  std::uint32_t session = 0;  // position in DigestIndex::sessions
  std::int32_t check_ins = 0;
  std::int32_t intensity_sum = 0;
  std::uint16_t pain_check_ins = 0;
  std::uint8_t intensity_max = 0;
  std::uint8_t last_intensity = 0;
  std::int64_t active_ms = 0;
  UnixMillis last_check_in_ms = 0;
};
static_assert(sizeof(RegionEntry) == 32);

// Every digest of one region and side, in session order.
struct RegionTrack {
  std::string_view region;  // views the caller's digests
  Side side = Side::kCentre;
  std::vector<RegionEntry> entries;

  // The position of the first entry of a session at or after position `session`.
  std::size_t first_entry_at_or_after(std::size_t session) const;
};

// The sessions that started at or before `now`, in order of start (input order on ties), with what every
// figure needs precomputed. Views the caller's digests: valid while they are.
struct DigestIndex {
  std::vector<const SessionDigest*> sessions;
  std::vector<UnixMillis> starts;   // each session's started_ms
  std::vector<LocalDay> days;       // local day of each session's start
  std::vector<LocalDay> mondays;    // the Monday of that day's local week
  std::vector<RegionTrack> tracks;  // every (region, side) in those sessions, by region id, then side
  // Local Monday 00:00 of every week from the earliest session's to now's.
  LocalDay first_monday = 0;
  std::vector<UnixMillis> week_starts;
  const TimeZone* tz = nullptr;

  // The position of the first session that started at or after `since_ms`.
  std::size_t first_at_or_after(UnixMillis since_ms) const;
  // local_midnight_ms(monday), from week_starts when it holds that week.
  UnixMillis week_start_ms(LocalDay monday) const;
  // The digest an entry of `track` was copied from.
  const RegionDigest& digest(const RegionTrack& track, const RegionEntry& e) const;
};

DigestIndex index_digests(const std::vector<SessionDigest>& digests, UnixMillis now_ms, const TimeZone& tz);

// The figures over an index built with the same `now_ms` and `tz`. `first` is the position of the first session that
// counts (the `since` filter).
std::vector<RegionSensation> sensation_by_region(const DigestIndex& index, std::size_t first, UnixMillis now_ms,
                                                 const TimeZone& tz, const SensationOptions& options);
Adherence adherence(const DigestIndex& index, std::size_t first, UnixMillis now_ms, const TimeZone& tz,
                    const AdherenceOptions& options);
// Always over the whole index: a safety note must not disappear because the view is narrowed.
std::vector<PainAlert> pain_alerts(const DigestIndex& index, UnixMillis now_ms,
                                   const std::vector<std::string>& acknowledged_ids, const AlertOptions& options);

}  // namespace smr::core::detail
