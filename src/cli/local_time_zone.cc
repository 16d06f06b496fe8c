#include "cli/local_time_zone.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "service/journal_service.h"

namespace smr::cli {

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int offset_minutes(std::int64_t at_s) {
  const std::time_t t = static_cast<std::time_t>(at_s);
  std::tm tm{};
  if (localtime_r(&t, &tm) == nullptr) return 0;
  return static_cast<int>(tm.tm_gmtoff / 60);
}

}  // namespace

core::TimeZone local_time_zone(core::UnixMillis from_ms, core::UnixMillis to_ms) {
  constexpr std::int64_t kStepS = 7 * 86'400;
  tzset();  // localtime_r need not read TZ again (POSIX); the zone is the one TZ names now
  const std::int64_t from_s = from_ms / 1000;
  const std::int64_t to_s = to_ms / 1000 + 1;
  core::TimeZone tz = core::TimeZone::fixed(offset_minutes(from_s));
  int current = tz.initial_offset_minutes;
  for (std::int64_t lo = from_s; lo < to_s; lo += kStepS) {
    std::int64_t hi = std::min(lo + kStepS, to_s);
    const int next = offset_minutes(hi);
    if (next == current) continue;
    // The change lies in (lo, hi]: narrow it to the first second at the new offset.
    std::int64_t a = lo;
    while (hi - a > 1) {
      const std::int64_t mid = a + (hi - a) / 2;
      (offset_minutes(mid) == current ? a : hi) = mid;
    }
    tz.transitions.push_back({hi * 1000, next});
    current = next;
  }
  return tz;
}

std::string local_time_zone_name(core::UnixMillis at_ms) {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') return *tz == ':' ? tz + 1 : tz;
  std::error_code ec;
  const auto target = std::filesystem::read_symlink("/etc/localtime", ec).string();
  if (!ec) {
    if (const auto at = target.find("zoneinfo/"); at != std::string::npos) return target.substr(at + 9);
  }
  const std::time_t t = static_cast<std::time_t>(at_ms / 1000);
  std::tm tm{};
  if (localtime_r(&t, &tm) != nullptr && tm.tm_zone != nullptr) return tm.tm_zone;
  return "UTC";
}

std::string local_clock_text(core::UnixMillis at_ms) {
  return service::format_utc(at_ms + static_cast<std::int64_t>(offset_minutes(floor_div(at_ms, 1000))) * 60'000);
}

std::string local_time_text(core::UnixMillis at_ms) {
  return local_clock_text(at_ms) + " " + local_time_zone_name(at_ms);
}

}  // namespace smr::cli
