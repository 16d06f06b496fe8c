#pragma once
// `smr report --html`: one self-contained HTML page (no scripts, no external resources; opens offline in any
// browser) with the alerts, the body-map heat map, trend charts and tables of a Progress. Pure: the command
// computes the Progress and writes the page.

#include <string>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/time_zone.h"

namespace smr::cli {

struct ReportOptions {
  core::UnixMillis now_ms = 0;
  core::TimeZone tz;
  std::string zone_name;
  core::UnixMillis since_ms = 0;
  std::string region;  // only this region (empty: all); the Progress is already narrowed to it
};

std::string report_html(const core::Progress& p, const core::Catalog& catalog, const ReportOptions& o);

}  // namespace smr::cli
