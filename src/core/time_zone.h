#pragma once
// A time zone as data: the UTC offset in force from each instant on. Progress analytics group by the person's
// local day and week, so they take one of these rather than reading the system's zone database (core reads no
// files and no clock). A face builds it from the zone database for the span it needs; tests write literal DST
// changes.

#include <cstdint>
#include <vector>

#include "core/journal.h"

namespace smr::core {

// Days since 1970-01-01 in local time (local day 0 is Thursday 1970-01-01).
using LocalDay = std::int64_t;

inline constexpr UnixMillis kDayMs = 86'400'000;
inline constexpr UnixMillis kWeekMs = 7 * kDayMs;

struct TimeZone {
  // From `from_ms` (inclusive) on, local time is UTC + `offset_minutes`.
  struct Transition {
    UnixMillis from_ms = 0;
    int offset_minutes = 0;

    bool operator==(const Transition&) const = default;
  };

  int initial_offset_minutes = 0;       // before the first transition
  std::vector<Transition> transitions;  // ascending by from_ms

  // A zone without transitions (UTC is fixed(0)).
  static TimeZone fixed(int offset_minutes) { return TimeZone{offset_minutes, {}}; }

  // The offset in force at `at_ms`.
  int offset_minutes_at(UnixMillis at_ms) const;

  bool operator==(const TimeZone&) const = default;
};

// The local day holding `at_ms`.
LocalDay local_day(UnixMillis at_ms, const TimeZone& tz);
// Minutes since local midnight, 0-1439.
int local_minute_of_day(UnixMillis at_ms, const TimeZone& tz);
// 0 = Monday ... 6 = Sunday.
int weekday(LocalDay day);
// The Monday of the local week holding `day`.
LocalDay week_monday(LocalDay day);
// The instant of local 00:00 on `day`. When 00:00 does not exist (a DST gap at midnight), the instant the
// day's local clock starts.
UnixMillis local_midnight_ms(LocalDay day, const TimeZone& tz);

}  // namespace smr::core
