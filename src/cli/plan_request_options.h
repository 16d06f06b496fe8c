#pragma once
// The request flags shared by `smr plan` and `smr roll` (which plans on the spot from the same flags), and
// planning from them: the profile comes from --profile FILE or the store.

#include <optional>
#include <string>
#include <vector>

#include "core/routine.h"

namespace CLI {
class App;
}

namespace smr::cli {

class CliContext;

// A red flag in the profile: no routine (`smr plan` and `smr roll` exit with this code).
inline constexpr int kExitRedFlag = 3;

struct PlanRequestOptions {
  std::string goal = "daily-mobility";
  int minutes = 10;
  std::vector<std::string> tools;
  std::vector<std::string> focus;
  std::string context = "floor";
  std::string activity;
  std::string profile_file;
  // The player's countdown and check-in window, inside the minutes (nullopt: 10 s each, the terminal's). For
  // `smr roll --plan FILE`, a value given overrides the plan's.
  std::optional<int> get_ready_s;
  std::optional<int> check_in_s;
};

// Adds --goal, --minutes, --tools, --focus, --context, --activity, --profile, --get-ready and --check-in to
// `sub`.
void add_plan_request_options(CLI::App& sub, PlanRequestOptions& options);

// Plans from the options: the profile from --profile FILE or the saved one (none: an empty profile). Throws
// CliError: exit 2 for a bad flag, 1 for a bad profile, kExitRedFlag with the stop messages for a red flag.
core::Routine plan_from_options(CliContext& ctx, const PlanRequestOptions& options);

}  // namespace smr::cli
