#pragma once
// The table of smr subcommands. To add one: write add_<name>_command() in <name>_command.cc and list it in
// kCommands (commands.cc); document it in README.md and docs/cli.md.

#include <span>
#include <string_view>

namespace CLI {
class App;
}

namespace smr::cli {

class CliContext;

struct CommandSpec {
  std::string_view name;
  std::string_view summary;
  // Adds the subcommand (with its options and callback) to `app`.
  void (*add)(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
};

std::span<const CommandSpec> commands();

void add_catalog_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_learn_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_screen_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_plan_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_roll_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_routines_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_settings_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_log_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_progress_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_report_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_export_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_import_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_backup_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_doctor_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_test_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_soreness_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_workout_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_serve_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_pair_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_devices_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_user_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_invite_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);
void add_trainers_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec);

}  // namespace smr::cli
