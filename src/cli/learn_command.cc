// smr learn [TOPIC]: the Learn section (core/learn.h) in the terminal.

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/learn_text.h"
#include "core/learn.h"
#include "core/suggest.h"
#include "json/learn_json.h"
#include "json/pretty.h"

namespace smr::cli {

namespace {

struct LearnOptions {
  std::string topic;
  bool json = false;
};

void learn(CliContext& ctx, const LearnOptions& o) {
  const auto& c = ctx.catalog();
  if (o.topic.empty()) {
    ctx.out() << (o.json ? json::pretty(json::learn_index_json(c)) : learn_index_text(c));
    return;
  }
  const auto page = core::learn_page(c, o.topic);
  if (!page) {
    const auto best = core::closest_match(o.topic, core::learn_ids(c));
    throw CliError(kExitFailure, "there is no Learn topic, technique or region \"" + o.topic + "\"" +
                                     (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                     " List them with: smr learn");
  }
  ctx.out() << (o.json ? json::pretty(json::learn_page_json(c, *page)) : learn_page_text(c, *page));
}

}  // namespace

void add_learn_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto opts = std::make_shared<LearnOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("TOPIC", opts->topic, "A topic, technique or region id (without it: list them all)");
  sub->add_flag("--json", opts->json, "Print JSON instead of text");
  sub->callback([&ctx, opts] { learn(ctx, *opts); });
}

}  // namespace smr::cli
