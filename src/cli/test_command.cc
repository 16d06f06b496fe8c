// smr test: the guided self-tests (catalog/self_tests.toml). Lists them; walks a person through one on a
// terminal, or records values given as flags; then shows the test's progress against its smallest real
// change (R15).

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/record_input.h"
#include "cli/self_test_prompt.h"
#include "cli/self_test_text.h"
#include "cli/text.h"
#include "core/suggest.h"
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

const core::SelfTestGuide& find_guide(const core::Catalog& catalog, const std::string& id) {
  if (const auto* g = catalog.find_self_test(id)) return *g;
  const auto ids = core::ids_of(catalog.self_tests());
  const auto best = core::closest_match(id, ids);
  throw CliError(kExitUsage,
                 "unknown self-test \"" + id + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                     " The tests are " +
                     (ids.empty() ? std::string("none (the catalog has no [[self_test]])") : core::quoted_list(ids)) +
                     " (smr test lists them).");
}

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

const core::SelfTestProgress* progress_of(const std::vector<core::SelfTestProgress>& all, const std::string& test,
                                          core::Side side) {
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const core::SelfTestProgress& p) { return p.test == test && p.side == side; });
  return it == all.end() ? nullptr : &*it;
}

void run_test(CliContext& ctx, const TestOptions& o) {
  const auto& catalog = ctx.catalog();
  const auto& guide = find_guide(catalog, o.id);

  // Everything the flags say is checked before the journal is opened: bad input writes nothing.
  std::vector<core::Side> sides;
  if (!o.side.empty()) {
    if (!guide.paired()) {
      throw CliError(kExitUsage, "--side: " + guide.id + " gives one value for both sides together; leave out --side");
    }
    sides = {parse_side_flag(o.side)};
  } else if (guide.paired()) {
    if (!o.values.empty()) {
      throw CliError(kExitUsage, "--side: " + guide.id +
                                     " is measured on each side; give --side left or --side right with --value");
    }
    sides = {core::Side::kLeft, core::Side::kRight};
  } else {
    sides = {core::Side::kCentre};
  }

  std::optional<core::SelfTestPhase> phase;
  if (!o.phase.empty()) {
    phase = core::parse_enum<core::SelfTestPhase>(o.phase);
    if (!phase) {
      throw CliError(kExitUsage, "--phase: \"" + o.phase + "\" is not valid; expected " +
                                     core::enum_choices<core::SelfTestPhase>());
    }
  }
  if ((phase == core::SelfTestPhase::kBefore || phase == core::SelfTestPhase::kAfter) && o.session.empty()) {
    throw CliError(kExitUsage, "--phase " + o.phase +
                                   " needs --session UID: the rolling session the value was taken around (a uid "
                                   "from smr log, or \"last\")");
  }

  std::vector<double> values;
  for (const auto& text : o.values) {
    const auto v = core::parse_test_value(guide, text);
    if (!v) throw CliError(kExitUsage, "--value: " + v.error());
    values.push_back(*v);
  }
  if (values.size() > static_cast<std::size_t>(core::kBaselineTrials)) {
    throw CliError(kExitUsage, "--value: give one value, or two for the two trials of a baseline; got " +
                                   std::to_string(values.size()));
  }
  if (values.size() > 1 && phase && *phase != core::SelfTestPhase::kBaseline) {
    throw CliError(kExitUsage, "--value: a \"" + o.phase + "\" takes one value; only a baseline takes two trials");
  }
  const bool interactive = values.empty();
  if (interactive && isatty(STDIN_FILENO) == 0) {
    throw CliError(kExitUsage, "smr test " + guide.id +
                                   " guides you through the test on a terminal; without one, give the value with "
                                   "--value V" +
                                   (guide.paired() ? " and --side left or --side right" : ""));
  }

  auto& store = ctx.store();
  const std::string session_uid = o.session.empty() ? "" : resolve_session_flag(store, o.session);
  const auto before = service::self_test_progress(store, core::kLocalPersonId);
  if (!before) throw CliError(kExitFailure, before.error().message);

  // Without --phase: a baseline until the side has one (two trials), then a re-test.
  std::vector<SideValues> plan;
  for (const auto side : sides) {
    const auto* p = progress_of(*before, guide.id, side);
    const bool has_baseline = p && p->baseline;
    plan.push_back(
        {side, phase.value_or(has_baseline ? core::SelfTestPhase::kCheck : core::SelfTestPhase::kBaseline), {}});
  }
  if (interactive) {
    plan = guide_and_ask(catalog, guide, std::move(plan), std::cin, o.json ? ctx.err() : ctx.out());
    (o.json ? ctx.err() : ctx.out()) << "\n";
  } else {
    if (values.size() > 1 && plan.front().phase != core::SelfTestPhase::kBaseline) {
      throw CliError(kExitUsage,
                     "--value: this side has its baseline already, so this is a re-test, which takes "
                     "one value; give --phase baseline to add baseline trials");
    }
    plan.front().values = values;
  }

  const core::UnixMillis now = wall_now_ms();
  std::vector<core::SelfTest> rows;
  for (const auto& sv : plan) {
    for (const double v : sv.values) {
      core::SelfTest t;
      t.uid = store::new_uid();
      t.at_ms = now + static_cast<core::UnixMillis>(rows.size());  // keeps the order of trials and sides
      t.test = guide.id;
      t.side = sv.side;
      t.value = v;
      t.unit = std::string(core::to_string(guide.unit));
      t.session_uid = session_uid;
      t.phase = std::string(core::to_string(sv.phase));
      rows.push_back(std::move(t));
    }
  }
  if (auto s = service::record_self_tests(store, rows); !s) {
    throw CliError(kExitFailure, "could not record the test: " + s.error().message + ". Nothing was recorded.");
  }
  const auto after = service::self_test_progress(store, core::kLocalPersonId);
  if (!after) throw CliError(kExitFailure, after.error().message);

  if (o.json) {
    bj::array recorded;
    for (const auto& r : rows) recorded.push_back(json::to_json(r));
    bj::array progress;
    for (const auto& sv : plan) {
      if (const auto* p = progress_of(*after, guide.id, sv.side)) progress.push_back(json::to_json(*p));
    }
    ctx.out() << json::pretty(bj::object{{"recorded", std::move(recorded)}, {"progress", std::move(progress)}});
    return;
  }
  std::string out;
  for (const auto& sv : plan) {
    std::vector<core::SelfTest> of_side;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(of_side),
                 [&](const core::SelfTest& t) { return t.side == sv.side; });
    out += recorded_text(guide, of_side);
  }
  for (const auto& sv : plan) {
    if (const auto* p = progress_of(*after, guide.id, sv.side)) {
      out += "\n" + progress_text(catalog, guide, *p, session_uid);
    }
  }
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
