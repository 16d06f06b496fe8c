#pragma once
// What a player says while the person gets to a step (RoutineStep::transition): the planner writes it, and the
// safety gate writes it again for a step it changed, or whose step before it changed or left out, so that the words
// never name a tool or position the step no longer uses (a replaced firm roller must not be "Get your firm foam
// roller"). Pure: no I/O, no clock.

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/routine.h"
#include "core/safety_gate.h"

namespace smr::core {

// The words for getting to `step` after `prev` (null: it is the first step): the first step's set-up ("Get your
// medium foam roller and start sitting on the floor: your calves (left side)."), a side switch of the same exercise
// ("Switch sides: now your calves (right side)."), or a move to another region naming what changes ("Change
// position, ... Take your ... Move on to your ..."). Ids the catalog lacks are said as they are.
std::string transition_text(const Catalog& catalog, const RoutineStep& step, const RoutineStep* prev);

// After the safety gate: writes again the words of each kept step that the gate replaced, or whose step before it
// was replaced or left out (the first kept step after a removed first step says how to start). A step without words
// keeps none. `changes`: the gate's, each `step` an index in the routine as it was sent; `kept`: the steps the gate
// kept, in order (the routine as sent, less the removed ones).
void refit_transitions(const Catalog& catalog, const std::vector<GateChange>& changes, std::vector<RoutineStep>& kept);

}  // namespace smr::core
