// smr workout: notes that a workout happened (now, or --at a local time), so that soreness ratings on the
// days 0-2 after it can be followed (R6; docs/progress.md "Soreness").

#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
#include "cli/service_error.h"
#include "service/self_test_service.h"

namespace smr::cli {

namespace {

void record_workout(CliContext& ctx, const std::string& at) {
  std::optional<core::UnixMillis> at_ms;
  if (!at.empty()) {
    at_ms = parse_local_minute(at);
    if (!at_ms) {
      throw CliError(
          kExitUsage,
          "--at: \"" + at +
              "\" is not a valid local date and time; expected \"YYYY-MM-DD HH:MM\", e.g. \"2026-03-01 18:30\"",
          "invalid", "at_ms");
    }
  }
  const auto row = service::record_workout(ctx.store(), core::kLocalPersonId, at_ms, wall_now_ms());
  if (!row) throw_service_error(row.error());
  ctx.out() << "Recorded a workout at " << format_local_minute(row->at_ms)
            << " (local time). Rate soreness on the days after it with: smr soreness REGION RATING\n";
}

}  // namespace

void add_workout_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto at = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--at", *at, "When it was, local time: \"YYYY-MM-DD HH:MM\" (default: now)")->type_name("TIME");
  sub->callback([&ctx, at] { record_workout(ctx, *at); });
}

}  // namespace smr::cli
