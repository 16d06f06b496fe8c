// smr progress: what the practice is doing — alerts, adherence, sensation by region, time per region,
// self-tests and soreness (docs/progress.md). `smr progress ack ID` acknowledges an alert.

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/interrupted_sessions.h"
#include "cli/local_time_zone.h"
#include "cli/progress_query.h"
#include "cli/progress_text.h"
#include "cli/record_input.h"
#include "cli/service_error.h"
#include "json/pretty.h"
#include "json/progress_json.h"
#include "service/progress_service.h"

namespace smr::cli {

namespace {

namespace bj = boost::json;

struct ProgressOptions : ProgressFlags {
  std::optional<int> target;
  bool json = false;
  std::string ack_id;
};

void show_progress(CliContext& ctx, const ProgressOptions& o) {
  close_interrupted_sessions(
      ctx, ctx.journal_for_reading());  // an interrupted session counts with the time it really played
  if (o.target) {
    progress_query(ctx, o);  // every flag is checked before the target is saved
    if (auto s = service::change_sessions_per_week_target(ctx.store(), core::kLocalPersonId, *o.target); !s) {
      throw_service_error(s.error());
    }
  }
  const auto v = progress_view(ctx, o);
  const auto& q = v.query;
  if (o.json) {
    bj::object doc;
    doc["as_of_ms"] = q.now_ms;
    doc["time_zone"] = local_time_zone_name(q.now_ms);
    doc["utc_offset_minutes"] = q.tz.offset_minutes_at(q.now_ms);
    doc["since_ms"] = q.since_ms;
    if (!v.region.empty()) doc["region"] = v.region;
    doc["progress"] = json::to_json(v.progress);
    ctx.out() << json::pretty(doc);
    return;
  }
  ProgressTextOptions t;
  t.now_ms = q.now_ms;
  t.tz = q.tz;
  t.zone_name = local_time_zone_name(q.now_ms);
  t.since_ms = q.since_ms;
  t.region = v.region;
  ctx.out() << progress_text(v.progress, ctx.catalog(), t);
}

void acknowledge(CliContext& ctx, const ProgressOptions& o) {
  if (auto s = service::acknowledge_alert(ctx.store(), ctx.catalog(), progress_request(o), o.ack_id, wall_now_ms(),
                                          local_zone());
      !s) {
    throw_service_error(s.error(), "", {{"id", "ID"}});
  }
  ctx.out() << "Acknowledged: " << o.ack_id
            << ". It stays hidden until the episode ends; a new episode gives a new alert.\n";
}

}  // namespace

void add_progress_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto opts = std::make_shared<ProgressOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--region", opts->region, "Only this region (catalog id, e.g. calves)")->type_name("ID");
  sub->add_option("--since", opts->since,
                  "Only records from this local day on (YYYY-MM-DD); alerts always look "
                  "at the whole journal")
      ->type_name("DATE");
  sub->add_option("--as-of", opts->as_of,
                  "Progress as it stood then: YYYY-MM-DD (end of day) or \"YYYY-MM-DD "
                  "HH:MM\", local time (default: now)")
      ->type_name("TIME");
  sub->add_option("--target", opts->target, "Save your target of sessions per week (1-14; default 5, most days)")
      ->type_name("N");
  sub->add_flag("--json", opts->json, "Print JSON");
  auto* ack = sub->add_subcommand("ack", "Acknowledge a persistent-pain alert (hides it until a new episode)");
  ack->add_option("ID", opts->ack_id, "The alert's id, as smr progress prints it")->required();
  ack->add_option("--as-of", opts->as_of, "As for smr progress")->type_name("TIME");
  ack->callback([&ctx, opts] { acknowledge(ctx, *opts); });
  sub->callback([&ctx, opts, ack] {
    if (ack->parsed()) return;
    show_progress(ctx, *opts);
  });
}

}  // namespace smr::cli
