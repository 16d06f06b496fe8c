#pragma once
// A session boiled down to what progress needs (docs/progress.md "Session digests"): per region and side, the
// active time played and a summary of the check-ins. Digests are derived data: the stores keep them beside the
// session so that progress over years reads one small row per session and region instead of every event and
// check-in, and compute them with digest_session() so that every backend agrees with this definition.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/journal.h"

namespace smr::core {

// Active time on one region and side.
struct RegionTime {
  std::string region;
  Side side = Side::kCentre;
  std::int64_t active_ms = 0;  // locate, hold, move, roll and breathe segments played (pauses excluded)

  bool operator==(const RegionTime&) const = default;
};

// Active time per region and side from a session's events (in seq order): from each `phase-started` of a
// locate, hold, move, roll or breathe phase to the next event that ends it (another phase or step starting,
// a skip, going back, a pause or an interruption, the session's end); a `resumed` reopens the phase that was paused.
// The region of a step comes from its `step-started` event. Events of unknown kinds, and data that cannot be read, are
// ignored. In order of first play.
std::vector<RegionTime> region_times(const std::vector<SessionEvent>& events);

struct RegionDigest {
  std::string region;
  Side side = Side::kCentre;
  std::int64_t active_ms = 0;  // region_times()
  int check_ins = 0;
  int intensity_sum = 0;
  int intensity_max = 0;
  int pain_check_ins = 0;            // check-ins whose quality means pain (R3)
  UnixMillis first_check_in_ms = 0;  // 0 when check_ins == 0
  UnixMillis last_check_in_ms = 0;
  int last_intensity = 0;  // of the latest check-in (the later recorded one on a tie)

  bool operator==(const RegionDigest&) const = default;
};

struct SessionDigest {
  std::string uid;
  PersonId person_id = kLocalPersonId;
  UnixMillis started_ms = 0;
  std::optional<UnixMillis> ended_ms;
  SessionStatus status = SessionStatus::kActive;
  // Every region and side played or checked in at, by region id, then side (left, right, centre).
  std::vector<RegionDigest> regions;

  bool operator==(const SessionDigest&) const = default;
};

// The digest of one session from its full record (events in seq order, check-ins in recording order).
SessionDigest digest_session(const SessionRecord& record);

}  // namespace smr::core
