#include "cli/serve_tls.h"

#include "cli/cli_context.h"

namespace smr::cli {

ServeTls tls_for_serve(const ServeTlsFlags& flags) {
  ServeTls out;
  const bool own = !flags.cert_file.empty() || !flags.key_file.empty();
  if (own) {
    if (flags.cert_file.empty()) {
      throw CliError(kExitUsage, "--tls-key needs --tls-cert: give the certificate (PEM) that goes with the key");
    }
    if (flags.key_file.empty()) {
      throw CliError(kExitUsage, "--tls-cert needs --tls-key: give the certificate's private key (PEM)");
    }
    if (flags.tls) {
      throw CliError(kExitUsage,
                     "--tls uses this machine's local certificate authority; leave it out when you give "
                     "--tls-cert and --tls-key");
    }
    auto cert = http::read_pem_file(flags.cert_file);
    if (!cert) throw CliError(kExitUsage, "--tls-cert: " + cert.error());
    auto key = http::read_pem_file(flags.key_file);
    if (!key) throw CliError(kExitUsage, "--tls-key: " + key.error());
    http::TlsConfig config{std::move(*cert), std::move(*key)};
    if (auto checked = http::check_tls_config(config); !checked) {
      const bool is_key = checked.error().part == http::TlsConfigError::Part::kKey;
      throw CliError(kExitUsage, std::string(is_key ? "--tls-key " : "--tls-cert ") +
                                     (is_key ? flags.key_file : flags.cert_file) + ": " + checked.error().message);
    }
    out.config = std::move(config);
    return out;
  }
  if (!flags.tls && !flags.lan) return out;
  http::LocalCaRequest request;
  request.dir = flags.ca_dir.empty() ? http::default_local_ca_dir() : flags.ca_dir;
  request.host_name = http::machine_host_name();
  request.names = http::local_ca_names(request.host_name, http::machine_addresses());
  auto ca = http::ensure_local_ca(request);
  if (!ca) throw CliError(kExitFailure, "the local certificate authority: " + ca.error());
  out.config = http::TlsConfig{ca->server_chain_pem, ca->server_key_pem};
  out.local_ca = std::move(*ca);
  return out;
}

}  // namespace smr::cli
