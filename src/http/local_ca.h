#pragma once
// The local certificate authority behind `smr serve --lan` / `--tls` (issue 18 item 2): made once per install in
// the data directory, it signs a server certificate for this machine's addresses and names, so that a phone that
// trusts the CA once opens https://192.168.x.y:PORT/ as a secure context (service worker, wake lock). The files
// are 0600 in a 0700 folder; docs/deploy.md says how to trust the CA on each platform and why there is no HSTS.
//
//   <data dir>/tls/ca.key      ECDSA P-256, PKCS#8 PEM
//   <data dir>/tls/ca.crt      self-signed, CA:TRUE (path length 0), keyCertSign, ~10 years,
//                              "SMR Coach local CA <hostname>"
//   <data dir>/tls/server.key  ECDSA P-256
//   <data dir>/tls/server.crt  signed by the CA, serverAuth, SANs = the names asked for, at most 397 days (the
//                              longest iOS and Chrome accept)
//
// The server certificate is made again when the names asked for differ from its SANs (an address changed), when
// it expires within kRenewBefore, or when it does not verify against the CA; the CA is kept unless it is missing
// or unreadable, so a phone that trusts it keeps trusting the new server certificate.

#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace smr::http {

inline constexpr int kServerCertDays = 397;
inline constexpr int kCaCertDays = 3650;
inline constexpr int kRenewBeforeDays = 30;

struct LocalCaRequest {
  std::filesystem::path dir;       // the folder of the four files (made 0700 when missing)
  std::string host_name;           // for the CA's name
  std::vector<std::string> names;  // the server certificate's SANs: IP addresses and DNS names
  std::time_t now = std::time(nullptr);
};

struct LocalCa {
  std::string ca_cert_pem;
  std::string server_chain_pem;  // the server certificate, then the CA's
  std::string server_key_pem;
  std::string ca_fingerprint;      // SHA-256 of the CA certificate, "AB:12:…" (as phones and browsers show it)
  std::vector<std::string> names;  // the server certificate's SANs, as asked for
  bool ca_created = false;         // this call made a new CA
  bool server_issued = false;      // this call made a new server certificate
};

// Loads the CA and the server certificate from request.dir, making or re-making what is missing, stale or does not
// match (see above). The error is one line naming the file and what is wrong.
tl::expected<LocalCa, std::string> ensure_local_ca(const LocalCaRequest& request);

// <$XDG_DATA_HOME or ~/.local/share>/smr-coach/tls (the journal's default folder, store::default_store_url).
std::filesystem::path default_local_ca_dir();

// This machine's addresses (getifaddrs; IPv4 and IPv6, without link-local ones, which a browser cannot use in a
// URL without a zone), sorted and without duplicates.
std::vector<std::string> machine_addresses();

// The host name (gethostname), "" when unknown.
std::string machine_host_name();

// What the server certificate names by default: `addresses`, the host name and "<host>.local" (when the host name
// has no dot), localhost, 127.0.0.1 and ::1; without duplicates.
std::vector<std::string> local_ca_names(const std::string& host_name, const std::vector<std::string>& addresses);

// The SHA-256 fingerprint of the first certificate in `pem`, "AB:12:…"; "" when `pem` holds none.
std::string certificate_fingerprint(const std::string& pem);

}  // namespace smr::http
