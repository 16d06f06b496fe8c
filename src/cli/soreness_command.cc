// smr soreness: a muscle-soreness (DOMS) rating of a region, 0-10, stored as a self-test row
// (core/progress_soreness.h), so that soreness before and after a session and on the days after a workout can
// be followed (R6).

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
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
  const auto& region = region_arg(ctx.catalog(), o.region);
  const int rating = parse_rating(o.rating);
  const core::Side side = side_for_region(region, o.side);
  const auto phase = core::parse_enum<core::SorenessPhase>(o.phase);
  if (!phase) {
    throw CliError(kExitUsage,
                   "--phase: \"" + o.phase + "\" is not valid; expected " + core::enum_choices<core::SorenessPhase>());
  }
  if (*phase != core::SorenessPhase::kCheck && o.session.empty()) {
    throw CliError(kExitUsage, "--phase " + o.phase +
                                   " needs --session UID: the rolling session the rating was taken around (a uid "
                                   "from smr log, or \"last\")");
  }
  auto& store = ctx.store();
  core::SorenessRating r;
  r.at_ms = wall_now_ms();
  r.region = region.id;
  r.side = side;
  r.rating = rating;
  r.session_uid = o.session.empty() ? "" : resolve_session_flag(store, o.session);
  r.phase = *phase;
  core::SelfTest row = core::to_self_test(r);
  row.uid = store::new_uid();
  if (auto s = service::record_self_tests(store, {row}); !s) {
    throw CliError(kExitFailure, "could not record the rating: " + s.error().message + ". Nothing was recorded.");
  }
  std::string when;
  if (!r.session_uid.empty()) {
    when = (*phase == core::SorenessPhase::kCheck ? ", with session " : ", " + o.phase + " session ") +
           r.session_uid.substr(0, 8);
  }
  ctx.out() << "Recorded soreness " << rating << "/10 in " << region.name << side_suffix(side) << when << ".\n";
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
