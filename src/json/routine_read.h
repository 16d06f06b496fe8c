#pragma once
// Reading a routine back from the JSON that `smr plan --json` prints (json/plan_json.h), for `smr roll
// --plan FILE` and, later, the HTTP API. Strict: every field a step needs must be there with the right type
// and range; derived fields (total_s, set_s) are accepted and ignored; unknown fields are refused.

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "core/problem.h"
#include "core/routine.h"

namespace smr::json {

// Errors name the JSON path and what was expected, e.g. {"steps[2].phases[0].seconds", "expected a whole number
// from 0 to 3600, got -5"}. Ids (exercise, region, tool) are not checked against a catalog here.
tl::expected<core::Routine, core::Problem> routine_from_json(std::string_view text);

}  // namespace smr::json
