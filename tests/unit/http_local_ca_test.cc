// The local certificate authority (http/local_ca.h) and the TLS file checks (http/tls.h): the certificates verify
// as a browser would check them (X509_verify_cert with the CA in a store, serverAuth, every asked-for name),
// their validity fits the platform limits, the files are private, and they are reused or re-made as they should.

#include "http/local_ca.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "http/tls.h"

namespace smr::http {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr std::time_t kDay = 24 * 60 * 60;

struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
  void operator()(X509_STORE* p) const { X509_STORE_free(p); }
  void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};

std::unique_ptr<X509, X509Free> cert_of(const std::string& pem) {
  std::unique_ptr<BIO, X509Free> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return std::unique_ptr<X509, X509Free>(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// X509_verify_cert of the chain's first certificate against a store holding only the CA, for a TLS server, at
// `now`: 0 (X509_V_OK) when a browser trusting the CA would accept it.
int verify(const LocalCa& ca, std::time_t now) {
  auto root = cert_of(ca.ca_cert_pem);
  auto leaf = cert_of(ca.server_chain_pem);
  std::unique_ptr<X509_STORE, X509Free> store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), root.get());
  std::unique_ptr<X509_STORE_CTX, X509Free> ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), nullptr);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
  X509_STORE_CTX_set_time(ctx.get(), 0, now);
  const int ok = X509_verify_cert(ctx.get());
  const int error = X509_STORE_CTX_get_error(ctx.get());
  ERR_clear_error();
  return ok == 1 ? X509_V_OK : (error == X509_V_OK ? -1 : error);
}

// Whether the server certificate is good for `name` (an IP address or a DNS name), as TLS clients check it.
bool names(const LocalCa& ca, const std::string& name) {
  auto leaf = cert_of(ca.server_chain_pem);
  const bool ip = name.find_first_not_of("0123456789.") == std::string::npos || name.find(':') != std::string::npos;
  return ip ? X509_check_ip_asc(leaf.get(), name.c_str(), 0) == 1
            : X509_check_host(leaf.get(), name.c_str(), name.size(), 0, nullptr) == 1;
}

std::time_t not_before(const std::string& pem) {
  auto c = cert_of(pem);
  std::tm tm{};
  ASN1_TIME_to_tm(X509_get0_notBefore(c.get()), &tm);
  return timegm(&tm);
}
std::time_t not_after(const std::string& pem) {
  auto c = cert_of(pem);
  std::tm tm{};
  ASN1_TIME_to_tm(X509_get0_notAfter(c.get()), &tm);
  return timegm(&tm);
}

class LocalCaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr_local_ca_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  LocalCaRequest request(std::vector<std::string> addresses, std::time_t now = std::time(nullptr)) const {
    LocalCaRequest r;
    r.dir = dir_ / "tls";
    r.host_name = "rollerbox";
    r.names = local_ca_names(r.host_name, addresses);
    r.now = now;
    return r;
  }

  fs::path dir_;
};

TEST_F(LocalCaTest, TheServerCertificateVerifiesAgainstTheCaForEveryNameAskedFor) {
  const auto made = ensure_local_ca(request({"192.168.1.20", "10.213.21.1", "2001:db8::7"}));
  ASSERT_TRUE(made) << made.error();
  EXPECT_TRUE(made->ca_created);
  EXPECT_TRUE(made->server_issued);
  EXPECT_EQ(verify(*made, std::time(nullptr)), X509_V_OK);
  for (const auto& name : made->names) EXPECT_TRUE(names(*made, name)) << name;
  for (const std::string name : {"localhost", "rollerbox", "rollerbox.local", "127.0.0.1", "::1", "192.168.1.20",
                                 "10.213.21.1", "2001:db8::7"}) {
    EXPECT_TRUE(names(*made, name)) << name;
  }
  for (const std::string other : {"192.168.1.21", "evil.example", "rollerbox.evil.example", "2001:db8::8"}) {
    EXPECT_FALSE(names(*made, other)) << other;
  }
}

TEST_F(LocalCaTest, AnyAddressSetIsNamedAndNothingElse) {
  std::mt19937 gen(12);
  for (int round = 0; round < 8; ++round) {
    fs::remove_all(dir_);
    std::vector<std::string> addresses;
    const int n = 1 + static_cast<int>(gen() % 5);
    for (int i = 0; i < n; ++i) {
      addresses.push_back("10." + std::to_string(gen() % 256) + "." + std::to_string(gen() % 256) + "." +
                          std::to_string(1 + gen() % 254));
    }
    const auto made = ensure_local_ca(request(addresses));
    ASSERT_TRUE(made) << made.error();
    EXPECT_EQ(verify(*made, std::time(nullptr)), X509_V_OK);
    for (const auto& a : addresses) EXPECT_TRUE(names(*made, a)) << a;
    // An address in none of the sets (10.x.y.0 is never drawn).
    EXPECT_FALSE(names(*made, "10." + std::to_string(gen() % 256) + ".0.0"));
  }
}

