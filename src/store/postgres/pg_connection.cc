#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <pqxx/nontransaction>

namespace smr::store::detail {

namespace {

std::string first_line(std::string_view text) {
  const auto end = text.find('\n');
  std::string line(text.substr(0, end));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

bool contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != haystack.npos; }

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// libpq's reason without its prefixes: `connection to server at "h", port 5 failed: FATAL:  x` -> `x`.
std::string reason_of(std::string_view libpq_message) {
  std::string line = first_line(libpq_message);
  if (const auto at = line.find(" failed: "); at != std::string::npos && line.rfind("connection to server", 0) == 0) {
    line.erase(0, at + 9);
  }
  for (const std::string_view prefix : {"FATAL:  ", "ERROR:  ", "FATAL: ", "ERROR: "}) {
    if (line.rfind(prefix, 0) == 0) line.erase(0, prefix.size());
  }
  return line;
}

// The password part of a URL's user info ("postgresql://user:PASSWORD@host/..."), to keep it out of
// messages; empty when there is none.
std::string password_in(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {};
  const auto authority_begin = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?", authority_begin);
  const auto at = url.rfind('@', authority_end == std::string::npos ? url.size() : authority_end);
  if (at == std::string::npos || at < authority_begin) return {};
  const auto colon = url.find(':', authority_begin);
  if (colon == std::string::npos || colon > at) return {};
  return url.substr(colon + 1, at - colon - 1);
}

std::string redact(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (auto at = message.find(secret); at != std::string::npos; at = message.find(secret, at)) {
    message.replace(at, secret.size(), "****");
    at += 4;
  }
  return message;
}

// Quotes a value for a libpq keyword=value connection string.
std::string conninfo_value(const std::string& value) {
  std::string out = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
  return out;
}

std::string os_user_default() {
  PQconninfoOption* options = PQconndefaults();
  std::string user;
  if (options) {
    for (const PQconninfoOption* o = options; o->keyword; ++o) {
      if (o->val && std::string_view(o->keyword) == "user") user = o->val;
    }
    PQconninfoFree(options);
  }
  return user;
}

std::string env_or(const char* name, std::string fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

std::string describe_where(const std::string& host, const std::string& port) {
  if (host.empty()) return "the local socket for port " + port;
  if (host.front() == '/') return "the socket " + host + "/.s.PGSQL." + port;
  if (host.front() == '@') return "the abstract socket " + host + "/.s.PGSQL." + port;
  if (contains(host, ",")) return host + " (port " + port + ")";
  if (contains(host, ":")) return "[" + host + "]:" + port;  // IPv6
  return host + ":" + port;
}

}  // namespace

Result<PgTarget> parse_pg_url(const std::string& url) {
  if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0) {
    return fail(Error::Code::kInvalid,
                "--db: a PostgreSQL URL starts with postgresql:// (e.g. "
                "postgresql://user:password@127.0.0.1:5432/smr)");
  }
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &parse_error);
  if (!options) {
    std::string why = parse_error ? first_line(parse_error) : "out of memory";
    PQfreemem(parse_error);
    // Some of libpq's messages quote the whole URL; keep only the reason, and never the password.
    if (const auto quoted = why.find(" in URI: \""); quoted != std::string::npos) why.erase(quoted + 7);
    if (const auto quoted = why.find("URI: \""); quoted != std::string::npos) why.erase(quoted + 3);
    return fail(Error::Code::kInvalid, "--db: not a valid PostgreSQL URL (" + redact(why, password_in(url)) + ")");
  }
  std::map<std::string, std::string> set;
  for (const PQconninfoOption* o = options; o->keyword; ++o) {
    if (o->val) set[o->keyword] = o->val;
  }
  PQconninfoFree(options);

  PgTarget target;
  if (!set.count("connect_timeout")) set["connect_timeout"] = "10";
  if (!set.count("application_name")) set["application_name"] = "smr-coach";
  set["client_encoding"] = "UTF8";
  for (const auto& [keyword, value] : set) {
    if (!target.conninfo.empty()) target.conninfo += ' ';
    target.conninfo += keyword + "=" + conninfo_value(value);
  }
  target.connect_timeout_s = std::atoi(set["connect_timeout"].c_str());

  std::string host = set.count("host") ? set["host"] : env_or("PGHOST", "");
  if (host.empty() && set.count("hostaddr")) host = set["hostaddr"];
  const std::string port = set.count("port") ? set["port"] : env_or("PGPORT", "5432");
  target.where = describe_where(host, port);
  target.user = set.count("user") ? set["user"] : env_or("PGUSER", os_user_default());
  target.database = set.count("dbname") ? set["dbname"] : env_or("PGDATABASE", target.user);
  return target;
}

