#pragma once
// The paired-devices part of the Store contract (store.h: add_pairing_code ... revoke_device) as a typed test
// suite, instantiated beside StoreContractTest with the same factory:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PairingStoreContractTest, SqliteFactory);
//
// Kept apart from store_contract.h so that the two grow without touching each other.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "store/store.h"

namespace smr::store::pairing_contract {

// A 64-hex-digit hash from a small number, as a store keeps them.
inline std::string hash_of(unsigned n) {
  std::string out(64, 'a');
  for (std::size_t i = out.size(); n > 0 && i > 0; --i, n /= 16) out[i - 1] = "0123456789abcdef"[n % 16];
  return out;
}

inline PairingCode code(unsigned n, core::UnixMillis created_ms = 1'000) {
  return PairingCode{hash_of(n), created_ms, created_ms + 600'000, std::nullopt};
}

inline PairedDevice device(unsigned n, core::UnixMillis created_ms = 2'000) {
  return PairedDevice{"dev" + std::to_string(n),
                      "Phone " + std::to_string(n),
                      hash_of(1000 + n),
                      created_ms,
                      std::nullopt,
                      std::nullopt};
}

}  // namespace smr::store::pairing_contract

template <typename Factory>
class PairingStoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Factory::make();
    if (!store_) GTEST_SKIP() << "the factory gave no store (backend not available)";
  }
  void TearDown() override {
    store_.reset();
    if constexpr (requires { Factory::cleanup(); }) Factory::cleanup();
  }
  smr::store::Store& store() { return *store_; }

 private:
  std::unique_ptr<smr::store::Store> store_;
};

TYPED_TEST_SUITE_P(PairingStoreContractTest);

TYPED_TEST_P(PairingStoreContractTest, AStoredCodeReadsBackAsStored) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  for (unsigned n = 1; n <= 3; ++n) ASSERT_TRUE(s.add_pairing_code(code(n, 1'000 * n))) << n;
  for (unsigned n = 1; n <= 3; ++n) {
    const auto got = s.pairing_code(hash_of(n));
    ASSERT_TRUE(got && *got) << n;
    EXPECT_EQ((*got)->code_hash, hash_of(n));
    EXPECT_EQ((*got)->created_ms, static_cast<smr::core::UnixMillis>(1'000 * n));
    EXPECT_EQ((*got)->expires_ms, static_cast<smr::core::UnixMillis>(1'000 * n + 600'000));
    EXPECT_FALSE((*got)->used_ms);
  }
  const auto none = s.pairing_code(hash_of(99));
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TYPED_TEST_P(PairingStoreContractTest, AddingTheSameCodeTwiceIsAConflict) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  ASSERT_TRUE(s.add_pairing_code(code(1)));
  const auto again = s.add_pairing_code(code(1, 5'000));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, smr::store::Error::Code::kConflict);
  EXPECT_EQ((*s.pairing_code(hash_of(1)))->created_ms, 1'000) << "the refused code changed the stored one";
}

TYPED_TEST_P(PairingStoreContractTest, ACodeRedeemsOnceAndAddsTheDevice) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  ASSERT_TRUE(s.add_pairing_code(code(1)));
  ASSERT_TRUE(s.redeem_pairing_code(hash_of(1), 3'000, device(1)));
  EXPECT_EQ((*s.pairing_code(hash_of(1)))->used_ms, std::optional<smr::core::UnixMillis>(3'000));
  const auto second = s.redeem_pairing_code(hash_of(1), 4'000, device(2));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, smr::store::Error::Code::kConflict);
  const auto devices = s.paired_devices();
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 1U) << "a refused redeem added a device";
  EXPECT_EQ(devices->front().id, "dev1");
  EXPECT_EQ(devices->front().name, "Phone 1");
  EXPECT_EQ(devices->front().credential_hash, hash_of(1001));
  EXPECT_EQ((*s.pairing_code(hash_of(1)))->used_ms, std::optional<smr::core::UnixMillis>(3'000))
      << "the refused redeem changed the time of use";
}

TYPED_TEST_P(PairingStoreContractTest, RedeemingAnUnknownCodeIsNotFoundAndAddsNothing) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  const auto r = s.redeem_pairing_code(hash_of(7), 3'000, device(1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, smr::store::Error::Code::kNotFound);
  EXPECT_TRUE(s.paired_devices()->empty());
}

TYPED_TEST_P(PairingStoreContractTest, DevicesAreListedOldestFirstAndFoundByTheirCredential) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  // Paired in the order 3, 1, 2 with creation times that sort them 1, 2, 3.
  for (const unsigned n : {3U, 1U, 2U}) {
    ASSERT_TRUE(s.add_pairing_code(code(n)));
    ASSERT_TRUE(s.redeem_pairing_code(hash_of(n), 3'000, device(n, 10'000 * n)));
  }
  const auto devices = s.paired_devices();
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 3U);
  for (unsigned n = 1; n <= 3; ++n) {
    EXPECT_EQ((*devices)[n - 1].id, "dev" + std::to_string(n));
    const auto found = s.device_by_credential(hash_of(1000 + n));
    ASSERT_TRUE(found && *found) << n;
    EXPECT_EQ((*found)->id, "dev" + std::to_string(n));
  }
  const auto none = s.device_by_credential(hash_of(5000));
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
}

TYPED_TEST_P(PairingStoreContractTest, TouchSetsTheLastUseAndRevokeKeepsItsFirstTime) {
  using namespace smr::store::pairing_contract;
  auto& s = this->store();
  ASSERT_TRUE(s.add_pairing_code(code(1)));
  ASSERT_TRUE(s.redeem_pairing_code(hash_of(1), 3'000, device(1)));
  ASSERT_TRUE(s.touch_device("dev1", 50'000));
  EXPECT_EQ((*s.device_by_credential(hash_of(1001)))->last_used_ms, std::optional<smr::core::UnixMillis>(50'000));
  ASSERT_TRUE(s.revoke_device("dev1", 60'000));
  ASSERT_TRUE(s.revoke_device("dev1", 70'000));
  EXPECT_EQ((*s.device_by_credential(hash_of(1001)))->revoked_ms, std::optional<smr::core::UnixMillis>(60'000));
  for (const auto& r : {s.touch_device("nope", 1), s.revoke_device("nope", 1)}) {
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, smr::store::Error::Code::kNotFound);
  }
}

REGISTER_TYPED_TEST_SUITE_P(PairingStoreContractTest, AStoredCodeReadsBackAsStored, AddingTheSameCodeTwiceIsAConflict,
                            ACodeRedeemsOnceAndAddsTheDevice, RedeemingAnUnknownCodeIsNotFoundAndAddsNothing,
                            DevicesAreListedOldestFirstAndFoundByTheirCredential,
                            TouchSetsTheLastUseAndRevokeKeepsItsFirstTime);