TEST_F(LocalCaTest, TheCaIsACaAndTheServerCertificateIsNot) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  auto ca = cert_of(made->ca_cert_pem);
  auto leaf = cert_of(made->server_chain_pem);
  EXPECT_EQ(X509_check_ca(ca.get()), 1);
  EXPECT_TRUE(X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN);
  EXPECT_EQ(X509_check_ca(leaf.get()), 0);
  EXPECT_TRUE(X509_get_extended_key_usage(leaf.get()) & XKU_SSL_SERVER);
  char cn[256] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(ca.get()), NID_commonName, cn, sizeof cn);
  EXPECT_STREQ(cn, "SMR Coach local CA rollerbox");
  EXPECT_EQ(EVP_PKEY_get_base_id(X509_get0_pubkey(ca.get())), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(X509_get0_pubkey(leaf.get())), 256);
}

TEST_F(LocalCaTest, ValidityFitsThePlatformLimits) {
  const std::time_t now = std::time(nullptr);
  const auto made = ensure_local_ca(request({"192.168.1.20"}, now));
  ASSERT_TRUE(made) << made.error();
  // iOS and Chrome refuse a server certificate valid for more than 398 days.
  const auto leaf_days = (not_after(made->server_chain_pem) - not_before(made->server_chain_pem)) / kDay;
  EXPECT_LE(leaf_days, 398);
  EXPECT_GE(not_after(made->server_chain_pem) - now, 396 * kDay);
  EXPECT_LE(not_before(made->server_chain_pem), now);
  EXPECT_GE(not_after(made->ca_cert_pem) - now, 9 * 365 * kDay);
  // Valid now and until the end, not after.
  EXPECT_EQ(verify(*made, now + 396 * kDay), X509_V_OK);
  EXPECT_EQ(verify(*made, now + 398 * kDay), X509_V_ERR_CERT_HAS_EXPIRED);
}

TEST_F(LocalCaTest, FilesArePrivate) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "tls").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700U);
  for (const auto* file : {"ca.key", "ca.crt", "server.key", "server.crt"}) {
    ASSERT_EQ(::stat((dir_ / "tls" / file).c_str(), &st), 0) << file;
    EXPECT_EQ(st.st_mode & 0777, 0600U) << file;
  }
}

TEST_F(LocalCaTest, ASecondRunReusesBoth) {
  const auto first = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(first) << first.error();
  const auto second = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(second) << second.error();
  EXPECT_FALSE(second->ca_created);
  EXPECT_FALSE(second->server_issued);
  EXPECT_EQ(second->ca_cert_pem, first->ca_cert_pem);
  EXPECT_EQ(second->server_chain_pem, first->server_chain_pem);
  EXPECT_EQ(second->server_key_pem, first->server_key_pem);
  EXPECT_EQ(second->ca_fingerprint, first->ca_fingerprint);
}

TEST_F(LocalCaTest, ChangedAddressesReissueTheServerCertificateUnderTheSameCa) {
  const auto first = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(first) << first.error();
  const auto moved = ensure_local_ca(request({"192.168.7.3"}));
  ASSERT_TRUE(moved) << moved.error();
  EXPECT_FALSE(moved->ca_created);
  EXPECT_TRUE(moved->server_issued);
  EXPECT_EQ(moved->ca_fingerprint, first->ca_fingerprint);
  EXPECT_NE(moved->server_key_pem, first->server_key_pem);
  EXPECT_EQ(verify(*moved, std::time(nullptr)), X509_V_OK);
  EXPECT_TRUE(names(*moved, "192.168.7.3"));
  EXPECT_FALSE(names(*moved, "192.168.1.20"));
}

TEST_F(LocalCaTest, ACertificateNearItsEndIsReissued) {
  const std::time_t now = std::time(nullptr);
  const auto first = ensure_local_ca(request({"192.168.1.20"}, now));
  ASSERT_TRUE(first) << first.error();
  // Still more than 30 days left: kept.
  const auto later = ensure_local_ca(request({"192.168.1.20"}, now + 360 * kDay));
  ASSERT_TRUE(later) << later.error();
  EXPECT_FALSE(later->server_issued);
  // Fewer than 30 days left: a new one, from the same CA, valid at that time.
  const auto renewed = ensure_local_ca(request({"192.168.1.20"}, now + 370 * kDay));
  ASSERT_TRUE(renewed) << renewed.error();
  EXPECT_TRUE(renewed->server_issued);
  EXPECT_FALSE(renewed->ca_created);
  EXPECT_EQ(verify(*renewed, now + 370 * kDay + 300 * kDay), X509_V_OK);
}

