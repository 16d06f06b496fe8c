#pragma once
// A routine as `smr plan` prints it: the steps with their times and why each was chosen, then the notes.
// Defined in plan_command.cc; `smr routines show` prints a saved routine the same way.

#include <ostream>

#include "core/catalog.h"
#include "core/routine.h"

namespace smr::cli {

void print_routine(std::ostream& out, const core::Catalog& catalog, const core::Routine& r);

}  // namespace smr::cli
