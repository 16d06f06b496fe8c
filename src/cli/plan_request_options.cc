#include "cli/plan_request_options.h"

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/profile_input.h"
#include "cli/service_error.h"
#include "core/planner.h"
#include "service/safety_service.h"

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
  const auto request = request_from(options);
  const auto& catalog = ctx.catalog();
  std::optional<core::Profile> override_profile;
  if (!options.profile_file.empty()) {
    override_profile = read_profile_file(options.profile_file);
    check_profile(catalog, *override_profile, options.profile_file == "-" ? "standard input" : options.profile_file,
                  kExitFailure);
  }
  auto routine = service::plan(ctx.journal_for_reading(CliContext::IfMissing::kEmpty), catalog, core::kLocalPersonId,
                               request, override_profile);
  if (!routine) {
    if (routine.error().code == service::Error::Code::kConflict) {
      throw CliError(kExitFailure, "your saved profile (run smr screen again): " + routine.error().message);
    }
    throw_service_error(routine.error());
  }
  return std::move(*routine);
}

}  // namespace smr::cli
