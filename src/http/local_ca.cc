#include "http/local_ca.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/rand.h>

#include "http/ossl_util.h"

namespace smr::http {

namespace fs = std::filesystem;
using detail::BioPtr;
using detail::KeyPtr;
using detail::ossl_error;
using detail::X509Ptr;

namespace {

constexpr std::time_t kDay = 24 * 60 * 60;

bool is_ip(const std::string& name) {
  in6_addr a6{};
  in_addr a4{};
  return ::inet_pton(AF_INET, name.c_str(), &a4) == 1 || ::inet_pton(AF_INET6, name.c_str(), &a6) == 1;
}

// The canonical text of an IP address (IPv6 compressed, lower case), so that SANs compare equal.
std::string canonical_ip(const unsigned char* bytes, int length) {
  char text[INET6_ADDRSTRLEN] = {};
  if (length == 4) {
    ::inet_ntop(AF_INET, bytes, text, sizeof text);
  } else if (length == 16) {
    ::inet_ntop(AF_INET6, bytes, text, sizeof text);
  }
  return text;
}

std::string canonical_name(const std::string& name) {
  unsigned char bytes[16];
  if (::inet_pton(AF_INET, name.c_str(), bytes) == 1) return canonical_ip(bytes, 4);
  if (::inet_pton(AF_INET6, name.c_str(), bytes) == 1) return canonical_ip(bytes, 16);
  std::string out = name;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string pem_of(const X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

tl::expected<std::string, std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(path.string() + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `text` to `path` with mode 0600 (a temporary file renamed over it, so a reader never sees half a key).
tl::expected<void, std::string> write_private(const fs::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return tl::unexpected("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = ::fchmod(fd, 0600) == 0;
  std::size_t done = 0;
  while (ok && done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  ok = ::fsync(fd) == 0 && ok;
  const int saved = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(ok ? errno : saved);
    ::unlink(tmp.c_str());
    return tl::unexpected("cannot write " + path.string() + ": " + why);
  }
  return {};
}

KeyPtr new_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  return key;
}

bool add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, detail::OsslFree> ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str()));
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool set_serial(X509* cert) {
  std::unique_ptr<BIGNUM, detail::OsslFree> bn(BN_new());
  if (!bn || BN_rand(bn.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1) return false;
  return BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr;
}

// A certificate for `subject_cn` and `key`, valid from an hour before `now` for `days`, issued by `issuer`
// (itself when null); not yet signed.
X509Ptr make_cert(const std::string& subject_cn, EVP_PKEY* key, X509* issuer, std::time_t now, int days) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1 || !set_serial(cert.get())) return nullptr;
  if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), now - 3600) ||
      !ASN1_TIME_set(X509_getm_notAfter(cert.get()), now + days * kDay)) {
    return nullptr;
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("SMR Coach"), -1, -1, 0);
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(subject_cn.c_str()),
                                 -1, -1, 0) != 1) {
    return nullptr;
  }
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  if (X509_set_pubkey(cert.get(), key) != 1) return nullptr;
  X509* issuer_cert = issuer ? issuer : cert.get();
  if (!add_ext(cert.get(), issuer_cert, NID_subject_key_identifier, "hash") ||
      !add_ext(cert.get(), issuer_cert, NID_authority_key_identifier, "keyid:always")) {
    return nullptr;
  }
  return cert;
}

