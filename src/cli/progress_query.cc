#include "cli/progress_query.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include "cli/local_time_zone.h"
#include "core/suggest.h"
#include "service/journal_service.h"

namespace smr::cli {

namespace {

constexpr core::UnixMillis kTwentyYearsMs = 20LL * 366 * core::kDayMs;

core::UnixMillis wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "YYYY-MM-DD" -> the local day; nullopt when not a date.
std::optional<core::LocalDay> parse_day(const std::string& text) {
  const auto utc = service::parse_date_utc(text);
  if (!utc) return std::nullopt;
  return *utc / core::kDayMs;
}

// --as-of "YYYY-MM-DD" (the end of that local day) or "YYYY-MM-DD HH:MM" (local time).
core::UnixMillis parse_as_of(const std::string& text) {
  const std::string bad = "--as-of: \"" + text + "\" is not a local date or time; expected YYYY-MM-DD or " +
                          "\"YYYY-MM-DD HH:MM\", e.g. \"2026-11-21 18:30\"";
  const auto day = parse_day(text.substr(0, 10));
  if (!day) throw CliError(kExitUsage, bad);
  const core::UnixMillis around = *day * core::kDayMs;
  const auto tz = local_time_zone(around - 2 * core::kDayMs, around + 2 * core::kDayMs);
  if (text.size() == 10) return core::local_midnight_ms(*day + 1, tz) - 1;
  int h = -1, m = -1;
  char tail = 0;
  if (text.size() != 16 || text[10] != ' ' || std::sscanf(text.c_str() + 11, "%2d:%2d%c", &h, &m, &tail) != 2 ||
      h < 0 || h > 23 || m < 0 || m > 59) {
    throw CliError(kExitUsage, bad);
  }
  return core::local_midnight_ms(*day, tz) + (h * 60 + m) * 60'000LL;
}

}  // namespace

service::ProgressQuery progress_query(const ProgressFlags& o) {
  service::ProgressQuery q;
  q.now_ms = o.as_of.empty() ? wall_now_ms() : parse_as_of(o.as_of);
  q.tz = local_time_zone(q.now_ms - kTwentyYearsMs, q.now_ms + core::kDayMs);
  if (!o.since.empty()) {
    const auto day = parse_day(o.since);
    if (!day) {
      throw CliError(kExitUsage, "--since: \"" + o.since + "\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01");
    }
    q.since_ms = core::local_midnight_ms(*day, q.tz);
  }
  return q;
}

void check_region(CliContext& ctx, const std::string& region) {
  if (region.empty() || ctx.catalog().find_region(region) != nullptr) return;
  const auto best = core::closest_match(region, core::ids_of(ctx.catalog().regions()));
  throw CliError(kExitUsage, "--region: unknown region \"" + region + "\"" +
                                 (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                 " The regions are listed by: smr catalog regions");
}

}  // namespace smr::cli
