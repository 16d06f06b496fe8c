// smr user: accounts for `smr serve --accounts` (docs/accounts.md): add, list, disable, role. Each is one call
// into service/account_service.h. The password is read from the terminal without echo (asked twice), or from
// standard input with --password-stdin (one line), never from a flag (it would show in the process list and
// the shell's history).

#include <iostream>
#include <memory>
#include <string>

#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/service_error.h"
#include "service/account_service.h"
#include "service/wall_clock.h"

namespace smr::cli {

namespace {

struct UserOptions {
  std::string login;
  std::string name;
  std::string role = "person";
  bool password_stdin = false;
};

store::Role parse_role(const std::string& text, const char* where) {
  const auto role = core::parse_enum<store::Role>(text);
  if (!role) {
    throw CliError(kExitUsage,
                   std::string(where) + ": \"" + text + "\" is not a role; expected person, trainer or admin");
  }
  return *role;
}

std::string read_line(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// One line from the terminal with echo off (restored even when reading fails).
std::string read_hidden(std::ostream& prompt_out, const std::string& prompt) {
  prompt_out << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  const auto line = read_line(std::cin);
  if (tty) tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  prompt_out << "\n";
  return line;
}

std::string read_password(CliContext& ctx, const UserOptions& o) {
  if (o.password_stdin) {
    if (!std::cin) throw CliError(kExitUsage, "--password-stdin: standard input is closed; send the password on it");
    return read_line(std::cin);
  }
  if (isatty(STDIN_FILENO) == 0) {
    throw CliError(kExitUsage,
                   "no password: run smr user add on a terminal to type it, or send it on standard input with "
                   "--password-stdin");
  }
  const auto first = read_hidden(ctx.err(), "Password for " + o.login + " (8 to 128 characters): ");
  const auto again = read_hidden(ctx.err(), "The same password again: ");
  if (first != again) throw CliError(kExitUsage, "the two passwords differ; run smr user add again");
  return first;
}

void add(CliContext& ctx, const UserOptions& o) {
  const auto role = parse_role(o.role, "--role");
  service::NewUser user{o.login, o.name, role, read_password(ctx, o)};
  auto account = service::add_user(ctx.store(), user, service::wall_now_ms());
  if (!account) throw_service_error(account.error(), "", {{"login", "LOGIN"}, {"name", "--name"}});
  ctx.out() << "Added " << account->login << " (" << core::to_string(account->role) << ", person " << account->person_id
            << ")";
  if (account->person_id == core::kLocalPersonId) ctx.out() << ": the journal's records so far are theirs";
  ctx.out() << ".\nThey sign in at the web app of smr serve --accounts.\n";
}

void list(CliContext& ctx) {
  auto users = service::list_users(ctx.journal_for_reading(CliContext::IfMissing::kEmpty));
  if (!users) throw_service_error(users.error());
  if (users->empty()) {
    ctx.out() << "No accounts. Add the first with smr user add LOGIN --role admin.\n";
    return;
  }
  for (const auto& a : *users) {
    ctx.out() << a.login << "  " << core::to_string(a.role) << "  person " << a.person_id << ", added "
              << local_clock_text(a.created_ms);
    if (a.disabled_ms) ctx.out() << ", disabled " << local_clock_text(*a.disabled_ms);
    ctx.out() << "\n";
  }
}

void disable(CliContext& ctx, const UserOptions& o) {
  auto account = service::disable_user(ctx.store(), o.login, service::wall_now_ms());
  if (!account) throw_service_error(account.error(), "", {{"login", "LOGIN"}, {"name", "--name"}});
  ctx.out() << "Disabled " << account->login << ": they can no longer sign in, and their sessions have ended.\n";
}

void set_role(CliContext& ctx, const UserOptions& o) {
  const auto role = parse_role(o.role, "ROLE");
  auto account = service::set_user_role(ctx.store(), o.login, role);
  if (!account) throw_service_error(account.error(), "", {{"login", "LOGIN"}, {"name", "--name"}});
  ctx.out() << account->login << " is now " << (role == store::Role::kAdmin ? "an " : "a ") << core::to_string(role)
            << ".\n";
}

}  // namespace

void add_user_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<UserOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->require_subcommand(1);
  auto* add_sub = sub->add_subcommand("add", "Add an account (the first one is the journal's person so far)");
  add_sub->add_option("LOGIN", o->login, "1 to 64 letters, digits and . _ - @")->required();
  add_sub->add_option("--name", o->name, "The person's name (default: the login)")->type_name("NAME");
  add_sub->add_option("--role", o->role, "person (default), trainer or admin")->type_name("ROLE");
  add_sub->add_flag("--password-stdin", o->password_stdin,
                    "Read the password from standard input (one line) instead of asking on the terminal");
  add_sub->callback([&ctx, o] { add(ctx, *o); });
  auto* list_sub = sub->add_subcommand("list", "List the accounts: login, role, person, added, disabled");
  list_sub->callback([&ctx] { list(ctx); });
  auto* disable_sub = sub->add_subcommand("disable", "Disable an account: it can no longer sign in; its sessions end");
  disable_sub->add_option("LOGIN", o->login, "The account's login")->required();
  disable_sub->callback([&ctx, o] { disable(ctx, *o); });
  auto* role_sub = sub->add_subcommand("role", "Change an account's role: person, trainer or admin");
  role_sub->add_option("LOGIN", o->login, "The account's login")->required();
  role_sub->add_option("ROLE", o->role, "person, trainer or admin")->required();
  role_sub->callback([&ctx, o] { set_role(ctx, *o); });
}

}  // namespace smr::cli
