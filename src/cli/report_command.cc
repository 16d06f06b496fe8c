// smr report --html FILE: the progress report as one self-contained HTML page.

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/progress_query.h"
#include "cli/report_html.h"

namespace smr::cli {

namespace {

struct ReportFlags : ProgressFlags {
  std::string html;
};

void write_report(CliContext& ctx, const ReportFlags& o) {
  if (o.html.empty()) {
    throw CliError(kExitUsage, "-o: give the file to write the report to, e.g. smr report -o progress.html");
  }
  const auto v = progress_view(ctx, o);
  const auto& q = v.query;
  ReportOptions r;
  r.now_ms = q.now_ms;
  r.tz = q.tz;
  r.zone_name = local_time_zone_name(q.now_ms);
  r.since_ms = q.since_ms;
  r.region = o.region;
  write_file_atomically(o.html, report_html(v.progress, ctx.catalog(), r));
  ctx.out() << "Wrote " << o.html << " (open it in any browser; it needs no network).\n";
}

}  // namespace

void add_report_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto opts = std::make_shared<ReportFlags>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("-o,--output,--html", opts->html, "Write the report to FILE (replaced if it exists)")
      ->type_name("FILE");
  sub->add_option("--region", opts->region, "Only this region (catalog id, e.g. calves)")->type_name("ID");
  sub->add_option("--since", opts->since, "Only records from this local day on (YYYY-MM-DD)")->type_name("DATE");
  sub->add_option("--as-of", opts->as_of, "The report as it stood then: YYYY-MM-DD or \"YYYY-MM-DD HH:MM\", local")
      ->type_name("TIME");
  sub->callback([&ctx, opts] { write_report(ctx, *opts); });
}

}  // namespace smr::cli
