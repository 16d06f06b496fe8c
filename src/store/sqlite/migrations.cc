#include "store/sqlite/migrations.h"

#include <algorithm>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>

#include "store/sqlite/sqlite_error.h"

namespace smr::store::detail {

namespace {

// The version a file name starts with ("0002_self_tests.sql" -> 2), or 0 when it is not NNNN_*.sql.
int version_of(std::string_view name) {
  if (name.size() < 10 || name[4] != '_' || name.substr(name.size() - 4) != ".sql") return 0;
  int version = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    version = version * 10 + (name[i] - '0');
  }
  return version;
}

}  // namespace

tl::expected<std::vector<Migration>, std::string> parse_migrations(std::span<const EmbeddedFile> files) {
  std::vector<Migration> out;
  for (const auto& f : files) {
    const int version = version_of(f.path);
    if (version == 0) {
      return tl::unexpected("migration \"" + std::string(f.path) +
                            "\": the name must be NNNN_<what>.sql with NNNN from 0001");
    }
    out.push_back(Migration{version, f.path, f.data});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int expected = static_cast<int>(i) + 1;
    if (out[i].version != expected) {
      return tl::unexpected("migration \"" + std::string(out[i].name) + "\": expected version " +
                            std::to_string(expected) + " here (versions run 1, 2, ... without gaps or repeats)");
    }
  }
  return out;
}

const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> kMigrations = [] {
    auto parsed = parse_migrations(embedded_sqlite_migrations());
    return parsed ? std::move(*parsed) : std::vector<Migration>{};
  }();
  return kMigrations;
}

Status migrate(SQLite::Database& db, std::span<const Migration> migrations, int target_version,
               const std::string& path) {
  if (target_version < 0 || static_cast<std::size_t>(target_version) > migrations.size()) {
    return fail(Error::Code::kInvalid, "schema version " + std::to_string(target_version) +
                                           " does not exist; this SMR Coach knows 1 to " +
                                           std::to_string(migrations.size()));
  }
  // Up to date (the common case): read without the write lock, so that opening a journal another program is
  // writing waits for nothing and never reports an upgrade that is not needed (issue 11).
  try {
    if (db.execAndGet("PRAGMA user_version").getInt() >= target_version) return {};
  } catch (const SQLite::Exception& e) {
    return tl::unexpected(sqlite_error(e, path));
  }
  for (;;) {
    std::string_view name = "(reading the schema version)";
    try {
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      const int current = db.execAndGet("PRAGMA user_version").getInt();
      if (current >= target_version) return {};  // the transaction ends without changes
      const Migration& m = migrations[static_cast<std::size_t>(current)];
      name = m.name;
      db.exec(std::string(m.sql));
      db.exec("PRAGMA user_version = " + std::to_string(m.version));
      if (m.version == 1) db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      tx.commit();
    } catch (const SQLite::Exception& e) {
      Error error = sqlite_error(e, path);
      error.message = "could not upgrade the schema of " + path + ": " + std::string(name) + ": " + e.what();
      return tl::unexpected(std::move(error));
    }
  }
}

}  // namespace smr::store::detail
