// smr pair: a new pairing code for the running server, with its URLs and QR codes; smr devices: the paired
// devices, and revoking one (docs/pairing.md). Each is one call into service/pairing_service.h. The code is
// kept (hashed) in the journal, so the server, another process, accepts it.

#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/pairing_text.h"
#include "cli/service_error.h"
#include "service/pairing_service.h"
#include "service/wall_clock.h"

namespace smr::cli {

namespace {

struct PairOptions {
  int port = 8080;
  bool no_qr = false;
  bool http = false;  // the server serves plain HTTP (--host 0.0.0.0 without --lan); `smr serve --lan` is HTTPS
};

struct DevicesOptions {
  std::string revoke_id;
};

void pair(CliContext& ctx, const PairOptions& o) {
  if (o.port < 1 || o.port > 65535) {
    throw CliError(kExitUsage, "--port: " + std::to_string(o.port) +
                                   " is out of range; expected the port smr serve listens on, 1 to 65535");
  }
  auto code = service::new_pairing_code(ctx.store(), service::wall_now_ms());
  if (!code) throw_service_error(code.error());
  const auto bases = base_urls(o.http ? "http" : "https", lan_addresses(true), static_cast<std::uint16_t>(o.port));
  print_pairing(ctx.out(), code->code, bases, !o.no_qr);
  ctx.out() << "The server must be running with smr serve --lan (on port " << o.port << ").\n";
}

void list_devices(CliContext& ctx) {
  auto devices = service::paired_devices(ctx.journal_for_reading(CliContext::IfMissing::kEmpty));
  if (!devices) throw_service_error(devices.error());
  if (devices->empty()) {
    ctx.out() << "No paired devices. Pair a phone with smr pair (the server must run with smr serve --lan).\n";
    return;
  }
  for (const auto& d : *devices) {
    ctx.out() << d.id << "  " << d.name << "\n"
              << "    paired " << local_clock_text(d.created_ms) << ", last used "
              << (d.last_used_ms ? local_clock_text(*d.last_used_ms) : std::string("never"));
    if (d.revoked_ms) ctx.out() << ", revoked " << local_clock_text(*d.revoked_ms);
    ctx.out() << "\n";
  }
  ctx.out() << "Revoke one with smr devices revoke ID.\n";
}

void revoke(CliContext& ctx, const std::string& id) {
  auto device = service::revoke_device(ctx.store(), id, service::wall_now_ms());
  if (!device) throw_service_error(device.error(), "", {{"id", "ID"}});
  ctx.out() << "Revoked " << device->name << " (" << device->id
            << "): it can no longer use SMR Coach until it is paired again.\n";
}

}  // namespace

void add_pair_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<PairOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--port", o->port, "The port smr serve --lan listens on (default 8080)")->type_name("PORT");
  sub->add_flag("--no-qr", o->no_qr, "Print the URLs without QR codes");
  sub->add_flag("--http", o->http,
                "The server serves plain HTTP (started with --host, without --lan or --tls): print http:// URLs. "
                "By default they are https://, as smr serve --lan serves");
  sub->callback([&ctx, o] { pair(ctx, *o); });
}

void add_devices_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<DevicesOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  auto* revoke_sub = sub->add_subcommand("revoke", "Revoke a paired device: it can no longer use SMR Coach");
  revoke_sub->add_option("ID", o->revoke_id, "The device's id, as smr devices lists it")->required();
  revoke_sub->callback([&ctx, o] { revoke(ctx, o->revoke_id); });
  sub->callback([&ctx, revoke_sub] {
    if (!revoke_sub->parsed()) list_devices(ctx);
  });
}

}  // namespace smr::cli
