#include "cli/record_input.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "cli/cli_context.h"
#include "service/wall_clock.h"

namespace smr::cli {

std::string side_suffix(core::Side side) {
  return side == core::Side::kCentre ? "" : " (" + std::string(core::to_string(side)) + " side)";
}

int parse_rating(const std::string& text) {
  const bool digits = !text.empty() && text.size() <= 2 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    throw CliError(kExitUsage,
                   "RATING: \"" + text +
                       "\" is not valid; expected a whole number from 0 (no soreness) to 10 (the worst imaginable)",
                   "invalid", "rating");
  }
  return std::stoi(text);
}

core::UnixMillis wall_now_ms() { return service::wall_now_ms(); }

std::optional<core::UnixMillis> parse_local_minute(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  char tail = 0;
  const std::string s(text);
  if (s.size() != 16 || std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_isdst = -1;  // let the zone decide
  const std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  // mktime normalises out-of-range fields (31 April -> 1 May, 02:30 in a DST gap -> 03:30): refuse those.
  if (tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 || tm.tm_mday != d || tm.tm_hour != h || tm.tm_min != mi) {
    return std::nullopt;
  }
  return static_cast<core::UnixMillis>(t) * 1000;
}

std::string format_local_minute(core::UnixMillis ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

}  // namespace smr::cli
