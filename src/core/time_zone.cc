#include "core/time_zone.h"

#include <algorithm>

namespace smr::core {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

UnixMillis offset_ms(int minutes) { return static_cast<UnixMillis>(minutes) * 60'000; }

}  // namespace

int TimeZone::offset_minutes_at(UnixMillis at_ms) const {
  // The last transition at or before at_ms.
  auto it = std::upper_bound(transitions.begin(), transitions.end(), at_ms,
                             [](UnixMillis t, const Transition& tr) { return t < tr.from_ms; });
  if (it == transitions.begin()) return initial_offset_minutes;
  return std::prev(it)->offset_minutes;
}

LocalDay local_day(UnixMillis at_ms, const TimeZone& tz) {
  return floor_div(at_ms + offset_ms(tz.offset_minutes_at(at_ms)), kDayMs);
}

int local_minute_of_day(UnixMillis at_ms, const TimeZone& tz) {
  const UnixMillis local = at_ms + offset_ms(tz.offset_minutes_at(at_ms));
  return static_cast<int>((local - floor_div(local, kDayMs) * kDayMs) / 60'000);
}

int weekday(LocalDay day) {
  // 1970-01-01 was a Thursday (3 days after a Monday).
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

LocalDay week_monday(LocalDay day) { return day - weekday(day); }

UnixMillis local_midnight_ms(LocalDay day, const TimeZone& tz) {
  const UnixMillis local = day * kDayMs;
  // Try the offsets in force around that wall time; the first instant that maps back to it wins.
  UnixMillis t = local - offset_ms(tz.offset_minutes_at(local));
  if (t + offset_ms(tz.offset_minutes_at(t)) == local) return t;
  const UnixMillis t2 = local - offset_ms(tz.offset_minutes_at(t));
  if (t2 + offset_ms(tz.offset_minutes_at(t2)) == local) return t2;
  // A gap: the day's clock starts at the transition between the two guesses.
  const UnixMillis lo = std::min(t, t2);
  const UnixMillis hi = std::max(t, t2);
  for (const auto& tr : tz.transitions) {
    if (tr.from_ms > lo && tr.from_ms <= hi) return tr.from_ms;
  }
  return hi;
}

}  // namespace smr::core
