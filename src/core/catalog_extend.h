#pragma once
// A catalog with exercises added: the catalog a routine with a trainer's own exercises (issue 19,
// docs/accounts.md) is judged and shown by.

#include <vector>

#include "core/catalog.h"

namespace smr::core {

// `base` with `extra` exercises after its own. The extra exercises must have been checked against `base`
// (catalog/exercise_entry.h): new ids, references that resolve.
Catalog with_exercises(const Catalog& base, std::vector<Exercise> extra);

}  // namespace smr::core
