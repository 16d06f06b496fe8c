#pragma once
// `smr progress` as terminal text: alerts first, then adherence, sensation by region, time per region,
// self-tests and soreness, with sparklines. Pure: the command computes the Progress and passes it in.

#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/evidence.h"
#include "core/progress.h"
#include "core/time_zone.h"

namespace smr::cli {

// One character per value on the eight-level block scale (U+2581..U+2588) from `lo` to `hi`; a missing value
// is a space. Values outside [lo, hi] are clamped.
std::string sparkline(const std::vector<std::optional<double>>& values, double lo, double hi);

// "2026-11-21".
std::string local_date_text(core::LocalDay day);

// Words and numbers shared by the progress faces (terminal and HTML).
std::string fixed1(double v);   // "4.5"
std::string signed1(double v);  // "+1.5", "-2.0"
// The catalog's name of a region, or its id when the catalog does not know it.
std::string region_name(const core::Catalog& catalog, const std::string& id);
// "Calves (left)", "Thoracic spine".
std::string where(const core::Catalog& catalog, const std::string& region, core::Side side);
// "R3 S50": the rule and source ids of a citation.
std::string cited(const core::Citation& c);
// "9.5 cm"; "pass" or "fail" for a pass-fail test.
std::string value_text(double v, const std::string& unit);

struct ProgressTextOptions {
  core::UnixMillis now_ms = 0;
  core::TimeZone tz;
  std::string zone_name;  // for the heading, e.g. "Europe/Berlin"
  core::UnixMillis since_ms = 0;
  std::string region;    // only this region (empty: all)
  int weeks_shown = 12;  // sparklines and the adherence table look back this many weeks
};

std::string progress_text(const core::Progress& p, const core::Catalog& catalog, const ProgressTextOptions& o);

}  // namespace smr::cli
