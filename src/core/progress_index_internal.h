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

// One RegionDigest, by positions: DigestIndex::sessions[session]->regions[region].
struct RegionEntry {
  std::uint32_t session = 0;
  std::uint32_t region = 0;
};

// Every digest of one region and side, in session order.
struct RegionTrack {
  std::string_view region;  // views the caller's digests
  Side side = Side::kCentre;
  std::vector<RegionEntry> entries;
};

// The sessions that started at or before `now`, in order of start (input order on ties), with what every
// figure needs precomputed. Views the caller's digests: valid while they are.
struct DigestIndex {
  std::vector<const SessionDigest*> sessions;
  std::vector<LocalDay> days;       // local day of each session's start
  std::vector<RegionTrack> tracks;  // every (region, side) in those sessions, by region id, then side

  const SessionDigest& session(const RegionEntry& e) const { return *sessions[e.session]; }
  const RegionDigest& digest(const RegionEntry& e) const { return sessions[e.session]->regions[e.region]; }
  // The position of the first session that started at or after `since_ms`.
  std::size_t first_at_or_after(UnixMillis since_ms) const;
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
