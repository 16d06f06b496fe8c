#pragma once
// JSON form of progress (`smr progress --json`, later the web API's progress route). Format: docs/progress.md
// ("JSON"). Field names are the core fields' names in snake_case, enums are their EnumNames spellings, times
// are Unix milliseconds, and a figure that may be missing (an optional) is null rather than left out, so that
// every object of a kind has the same keys.
//
// `sp`: where the value allocates. Ten years of progress make thousands of small objects; a face that
// serialises at once can pass a boost::json::monotonic_resource: ten years of progress then print in about 60 %
// of the time (bench/progress).

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "core/progress.h"
#include "json/self_test_json.h"  // to_json(SelfTestProgress)

namespace smr::json {

boost::json::value to_json(const core::Progress& p, boost::json::storage_ptr sp = {});

boost::json::value to_json(const core::RegionSensation& r, boost::json::storage_ptr sp = {});
boost::json::value to_json(const core::TrendFit& t, boost::json::storage_ptr sp = {});
boost::json::value to_json(const core::Adherence& a, boost::json::storage_ptr sp = {});
boost::json::value to_json(const core::Soreness& s, boost::json::storage_ptr sp = {});
boost::json::value to_json(const core::PainAlert& a, boost::json::storage_ptr sp = {});

}  // namespace smr::json
