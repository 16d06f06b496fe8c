#include "http/worker_stores.h"

#include <algorithm>

#include "http/server.h"

namespace smr::http {

store::Result<std::unique_ptr<WorkerStores>> WorkerStores::open(const std::string& url, std::size_t workers,
                                                                const store::OpenOptions& options) {
  std::unique_ptr<WorkerStores> stores(new WorkerStores());
  // The first opening creates and migrates a new journal; the others find it ready.
  for (std::size_t i = 0; i < std::max<std::size_t>(workers, 1); ++i) {
    auto opened = store::open_store(url, options);
    if (!opened) return tl::unexpected(opened.error());
    if (i == 0) stores->backend_ = (*opened)->backend();
    auto slot = std::make_unique<Slot>();
    slot->store = std::move(*opened);
    stores->slots_.push_back(std::move(slot));
    if (stores->backend_ == "memory") break;  // one shared journal
  }
  return stores;
}

WorkerStores::Lease WorkerStores::lease() { return lease(worker_index()); }

WorkerStores::Lease WorkerStores::lease(std::size_t slot) {
  const std::size_t index = slot % slots_.size();
  auto& s = *slots_[index];
  return Lease(s.mutex, *s.store, index);
}

}  // namespace smr::http
