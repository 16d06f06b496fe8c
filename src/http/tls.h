#pragma once
// TLS for the server (issue 18 item 2): the certificate and key it serves, checked before the server opens so that
// `smr serve --tls-cert/--tls-key` can say exactly what is wrong. The context itself (TLS 1.2 and later, ECDHE with
// AEAD ciphers only) is made by the server (server.cc, make_tls_context).

#include <ctime>
#include <string>

#include <tl/expected.hpp>

namespace smr::http {

struct TlsConfig {
  std::string cert_chain_pem;  // the server certificate first, then any intermediates
  std::string key_pem;         // its private key (unencrypted PEM)
};

struct TlsConfigError {
  enum class Part { kCert, kKey };
  Part part = Part::kCert;  // which of the two is wrong
  std::string message;      // "the certificate expired on 2026-01-02 10:00:00 UTC"
};

// Checks that the chain's first certificate parses, is valid at `now` (not yet valid / expired: an error), and
// that the key parses and is the certificate's.
tl::expected<void, TlsConfigError> check_tls_config(const TlsConfig& config, std::time_t now = std::time(nullptr));

// The whole of a file, or a message naming it and why it cannot be read.
tl::expected<std::string, std::string> read_pem_file(const std::string& path);

}  // namespace smr::http
