// smr soreness: a muscle-soreness (DOMS) rating of a region, 0-10, stored as a self-test row
// (core/progress_soreness.h), so that soreness before and after a session and on the days after a workout can
// be followed (R6).

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
#include "cli/service_error.h"
#include "core/progress_soreness.h"
#include "service/self_test_service.h"

namespace smr::cli {

namespace {

struct SorenessOptions {
  std::string region;
  std::string rating;
  std::string side;
  std::string phase = "check";
  std::string session;
};

void record_soreness(CliContext& ctx, const SorenessOptions& o) {
  service::SorenessRequest request;
  request.region = o.region;
  request.side = o.side;
  request.rating = parse_rating(o.rating);
  request.phase = o.phase;
  request.session = o.session;
  const auto row = service::record_soreness(ctx.store(), ctx.catalog(), request, wall_now_ms());
  if (!row) throw_service_error(row.error(), "", {{"region", "REGION"}, {"rating", "RATING"}});
  std::string when;
  if (!row->session_uid.empty()) {
    when = (o.phase == "check" ? ", with session " : ", " + o.phase + " session ") + row->session_uid.substr(0, 8);
  }
  const auto& region = *ctx.catalog().find_region(o.region);  // the service found it
  ctx.out() << "Recorded soreness " << request.rating << "/10 in " << region.name << side_suffix(row->side) << when
            << ".\n";
}

}  // namespace

void add_soreness_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<SorenessOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("REGION", o->region, "The sore region (ids: smr catalog regions)")->required();
  sub->add_option("RATING", o->rating, "How sore, 0 (not at all) to 10 (the worst imaginable)")->required();
  sub->add_option("--side", o->side, "left or right (required for a paired region)")->type_name("SIDE");
  sub->add_option("--phase", o->phase, "before or after a session (needs --session), or check (default)")
      ->type_name("PHASE");
  sub->add_option("--session", o->session, "The rolling session (uid, first characters, or last)")->type_name("UID");
  sub->callback([&ctx, o] { record_soreness(ctx, *o); });
}

}  // namespace smr::cli
