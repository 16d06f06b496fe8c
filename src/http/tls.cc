#include "http/tls.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "http/ossl_util.h"

namespace smr::http {

namespace {

// "2026-01-02 10:00:00 UTC".
std::string time_text(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "an unreadable date";
  char text[40];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

}  // namespace

tl::expected<void, TlsConfigError> check_tls_config(const TlsConfig& config, std::time_t now) {
  using Part = TlsConfigError::Part;
  const auto cert = detail::read_cert(config.cert_chain_pem);
  if (!cert) {
    ERR_clear_error();
    return tl::unexpected(TlsConfigError{
        Part::kCert, "no certificate found; expected a PEM file starting with -----BEGIN CERTIFICATE-----"});
  }
  if (X509_cmp_time(X509_get0_notBefore(cert.get()), &now) > 0) {
    return tl::unexpected(TlsConfigError{
        Part::kCert, "the certificate is not valid before " + time_text(X509_get0_notBefore(cert.get()))});
  }
  if (X509_cmp_time(X509_get0_notAfter(cert.get()), &now) < 0) {
    return tl::unexpected(TlsConfigError{Part::kCert, "the certificate expired on " +
                                                          time_text(X509_get0_notAfter(cert.get())) +
                                                          "; renew it or leave out --tls-cert/--tls-key to use the "
                                                          "local certificate authority"});
  }
  const auto key = detail::read_key(config.key_pem);
  if (!key) {
    ERR_clear_error();
    return tl::unexpected(TlsConfigError{Part::kKey,
                                         "no private key found; expected an unencrypted PEM key (-----BEGIN PRIVATE "
                                         "KEY-----, or an EC or RSA PRIVATE KEY)"});
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return tl::unexpected(TlsConfigError{
        Part::kKey, "the key is not the certificate's (it does not match the certificate's public key)"});
  }
  return {};
}

tl::expected<std::string, std::string> read_pem_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return tl::unexpected("cannot read " + path + ": " + std::strerror(errno));
  return text.str();
}

}  // namespace smr::http
