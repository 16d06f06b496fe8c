// smr routines: routines people keep (issue 10, item 6). save NAME (from --plan FILE or a past session's
// routine, --session UID|last), list, show NAME, delete NAME; `smr roll --routine NAME` plays one. Each is one
// call into service/routine_service.h.

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/plan_file.h"
#include "cli/routine_text.h"
#include "cli/service_error.h"
#include "cli/text.h"
#include "json/plan_json.h"
#include "json/pretty.h"
#include "json/routine_read.h"
#include "service/routine_json.h"
#include "service/routine_service.h"

namespace smr::cli {

namespace {

struct RoutinesOptions {
  std::string name;
  std::string plan_file;
  std::string session_uid;
  bool json = false;
};

std::int64_t unix_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string minutes_text(int seconds) {
  const int minutes = (seconds + 30) / 60;
  return std::to_string(minutes) + " min";
}

core::Routine routine_to_save(CliContext& ctx, const RoutinesOptions& o) {
  if (!o.plan_file.empty() && !o.session_uid.empty()) {
    throw CliError(kExitUsage, "--plan and --session each give the routine to save; pass only one", "invalid",
                   "routine");
  }
  if (!o.plan_file.empty()) {
    return read_plan_file(o.plan_file);
  }
  auto again =
      service::session_routine(ctx.store(), core::kLocalPersonId, o.session_uid.empty() ? "last" : o.session_uid);
  if (!again) throw_service_error(again.error(), "--session: ");
  return std::move(*again);
}

}  // namespace

void add_routines_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<RoutinesOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->require_subcommand(1);

  auto* save =
      sub->add_subcommand("save", "Save a routine under a name: a plan file, or the routine of a past session");
  save->add_option("NAME", o->name, "The routine's name, e.g. \"Desk reset\"")->required();
  save->add_option("--plan", o->plan_file, "The plan to save (written by smr plan --json)")->type_name("FILE");
  save->add_option("--session", o->session_uid,
                   "Save the routine a past session played (its uid, or last; the default)")
      ->type_name("UID|last");
  save->add_flag("--json", o->json, "Print the saved routine as JSON");
  save->callback([&ctx, o] {
    auto saved = service::save_routine(ctx.store(), ctx.catalog(), core::kLocalPersonId, o->name,
                                       routine_to_save(ctx, *o), unix_now_ms());
    if (!saved) throw_service_error(saved.error());
    if (o->json) {
      ctx.out() << json::pretty(service::to_json(*saved));
      return;
    }
    ctx.out() << "Saved \"" << saved->name << "\" (" << saved->routine.steps.size() << " steps, "
              << minutes_text(saved->routine.total_s()) << "). Play it with: smr roll --routine \"" << saved->name
              << "\"\n";
  });

  auto* list = sub->add_subcommand("list", "List your saved routines");
  list->add_flag("--json", o->json, "Print them as JSON (as GET /api/routines answers)");
  list->callback([&ctx, o] {
    auto all = service::saved_routines(ctx.store(), core::kLocalPersonId);
    if (!all) throw_service_error(all.error());
    if (o->json) {
      boost::json::array a;
      for (const auto& r : *all) a.push_back(service::to_json(r));
      ctx.out() << json::pretty(a);
      return;
    }
    if (all->empty()) {
      ctx.out() << "No saved routines yet. Save one with: smr routines save NAME --plan FILE (or --session last)\n";
      return;
    }
    for (const auto& r : *all) {
      ctx.out() << r.name << "  (" << r.routine.steps.size() << " steps, " << minutes_text(r.routine.total_s())
                << ")\n";
    }
  });

  auto* show = sub->add_subcommand("show", "Show a saved routine, step by step");
  show->add_option("NAME", o->name, "The routine's name or uid")->required();
  show->add_flag("--json", o->json, "Print the routine as JSON (as smr plan --json does)");
  show->callback([&ctx, o] {
    auto r = service::saved_routine(ctx.store(), core::kLocalPersonId, o->name);
    if (!r) throw_service_error(r.error());
    if (o->json) {
      ctx.out() << json::pretty(json::to_json(r->routine));
      return;
    }
    ctx.out() << r->name << "\n\n";
    print_routine(ctx.out(), ctx.catalog(), r->routine);
    ctx.out() << "\nPlay it with: smr roll --routine \"" << r->name
              << "\" (it is checked against your screening when it starts)\n";
  });

  auto* remove = sub->add_subcommand("delete", "Delete a saved routine (sessions played from it keep theirs)");
  remove->add_option("NAME", o->name, "The routine's name or uid")->required();
  remove->callback([&ctx, o] {
    if (auto s = service::delete_saved_routine(ctx.store(), core::kLocalPersonId, o->name); !s) {
      throw_service_error(s.error());
    }
    ctx.out() << "Deleted \"" << o->name << "\".\n";
  });
}

}  // namespace smr::cli
