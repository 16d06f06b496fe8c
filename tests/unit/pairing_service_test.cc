// service/pairing_service.h on the in-memory store and on a real SQLite file: codes, single use, expiry,
// hashing (what is stored is never the code or the credential), throttling of wrong codes, authentication.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>

#include "service/pairing_service.h"
#include "service/qr_code.h"
#include "store/memory/memory_store.h"
#include "store/store.h"

namespace smr::service {
namespace {

namespace fs = std::filesystem;
using Code = Error::Code;

constexpr core::UnixMillis kNow = 1'800'000'000'000;

struct MemoryBackend {
  static std::unique_ptr<store::Store> make(const fs::path&) { return std::make_unique<store::MemoryStore>(); }
  static constexpr bool kFile = false;
};

struct SqliteBackend {
  static std::unique_ptr<store::Store> make(const fs::path& file) {
    auto s = store::open_store("sqlite:" + file.string());
    if (!s) ADD_FAILURE() << s.error().message;
    return s ? std::move(*s) : nullptr;
  }
  static constexpr bool kFile = true;
};

template <typename Backend>
class PairingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr-pairing-" + store::new_uid());
    fs::create_directories(dir_);
    store_ = Backend::make(dir_ / "journal.db");
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  store::Store& store() { return *store_; }
  std::string new_code(core::UnixMillis now = kNow) {
    auto c = new_pairing_code(*store_, now);
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    return c ? c->code : "";
  }
  Result<Pairing> redeem(const std::string& code, core::UnixMillis now = kNow, const std::string& peer = "10.0.0.2") {
    return redeem_pairing_code(*store_, throttle_, peer, code, "Phone", now);
  }
  // The journal's bytes (the file and its write-ahead log), for the SQLite backend.
  std::string file_bytes() {
    std::string out;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      std::ifstream in(entry.path(), std::ios::binary);
      out.append(std::istreambuf_iterator<char>(in), {});
    }
    return out;
  }

  PairingThrottle throttle_;

 private:
  fs::path dir_;
  std::unique_ptr<store::Store> store_;
};

using Backends = ::testing::Types<MemoryBackend, SqliteBackend>;
class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return T::kFile ? "Sqlite" : "Memory";
  }
};
TYPED_TEST_SUITE(PairingServiceTest, Backends, BackendNames);

TYPED_TEST(PairingServiceTest, CodesAreEightCharactersOfTheAlphabetExpiringInTenMinutesAndAllDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto c = new_pairing_code(this->store(), kNow + i);
    ASSERT_TRUE(c);
    ASSERT_EQ(c->code.size(), 9U) << c->code;
    EXPECT_EQ(c->code[4], '-') << c->code;
    const auto bare = normalise_pairing_code(c->code);
    EXPECT_EQ(bare.find_first_not_of(kPairingAlphabet), std::string::npos) << c->code;
    EXPECT_EQ(c->expires_ms, kNow + i + 10 * 60 * 1000);
    EXPECT_TRUE(seen.insert(bare).second) << "the code " << c->code << " came twice";
  }
  // 32 symbols: every one of them shows up in 1600 random characters.
  std::set<char> symbols;
  for (const auto& code : seen) symbols.insert(code.begin(), code.end());
  EXPECT_EQ(symbols.size(), kPairingAlphabet.size());
}

TYPED_TEST(PairingServiceTest, ACodeWorksOnceAndGivesAFreshCredential) {
  const auto code = this->new_code();
  const auto first = this->redeem(code, kNow + 1000);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->credential.size(), 64U);
  EXPECT_EQ(first->device.name, "Phone");
  EXPECT_EQ(first->device.created_ms, kNow + 1000);
  const auto again = this->redeem(code, kNow + 2000);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kCodeUsed);
  EXPECT_EQ(again.error().field, "code");
  EXPECT_EQ(this->store().paired_devices()->size(), 1U);
  // Two codes give two devices with different credentials.
  const auto second = this->redeem(this->new_code(), kNow + 3000);
  ASSERT_TRUE(second);
  EXPECT_NE(second->credential, first->credential);
  EXPECT_NE(second->device.id, first->device.id);
}

