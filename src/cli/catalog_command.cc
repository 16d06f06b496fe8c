// smr catalog: browse, search and validate the knowledge base.

#include <memory>

#include <CLI/CLI.hpp>

#include "catalog/loader.h"
#include "cli/catalog_text.h"
#include "cli/cli_context.h"
#include "cli/commands.h"
#include "core/catalog_query.h"
#include "core/suggest.h"
#include "json/catalog_json.h"
#include "json/pretty.h"

namespace smr::cli {

namespace {

namespace bj = boost::json;
using core::ids_of;

// " Did you mean "x"?" or "".
std::string hint(std::string_view wanted, const std::vector<std::string>& ids) {
  const auto best = core::closest_match(wanted, ids);
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

// Options of `smr catalog exercises`. Held by the subcommand's callback.
struct ExerciseOptions {
  std::string region, tool, context, level;
  bool json = false;
};

core::ExerciseFilter make_filter(const core::Catalog& catalog, const ExerciseOptions& o) {
  auto parsed = core::parse_exercise_filter(catalog, {o.region, o.tool, o.context, o.level});
  if (!parsed) {
    const auto& e = parsed.error();
    std::string where;
    if (e.field == "region") where = "The regions are listed by: smr catalog regions";
    if (e.field == "tool") where = "The tools are listed by: smr catalog tools";
    if (!where.empty()) where = (e.message.back() == '?' ? " " : ". ") + where;
    throw CliError(kExitUsage, "--" + e.field + ": " + e.message + where);
  }
  return *parsed;
}

// Finds `id` among every kind of entry and renders it; throws CliError when nothing has that id.
void show(CliContext& ctx, const std::string& id, bool json) {
  const auto& c = ctx.catalog();
  auto print = [&](const bj::value& v, const std::string& text) { ctx.out() << (json ? json::pretty(v) : text); };
  if (const auto* x = c.find_exercise(id)) return print(json::to_json(*x), show_exercise(c, *x));
  if (const auto* r = c.find_region(id)) return print(json::to_json(*r), show_region(c, *r));
  if (const auto* t = c.find_tool(id)) return print(json::to_json(*t), show_tool(c, *t));
  if (const auto* t = c.find_technique(id)) return print(json::to_json(*t), show_technique(c, *t));
  if (const auto* k = c.find_condition(id)) return print(json::to_json(*k), show_condition(c, *k));
  if (const auto* f = c.find_red_flag(id)) return print(json::to_json(*f), show_red_flag(c, *f));
  if (const auto* z = c.find_zone(id)) return print(json::to_json(*z), show_zone(c, *z));
  if (const auto* l = c.find_line(id)) return print(json::to_json(*l), show_line(c, *l));
  if (const auto* r = c.find_rule(id)) return print(json::to_json(*r), show_rule(c, *r));
  if (const auto* r = c.find_reference(id)) return print(json::to_json(*r), show_reference(*r));

  std::vector<std::string> all;
  for (auto ids : {ids_of(c.exercises()), ids_of(c.regions()), ids_of(c.tools()), ids_of(c.techniques()),
                   ids_of(c.conditions()), ids_of(c.red_flags()), ids_of(c.zones()), ids_of(c.lines())}) {
    all.insert(all.end(), ids.begin(), ids.end());
  }
  throw CliError(kExitFailure, "nothing in the catalog has the id \"" + id + "\"" + hint(id, all) +
                                   " Find ids with: smr catalog search WORDS");
}

int validate(CliContext& ctx, const std::string& dir, bool json) {
  auto loaded = catalog::load_catalog_dir(dir);
  if (loaded) {
    const auto& c = *loaded;
    if (json) {
      ctx.out() << json::pretty(bj::object{{"valid", true}, {"errors", bj::array{}}});
    } else {
      ctx.out() << "The catalog in " << dir << " is valid: " << c.regions().size() << " regions, " << c.tools().size()
                << " tools, " << c.techniques().size() << " techniques, " << c.exercises().size() << " exercises, "
                << c.conditions().size() << " conditions, " << c.red_flags().size() << " red flags, "
                << c.zones().size() << " never-roll zones, " << c.rules().size() << " rules, " << c.references().size()
                << " sources.\n";
    }
    return kExitOk;
  }
  const auto& errors = loaded.error();
  if (json) {
    bj::array arr;
    for (const auto& e : errors) {
      arr.push_back(bj::object{{"file", e.file},
                               {"line", e.line},
                               {"entry", e.entry},
                               {"field", e.field},
                               {"message", e.message},
                               {"text", e.to_string()}});
    }
    ctx.out() << json::pretty(bj::object{{"valid", false}, {"errors", std::move(arr)}});
  } else {
    for (const auto& e : errors) ctx.out() << e.to_string() << "\n";
    ctx.out() << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in " << dir << "\n";
  }
  return kExitFailure;
}

}  // namespace

void add_catalog_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto* cat = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  cat->require_subcommand(0, 1);
  cat->callback([cat, &ctx] {
    if (cat->get_subcommands().empty()) ctx.out() << catalog_overview(ctx.catalog());
  });

