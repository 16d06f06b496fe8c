// smr doctor: where the journal is, its schema version, and whether it passes its integrity check.

#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"

namespace smr::cli {

void add_doctor_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->callback([&ctx] {
    auto& s = ctx.journal_for_reading();
    auto health = s.check_health();
    if (!health) throw CliError(kExitFailure, health.error().message);
    ctx.out() << "Journal: " << store::redact_url(ctx.store_url()) << " (" << s.backend()
              << (s.read_only() ? "; read-only: it cannot be written, so it was opened for reading" : "") << ")\n"
              << "Schema version: " << health->schema_version << " (latest " << health->latest_schema_version << ")\n"
              << "Integrity: " << (health->integrity_ok ? "ok" : "FAILED") << "\n";
    for (const auto& m : health->messages) ctx.out() << "  " << m << "\n";
    if (!health->integrity_ok) {
      throw CliError(kExitFailure,
                     "the journal failed its integrity check; restore a backup (smr backup) or an "
                     "export (smr import)");
    }
  });
}

}  // namespace smr::cli