TYPED_TEST(PairingServiceTest, ACodeExpiresTenMinutesAfterItWasMade) {
  const auto late = this->new_code();
  const auto in_time = this->new_code();
  const auto expired = this->redeem(late, kNow + kPairingCodeLifetimeMs);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kCodeExpired);
  EXPECT_EQ(expired.error().message,
            "code: this pairing code has expired (codes last 10 minutes); on the computer running SMR Coach, run smr "
            "pair (or open Settings there) for a new one");
  EXPECT_TRUE(this->redeem(in_time, kNow + kPairingCodeLifetimeMs - 1, "10.0.0.3"));
}

TYPED_TEST(PairingServiceTest, CaseSpacesAndDashesDoNotMatter) {
  auto code = this->new_code();
  std::string typed;
  for (char c : code) {
    if (c == '-') continue;
    typed += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    typed += ' ';
  }
  EXPECT_TRUE(this->redeem(typed));
}

TYPED_TEST(PairingServiceTest, UnknownAndMalformedCodesAreRefusedNamingTheField) {
  const auto unknown = this->redeem("ABCD-EFGH");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
  EXPECT_EQ(unknown.error().field, "code");
  for (const std::string bad : {"", "ABC", "ABCD-EFG0", "ABCDEFGHJ", "ABCD-EFGI"}) {
    const auto r = this->redeem(bad, kNow, "10.9.9." + std::to_string(bad.size()));
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Code::kInvalid) << bad;
    EXPECT_EQ(r.error().field, "code") << bad;
  }
  const auto no_name = redeem_pairing_code(this->store(), this->throttle_, "10.0.0.9", this->new_code(), "  ", kNow);
  ASSERT_FALSE(no_name);
  EXPECT_EQ(no_name.error().field, "name");
}

TYPED_TEST(PairingServiceTest, OnlyHashesAreStored) {
  const auto code = this->new_code();
  const auto bare = normalise_pairing_code(code);
  EXPECT_TRUE(*this->store().pairing_code(sha256_hex(bare))) << "the code is not stored under its SHA-256";
  EXPECT_FALSE(*this->store().pairing_code(bare)) << "the code itself is a key";
  const auto pairing = this->redeem(code);
  ASSERT_TRUE(pairing);
  const auto devices = *this->store().paired_devices();
  ASSERT_EQ(devices.size(), 1U);
  EXPECT_NE(devices[0].credential_hash, pairing->credential);
  EXPECT_EQ(devices[0].credential_hash, sha256_hex(pairing->credential));
  if constexpr (TypeParam::kFile) {
    const auto bytes = this->file_bytes();
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(bytes.find(pairing->credential), std::string::npos) << "the credential is in the journal file";
    EXPECT_EQ(bytes.find(bare), std::string::npos) << "the code is in the journal file";
    EXPECT_NE(bytes.find(sha256_hex(pairing->credential)), std::string::npos) << "the journal file has no hash";
  }
}