  auto json = std::make_shared<bool>(false);
  auto add_list = [&](const char* name, const char* help, auto render) {
    auto* sub = cat->add_subcommand(name, help);
    auto flag = std::make_shared<bool>(false);
    sub->add_flag("--json", *flag, "Print JSON instead of a table");
    sub->callback([&ctx, flag, render] { render(ctx, *flag); });
  };

  add_list("regions", "List the body regions", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().regions())) : regions_table(c.catalog()));
  });
  add_list("tools", "List the rolling tools", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().tools())) : tools_table(c.catalog()));
  });
  add_list("techniques", "List the techniques (locate, hold, move, roll, breathe)", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().techniques())) : techniques_table(c.catalog()));
  });

  add_list("conditions", "List the health conditions the screening asks about", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().conditions())) : conditions_table(c.catalog()));
  });
  add_list("warning-signs", "List the warning signs (red flags) that stop a session", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().red_flags()))
                        : warning_signs_table(c.catalog()));
  });
  add_list("zones", "List the never-roll zones", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().zones())) : zones_table(c.catalog()));
  });
  add_list("rules", "List the evidence rules (R1, R2, ...)", [](CliContext& c, bool as_json) {
    c.out() << (as_json ? json::pretty(json::to_json_array(c.catalog().rules())) : rules_table(c.catalog()));
  });

  {
    auto opts = std::make_shared<ExerciseOptions>();
    auto* sub = cat->add_subcommand("exercises", "List exercises, optionally only some");
    sub->add_option("--region", opts->region, "Only this region (an id from 'smr catalog regions')")->type_name("ID");
    sub->add_option("--tool", opts->tool, "Only exercises that can be done with this tool")->type_name("ID");
    sub->add_option("--context", opts->context, "Only exercises that fit: floor, seated, standing, desk or call")
        ->type_name("WHERE");
    sub->add_option("--level", opts->level, "Only beginner or regular exercises")->type_name("LEVEL");
    sub->add_flag("--json", opts->json, "Print JSON instead of a table");
    sub->callback([&ctx, opts] {
      const auto& c = ctx.catalog();
      const auto found = core::filter_exercises(c, make_filter(c, *opts));
      ctx.out() << (opts->json ? json::pretty(json::to_json_array(found)) : exercises_table(c, found));
    });
  }
  {
    auto id = std::make_shared<std::string>();
    auto* sub = cat->add_subcommand("show",
                                    "Show one entry in full: an exercise, region, tool, technique, "
                                    "condition, zone, line, rule (R1) or source (S1)");
    sub->add_option("ID", *id, "The id to show")->required();
    sub->add_flag("--json", *json, "Print JSON instead of text");
    sub->callback([&ctx, id, json] { show(ctx, *id, *json); });
  }
  {
    auto words = std::make_shared<std::vector<std::string>>();
    auto limit = std::make_shared<std::size_t>(20);
    auto flag = std::make_shared<bool>(false);
    auto* sub = cat->add_subcommand("search", "Find entries by words (all words must match)");
    sub->add_option("WORDS", *words, "Words to look for")->required();
    sub->add_option("--limit", *limit, "At most this many results")->check(CLI::Range(1, 1000));
    sub->add_flag("--json", *flag, "Print JSON instead of a table");
    sub->callback([&ctx, words, limit, flag] {
      std::string query;
      for (const auto& w : *words) query += w + " ";
      const auto hits = core::search(ctx.catalog(), query, *limit);
      ctx.out() << (*flag ? json::pretty(json::to_json_array(hits)) : search_table(hits));
    });
  }
  {
    auto dir = std::make_shared<std::string>();
    auto flag = std::make_shared<bool>(false);
    auto* sub = cat->add_subcommand("validate", "Check a catalog folder and list every problem (exit 1 if any)");
    sub->add_option("DIR", *dir, "The catalog folder")->required();
    sub->add_flag("--json", *flag, "Print JSON instead of text");
    sub->callback([&ctx, dir, flag] {
      if (const int code = validate(ctx, *dir, *flag); code != kExitOk) {
        throw CliError(code, "the catalog in " + *dir + " is not valid (see above)");
      }
    });
  }
}

}  // namespace smr::cli
