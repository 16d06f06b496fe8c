#pragma once
// JSON form of progress (`smr progress --json`, later the web API's progress route). Format: docs/progress.md
// ("JSON"). Field names are the core fields' names in snake_case, enums are their EnumNames spellings, times
// are Unix milliseconds, and a figure that may be missing (an optional) is null rather than left out, so that
// every object of a kind has the same keys.

#include <boost/json/value.hpp>

#include "core/progress.h"
#include "json/self_test_json.h"  // to_json(SelfTestProgress)

namespace smr::json {

boost::json::value to_json(const core::Progress& p);

boost::json::value to_json(const core::RegionSensation& r);
boost::json::value to_json(const core::TrendFit& t);
boost::json::value to_json(const core::Adherence& a);
boost::json::value to_json(const core::Soreness& s);
boost::json::value to_json(const core::PainAlert& a);

}  // namespace smr::json
