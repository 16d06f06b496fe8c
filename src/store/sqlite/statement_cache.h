#pragma once
// Prepared statements kept for the life of one connection. Preparing costs more than running the small
// statements of this store, and the hot paths (record_check_in, append_event) run many times a session.
// Not thread-safe: like the Store that owns it, used by one thread at a time.

#include <memory>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace smr::store::detail {

class StatementCache {
 public:
  // `db` must outlive the cache.
  explicit StatementCache(SQLite::Database& db) : db_(db) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // A statement lent out for one use. When the lease ends the statement is reset (ending any read it holds
  // open) and its bindings cleared, ready for the next caller.
  class Lease {
   public:
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    SQLite::Statement& operator*() const { return *statement_; }
    SQLite::Statement* operator->() const { return statement_; }

   private:
    friend class StatementCache;
    Lease(SQLite::Statement* statement, bool* in_use, std::unique_ptr<SQLite::Statement> owned)
        : statement_(statement), in_use_(in_use), owned_(std::move(owned)) {}

    SQLite::Statement* statement_;
    bool* in_use_;                              // the cache entry's flag; null for a one-off statement
    std::unique_ptr<SQLite::Statement> owned_;  // set when the cached one was already lent out
  };

  // The prepared statement for `sql`, prepared on first use. If the cached statement is lent out already
  // (a query run while iterating another with the same text), a one-off statement is prepared instead.
  // Throws SQLite::Exception when `sql` does not prepare.
  Lease get(const std::string& sql);

 private:
  struct Entry {
    std::unique_ptr<SQLite::Statement> statement;
    bool in_use = false;
  };

  SQLite::Database& db_;
  std::unordered_map<std::string, Entry> entries_;  // node-based: Entry addresses stay valid
};

}  // namespace smr::store::detail
