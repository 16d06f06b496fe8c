// smr workout: notes that a workout happened (now, or --at a local time), so that soreness ratings on the
// days 0-2 after it can be followed (R6; docs/progress.md "Soreness").

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
#include "service/self_test_service.h"

namespace smr::cli {

namespace {

// A workout later than this after now is refused: it has not happened yet (a little slack for clock skew).
constexpr core::UnixMillis kFutureSlackMs = 60'000;

void record_workout(CliContext& ctx, const std::string& at) {
  const core::UnixMillis now = wall_now_ms();
  core::UnixMillis at_ms = now;
  if (!at.empty()) {
    const auto parsed = parse_local_minute(at);
    if (!parsed) {
      throw CliError(kExitUsage, "--at: \"" + at +
                                     "\" is not a valid local date and time; expected \"YYYY-MM-DD HH:MM\", e.g. "
                                     "\"2026-03-01 18:30\"");
    }
    if (*parsed > now + kFutureSlackMs) {
      throw CliError(kExitUsage, "--at: " + at + " is in the future; record a workout once it has happened");
    }
    at_ms = *parsed;
  }
  const core::SelfTest row = service::workout_self_test(store::new_uid(), at_ms);
  if (auto s = service::record_self_tests(ctx.store(), {row}); !s) {
    throw CliError(kExitFailure, "could not record the workout: " + s.error().message + ". Nothing was recorded.");
  }
  ctx.out() << "Recorded a workout at " << format_local_minute(at_ms)
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
