#pragma once
// Connecting to PostgreSQL: reading a --db URL, one-line messages for failed connections and failed
// statements, and the pool of connections a PostgresStore uses. Internal to the PostgreSQL backend.

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/except>

#include "store/store.h"

namespace smr::store::detail {

// What a --db URL names. `where` and `user` are for messages; only `conninfo` holds the password, and it
// is never printed.
struct PgTarget {
  std::string conninfo;  // libpq keyword=value string: the URL's settings plus our defaults
  std::string where;     // "127.0.0.1:5433", "the socket /run/postgresql/.s.PGSQL.5432", ...
  std::string user;      // the role we log in as (the URL's, else libpq's default: $PGUSER or the OS user)
  std::string database;  // the database name (the URL's, else the user name)
  int connect_timeout_s = 10;
};

// Reads a "postgresql://..." or "postgres://..." URL (libpq's URI syntax, query parameters included).
// Adds connect_timeout=10 and application_name=smr-coach unless the URL sets them, and always
// client_encoding=UTF8. A malformed URL is kInvalid, with libpq's reason but never the URL itself.
Result<PgTarget> parse_pg_url(const std::string& url);

// Turns libpq's (often multi-line) message about a failed connection attempt into one line for a person:
// unreachable server, wrong credentials, missing database, too many clients, ... Always kUnavailable,
// except a URL setting that libpq rejects only when connecting (kInvalid).
Error connection_error(const PgTarget& target, const std::string& libpq_message);

// Maps an exception thrown by libpqxx during a call to an Error (constraint -> kConflict / kInvalid /
// kNotFound, lost connection -> kUnavailable, anything else -> kIo), with one line of PostgreSQL's message.
Error statement_error(const PgTarget& target, const pqxx::sql_error& e);
Error lost_connection_error(const PgTarget& target);
Error in_doubt_error(const PgTarget& target);

// An open connection that drops the server's notices instead of printing them to stderr.
class PgConnection {
 public:
  explicit PgConnection(const std::string& conninfo);  // throws pqxx::broken_connection
  pqxx::connection& get() { return conn_; }

 private:
  pqxx::connection conn_;
  pqxx::quiet_errorhandler quiet_{conn_};  // declared after conn_: unregisters before conn_ closes
};

// Opens a connection, with the session settings every backend call relies on (extra_float_digits = 3, so
// doubles come back exactly).
Result<std::unique_ptr<PgConnection>> connect(const PgTarget& target);

// Up to `capacity` connections to one server, opened when first needed and kept open.
//
// Thread-safe: any number of threads may call lease() at once. A leased connection is used only by the
// holder of its Lease; when every connection is leased, lease() waits until one is given back. The pool
// must outlive its leases.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();  // gives the connection back (or closes it, after discard())

    pqxx::connection& connection() { return conn_->get(); }
    // True when an earlier lease used this connection: the server may have closed it in the meantime.
    bool reused() const { return reused_; }
    // The connection is broken: close it instead of giving it back.
    void discard() { discarded_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<PgConnection> conn, bool reused)
        : pool_(pool), conn_(std::move(conn)), reused_(reused) {}

    ConnectionPool* pool_;
    std::unique_ptr<PgConnection> conn_;
    bool reused_ = false;
    bool discarded_ = false;
  };

  ConnectionPool(PgTarget target, std::size_t capacity);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  const PgTarget& target() const { return target_; }

  // A connection for one call: an idle one, else a new one while fewer than `capacity` are open, else the
  // next one given back. kUnavailable (connection_error) when a new connection cannot be opened.
  Result<Lease> lease();
  // Adds an open connection (the one the store was opened and migrated with) as idle, if there is room.
  void adopt(std::unique_ptr<PgConnection> conn);

 private:
  void give_back(std::unique_ptr<PgConnection> conn);  // null: the connection was closed

  const PgTarget target_;
  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable given_back_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mutex_
  std::size_t open_ = 0;                             // idle + leased + being opened; guarded by mutex_
};

}  // namespace smr::store::detail
