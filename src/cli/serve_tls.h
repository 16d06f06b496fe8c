#pragma once
// What `smr serve` serves HTTPS with (issue 18 item 2): the person's own certificate (--tls-cert/--tls-key), or the
// local certificate authority's (http/local_ca.h) with --tls, or by default with --lan; plain HTTP otherwise.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "http/local_ca.h"
#include "http/tls.h"

namespace smr::cli {

struct ServeTlsFlags {
  std::string cert_file;         // --tls-cert
  std::string key_file;          // --tls-key
  bool tls = false;              // --tls: the local CA
  bool lan = false;              // --lan: the local CA unless --tls-cert is given
  std::filesystem::path ca_dir;  // empty: http::default_local_ca_dir()
};

struct ServeTls {
  std::optional<http::TlsConfig> config;  // none: plain HTTP
  std::optional<http::LocalCa> local_ca;  // when the local CA made the certificate
};

// Checks the flags and loads or makes the certificate. Throws CliError: kExitUsage (2) naming the flag and what
// is wrong (only one of --tls-cert/--tls-key, an unreadable file, no certificate or key in it, a key that is not
// the certificate's, an expired certificate, --tls with --tls-cert); kExitFailure when the local CA cannot be
// made.
ServeTls tls_for_serve(const ServeTlsFlags& flags);

}  // namespace smr::cli
