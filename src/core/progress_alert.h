#pragma once
// The persistent-pain alert (docs/progress.md "Persistent-pain alert"): pain (not sensation, R3) at the same
// region and side in at least 3 of the last 5 sessions that checked in there, or intensity rising by at least
// 2 NRS points (S50) over the last 2 weeks, gives a note suggesting a clinician. General guidance, never a
// diagnosis. Each alert has an id that stays the same while the episode lasts, so a face can hide it once
// the person acknowledges it; a new episode gets a new id.

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/journal.h"
#include "core/progress_trend.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core {

enum class AlertKind { kRepeatedPain, kRisingIntensity };

template <>
struct EnumNames<AlertKind> {
  static constexpr std::array<std::pair<AlertKind, std::string_view>, 2> kNames{
      {{AlertKind::kRepeatedPain, "repeated-pain"}, {AlertKind::kRisingIntensity, "rising-intensity"}}};
};

struct AlertOptions {
  int window_sessions = 5;                            // the last sessions that checked in at the region and side
  int pain_sessions = 3;                              // ... of which this many had a pain check-in there
  int rising_days = 14;                               // the window of the rising-intensity rule (session starts)
  TrendRule rising_rule{3, 7, kMeaningfulNrsChange};  // >= 3 rated days spanning >= 7 days, +2 points
};

struct PainAlert {
  // "<kind>/<region>/<side>/<uid of the session that started the episode>".
  std::string id;
  AlertKind kind = AlertKind::kRepeatedPain;
  std::string region;
  Side side = Side::kCentre;
  UnixMillis since_ms = 0;  // when the episode started (that session's first check-in there)
  int pain_sessions = 0;    // kRepeatedPain: sessions with pain among those considered
  int sessions_considered = 0;
  double change = 0;    // kRisingIntensity: NRS points the trend rose over the window
  std::string message;  // plain words; names the region by its catalog id (faces may use the region's name)
  Citation evidence;
  bool acknowledged = false;

  bool operator==(const PainAlert&) const = default;
};

// The alerts in force at `now_ms` over the sessions that started at or before it (a session counts whole),
// repeated-pain ones first, each kind by region id then side. A session "had pain" at a region and side when
// its digest there has pain_check_ins > 0. Alerts whose id is in `acknowledged_ids` are returned with
// acknowledged = true: the faces show the others. `sessions` in any order (oldest first is not re-sorted).
std::vector<PainAlert> pain_alerts(const std::vector<SessionDigest>& sessions, UnixMillis now_ms, const TimeZone& tz,
                                   const std::vector<std::string>& acknowledged_ids, const AlertOptions& options = {});

}  // namespace smr::core