TEST_F(LocalCaTest, ADamagedCaIsMadeAgainWithANewServerCertificate) {
  const auto first = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(first) << first.error();
  { std::ofstream(dir_ / "tls" / "ca.key") << "not a key"; }
  const auto again = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(again) << again.error();
  EXPECT_TRUE(again->ca_created);
  EXPECT_TRUE(again->server_issued);
  EXPECT_NE(again->ca_fingerprint, first->ca_fingerprint);
  EXPECT_EQ(verify(*again, std::time(nullptr)), X509_V_OK);
}

TEST_F(LocalCaTest, TheFingerprintIsTheSha256OfTheCaInColonHex) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  EXPECT_THAT(made->ca_fingerprint, MatchesRegex("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
  EXPECT_EQ(certificate_fingerprint(made->ca_cert_pem), made->ca_fingerprint);
  EXPECT_NE(certificate_fingerprint(made->server_chain_pem), made->ca_fingerprint);
  EXPECT_EQ(certificate_fingerprint("no certificate"), "");
}

TEST_F(LocalCaTest, AnUnwritableFolderIsNamedInTheError) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  LocalCaRequest r = request({"192.168.1.20"});
  r.dir = dir_ / "file" / "tls";
  const auto made = ensure_local_ca(r);
  ASSERT_FALSE(made);
  EXPECT_THAT(made.error(), HasSubstr((dir_ / "file" / "tls").string()));
}

TEST(LocalCaNames, LoopbackHostNameAndAddressesOnceEach) {
  const auto n = local_ca_names("rollerbox", {"192.168.1.20", "127.0.0.1", "2001:DB8:0:0::7"});
  EXPECT_THAT(n, ::testing::UnorderedElementsAre("localhost", "rollerbox", "rollerbox.local", "127.0.0.1", "::1",
                                                 "192.168.1.20", "2001:db8::7"));
  // A fully qualified host name gets no ".local" twin.
  EXPECT_THAT(local_ca_names("box.example.org", {}), ::testing::Not(::testing::Contains(HasSubstr(".local"))));
}

TEST(LocalCaNames, MachineAddressesHaveNoLinkLocalOnes) {
  for (const auto& a : machine_addresses()) {
    EXPECT_FALSE(a.starts_with("169.254.")) << a;
    EXPECT_FALSE(a.starts_with("fe8") || a.starts_with("fe9") || a.starts_with("fea") || a.starts_with("feb")) << a;
  }
}

// ---- check_tls_config ----------------------------------------------------------------------------------------

class TlsConfigTest : public LocalCaTest {};

TEST_F(TlsConfigTest, ACertificateAndItsKeyPass) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  EXPECT_TRUE(check_tls_config({made->server_chain_pem, made->server_key_pem}));
}

TEST_F(TlsConfigTest, AnotherKeyIsRefusedNamingTheKey) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  const auto other_key = *read_pem_file((dir_ / "tls" / "ca.key").string());
  const auto checked = check_tls_config({made->server_chain_pem, other_key});
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().part, TlsConfigError::Part::kKey);
  EXPECT_THAT(checked.error().message, HasSubstr("not the certificate's"));
}

TEST_F(TlsConfigTest, AnExpiredOrNotYetValidCertificateIsRefusedWithItsDate) {
  const std::time_t now = std::time(nullptr);
  const auto made = ensure_local_ca(request({"192.168.1.20"}, now));
  ASSERT_TRUE(made) << made.error();
  const auto expired = check_tls_config({made->server_chain_pem, made->server_key_pem}, now + 400 * kDay);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().part, TlsConfigError::Part::kCert);
  EXPECT_THAT(expired.error().message, MatchesRegex("the certificate expired on [0-9]{4}-[0-9]{2}-[0-9]{2} .* UTC.*"));
  const auto early = check_tls_config({made->server_chain_pem, made->server_key_pem}, now - 2 * kDay);
  ASSERT_FALSE(early);
  EXPECT_THAT(early.error().message, HasSubstr("not valid before"));
}

TEST_F(TlsConfigTest, SomethingElseIsRefusedSayingWhatWasExpected) {
  const auto made = ensure_local_ca(request({"192.168.1.20"}));
  ASSERT_TRUE(made) << made.error();
  const auto no_cert = check_tls_config({made->server_key_pem, made->server_key_pem});
  ASSERT_FALSE(no_cert);
  EXPECT_EQ(no_cert.error().part, TlsConfigError::Part::kCert);
  EXPECT_THAT(no_cert.error().message, HasSubstr("BEGIN CERTIFICATE"));
  const auto no_key = check_tls_config({made->server_chain_pem, made->server_chain_pem});
  ASSERT_FALSE(no_key);
  EXPECT_EQ(no_key.error().part, TlsConfigError::Part::kKey);
  EXPECT_THAT(no_key.error().message, HasSubstr("PRIVATE KEY"));
  const auto missing = read_pem_file((dir_ / "nothing.pem").string());
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error(), HasSubstr("nothing.pem"));
  EXPECT_THAT(missing.error(), HasSubstr("No such file"));
}

}  // namespace
}  // namespace smr::http