TYPED_TEST(PairingServiceTest, WrongCodesAreThrottledPerAddressForAMinute) {
  const auto good = this->new_code();
  for (std::size_t i = 0; i < kMaxFailedRedeemsPerMinute; ++i) {
    const auto r = this->redeem("ABCD-EFGH", kNow + static_cast<core::UnixMillis>(i), "10.0.0.66");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Code::kNotFound);
  }
  // Now even the right code is refused from that address, without being used up...
  const auto blocked = this->redeem(good, kNow + 10, "10.0.0.66");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().code, Code::kTooManyAttempts);
  EXPECT_FALSE((*this->store().pairing_code(sha256_hex(normalise_pairing_code(good))))->used_ms);
  // ...another address is not affected, and the blocked one may try again a minute after its first failure.
  EXPECT_TRUE(this->redeem(this->new_code(), kNow + 20, "10.0.0.67"));
  EXPECT_FALSE(this->redeem(good, kNow + 59'999, "10.0.0.66"));
  EXPECT_TRUE(this->redeem(good, kNow + 60'004, "10.0.0.66"));
}

TYPED_TEST(PairingServiceTest, TheCredentialAuthenticatesUntilTheDeviceIsRevoked) {
  const auto pairing = this->redeem(this->new_code());
  ASSERT_TRUE(pairing);
  const auto device = authenticate_device(this->store(), pairing->credential, kNow + 5'000);
  ASSERT_TRUE(device);
  EXPECT_EQ(device->id, pairing->device.id);
  for (const std::string& wrong : {std::string(), std::string(64, '0'), pairing->credential.substr(1),
                                   sha256_hex(pairing->credential), pairing->credential + "0"}) {
    const auto r = authenticate_device(this->store(), wrong, kNow);
    ASSERT_FALSE(r) << wrong;
    EXPECT_EQ(r.error().code, Code::kUnpaired) << wrong;
  }
  const auto revoked = revoke_device(this->store(), pairing->device.id, kNow + 6'000);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->revoked_ms, std::optional<core::UnixMillis>(kNow + 6'000));
  const auto after = authenticate_device(this->store(), pairing->credential, kNow + 7'000);
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, Code::kUnpaired);
  const auto unknown = revoke_device(this->store(), "nope", kNow);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
  EXPECT_EQ(unknown.error().field, "id");
}

TYPED_TEST(PairingServiceTest, LastUseIsWrittenAtMostOnceAMinute) {
  const auto pairing = this->redeem(this->new_code());
  ASSERT_TRUE(pairing);
  const auto last_used = [&] { return this->store().paired_devices()->front().last_used_ms; };
  EXPECT_EQ(last_used(), std::optional<core::UnixMillis>(kNow));
  for (core::UnixMillis t = 1'000; t < 60'000; t += 7'000) {
    ASSERT_TRUE(authenticate_device(this->store(), pairing->credential, kNow + t));
    EXPECT_EQ(last_used(), std::optional<core::UnixMillis>(kNow)) << t;
  }
  ASSERT_TRUE(authenticate_device(this->store(), pairing->credential, kNow + 60'000));
  EXPECT_EQ(last_used(), std::optional<core::UnixMillis>(kNow + 60'000));
}

TEST(PairingThrottleTest, IPv6AddressesOfOnePrefixShareTheirCount) {
  EXPECT_EQ(throttle_key("2001:db8:1:2:aaaa::1"), throttle_key("2001:db8:1:2:bbbb::9"));
  EXPECT_NE(throttle_key("2001:db8:1:2::1"), throttle_key("2001:db8:1:3::1"));
  EXPECT_EQ(throttle_key("192.168.1.20"), "192.168.1.20");
  EXPECT_NE(throttle_key("192.168.1.20"), throttle_key("192.168.1.21"));
}

TEST(QrCodeTest, EncodesAPairingUrlAsASquareWithFinderPatterns) {
  const auto qr = QrCode::encode("http://192.168.1.20:8080/pair?code=ABCD-EFGH");
  ASSERT_GE(qr.size(), 21);
  EXPECT_EQ((qr.size() - 17) % 4, 0) << "a QR code's side is 17 + 4 * version";
  // The three finder patterns: dark 7x7 outlines at three corners.
  for (const auto& [x0, y0] : {std::pair{0, 0}, std::pair{qr.size() - 7, 0}, std::pair{0, qr.size() - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(qr.dark(x0 + i, y0)) << x0 << "," << y0;
      EXPECT_TRUE(qr.dark(x0, y0 + i)) << x0 << "," << y0;
    }
  }
  const auto svg = qr.to_svg();
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")) << svg.substr(0, 80);
  // Terminal: (side + 4) columns per line, (side + 4 + 1) / 2 lines.
  const auto text = qr.to_terminal();
  EXPECT_EQ(static_cast<int>(std::count(text.begin(), text.end(), '\n')), (qr.size() + 4 + 1) / 2);
}

}  // namespace
}  // namespace smr::service
