#pragma once
// TinyCatalog: a complete, valid catalog of a few in-memory files, for loader tests that load it as it is or
// break one thing in it. The line numbers quoted by loader_errors_test.cc refer to these texts: keep them
// stable.

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "catalog/loader.h"

namespace smr::catalog::fixtures {

// ---------------------------------------------------------------------------------------------------------
// The fixture: one rule R1 citing S1, one reference S1, one line, one zone, two tools, four techniques, one
// region, one condition (with a limit), one red flag, and two exercises on the region (one beginner).
// Keep the line numbers stable: the tests below quote them.

inline constexpr std::string_view kEvidence = R"([[rule]]
id = "R1"
summary = "Roll each region for 1 to 3 sets of 30 to 60 seconds."
level = "strong"
sources = ["S1"]

[[reference]]
id = "S1"
citation = "Behm DG et al. 2020. Foam rolling prescription."
)";

inline constexpr std::string_view kLines = R"([[line]]
id = "superficial-back"
name = "Superficial Back Line"
support = "strong"
path = "From the sole of the foot up the back of the body."
sources = ["S1"]
)";

inline constexpr std::string_view kZones = R"([[zone]]
id = "knee-joint"
name = "The knee joint"
why = "Bone, nerves and blood vessels lie close to the surface."
map = [
  { view = "back", points = [[72, 282], [86, 282], [79, 298]] },
]
rules = ["R1"]
sources = ["S1"]
)";

inline constexpr std::string_view kTools = R"([[tool]]
id = "foam-roller-medium"
name = "Medium foam roller"
kind = "roller"
density = "medium"
texture = "smooth"
vibration = false
diameter_cm = 15
contact = "broad"
suits = ["calves"]
description = "The everyday roller."
rules = ["R1"]
sources = ["S1"]

[[tool]]
id = "lacrosse-ball"
name = "Lacrosse ball"
kind = "ball"
density = "firm"
texture = "smooth"
vibration = false
diameter_cm = 6.3
contact = "precise"
suits = ["calves"]
description = "A small, hard rubber ball."
rules = ["R1"]
sources = ["S1"]
)";

inline constexpr std::string_view kTechniques = R"([[technique]]
id = "hold"
name = "Hold and breathe"
summary = "Stay on a tender spot and breathe."
how = ["Settle on the spot.", "Breathe slowly."]
default_s = 30
min_s = 20
max_s = 60
rules = ["R1"]
sources = ["S1"]

[[technique]]
id = "slow-roll"
name = "Slow roll"
summary = "Roll slowly along the muscle."
how = ["Start at one end.", "Take 2 to 4 seconds a pass."]
pass_s_min = 2
pass_s_max = 4
rules = ["R1"]
sources = ["S1"]

[[technique]]
id = "pin-and-move"
name = "Pin and move"
summary = "Keep the tool still and move the nearby joint."
how = ["Pin the spot.", "Move the joint slowly."]
rules = ["R1"]
sources = ["S1"]

[[technique]]
id = "contract-relax"
name = "Tense and let go"
summary = "Tighten the muscle against the tool, then relax it."
how = ["Tighten gently.", "Let go."]
rules = ["R1"]
sources = ["S1"]
)";

inline constexpr std::string_view kRegions = R"([[region]]
id = "calves"
name = "Calves"
group = "foot-and-lower-leg"
laterality = "paired"
aliases = ["calf"]
description = "The muscles on the back of the lower leg."
lines = ["superficial-back"]
map = [
  { view = "back", cx = 80, cy = 322, rx = 11, ry = 28 },
]
never_roll = [
  { zone = "knee-joint", forbid = [] },
]
)";

inline constexpr std::string_view kConditions = R"([[condition]]
id = "blood-thinners"
name = "Blood thinners"
effect = "clearance"
message = "Check with your physician first."
block_regions = []
block_named_area = false
rules = ["R1"]
sources = ["S1"]

[[condition.limit]]
regions = ["calves"]
forbid = ["firm"]
intensity_max = 4
note = "No firm tools, at most 4 out of 10."

