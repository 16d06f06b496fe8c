// smr serve: the web app and the JSON API over HTTP (src/http) until SIGINT or SIGTERM. Wires the catalog,
// the journal (one Store per worker thread, http/worker_stores.h), the access log and the server; prints the
// URL once listening.

#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/pairing_text.h"
#include "cli/serve_tls.h"
#include "cli/service_error.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/forwarded.h"
#include "http/server.h"
#include "http/trust_page.h"
#include "http/web_assets.h"
#include "http/worker_stores.h"
#include "service/pairing_service.h"
#include "service/wall_clock.h"

namespace smr::cli {

namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string access_log = "-";
  int threads = 0;
  int max_connections = 512;
  double header_timeout_s = 10;
  double body_timeout_s = 30;
  double idle_timeout_s = 15;
  double shutdown_grace_s = 10;
  double test_time_scale = 1;  // for tests only: live sessions' clock runs this many times faster
  std::vector<std::string> allowed_hosts;
  // HTTPS and reverse proxies (issue 18 item 2): serve_tls.h, http/forwarded.h. `tls.lan` is --lan: listen on
  // every address, print pairing URLs (docs/pairing.md), HTTPS from the local CA unless --tls-cert is given.
  ServeTlsFlags tls;
  bool host_given = false;  // --host was given
  std::vector<std::string> trust_proxies;
  // Accounts (docs/accounts.md): --accounts, and the signed-in sessions' timeouts as durations ("24h", "14d").
  bool accounts = false;
  std::string session_idle = "24h";
  std::string session_max = "14d";
};

// A duration flag: a whole number and a unit (s, m, h or d), from 1 minute to 365 days, in ms.
core::UnixMillis duration_flag(const char* flag, const std::string& text) {
  core::UnixMillis n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  core::UnixMillis scale = 0;
  if (unit == "s") scale = 1000;
  if (unit == "m") scale = 60'000;
  if (unit == "h") scale = 3'600'000;
  if (unit == "d") scale = 86'400'000;
  const core::UnixMillis ms = n * scale;
  if (ec != std::errc() || end == text.data() || scale == 0 || ms < 60'000 || ms > 365 * 86'400'000LL) {
    throw CliError(kExitUsage, std::string(flag) + ": \"" + text +
                                   "\" is not a duration from 1 minute to 365 days; expected a number and a unit "
                                   "(s, m, h or d), such as 30m, 24h or 14d");
  }
  return ms;
}

std::chrono::milliseconds seconds_flag(const char* flag, double seconds) {
  if (!(seconds > 0 && seconds <= 3600)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    throw CliError(kExitUsage,
                   std::string(flag) + ": " + text + " is out of range; expected seconds above 0, at most 3600");
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000 + 0.5));
}

