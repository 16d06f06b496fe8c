#include "cli/plan_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/cli_context.h"
#include "json/routine_read.h"

namespace smr::cli {

core::Routine read_plan_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CliError(kExitFailure, "cannot read " + path + " (" + std::strerror(errno) +
                                     "); expected a plan written by smr plan --json");
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto routine = json::routine_from_json(text.str());
  if (!routine) {
    const auto& problem = routine.error();
    throw CliError(kExitUsage, path + ": " + problem.message() + "; expected a plan written by smr plan --json",
                   "invalid", problem.field.empty() ? "routine" : "routine." + problem.field);
  }
  if (routine->steps.empty()) {
    throw CliError(kExitUsage, path + ": the plan has no steps to play; make one with smr plan --json", "invalid",
                   "routine.steps");
  }
  return std::move(*routine);
}

}  // namespace smr::cli
