#pragma once
// Techniques: the building blocks of an exercise (locate, hold, move, roll, breathe).

#include <optional>
#include <string>
#include <vector>

#include "core/evidence.h"

namespace smr::core {

struct Technique {
  std::string id;  // locate, hold, contract-relax, pin-and-move, slow-roll, cross-fiber, breathing
  std::string name;
  std::string summary;
  std::vector<std::string> how;  // steps, in order
  std::optional<int> default_s, min_s, max_s;
  std::optional<int> pass_s_min, pass_s_max;  // seconds per pass, slow rolling (R2)
  std::optional<double> breaths_per_min, breaths_per_min_min, breaths_per_min_max;  // breathing (R13)
  Citation evidence;
};

}  // namespace smr::core
