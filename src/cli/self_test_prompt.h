#pragma once
// The interactive side of `smr test` on a terminal: walks a person through a test's guide one step at a time
// and asks for the values (two trials per side for a baseline, R15), checking each against the guide.

#include <iosfwd>
#include <vector>

#include "core/catalog.h"
#include "core/region.h"
#include "core/self_test_guide.h"
#include "service/self_test_service.h"

namespace smr::cli {

// One side's measurement: which phase it is, and the values to record (in order).
using service::SideValues;

// Prints the guide's header and set-up, then each step, waiting for Enter after each; then, for each entry of
// `plan` in order, asks for its values: kBaselineTrials of them for a baseline, one otherwise. A value that
// is not valid is explained and asked again. Returns `plan` with the values filled in. Throws
// CliError(kExitUsage) when the input ends before every value is given (nothing is recorded then).
std::vector<SideValues> guide_and_ask(const core::Catalog& catalog, const core::SelfTestGuide& guide,
                                      std::vector<SideValues> plan, std::istream& in, std::ostream& out);

}  // namespace smr::cli