http::ServerOptions server_options(const ServeOptions& o) {
  if (o.port < 0 || o.port > 65535) {
    throw CliError(kExitUsage,
                   "--port: " + std::to_string(o.port) + " is out of range; expected 0 to 65535 (0: any free port)");
  }
  if (o.threads < 0 || o.threads > 256) {
    throw CliError(kExitUsage, "--threads: " + std::to_string(o.threads) +
                                   " is out of range; expected 1 to 256 (0: one per processor)");
  }
  if (o.max_connections < 1 || o.max_connections > 100000) {
    throw CliError(kExitUsage, "--max-connections: " + std::to_string(o.max_connections) +
                                   " is out of range; expected 1 to 100000");
  }
  http::ServerOptions s;
  for (const auto& name : o.allowed_hosts) {
    // A name or an IPv4 address without a port, or an IPv6 address with or without its brackets.
    const bool v6 = name.find(':') != std::string::npos;
    const auto host = http::host_of(v6 && !name.starts_with("[") ? "[" + name + "]" : name);
    if (!host ||
        (v6 && !name.starts_with("[") && name.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) ||
        (name.starts_with("[") && !name.ends_with("]"))) {
      throw CliError(kExitUsage, "--allowed-host: \"" + name +
                                     "\" is not a host name or address; expected a name such as coach.example or an "
                                     "address such as 192.168.1.20, without a port");
    }
    s.allowed_hosts.push_back(*host);
  }
  for (const auto& proxy : o.trust_proxies) {
    const auto address = http::canonical_address(proxy);
    if (address.empty()) {
      throw CliError(kExitUsage, "--trust-proxy: \"" + proxy +
                                     "\" is not an IP address; expected the reverse proxy's address as this server "
                                     "sees it, such as 127.0.0.1 or 192.168.1.5");
    }
    s.trusted_proxies.push_back(address);
  }
  s.host = o.host;  // with --lan and no --host, "::" (the callback below)
  s.port = static_cast<std::uint16_t>(o.port);
  s.threads = o.threads == 0 ? http::default_threads() : static_cast<std::size_t>(o.threads);
  s.limits.max_connections = static_cast<std::size_t>(o.max_connections);
  s.limits.header_timeout = seconds_flag("--header-timeout", o.header_timeout_s);
  s.limits.body_timeout = seconds_flag("--body-timeout", o.body_timeout_s);
  s.limits.idle_timeout = seconds_flag("--idle-timeout", o.idle_timeout_s);
  s.limits.shutdown_grace = seconds_flag("--shutdown-grace", o.shutdown_grace_s);
  s.large_body_paths = {"/api/import"};  // a whole journal: docs/architecture.md, "Limits and timeouts"
  return s;
}