X509Ptr make_ca(EVP_PKEY* key, const std::string& host_name, std::time_t now) {
  auto cert = make_cert("SMR Coach local CA " + (host_name.empty() ? std::string("this machine") : host_name), key,
                        nullptr, now, kCaCertDays);
  if (!cert || !add_ext(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
      !add_ext(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign") ||
      X509_sign(cert.get(), key, EVP_sha256()) <= 0) {
    return nullptr;
  }
  return cert;
}

X509Ptr make_server(EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key, const std::vector<std::string>& names, std::time_t now) {
  const std::string cn = names.empty() ? std::string("localhost") : names.front();
  auto cert = make_cert(cn, key, ca, now, kServerCertDays);
  std::string san;
  for (const auto& n : names) {
    if (!san.empty()) san += ",";
    san += (is_ip(n) ? "IP:" : "DNS:") + n;
  }
  if (!cert || !add_ext(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE") ||
      !add_ext(cert.get(), ca, NID_key_usage, "critical,digitalSignature") ||
      !add_ext(cert.get(), ca, NID_ext_key_usage, "serverAuth") ||
      (!san.empty() && !add_ext(cert.get(), ca, NID_subject_alt_name, san)) ||
      X509_sign(cert.get(), ca_key, EVP_sha256()) <= 0) {
    return nullptr;
  }
  return cert;
}

// The certificate's SANs (IP addresses and DNS names), canonical, as a set.
std::set<std::string> sans_of(X509* cert) {
  std::set<std::string> out;
  std::unique_ptr<GENERAL_NAMES, detail::OsslFree> names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* g = sk_GENERAL_NAME_value(names.get(), i);
    if (g->type == GEN_DNS) {
      const auto* s = g->d.dNSName;
      out.insert(canonical_name(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                            static_cast<std::size_t>(ASN1_STRING_length(s)))));
    } else if (g->type == GEN_IPADD) {
      const auto* s = g->d.iPAddress;
      out.insert(canonical_ip(ASN1_STRING_get0_data(s), ASN1_STRING_length(s)));
    }
  }
  return out;
}

// Whether the stored server certificate can be served again: signed by `ca`, its key, valid for more than
// kRenewBeforeDays from `now`, and naming exactly `wanted`.
bool server_reusable(X509* server, EVP_PKEY* server_key, X509* ca, const std::set<std::string>& wanted,
                     std::time_t now) {
  EVP_PKEY* ca_pub = X509_get0_pubkey(ca);
  if (!ca_pub || X509_verify(server, ca_pub) != 1 || X509_check_private_key(server, server_key) != 1) {
    ERR_clear_error();
    return false;
  }
  std::time_t renew_at = now + kRenewBeforeDays * kDay;
  if (X509_cmp_time(X509_get0_notAfter(server), &renew_at) < 0) return false;
  if (X509_cmp_time(X509_get0_notBefore(server), &now) > 0) return false;
  return sans_of(server) == wanted;
}

}  // namespace

std::string certificate_fingerprint(const std::string& pem) {
  const auto cert = detail::read_cert(pem);
  if (!cert) {
    ERR_clear_error();
    return {};
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (X509_digest(cert.get(), EVP_sha256(), md, &n) != 1) return {};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    if (i > 0) out += ':';
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xF];
  }
  return out;
}

