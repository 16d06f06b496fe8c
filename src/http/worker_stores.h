#pragma once
// The journal for the server's worker threads. The Store contract allows one thread at a time per Store, so:
//
// - SQLite and PostgreSQL: one Store per worker thread (worker_index()), each its own connection. Readers
//   never wait for one another (SQLite's WAL lets connections read while one writes; SQLite serialises the
//   writes, waiting up to its busy timeout); each Store is still behind its own mutex, which is uncontended
//   unless a thread other than its worker uses it (a shutdown hook, or later a live session that keeps the
//   Store it started on).
// - memory: one Store shared by every worker behind one mutex: it is a single in-process journal, and separate
//   copies would not see each other's writes.
//
// Thread-safe. The Stores are opened at construction (so a bad --db fails before the server listens) and
// live as long as the WorkerStores.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace smr::http {

class WorkerStores {
 public:
  static store::Result<std::unique_ptr<WorkerStores>> open(const std::string& url, std::size_t workers,
                                                           const store::OpenOptions& options = {});

  // Exclusive use of one Store while the Lease lives.
  class Lease {
   public:
    store::Store& operator*() const { return *store_; }
    store::Store* operator->() const { return store_; }
    // Which Store (0 ≤ slot < slots()): state kept per Store, such as a cache checked against its
    // change_stamp(), is guarded by this Lease too.
    std::size_t slot() const { return slot_; }

   private:
    friend class WorkerStores;
    Lease(std::mutex& m, store::Store& s, std::size_t slot) : lock_(m), store_(&s), slot_(slot) {}
    std::unique_lock<std::mutex> lock_;
    store::Store* store_;
    std::size_t slot_;
  };

  // The calling worker's Store (slot worker_index() % slots()).
  Lease lease();
  Lease lease(std::size_t slot);
  std::size_t slots() const { return slots_.size(); }

  // "sqlite", "postgresql" or "memory".
  const std::string& backend() const { return backend_; }

 private:
  struct Slot {
    std::mutex mutex;
    std::unique_ptr<store::Store> store;  // guarded by mutex
  };
  WorkerStores() = default;

  std::vector<std::unique_ptr<Slot>> slots_;
  std::string backend_;
};

}  // namespace smr::http
