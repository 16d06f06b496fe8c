#include "store/sqlite/statement_cache.h"

namespace smr::store::detail {

StatementCache::Lease::~Lease() {
  statement_->tryReset();
  try {
    statement_->clearBindings();
  } catch (...) {
    // sqlite3_clear_bindings cannot fail; nothing to report from a destructor.
  }
  if (in_use_) *in_use_ = false;
}

StatementCache::Lease StatementCache::get(const std::string& sql) {
  auto it = entries_.find(sql);
  if (it == entries_.end()) {
    auto statement = std::make_unique<SQLite::Statement>(db_, sql);
    it = entries_.emplace(sql, Entry{std::move(statement), false}).first;
  }
  Entry& entry = it->second;
  if (entry.in_use) {
    auto owned = std::make_unique<SQLite::Statement>(db_, sql);
    SQLite::Statement* raw = owned.get();
    return Lease(raw, nullptr, std::move(owned));
  }
  entry.in_use = true;
  return Lease(entry.statement.get(), &entry.in_use, nullptr);
}

}  // namespace smr::store::detail
