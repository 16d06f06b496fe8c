#pragma once
// Literal catalogs and routines for the session engine and check-in rule tests.

#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/routine.h"
#include "core/session_engine.h"

namespace smr::core::testing {

inline Tool tool(std::string id, std::string name, ToolKind kind, Density density, Contact contact) {
  Tool t;
  t.id = std::move(id);
  t.name = std::move(name);
  t.kind = kind;
  t.density = density;
  t.contact = contact;
  t.suits = {"calves", "hamstrings", "diaphragm"};  // every region of session_catalog()
  return t;
}

inline Exercise exercise(std::string id, std::string name, std::string region, std::vector<std::string> tools,
                         std::string lighter, Level level = Level::kBeginner) {
  Exercise x;
  x.id = std::move(id);
  x.name = std::move(name);
  x.region = std::move(region);
  x.tools = std::move(tools);
  x.lighter = std::move(lighter);
  x.level = level;
  x.position = Position::kFloorSeated;
  return x;
}

inline RedFlag red_flag(std::string id, Urgency urgency, std::string message) {
  RedFlag f;
  f.id = std::move(id);
  f.question = "?";
  f.urgency = urgency;
  f.message = std::move(message);
  f.evidence.rules = {"R12"};
  return f;
}

// Calves and hamstrings (paired), a midline diaphragm; rollers and balls; three red flags.
inline Catalog session_catalog() {
  CatalogData d;
  Region calves;
  calves.id = "calves";
  calves.name = "Calves";
  Region hamstrings;
  hamstrings.id = "hamstrings";
  hamstrings.name = "Hamstrings";
  Region diaphragm;
  diaphragm.id = "diaphragm";
  diaphragm.name = "Diaphragm";
  diaphragm.laterality = Laterality::kMidline;
  d.regions = {calves, hamstrings, diaphragm};
  d.tools = {
      tool("foam-roller-medium", "Medium foam roller", ToolKind::kRoller, Density::kMedium, Contact::kBroad),
      tool("foam-roller-soft", "Soft foam roller", ToolKind::kRoller, Density::kSoft, Contact::kBroad),
      tool("lacrosse-ball", "Lacrosse ball", ToolKind::kBall, Density::kFirm, Contact::kPrecise),
      tool("therapy-ball-small", "Small soft therapy ball", ToolKind::kBall, Density::kSoft, Contact::kPrecise),
      tool("foam-roller-firm", "Firm foam roller", ToolKind::kRoller, Density::kFirm, Contact::kBroad),
  };
  d.exercises = {
      exercise("calf-roller", "Calf roll", "calves", {"foam-roller-medium", "foam-roller-soft", "foam-roller-firm"},
               "Keep your other foot on the floor and take more weight on your hands."),
      exercise("calf-ball", "Calf ball", "calves", {"lacrosse-ball", "therapy-ball-small", "foam-roller-soft"},
               "Cross less weight over."),
      exercise("hamstring-roller", "Hamstring roll", "hamstrings", {"foam-roller-medium", "foam-roller-firm"}, ""),
      exercise("hamstring-ball-chair", "Hamstring ball on a chair", "hamstrings", {"lacrosse-ball"}, "",
               Level::kRegular),
      exercise("hamstring-stick", "Hamstring stick", "hamstrings", {"foam-roller-soft"}, ""),
      exercise("belly-breathing", "Belly breathing", "diaphragm", {"foam-roller-medium"}, ""),
  };
  d.exercises[4].unsafe_for = {"varicose-veins"};
  d.red_flags = {
      red_flag("calf-swelling", Urgency::kUrgent, "Stop and do not roll your legs; see a doctor today."),
      red_flag("chest-pain-breathless", Urgency::kEmergency, "Stop now and call your local emergency number."),
      red_flag("spreading-numbness", Urgency::kUrgent, "Stop rolling and get checked today."),
  };
  return Catalog(std::move(d));
}

// locate 5 s, hold 20 s, move 10 s (5 reps), roll 9 s (3 s passes): 44 s a set.
inline RoutineStep step(std::string exercise, std::string region, Side side, std::string tool, int transition_s = 5,
                        int sets = 1) {
  RoutineStep s;
  s.exercise = std::move(exercise);
  s.region = std::move(region);
  s.side = side;
  s.tool = std::move(tool);
  s.position = Position::kFloorSeated;
  s.transition_s = transition_s;
  s.phases = {{PhaseKind::kLocate, 5}, {PhaseKind::kHold, 20}, {PhaseKind::kMove, 10}, {PhaseKind::kRoll, 9}};
  s.sets = sets;
  s.move_reps = 5;
  s.move_cue = "Point and flex your foot.";
  s.pass_s = 3;
  return s;
}

// Calves left, calves right, hamstrings left; each 5 s transition + one 44 s set + 10 s check-in = 59 s.
// With the 10 s get-ready: 187 s. Segment starts (ms): get-ready 0; step 0: transition 10000, locate 15000,
// hold 20000, move 40000, roll 50000, check-in 59000; step 1: transition 69000 ...; step 2 from 128000.
inline Routine three_steps() {
  Routine r;
  r.goal = "recover";
  r.steps = {step("calf-roller", "calves", Side::kLeft, "foam-roller-medium"),
             step("calf-roller", "calves", Side::kRight, "foam-roller-medium"),
             step("hamstring-roller", "hamstrings", Side::kLeft, "foam-roller-medium")};
  return r;
}

inline constexpr std::int64_t kStepMs = 59000;
inline constexpr std::int64_t kHoldStart = 20000;  // step 0's hold
inline constexpr std::int64_t kCheckInStart = 59000;

inline SessionSettings kit_settings(std::vector<std::string> owned = {"foam-roller-medium"}) {
  SessionSettings s;
  s.kit.owned_tools = std::move(owned);
  return s;
}

// Two steps on the built-in catalog's calves, left then right: hold 20 s, roll 10 s, one set each (for tests
// that play a session against the real catalog, over the service or over HTTP).
inline Routine builtin_calves_routine(std::string goal) {
  Routine r;
  r.goal = std::move(goal);
  for (const auto side : {Side::kLeft, Side::kRight}) {
    RoutineStep s;
    s.exercise = "calves-roller";
    s.region = "calves";
    s.side = side;
    s.tool = "foam-roller-medium";
    s.transition_s = 5;
    s.phases = {{PhaseKind::kHold, 20}, {PhaseKind::kRoll, 10}};
    r.steps.push_back(s);
  }
  return r;
}

}  // namespace smr::core::testing