void serve(CliContext& ctx, const ServeOptions& o) {
  auto options = server_options(o);  // bad flags first: exit 2 before anything is opened
  const auto tls = tls_for_serve(o.tls);
  options.tls = tls.config;
  const auto& catalog = ctx.catalog();

  store::OpenOptions open_options;
  open_options.create_folder = ctx.db_url.empty();  // only the default location's folder is created
  auto stores = http::WorkerStores::open(ctx.store_url(), options.threads, open_options);
  if (!stores) throw CliError(kExitFailure, stores.error().message);
  auto health = (*stores)->lease(0)->check_health();
  if (!health) throw CliError(kExitFailure, health.error().message);
  if (!health->integrity_ok) {
    ctx.err() << "smr: warning: the journal failed its integrity check; run smr doctor for details\n";
  }
  auto log = http::AccessLog::open(o.access_log);
  if (!log) throw CliError(kExitFailure, log.error());

  if (!(o.test_time_scale > 0 && o.test_time_scale <= 1000)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", o.test_time_scale);
    throw CliError(kExitUsage,
                   std::string("--test-time-scale: ") + text + " is out of range; expected above 0, at most 1000");
  }
  http::SessionApiOptions sessions;
  sessions.time_scale = o.test_time_scale;
  http::AccountApiOptions accounts;
  accounts.enabled = o.accounts;
  accounts.accounts.limits.idle_ms = duration_flag("--session-idle", o.session_idle);
  accounts.accounts.limits.max_ms = duration_flag("--session-max", o.session_max);
  if (o.accounts) {
    auto users = (*stores)->lease(0)->accounts();
    if (!users) throw CliError(kExitFailure, users.error().message);
    if (users->empty()) {
      ctx.err() << "smr: no accounts yet, so no one can sign in; add the first with smr user add LOGIN --role admin"
                << std::endl;
    }
  }
  // On PostgreSQL other instances may serve the same sessions (docs/architecture.md, "State and instances").
  sessions.shared_journal = ctx.store_url().rfind("postgres", 0) == 0;
  http::Api api(catalog, **stores, {health->schema_version, health->latest_schema_version, health->integrity_ok},
                http::web_assets(), http::LocalZone{local_time_zone, local_time_zone_name}, std::move(sessions), {},
                std::move(accounts));
  // Sessions a killed server left behind are taken over, paused where they were: the phone reconnects to them.
  if (const auto n = api.sessions().take_over_interrupted(); n > 0) {
    ctx.err() << "smr: took over " << n << (n == 1 ? " interrupted session" : " interrupted sessions")
              << " (paused where it was; the player resumes it)" << std::endl;
  }
  std::optional<http::TrustInfo> trust;
  if (tls.local_ca) trust = http::TrustInfo{tls.local_ca->ca_cert_pem, tls.local_ca->ca_fingerprint};
  // /ca.crt and /trust come before the API: a device that is not paired yet reads them to trust the server.
  const auto handler = [&api, &trust](const http::Request& request) {
    if (trust) {
      if (auto answer = http::trust_route(request, *trust)) return std::move(*answer);
    }
    return api.handle(request);
  };
  auto server = http::Server::open(options, handler, **log);
  if (!server && o.tls.lan && !o.host_given && server.error().kind != http::ListenError::Kind::kAddressInUse) {
    options.host = "0.0.0.0";  // no IPv6 on this machine: IPv4 only
    server = http::Server::open(options, handler, **log);
  }
  if (!server) {
    const auto& e = server.error();
    switch (e.kind) {
      case http::ListenError::Kind::kBadHost: throw CliError(kExitUsage, "--host: " + e.message);
      case http::ListenError::Kind::kTls: throw CliError(kExitUsage, "--tls-cert/--tls-key: " + e.message);
      case http::ListenError::Kind::kAddressInUse:
        throw CliError(kExitFailure,
                       e.message + "; stop that program or choose another port with --port (0: any free port)");
      case http::ListenError::Kind::kOther: break;
    }
    throw CliError(kExitFailure, e.message);
  }
  // Live sessions are stopped and recorded as the terminal player records an interrupted session, once the last
  // request has finished (no input can reach them any more).
  (*server)->add_shutdown_hook([&api, &ctx] {
    if (const auto n = api.sessions().stop_all(); n > 0) {
      ctx.out() << "Stopped and recorded " << n << (n == 1 ? " live session." : " live sessions.") << std::endl;
    }
  });
  // A client that goes away mid-response must not kill the server (sockets already use MSG_NOSIGNAL; this
  // covers the access log on a closed pipe).
  std::signal(SIGPIPE, SIG_IGN);
  const bool https = options.tls.has_value();
  const auto print_trust = [&] {
    if (tls.local_ca) {
      const auto& ca = *tls.local_ca;
      if (ca.ca_created)
        ctx.out() << "Made this machine's local certificate authority (kept in " << o.tls.ca_dir.string() << ").\n";
      ctx.out() << "HTTPS certificate from the local certificate authority; its SHA-256 fingerprint (compare it on "
                   "the phone):\n  "
                << ca.ca_fingerprint << "\n"
                << "Trust it once on each device: open ";
      if (options.host == "0.0.0.0" || options.host == "::") {
        // Bound to every address: the page is at each of the machine's (a phone cannot open 0.0.0.0).
        const auto port = std::to_string((*server)->port());
        std::string sep;
        for (const auto& name : ca.names) {
          if (http::canonical_address(name).empty() || name == "127.0.0.1" || name == "::1") continue;
          ctx.out() << sep << "https://" << (name.find(':') != std::string::npos ? "[" + name + "]" : name) << ":"
                    << port << "/trust";
          sep = " or ";
        }
        ctx.out() << "\n";
      } else {
        ctx.out() << (*server)->url() << "trust\n";
      }
    }
  };
  if (o.tls.lan) {
    const auto port = (*server)->port();
    const auto bases = base_urls(https ? "https" : "http",
                                 options.host == "0.0.0.0" ? lan_addresses(false) : lan_addresses(true), port);
    api.pairing().set_base_urls(bases);
    auto code = service::new_pairing_code(*(*stores)->lease(0), service::wall_now_ms());
    if (!code) throw_service_error(code.error());
    ctx.out() << "SMR Coach is running at " << (https ? "https" : "http") << "://127.0.0.1:" << port
              << "/ on this machine, and on the network.\n";
    print_trust();
    ctx.out() << "Devices on the network must be paired first.\n\n";
    print_pairing(ctx.out(), code->code, bases, true);
    ctx.out() << "\nPress Ctrl+C to stop." << std::endl;
  } else {
    ctx.out() << "SMR Coach is running at " << (*server)->url() << "\n";
    print_trust();
    ctx.out() << "Press Ctrl+C to stop." << std::endl;
  }
  (*server)->run();
  ctx.out() << "SMR Coach has stopped." << std::endl;
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<ServeOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--host", o->host, "The address to listen on (default 127.0.0.1: this machine only)")
      ->type_name("ADDRESS");
  sub->add_flag("--lan", o->tls.lan,
                "Also serve phones and tablets on the network: listen on every address (unless --host is given) over "
                "HTTPS from the local certificate authority (unless --tls-cert is given), and print a one-time "
                "pairing code with each address's URL and QR code (a device must be paired before it may use the "
                "app)");
  sub->add_option("--allowed-host", o->allowed_hosts,
                  "Also answer requests for this host name (a reverse proxy's or a DNS name for this machine); "
                  "repeatable. The machine's own names and addresses are always answered, others get 421")
      ->type_name("NAME");
  sub->add_option("--port", o->port, "The port (default 8080; 0: any free port, printed at start)")->type_name("PORT");
  sub->add_option("--access-log", o->access_log, "Append one line per request to FILE (default -: stderr)")
      ->type_name("FILE");
  sub->add_option("--threads", o->threads, "Worker threads (default 0: one per processor)")->type_name("N");
  sub->add_option("--max-connections", o->max_connections, "Connections served at once (default 512)")->type_name("N");
  sub->add_option("--header-timeout", o->header_timeout_s,
                  "Seconds a client has to send a request's line and headers (default 10)")
      ->type_name("S");
  sub->add_option("--body-timeout", o->body_timeout_s, "Seconds a client has to send a request's body (default 30)")
      ->type_name("S");
  sub->add_option("--idle-timeout", o->idle_timeout_s, "Seconds an idle keep-alive connection stays open (default 15)")
      ->type_name("S");
  sub->add_option("--shutdown-grace", o->shutdown_grace_s,
                  "Seconds requests in flight may take to finish after SIGINT/SIGTERM (default 10)")
      ->type_name("S");
  // HTTPS and reverse proxies (issue 18 item 2; docs/deploy.md).
  sub->add_option("--tls-cert", o->tls.cert_file, "Serve HTTPS with this certificate chain (PEM; with --tls-key)")
      ->type_name("FILE");
  sub->add_option("--tls-key", o->tls.key_file, "The private key (PEM) of --tls-cert")->type_name("FILE");
  sub->add_flag("--tls", o->tls.tls,
                "Serve HTTPS with a certificate from this machine's local certificate authority (made once, in the "
                "data folder; /trust explains how to trust it)");
  sub->add_option("--trust-proxy", o->trust_proxies,
                  "Believe Forwarded / X-Forwarded-* headers from this reverse proxy's address only; repeatable")
      ->type_name("ADDRESS");
  sub->add_option("--test-time-scale", o->test_time_scale,
                  "For tests only: live sessions' clock runs N times faster than real time (default 1)")
      ->type_name("N");
  sub->add_flag("--accounts", o->accounts,
                "Accounts mode: every person signs in (smr user add makes accounts); each request acts for the "
                "signed-in person. Without it, one person and no sign-in (docs/accounts.md)");
  sub->add_option("--session-idle", o->session_idle,
                  "Accounts mode: a sign-in unused for this long ends (default 24h; units s, m, h, d)")
      ->type_name("DURATION");
  sub->add_option("--session-max", o->session_max,
                  "Accounts mode: a sign-in ends this long after it began, used or not (default 14d)")
      ->type_name("DURATION");
  auto* host_option = sub->get_option("--host");
  sub->callback([&ctx, o, host_option] {
    o->host_given = host_option->count() > 0;
    if (o->tls.lan && !o->host_given) o->host = "::";
    if (o->tls.ca_dir.empty()) o->tls.ca_dir = http::default_local_ca_dir();
    serve(ctx, *o);
  });
}

}  // namespace smr::cli