Error connection_error(const PgTarget& target, const std::string& libpq_message) {
  const std::string text = lower(libpq_message);
  const std::string& where = target.where;
  auto unavailable = [](std::string message) { return Error{Error::Code::kUnavailable, std::move(message)}; };
  auto unreachable = [&](const std::string& why, const std::string& hint) {
    return unavailable("cannot reach PostgreSQL at " + where + " (" + why + "); " + hint);
  };

  if (contains(text, "password authentication failed") || contains(text, "no password supplied") ||
      contains(text, "authentication failed") || (contains(text, "role \"") && contains(text, "does not exist"))) {
    return unavailable("PostgreSQL refused the credentials for user \"" + target.user +
                       "\"; check the user and password in --db");
  }
  if (contains(text, "no pg_hba.conf entry")) {
    return unavailable("PostgreSQL at " + where + " does not accept user \"" + target.user +
                       "\" from this machine (no pg_hba.conf entry); ask its administrator to allow it");
  }
  if (contains(text, "database \"") && contains(text, "does not exist")) {
    return unavailable("PostgreSQL at " + where + " has no database \"" + target.database + "\"; create it (createdb " +
                       target.database + ") or fix the database name in --db");
  }
  if (contains(text, "connection refused")) return unreachable("connection refused", "is the server running?");
  if (contains(text, "socket") && contains(text, "no such file or directory"))
    return unreachable("no server socket there", "is the server running?");
  if (contains(text, "could not translate host name"))
    return unreachable("unknown host name", "check the host in --db");
  if (contains(text, "timeout expired")) {
    return unreachable("no answer within " + std::to_string(target.connect_timeout_s) + " s",
                       "is the server running, and is the address right?");
  }
  if (contains(text, "network is unreachable")) return unreachable("network unreachable", "check the host in --db");
  if (contains(text, "no route to host")) return unreachable("no route to host", "check the host in --db");
  if (contains(text, "too many clients") || contains(text, "remaining connection slots")) {
    return unavailable("PostgreSQL at " + where + " has no free connections (too many clients); try again later");
  }
  if (contains(text, "starting up") || contains(text, "shutting down") || contains(text, "recovery mode") ||
      contains(text, "not yet accepting")) {
    return unavailable("PostgreSQL at " + where + " is starting up or shutting down; try again in a moment");
  }
  const std::string reason = reason_of(libpq_message);
  if (reason.rfind("invalid ", 0) == 0) return Error{Error::Code::kInvalid, "--db: " + reason};
  return unavailable("cannot connect to PostgreSQL at " + where + ": " + reason);
}

Error lost_connection_error(const PgTarget& target) {
  return Error{Error::Code::kUnavailable, "lost the connection to PostgreSQL at " + target.where +
                                              "; nothing was changed. Is the server running?"};
}

Error in_doubt_error(const PgTarget& target) {
  return Error{Error::Code::kUnavailable, "lost the connection to PostgreSQL at " + target.where +
                                              " while saving; the change may or may not be stored, so check before "
                                              "doing it again"};
}

Error statement_error(const PgTarget& target, const pqxx::sql_error& e) {
  const std::string& state = e.sqlstate();
  const std::string line = reason_of(e.what());
  auto starts = [&](std::string_view prefix) { return state.rfind(prefix, 0) == 0; };
  if (state == "23505") return Error{Error::Code::kConflict, "the record exists already (PostgreSQL: " + line + ")"};
  if (state == "23503") {
    return Error{Error::Code::kNotFound, "a record it refers to does not exist (PostgreSQL: " + line + ")"};
  }
  if (state == "23514" || state == "23502" || starts("22")) {
    return Error{Error::Code::kInvalid, "PostgreSQL refused a value: " + line};
  }
  if (state == "40001" || state == "40P01") {
    return Error{Error::Code::kConflict,
                 "a concurrent change got in the way; nothing was changed, try again (PostgreSQL: " + line + ")"};
  }
  if (starts("08") || starts("57P")) return lost_connection_error(target);
  if (starts("28")) return connection_error(target, line);
  if (state == "3D000") return connection_error(target, "database \"" + target.database + "\" does not exist");
  if (state == "42501") {
    return Error{Error::Code::kIo, "PostgreSQL does not allow user \"" + target.user + "\" to do this (" + line +
                                       "); the user needs to own the database (or the schema in search_path)"};
  }
  if (starts("53")) return Error{Error::Code::kIo, "PostgreSQL at " + target.where + " is out of resources: " + line};
  return Error{Error::Code::kIo, "PostgreSQL at " + target.where + " failed: " + line};
}

PgConnection::PgConnection(const std::string& conninfo) : conn_(conninfo) {}

Result<std::unique_ptr<PgConnection>> connect(const PgTarget& target) {
  try {
    auto conn = std::make_unique<PgConnection>(target.conninfo);
    pqxx::nontransaction setup(conn->get());
    // 3 = shortest exact text for doubles (PostgreSQL 12+) or 17 digits (older): either reads back exactly.
    setup.exec("SET extra_float_digits = 3");
    setup.commit();
    return conn;
  } catch (const pqxx::sql_error& e) {
    return tl::unexpected(statement_error(target, e));
  } catch (const std::exception& e) {
    return tl::unexpected(connection_error(target, e.what()));
  }
}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), reused_(other.reused_), discarded_(other.discarded_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (!pool_) return;
  if (discarded_) conn_.reset();
  pool_->give_back(std::move(conn_));
}

ConnectionPool::ConnectionPool(PgTarget target, std::size_t capacity)
    : target_(std::move(target)), capacity_(std::max<std::size_t>(capacity, 1)) {}

Result<ConnectionPool::Lease> ConnectionPool::lease() {
  {
    std::unique_lock lock(mutex_);
    given_back_.wait(lock, [this] { return !idle_.empty() || open_ < capacity_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn), true);
    }
    ++open_;  // reserve the slot; connect outside the lock
  }
  auto conn = connect(target_);
  if (!conn) {
    give_back(nullptr);
    return tl::unexpected(conn.error());
  }
  return Lease(this, std::move(*conn), false);
}

void ConnectionPool::adopt(std::unique_ptr<PgConnection> conn) {
  std::lock_guard lock(mutex_);
  if (open_ >= capacity_) return;
  ++open_;
  idle_.push_back(std::move(conn));
  given_back_.notify_one();
}

void ConnectionPool::give_back(std::unique_ptr<PgConnection> conn) {
  {
    std::lock_guard lock(mutex_);
    if (conn) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
  }
  given_back_.notify_one();
}

}  // namespace smr::store::detail
