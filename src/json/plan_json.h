#pragma once
// JSON form of screening results and routines (`smr screen --json`, `smr plan --json`, later the HTTP API),
// and the profile as a person writes it (`smr screen --json FILE`, `smr plan --profile FILE`).
// Format: docs/cli.md ("smr plan --json").

#include <string>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "core/journal.h"
#include "core/problem.h"
#include "core/routine.h"
#include "core/safety_gate.h"
#include "core/screening.h"

namespace smr::json {

boost::json::value to_json(const core::Routine& r);
boost::json::value to_json(const core::ScreeningResult& s);
boost::json::value to_json(const core::Notice& n);
// What the safety gate changed (core/safety_gate.h), for the face to show before the session starts:
// [{"kind", "step", "region", "side", "from_exercise", "from_tool", "to_exercise", "to_tool",
//   "from_intensity_max", "to_intensity_max", "problems": [{"rule", "reason", "rules"}], "rules", "message"}]
boost::json::value to_json(const std::vector<core::GateChange>& changes);

// A profile written by hand: every field is optional (missing lists are empty, experience is "new"), unknown
// fields are refused. Errors name the place and what was expected, e.g. `aches[0].side: expected "left",
// "right" or "centre", got "up"`. Ids are not checked here (core::profile_problems does that).
tl::expected<core::Profile, core::Problem> profile_from_input_json(const boost::json::value& v);

}  // namespace smr::json
