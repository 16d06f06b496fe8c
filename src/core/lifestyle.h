#pragma once
// Lifestyle factors and activities, and the regions each one loads (catalog/lifestyle.toml).
//
// This is a model, not proven science: it follows the cumulative-injury-cycle idea (repeated postures and
// movements, stress and shallow breathing keep some tissues tense), which the planner uses only to raise the
// priority of regions. Activities (running, leg day, ...) also name the muscles a workout uses, for the
// pre-activity and post-workout goals (R4, R6).

#include <string>
#include <vector>

#include "core/evidence.h"

namespace smr::core {

// A region a factor loads, with how much it raises the region's priority (1 = a little, 3 = a lot).
struct LifestyleRegion {
  std::string region;  // region id
  int weight = 1;      // 1-3
};

struct LifestyleFactor {
  std::string id;         // e.g. "desk-work", "running"
  std::string name;       // e.g. "Sitting at a desk for long hours"
  std::string question;   // yes/no question for `smr screen`, in plain words
  bool activity = false;  // can be named as the workout before or after which you roll (`smr plan --activity`)
  std::string model;      // how the factor loads the body, in plain words
  std::vector<LifestyleRegion> regions;
  Citation evidence;
};

}  // namespace smr::core
