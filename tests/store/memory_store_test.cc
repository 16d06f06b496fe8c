// The Store contract suite against the in-memory store, the reference backend.

#include <memory>

#include "account_contract.h"
#include "pairing_contract.h"
#include "store/memory/memory_store.h"
#include "store_contract.h"

namespace {

struct MemoryFactory {
  static std::unique_ptr<smr::store::Store> make() { return std::make_unique<smr::store::MemoryStore>(); }
};

}  // namespace

INSTANTIATE_TYPED_TEST_SUITE_P(Memory, StoreContractTest, MemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, PairingStoreContractTest, MemoryFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Memory, AccountStoreContractTest, MemoryFactory);
