#pragma once
// A plan kept in a file (`smr plan --json > FILE`, hand-edited perhaps): read for `smr roll --plan` and
// `smr routines save --plan`. A file that is not a plan is refused as the API refuses the same routine in a
// request body: code "invalid", the field "routine.<JSON path>" (exit 2); a file that cannot be read, exit 1.

#include <string>

#include "core/routine.h"

namespace smr::cli {

core::Routine read_plan_file(const std::string& path);

}  // namespace smr::cli
