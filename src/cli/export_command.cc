// smr export: everything in the journal as JSON (or the check-ins as CSV), to stdout or a file.

#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/service_error.h"
#include "service/journal_service.h"

namespace smr::cli {

void add_export_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto csv = std::make_shared<bool>(false);
  auto output = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_flag("--csv", *csv, "Only the check-ins, as CSV (for spreadsheets)");
  sub->add_option("-o,--output", *output, "Write to FILE instead of standard output")->type_name("FILE");
  sub->callback([&ctx, csv, output] {
    auto text = *csv ? service::export_check_ins_csv(ctx.journal_for_reading())
                     : service::export_journal_json(ctx.journal_for_reading());
    if (!text) throw_service_error(text.error());
    if (output->empty()) {
      ctx.out() << *text;
    } else {
      write_file_atomically(*output, *text);
      ctx.err() << "Wrote " << *output << "\n";
    }
  });
}

}  // namespace smr::cli
