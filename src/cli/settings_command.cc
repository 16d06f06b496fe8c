// smr settings: the app's settings (breathing pace, voice, units), shared with the web app (GET/PUT
// /api/settings). Parse the flags, one call into service/settings_service.h, print.

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/service_error.h"
#include "json/pretty.h"
#include "service/settings_service.h"

namespace smr::cli {

namespace {

struct SettingsOptions {
  std::optional<int> breaths;
  std::optional<std::string> voice;  // on | off
  std::optional<std::string> units;
  bool json = false;
};

}  // namespace

void add_settings_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<SettingsOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--breaths", o->breaths, "Breaths per minute for the pacer, 4 to 10 (R13: about 6)")->type_name("N");
  sub->add_option("--voice", o->voice, "Spoken cues in the web app: on or off")->type_name("on|off");
  sub->add_option("--units", o->units, "Units for self-tests: metric (cm) or imperial (in)")->type_name("UNITS");
  sub->add_flag("--json", o->json, "Print the settings as JSON (as GET /api/settings answers)");
  sub->callback([&ctx, o] {
    boost::json::object changes;
    if (o->breaths) changes["breaths_per_minute"] = *o->breaths;
    if (o->voice) {
      if (*o->voice != "on" && *o->voice != "off") {
        throw CliError(kExitUsage, "--voice: \"" + *o->voice + "\" is not valid; expected \"on\" or \"off\"", "invalid",
                       "voice");
      }
      changes["voice"] = *o->voice == "on";
    }
    if (o->units) changes["units"] = *o->units;
    auto settings = changes.empty() ? service::app_settings(ctx.journal_for_reading(CliContext::IfMissing::kEmpty),
                                                            core::kLocalPersonId)
                                    : service::change_app_settings(ctx.store(), core::kLocalPersonId, changes);
    if (!settings) throw_service_error(settings.error());
    if (o->json) {
      ctx.out() << json::pretty(json::to_json(*settings));
      return;
    }
    ctx.out() << "Breathing pace: " << settings->breaths_per_minute << " breaths a minute\n"
              << "Voice: " << (settings->voice ? "on" : "off") << "\n"
              << "Units: " << settings->units << "\n";
    if (!changes.empty()) ctx.out() << "Saved; the web app uses them too.\n";
  });
}

}  // namespace smr::cli
