// smr import: add a journal exported by `smr export`, all of it or nothing.

#include <fstream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/service_error.h"
#include "service/journal_service.h"

namespace smr::cli {

void add_import_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto file = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("FILE", *file, "A file written by smr export")->required();
  sub->callback([&ctx, file] {
    std::ifstream in(*file, std::ios::binary);
    if (!in) throw CliError(kExitFailure, "cannot read " + *file + "; expected a file written by smr export");
    std::ostringstream text;
    text << in.rdbuf();
    auto summary = service::import_journal_json(ctx.store(), text.str());
    if (!summary) {
      // A file that does not hold together fails like one that cannot be read (exit 1), naming the place.
      const auto& e = summary.error();
      throw CliError(kExitFailure, *file + ": " + cli_message(e) + ". Nothing was imported.",
                     std::string(core::to_string(e.code)), e.field);
    }
    ctx.out() << "Imported " << summary->added << (summary->added == 1 ? " record" : " records") << " from " << *file
              << "; " << summary->present << (summary->present == 1 ? " was" : " were") << " already there.\n";
  });
}

}  // namespace smr::cli
