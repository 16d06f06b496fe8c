// smr plan: a routine for the profile (saved by smr screen, or --profile FILE) and the request in the flags.

#include <algorithm>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/plan_request_options.h"
#include "cli/routine_text.h"
#include "cli/text.h"
#include "cli/warning_text.h"
#include "core/planner.h"
#include "json/plan_json.h"
#include "json/pretty.h"

namespace smr::cli {

namespace {

struct PlanOptions {
  PlanRequestOptions request;
  bool json = false;
};

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string clock(int seconds) {
  const int m = seconds / 60;
  const int s = seconds % 60;
  return std::to_string(m) + ":" + (s < 10 ? "0" : "") + std::to_string(s);
}

}  // namespace

void print_routine(std::ostream& out, const core::Catalog& catalog, const core::Routine& r) {
  if (!r.clearance_needed.empty()) {
    out << kClearanceHeading << ":\n";
    for (const auto& n : r.clearance_needed) out << wrap(clearance_item(catalog, n), "  ! ", "    ");
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
    detail += "; aim for " + std::to_string(s.intensity_min) +
              (s.intensity_target_max > s.intensity_min ? "-" + std::to_string(s.intensity_target_max) : "") +
              " of 10, never past " + std::to_string(s.intensity_max);
    out << wrap(detail, "    ", "    ");
    if (!s.transition.empty())
      out << wrap(s.transition + " (" + std::to_string(s.transition_s) + " s)", "    > ", "      ");
    // The first reason (the most personal one), then the person's condition limits on the region (R10).
    for (std::size_t k = 0; k < s.why.size(); ++k) {
      const auto& w = s.why[k];
      const bool limit = std::find(w.rules.begin(), w.rules.end(), "R10") != w.rules.end();
      if (k > 0 && !limit) continue;
      std::string ids;
      for (const auto& id : w.rules) ids += (ids.empty() ? "" : ", ") + id;
      out << wrap((k == 0 ? "Why: " : "Careful: ") + w.fact + (ids.empty() ? "" : " (" + ids + ")"), "    ", "    ");
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

void add_plan_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  auto o = std::make_shared<PlanOptions>();
  add_plan_request_options(*sub, o->request);
  sub->add_flag("--json", o->json, "Print the routine as JSON");
  sub->callback([&ctx, o] {
    const auto& catalog = ctx.catalog();
    const auto routine = plan_from_options(ctx, o->request);
    if (o->json) {
      ctx.out() << json::pretty(json::to_json(routine));
    } else {
      print_routine(ctx.out(), catalog, routine);
    }
  });
}

}  // namespace smr::cli