[[red_flag]]
id = "calf-swelling"
question = "Is one calf swollen, warm or red?"
urgency = "urgent"
message = "Stop and see a clinician today."
rules = ["R1"]
sources = ["S1"]
)";

inline constexpr std::string_view kExercises = R"([[exercise]]
id = "calves-roller"
name = "Calves on a roller"
region = "calves"
tools = ["foam-roller-medium"]
position = "floor-seated"
level = "beginner"
contexts = ["floor"]
hands_free = false
summary = "Roll the back of the lower leg slowly."
steps = ["Sit with the roller under the calf.", "Lift your hips.", "Roll slowly from ankle to knee."]
cues = ["Slow passes.", "Breathe."]
mistakes = ["Rolling fast.", "Rolling over the knee."]
lighter = "Keep your hips on the floor."
stronger = "Cross the other leg on top."
techniques = ["slow-roll"]
dose = { sets = 2, set_s = 60, pass_s = 3 }
rules = ["R1"]
sources = ["S1"]

[[exercise]]
id = "calves-ball-seated"
name = "Calves on a ball, seated"
region = "calves"
tools = ["lacrosse-ball"]
position = "seated"
level = "regular"
contexts = ["seated", "desk", "call"]
hands_free = true
summary = "Rest the calf on a ball on a low stool."
steps = ["Sit with the ball under the calf.", "Find a tender spot.", "Hold it and breathe."]
cues = ["About 5 out of 10.", "Breathe out slowly."]
mistakes = ["Pressing too hard.", "Holding your breath."]
lighter = "Take weight off the leg."
stronger = "Press down on the knee."
techniques = ["hold", "pin-and-move"]
dose = { sets = 2, set_s = 45, hold_s = 30 }
move = { reps = 8, cue = "Point and flex the foot slowly." }
rules = ["R1"]
sources = ["S1"]
)";

// A valid catalog to break one thing in. Edits that do not match the fixture exactly once fail the test,
// so a test cannot silently stop testing what it claims to.
class TinyCatalog {
 public:
  TinyCatalog()
      : files_{{"evidence.toml", std::string(kEvidence)},     {"lines.toml", std::string(kLines)},
               {"zones.toml", std::string(kZones)},           {"tools.toml", std::string(kTools)},
               {"techniques.toml", std::string(kTechniques)}, {"regions.toml", std::string(kRegions)},
               {"conditions.toml", std::string(kConditions)}, {"exercises/calves.toml", std::string(kExercises)}} {}

  // Replaces the one occurrence of `from` in file `path` with `to`.
  TinyCatalog& replace(std::string_view path, std::string_view from, std::string_view to) {
    std::string& text = file(path);
    const auto at = text.find(from);
    if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
      ADD_FAILURE() << "fixture edit: \"" << from << "\" does not occur exactly once in " << path;
      return *this;
    }
    text.replace(at, from.size(), to);
    return *this;
  }

  // Removes the one occurrence of `text` (e.g. a whole line, newline included) from file `path`.
  TinyCatalog& remove(std::string_view path, std::string_view text) { return replace(path, text, ""); }

  TinyCatalog& append(std::string_view path, std::string_view text) {
    file(path) += text;
    return *this;
  }

  TinyCatalog& add_file(std::string path, std::string text) {
    files_.push_back(SourceFile{std::move(path), std::move(text)});
    return *this;
  }

  const std::vector<SourceFile>& files() const { return files_; }

  // Every error, as a content author reads it; empty when the catalog loads.
  std::vector<std::string> errors() const {
    std::vector<std::string> out;
    const auto loaded = load_catalog(files_);
    if (loaded) return out;
    for (const auto& e : loaded.error()) out.push_back(e.to_string());
    return out;
  }

 private:
  std::string& file(std::string_view path) {
    for (auto& f : files_) {
      if (f.path == path) return f.text;
    }
    ADD_FAILURE() << "fixture has no file " << path;
    files_.push_back(SourceFile{std::string(path), ""});
    return files_.back().text;
  }

  std::vector<SourceFile> files_;
};

}  // namespace smr::catalog::fixtures