tl::expected<LocalCa, std::string> ensure_local_ca(const LocalCaRequest& request) {
  const auto& dir = request.dir;
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return tl::unexpected("cannot make the folder " + dir.string() + ": " + ec.message());
  }
  if (::chmod(dir.c_str(), 0700) != 0) {
    return tl::unexpected("cannot make " + dir.string() + " private (mode 0700): " + std::strerror(errno));
  }
  const auto ca_key_path = dir / "ca.key";
  const auto ca_cert_path = dir / "ca.crt";
  const auto server_key_path = dir / "server.key";
  const auto server_cert_path = dir / "server.crt";

  LocalCa out;
  std::set<std::string> wanted;
  for (const auto& n : request.names) {
    const auto c = canonical_name(n);
    if (wanted.insert(c).second) out.names.push_back(c);
  }

  // The CA: reused when both files read and belong together.
  KeyPtr ca_key;
  X509Ptr ca;
  if (fs::exists(ca_key_path, ec) && fs::exists(ca_cert_path, ec)) {
    auto key_pem = read_file(ca_key_path);
    auto cert_pem = read_file(ca_cert_path);
    if (key_pem && cert_pem) {
      ca_key = detail::read_key(*key_pem);
      ca = detail::read_cert(*cert_pem);
      if (!ca_key || !ca || X509_check_private_key(ca.get(), ca_key.get()) != 1) {
        ca_key.reset();
        ca.reset();
      }
      ERR_clear_error();
    }
  }
  if (!ca) {
    ca_key = new_key();
    if (!ca_key) return tl::unexpected("cannot make the CA key: " + ossl_error("EC key generation failed"));
    ca = make_ca(ca_key.get(), request.host_name, request.now);
    if (!ca) return tl::unexpected("cannot make the CA certificate: " + ossl_error("unknown OpenSSL error"));
    if (auto w = write_private(ca_key_path, pem_of(ca_key.get())); !w) return tl::unexpected(w.error());
    if (auto w = write_private(ca_cert_path, pem_of(ca.get())); !w) return tl::unexpected(w.error());
    out.ca_created = true;
  }

  // The server certificate.
  KeyPtr server_key;
  X509Ptr server;
  if (!out.ca_created && fs::exists(server_key_path, ec) && fs::exists(server_cert_path, ec)) {
    auto key_pem = read_file(server_key_path);
    auto cert_pem = read_file(server_cert_path);
    if (key_pem && cert_pem) {
      server_key = detail::read_key(*key_pem);
      server = detail::read_cert(*cert_pem);
      ERR_clear_error();
      if (!server_key || !server || !server_reusable(server.get(), server_key.get(), ca.get(), wanted, request.now)) {
        server_key.reset();
        server.reset();
      }
    }
  }
  if (!server) {
    server_key = new_key();
    if (!server_key) return tl::unexpected("cannot make the server key: " + ossl_error("EC key generation failed"));
    server = make_server(server_key.get(), ca.get(), ca_key.get(), out.names, request.now);
    if (!server) return tl::unexpected("cannot make the server certificate: " + ossl_error("unknown OpenSSL error"));
    if (auto w = write_private(server_key_path, pem_of(server_key.get())); !w) return tl::unexpected(w.error());
    if (auto w = write_private(server_cert_path, pem_of(server.get())); !w) return tl::unexpected(w.error());
    out.server_issued = true;
  }
  out.ca_cert_pem = pem_of(ca.get());
  out.server_chain_pem = pem_of(server.get()) + out.ca_cert_pem;
  out.server_key_pem = pem_of(server_key.get());
  out.ca_fingerprint = certificate_fingerprint(out.ca_cert_pem);
  return out;
}

fs::path default_local_ca_dir() {
  fs::path dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".local/share";
  } else {
    dir = ".";
  }
  return dir / "smr-coach" / "tls";
}

std::vector<std::string> machine_addresses() {
  std::set<std::string> out;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return {};
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr) continue;
    if (a->ifa_addr->sa_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
      const auto* b = reinterpret_cast<const unsigned char*>(&in->sin_addr);
      if (b[0] == 169 && b[1] == 254) continue;  // link-local
      out.insert(canonical_ip(b, 4));
    } else if (a->ifa_addr->sa_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ifa_addr);
      if (IN6_IS_ADDR_LINKLOCAL(&in6->sin6_addr)) continue;
      out.insert(canonical_ip(reinterpret_cast<const unsigned char*>(&in6->sin6_addr), 16));
    }
  }
  ::freeifaddrs(list);
  return {out.begin(), out.end()};
}

std::string machine_host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

std::vector<std::string> local_ca_names(const std::string& host_name, const std::vector<std::string>& addresses) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& n) {
    const auto c = canonical_name(n);
    if (!c.empty() && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  add("localhost");
  if (!host_name.empty()) {
    add(host_name);
    if (host_name.find('.') == std::string::npos) add(host_name + ".local");
  }
  add("127.0.0.1");
  add("::1");
  for (const auto& a : addresses) add(a);
  return out;
}

}  // namespace smr::http
