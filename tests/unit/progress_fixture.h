#pragma once
// Literal dates and records for the progress analytics tests.

#include <cstdint>
#include <string>

#include "core/journal.h"
#include "core/time_zone.h"

namespace smr::core::testing {

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// A UTC instant.
constexpr UnixMillis utc(int y, int m, int d, int h = 0, int min = 0) {
  return days_from_civil(y, m, d) * kDayMs + (static_cast<std::int64_t>(h) * 60 + min) * 60'000;
}

// Europe/Berlin in 2026: CET (+60), CEST (+120) from 29 March 01:00 UTC, CET again from 25 October 01:00 UTC.
inline TimeZone berlin_2026() { return TimeZone{60, {{utc(2026, 3, 29, 1), 120}, {utc(2026, 10, 25, 1), 60}}}; }

inline SessionInfo session(std::string uid, UnixMillis started_ms) {
  SessionInfo s;
  s.uid = std::move(uid);
  s.started_ms = started_ms;
  s.ended_ms = started_ms + 10 * 60'000;
  s.status = SessionStatus::kFinished;
  return s;
}

inline CheckIn check_in(std::string session_uid, UnixMillis at_ms, std::string region, Side side, int intensity,
                        Quality quality = Quality::kPressure) {
  CheckIn c;
  c.uid = session_uid + "-" + std::to_string(at_ms);
  c.session_uid = std::move(session_uid);
  c.at_ms = at_ms;
  c.region = std::move(region);
  c.side = side;
  c.intensity = intensity;
  c.quality = quality;
  return c;
}

}  // namespace smr::core::testing
