// smr test: the guided self-tests (catalog/self_tests.toml). Lists them; walks a person through one on a
// terminal, or records values given as flags; then shows the test's progress against its smallest real
// change (R15).

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
#include "cli/self_test_prompt.h"
#include "cli/self_test_text.h"
#include "cli/service_error.h"
#include "cli/text.h"
#include "json/pretty.h"
#include "json/self_test_json.h"
#include "service/self_test_service.h"

namespace smr::cli {

namespace {

namespace bj = boost::json;

struct TestOptions {
  std::string id;
  std::string side;
  std::string phase;
  std::string session;
  std::vector<std::string> values;
  bool json = false;
};

void list_tests(CliContext& ctx, bool json) {
  const auto& catalog = ctx.catalog();
  if (json) {
    bj::array guides;
    for (const auto& g : catalog.self_tests()) guides.push_back(json::to_json(g));
    ctx.out() << json::pretty(guides);
    return;
  }
  if (catalog.self_tests().empty()) {
    ctx.out() << "The catalog has no self-tests.\n";
    return;
  }
  ctx.out() << self_tests_table(catalog)
            << wrap(
                   "Guided, on a terminal: smr test ID. Record a value directly: smr test ID --side left --value V "
                   "(leave out --side for sit-and-reach). A baseline takes two trials.",
                   "\n", "")
            << wrap(kSelfTestNote, "", "");
}

void run_test(CliContext& ctx, const TestOptions& o) {
  const auto& catalog = ctx.catalog();
  service::SelfTestRequest request;
  request.test = o.id;
  request.side = o.side;
  request.phase = o.phase;
  request.session = o.session;
  request.values = o.values;
  // Everything is checked before anything is written: bad input writes nothing.
  auto take = service::take_self_test(ctx.store(), catalog, request);
  if (!take) throw_service_error(take.error(), "", {{"test", "ID"}});
  const bool interactive = o.values.empty();
  if (interactive && isatty(STDIN_FILENO) == 0) {
    throw CliError(kExitUsage, "smr test " + take->guide->id +
                                   " guides you through the test on a terminal; without one, give the value with "
                                   "--value V" +
                                   (take->guide->paired() ? " and --side left or --side right" : ""));
  }
  const auto& guide = *take->guide;
  if (interactive) {
    take->sides = guide_and_ask(catalog, guide, std::move(take->sides), std::cin, o.json ? ctx.err() : ctx.out());
    (o.json ? ctx.err() : ctx.out()) << "\n";
  }
  const auto recorded = service::record_self_test(ctx.store(), *take, wall_now_ms());
  if (!recorded) throw_service_error(recorded.error());

  if (o.json) {
    bj::array rows;
    for (const auto& r : recorded->rows) rows.push_back(json::to_json(r));
    bj::array progress;
    for (const auto& p : recorded->progress) progress.push_back(json::to_json(p));
    ctx.out() << json::pretty(bj::object{{"recorded", std::move(rows)}, {"progress", std::move(progress)}});
    return;
  }
  std::string out;
  for (const auto& sv : take->sides) {
    std::vector<core::SelfTest> of_side;
    std::copy_if(recorded->rows.begin(), recorded->rows.end(), std::back_inserter(of_side),
                 [&](const core::SelfTest& t) { return t.side == sv.side; });
    out += recorded_text(guide, of_side);
  }
  for (const auto& p : recorded->progress) out += "\n" + progress_text(catalog, guide, p, take->session_uid);
  ctx.out() << out;
}

}  // namespace

void add_test_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<TestOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("ID", o->id, "The test (without it: the list of tests)");
  sub->add_option("--side", o->side, "left or right, for a test measured on each side")->type_name("SIDE");
  sub->add_option("--phase", o->phase,
                  "baseline, before, after or check (default: baseline until the side has two trials, then check)")
      ->type_name("PHASE");
  sub->add_option("--session", o->session, "The rolling session the value belongs to (uid, first characters, or last)")
      ->type_name("UID");
  sub->add_option("--value", o->values, "Record this value (no questions); repeat for two baseline trials")
      ->type_name("V")
      ->allow_extra_args(false);
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([&ctx, o] {
    if (o->id.empty()) {
      if (!o->side.empty() || !o->phase.empty() || !o->session.empty() || !o->values.empty()) {
        throw CliError(kExitUsage, "give the test first: smr test ID [--side ...] (smr test lists the ids)");
      }
      list_tests(ctx, o->json);
    } else {
      run_test(ctx, *o);
    }
  });
}

}  // namespace smr::cli
