// smr plan: a routine for the profile (saved by smr screen, or --profile FILE) and the request in the flags.

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/profile_input.h"
#include "cli/text.h"
#include "core/planner.h"
#include "json/plan_json.h"
#include "json/pretty.h"

namespace smr::cli {

namespace {

constexpr int kExitStop = 3;  // a red flag: no routine

struct PlanOptions {
  std::string goal = "daily-mobility";
  int minutes = 10;
  std::vector<std::string> tools;
  std::vector<std::string> focus;
  std::string context = "floor";
  std::string activity;
  std::string profile_file;
  bool json = false;
};

core::PlanRequest request_from(const PlanOptions& o) {
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
  return q;
}

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string clock(int seconds) {
  const int m = seconds / 60;
  const int s = seconds % 60;
  return std::to_string(m) + ":" + (s < 10 ? "0" : "") + std::to_string(s);
}

void print_routine(std::ostream& out, const core::Catalog& catalog, const core::Routine& r) {
  if (!r.clearance_needed.empty()) {
    out << "Check with your physician before you start:\n";
    for (const auto& n : r.clearance_needed) out << wrap(n.message, "  ! ", "    ");
    out << "\n";
  }
  if (!r.warnings.empty()) {
    out << "Take care:\n";
    for (const auto& n : r.warnings) out << wrap(n.message, "  - ", "    ");
    out << "\n";
  }
  out << "Routine: " << r.goal << ", " << clock(r.total_s()) << " of " << clock(r.budget_s) << " minutes\n";
  int i = 0;
  for (const auto& s : r.steps) {
    const auto* x = catalog.find_exercise(s.exercise);
    const auto* tool = catalog.find_tool(s.tool);
    const auto* region = catalog.find_region(s.region);
    std::string head = (region ? region->name : s.region);
    if (s.side != core::Side::kCentre) head += ", " + std::string(core::to_string(s.side));
    head += ": " + (x ? x->name : s.exercise) + " with the " + (tool ? lower_first(tool->name) : s.tool);
    if (s.extra) head += " (extra)";
    head += " - " + clock(s.total_s());
    out << wrap(head, (i + 1 < 10 ? " " : "") + std::to_string(i + 1) + ". ", "    ");
    ++i;
    std::string detail =
        std::to_string(s.sets) + (s.sets == 1 ? " set" : " sets") + " of " + std::to_string(s.set_s()) + " s:";
    for (std::size_t k = 0; k < s.phases.size(); ++k) {
      detail += std::string(k ? "," : "") + " " + std::string(core::to_string(s.phases[k].kind)) + " " +
                std::to_string(s.phases[k].seconds) + " s";
    }
    detail += "; aim for " + std::to_string(s.intensity_min) + "-" + std::to_string(s.intensity_target_max) +
              " of 10, never past " + std::to_string(s.intensity_max);
    out << wrap(detail, "    ", "    ");
    if (!s.transition.empty())
      out << wrap(s.transition + " (" + std::to_string(s.transition_s) + " s)", "    > ", "      ");
    if (!s.why.empty()) {
      const auto& w = s.why.front();
      std::string ids;
      for (const auto& id : w.rules) ids += (ids.empty() ? "" : ", ") + id;
      out << wrap("Why: " + w.fact + (ids.empty() ? "" : " (" + ids + ")"), "    ", "    ");
    }
  }
  out << "Total: " << clock(r.total_s()) << "\n";
  if (!r.left_out.empty()) {
    out << "\nLeft out:\n";
    for (const auto& l : r.left_out) {
      const auto* region = catalog.find_region(l.region);
      out << wrap((region ? region->name : l.region) +
                      (l.side == core::Side::kCentre ? "" : " (" + std::string(core::to_string(l.side)) + ")") + ": " +
                      l.reason,
                  "  - ", "    ");
    }
  }
  if (!r.notes.empty()) {
    out << "\nNotes:\n";
    for (const auto& n : r.notes) out << wrap(n.message, "  - ", "    ");
  }
}

}  // namespace

void add_plan_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  auto o = std::make_shared<PlanOptions>();
  sub->add_option("--goal", o->goal,
                  "pre-activity, post-workout, soreness-day-1, soreness-day-2, daily-mobility (default), desk-relief, "
                  "breathing-calm or specific-ache")
      ->type_name("GOAL");
  sub->add_option("--minutes", o->minutes, "How long, 3 to 90 (default 10)")->type_name("N");
  sub->add_option("--tools", o->tools, "Tools to use (default: the tools in your profile); a,b")->type_name("IDS");
  sub->add_option("--focus", o->focus, "Regions to focus on: REGION[:left|right]; repeat or a,b")->type_name("R[:S]");
  sub->add_option("--context", o->context, "Where you are: floor (default), seated, standing, desk or call")
      ->type_name("CONTEXT");
  sub->add_option("--activity", o->activity, "The workout before or after which you roll, e.g. running, leg-day")
      ->type_name("ID");
  sub->add_option("--profile", o->profile_file, "Use this profile JSON instead of the saved one (- for stdin)")
      ->type_name("FILE|-");
  sub->add_flag("--json", o->json, "Print the routine as JSON");
  sub->callback([&ctx, o] {
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
        throw CliError(kExitStop, message);
      }
      throw CliError(kExitUsage, routine.error().message);
    }
    if (o->json) {
      ctx.out() << json::pretty(json::to_json(*routine));
    } else {
      print_routine(ctx.out(), catalog, *routine);
    }
  });
}

}  // namespace smr::cli
