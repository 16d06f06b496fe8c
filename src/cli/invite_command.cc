// smr invite: a trainer's one-time invitation for a client, printed as the links to open (docs/accounts.md,
// "Invitations and consent"). One call into service/trainer_service.h; the code is kept (hashed) in the journal,
// so the running server accepts it.

#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/pairing_text.h"
#include "cli/service_error.h"
#include "service/trainer_service.h"
#include "service/wall_clock.h"

namespace smr::cli {

namespace {

struct InviteOptions {
  std::string trainer;  // the trainer's login
  int port = 8080;
  bool http = false;
};

void invite(CliContext& ctx, const InviteOptions& o) {
  if (o.port < 1 || o.port > 65535) {
    throw CliError(kExitUsage, "--port: " + std::to_string(o.port) +
                                   " is out of range; expected the port smr serve listens on, 1 to 65535");
  }
  auto account = ctx.store().account_by_login(o.trainer);
  if (!account) throw_service_error(service::from_store(account.error()));
  if (!*account) {
    throw CliError(kExitUsage, "--trainer: no account \"" + o.trainer + "\"; give a trainer's login");
  }
  auto inv = service::create_invitation(ctx.store(), (*account)->person_id, service::wall_now_ms());
  if (!inv) throw_service_error(inv.error());
  const std::string path = std::string(service::kInvitationPathPrefix) + inv->code;
  ctx.out() << "An invitation for a client of " << o.trainer << ": it works once, until "
            << local_clock_text(inv->expires_ms) << ". Give the client one of these links:\n";
  for (const auto& base :
       base_urls(o.http ? "http" : "https", lan_addresses(true), static_cast<std::uint16_t>(o.port))) {
    ctx.out() << "  " << base << path << "\n";
  }
  ctx.out() << "The client signs in, opens it and accepts; they then choose what you see.\n";
}

}  // namespace

void add_invite_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<InviteOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--trainer", o->trainer, "The inviting trainer's login")->required()->type_name("LOGIN");
  sub->add_option("--port", o->port, "The port smr serve listens on (default 8080)")->type_name("PORT");
  sub->add_flag("--http", o->http, "The server serves plain HTTP: print http:// links (by default https://)");
  sub->callback([&ctx, o] { invite(ctx, *o); });
}

}  // namespace smr::cli
