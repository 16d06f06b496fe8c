#pragma once
// The process's local time zone (TZ, else /etc/localtime) as core::TimeZone data for a span of time, read
// through localtime_r: core groups by local days and weeks but reads no zone database itself.

#include <string>

#include "core/time_zone.h"

namespace smr::cli {

// The zone's offsets over [from_ms, to_ms]: the offset in force at from_ms and every change up to to_ms,
// each found to the second. The span is probed once a week, so two changes less than a week apart that cancel
// out are missed (DST changes are months apart); 20 years cost about a thousand localtime_r calls.
core::TimeZone local_time_zone(core::UnixMillis from_ms, core::UnixMillis to_ms);

// The zone's name for headings: $TZ when set, else the target of /etc/localtime below zoneinfo/, else the
// abbreviation localtime_r gives for `at_ms`.
std::string local_time_zone_name(core::UnixMillis at_ms);

// "2026-11-21 08:05": the local time at `at_ms`, as every command shows times (docs/cli.md, "Times").
std::string local_clock_text(core::UnixMillis at_ms);
// "2026-11-21 08:05 Europe/Berlin": the same with the zone's name, for a time shown on its own.
std::string local_time_text(core::UnixMillis at_ms);

}  // namespace smr::cli
