// smr screen: the safety questions (on a terminal), or the answers as flags or JSON; saves the profile and
// prints what it means for rolling (evidence.md R10-R12).

#include <chrono>
#include <iostream>
#include <memory>

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/profile_input.h"
#include "cli/service_error.h"
#include "cli/text.h"
#include "cli/warning_text.h"
#include "core/screening.h"
#include "json/plan_json.h"
#include "json/pretty.h"
#include "service/journal_service.h"
#include "service/safety_service.h"

namespace smr::cli {

namespace {

struct ScreenOptions {
  std::vector<std::string> conditions, areas, symptoms, tools, lifestyle, aches;
  std::string experience;
  std::string json_in;
  std::string format = "text";
  std::string clear_warning;
};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool any_flag(const ScreenOptions& o) {
  return !o.conditions.empty() || !o.areas.empty() || !o.symptoms.empty() || !o.tools.empty() || !o.lifestyle.empty() ||
         !o.aches.empty() || !o.experience.empty();
}

core::Profile from_flags(const ScreenOptions& o) {
  core::Profile p;
  p.conditions = split_ids(o.conditions);
  p.symptoms = split_ids(o.symptoms);
  p.tools = split_ids(o.tools);
  p.lifestyle = split_ids(o.lifestyle);
  for (const auto& a : split_ids(o.areas)) {
    const auto colon = a.find(':');
    if (colon == std::string::npos) {
      throw CliError(kExitUsage, "--area: \"" + a +
                                     "\" needs a condition and a region: CONDITION:REGION[:left|right], "
                                     "e.g. open-wound:calves:left");
    }
    const auto [region, side] = parse_region_side(a.substr(colon + 1), "--area");
    p.named_areas.push_back({a.substr(0, colon), region, side});
  }
  for (const auto& a : split_ids(o.aches)) {
    const auto [region, side] = parse_region_side(a, "--ache");
    p.aches.push_back({region, side, ""});
  }
  if (!o.experience.empty()) {
    const auto e = core::parse_enum<core::Experience>(o.experience);
    if (!e) {
      throw CliError(kExitUsage, "--experience: \"" + o.experience + "\" is not valid; expected " +
                                     core::enum_choices<core::Experience>());
    }
    p.experience = *e;
  }
  return p;
}

void print_notices(std::ostream& out, const std::string& title, const std::vector<core::Notice>& notices) {
  if (notices.empty()) return;
  out << title << "\n";
  for (const auto& n : notices) out << wrap(n.message, "  - ", "    ");
}

void print_result(std::ostream& out, const core::Catalog& catalog, const core::ScreeningResult& s) {
  if (!s.may_roll) {
    out << "STOP: do not roll now.\n";
    for (const auto& n : s.stop) out << wrap(n.message, "  ! ", "    ");
    return;
  }
  if (!s.clearance_needed.empty()) {
    out << kClearanceHeading << ":\n";
    for (const auto& n : s.clearance_needed) out << wrap(clearance_item(catalog, n), "  - ", "    ");
  }
  print_notices(out, "Take care:", s.cautions);
  if (!s.blocked_regions.empty()) {
    out << "Never planned for you:\n";
    for (const auto& b : s.blocked_regions) {
      const auto* r = catalog.find_region(b.region);
      out << "  - " << (r ? r->name : b.region)
          << (b.side == core::Side::kCentre ? "" : " (" + std::string(core::to_string(b.side)) + " side)") << ": "
          << b.reason << "\n";
    }
  }
  if (!s.limits.empty()) {
    out << "Limits:\n";
    for (const auto& l : s.limits) out << wrap(l.note, "  - ", "    ");
  }
  if (s.clearance_needed.empty() && s.cautions.empty() && s.blocked_regions.empty() && s.limits.empty()) {
    out << "Nothing in your answers limits rolling. Aim for comfortable discomfort (4-6 out of 10) and stop if "
           "anything feels sharp, burning, numb or tingling.\n";
  }
  out << "This is general guidance, not medical advice.\n";
}

}  // namespace

void add_screen_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  auto o = std::make_shared<ScreenOptions>();
  sub->add_option("--condition", o->conditions, "A health condition you have (ids: smr catalog; repeat or a,b)")
      ->type_name("ID");
  sub->add_option("--area", o->areas, "Where a wound, fracture or other local condition is: CONDITION:REGION[:SIDE]")
      ->type_name("C:R[:S]");
  sub->add_option("--symptom", o->symptoms, "A warning sign you have now (red flag id)")->type_name("ID");
  sub->add_option("--experience", o->experience, "new or regular")->type_name("LEVEL");
  sub->add_option("--tools", o->tools, "The tools you own (ids from smr catalog tools; a,b)")->type_name("IDS");
  sub->add_option("--lifestyle", o->lifestyle, "Lifestyle factors, e.g. desk-work,stress (catalog/lifestyle.toml)")
      ->type_name("IDS");
  sub->add_option("--ache", o->aches, "A region that aches: REGION[:left|right]")->type_name("R[:S]");
  sub->add_option("--json", o->json_in, "Read the answers from a profile JSON file (- for standard input)")
      ->type_name("FILE|-");
  sub->add_option("--format", o->format, "Output: text (default) or json")->type_name("FORMAT");
  sub->add_option("--clear-warning", o->clear_warning,
                  "Say that a warning sign reported earlier has been checked and cleared (red flag id)")
      ->type_name("ID");
  sub->callback([&ctx, o] {
    if (!o->clear_warning.empty()) {
      if (any_flag(*o) || !o->json_in.empty()) {
        throw CliError(kExitUsage, "--clear-warning: give it on its own, without screening answers");
      }
      const auto& catalog = ctx.catalog();
      if (auto r = service::clear_warning(ctx.store(), catalog, core::kLocalPersonId, o->clear_warning); !r) {
        throw_service_error(r.error(), "--clear-warning: ");
      }
      ctx.out() << "Cleared the warning sign \"" << o->clear_warning << "\".\n";
      auto rest = service::active_warnings(ctx.store(), core::kLocalPersonId);
      if (rest) print_warnings(ctx.out(), catalog, *rest);
      return;
    }
    if (o->format != "text" && o->format != "json") {
      throw CliError(kExitUsage, "--format: \"" + o->format + "\" is not valid; expected \"text\" or \"json\"");
    }
    const auto& catalog = ctx.catalog();
    core::Profile profile;
    std::string from;
    int bad_exit = kExitUsage;
    if (!o->json_in.empty()) {
      if (any_flag(*o)) throw CliError(kExitUsage, "--json: give the answers either as a file or as flags, not both");
      profile = read_profile_file(o->json_in);
      from = o->json_in == "-" ? "standard input" : o->json_in;
      bad_exit = kExitFailure;
    } else if (any_flag(*o)) {
      profile = from_flags(*o);
    } else if (isatty(STDIN_FILENO) != 0) {
      profile = ask_profile(catalog, std::cin, ctx.out());
      ctx.out() << "\n";
    } else {
      throw CliError(kExitUsage,
                     "smr screen asks its questions on a terminal; without one, give the answers as flags (see smr "
                     "screen --help) or as JSON with --json FILE|-");
    }
    check_profile(catalog, profile, from, bad_exit);
    auto saved = service::save_profile(ctx.store(), catalog, core::kLocalPersonId, std::move(profile), now_ms());
    if (!saved) {
      if (saved.error().code == service::Error::Code::kInvalid) throw_service_error(saved.error());
      throw CliError(kExitFailure, "could not save the profile: " + saved.error().message);
    }
    if (o->format == "json") {
      ctx.out() << json::pretty(json::to_json(saved->screening));
    } else {
      print_result(ctx.out(), catalog, saved->screening);
      ctx.out() << "Saved your answers; smr plan uses them.\n";
      print_warnings(ctx.out(), catalog, saved->warnings);
    }
  });
}

}  // namespace smr::cli
