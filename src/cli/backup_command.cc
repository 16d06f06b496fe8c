// smr backup: copy the live SQLite journal to a new file (SQLite's online backup API).

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"

namespace smr::cli {

void add_backup_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto path = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("PATH", *path, "The new backup file (must not exist yet)")->required();
  sub->callback([&ctx, path] {
    if (auto s = store::backup_store(ctx.store(), *path); !s) throw CliError(kExitFailure, s.error().message);
    ctx.out() << "Backed up " << store::redact_url(ctx.store_url()) << " to " << *path << "\n";
  });
}

}  // namespace smr::cli
