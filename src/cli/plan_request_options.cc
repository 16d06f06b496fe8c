#include "cli/plan_request_options.h"

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/profile_input.h"
#include "core/planner.h"

namespace smr::cli {

namespace {

core::PlanRequest request_from(const PlanRequestOptions& o) {
  core::PlanRequest q;
  const auto goal = core::parse_enum<core::Goal>(o.goal);
  if (!goal)
    throw CliError(kExitUsage, "--goal: \"" + o.goal + "\" is not valid; expected " + core::enum_choices<core::Goal>());
  q.goal = *goal;
  const auto context = core::parse_enum<core::Context>(o.context);
  if (!context) {
    throw CliError(kExitUsage,
                   "--context: \"" + o.context + "\" is not valid; expected " + core::enum_choices<core::Context>());
  }
  q.context = *context;
  q.minutes = o.minutes;
  if (!o.tools.empty()) q.tools = split_ids(o.tools);
  for (const auto& f : split_ids(o.focus)) {
    const auto [region, side] = parse_region_side(f, "--focus");
    q.focus.push_back({region, side == core::Side::kCentre ? std::nullopt : std::optional<core::Side>(side)});
  }
  q.activity = o.activity;
  q.get_ready_s = o.get_ready_s.value_or(q.get_ready_s);
  q.check_in_s = o.check_in_s.value_or(q.check_in_s);
  return q;
}

}  // namespace

void add_plan_request_options(CLI::App& sub, PlanRequestOptions& o) {
  sub.add_option("--goal", o.goal,
                 "pre-activity, post-workout, soreness-day-1, soreness-day-2, daily-mobility (default), desk-relief, "
                 "breathing-calm or specific-ache")
      ->type_name("GOAL");
  sub.add_option("--minutes", o.minutes, "How long, 3 to 90 (default 10)")->type_name("N");
  sub.add_option("--tools", o.tools, "Tools to use (default: the tools in your profile); a,b")->type_name("IDS");
  sub.add_option("--focus", o.focus, "Regions to focus on: REGION[:left|right]; repeat or a,b")->type_name("R[:S]");
  sub.add_option("--context", o.context, "Where you are: floor (default), seated, standing, desk or call")
      ->type_name("CONTEXT");
  sub.add_option("--activity", o.activity, "The workout before or after which you roll, e.g. running, leg-day")
      ->type_name("ID");
  sub.add_option("--profile", o.profile_file, "Use this profile JSON instead of the saved one (- for stdin)")
      ->type_name("FILE|-");
  sub.add_option("--get-ready", o.get_ready_s,
                 "Seconds of countdown before the first step, 0 to 60 (default 10); inside the minutes")
      ->type_name("S")
      ->check(CLI::Range(0, core::kMaxSessionOverhead_s));
  sub.add_option("--check-in", o.check_in_s,
                 "Seconds the check-in after every set waits for an answer, 0 to 60 (default 10); inside the minutes")
      ->type_name("S")
      ->check(CLI::Range(0, core::kMaxSessionOverhead_s));
}

core::Routine plan_from_options(CliContext& ctx, const PlanRequestOptions& options) {
  const auto* o = &options;
  const auto request = request_from(*o);
  const auto& catalog = ctx.catalog();
  core::Profile profile;
  if (!o->profile_file.empty()) {
    profile = read_profile_file(o->profile_file);
    check_profile(catalog, profile, o->profile_file == "-" ? "standard input" : o->profile_file, kExitFailure);
  } else {
    auto saved = ctx.store().profile(core::kLocalPersonId);
    if (!saved) throw CliError(kExitFailure, "could not read your profile: " + saved.error().message);
    if (*saved) {
      profile = **saved;
      check_profile(catalog, profile, "your saved profile (run smr screen again)", kExitFailure);
    }
  }
  auto problems = core::request_problems(catalog, profile, request);
  if (!problems.empty()) {
    std::string message;
    for (auto& p : problems) {
      for (const char* flag : {"minutes", "focus", "tools", "activity"}) {
        if (p.rfind(std::string(flag) + ":", 0) == 0) p = "--" + p;
      }
      message += (message.empty() ? "" : "\n") + p;
    }
    throw CliError(kExitUsage, message);
  }
  auto routine = core::plan(catalog, profile, request);
  if (!routine) {
    if (routine.error().kind == core::PlanError::Kind::kStop) {
      std::string message = "no routine: stop, do not roll now.";
      for (const auto& n : routine.error().stop) message += "\n  " + n.message;
      throw CliError(kExitRedFlag, message);
    }
    throw CliError(kExitUsage, routine.error().message);
  }
  return std::move(*routine);
}

}  // namespace smr::cli
