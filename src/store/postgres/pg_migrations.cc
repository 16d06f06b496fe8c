#include "store/postgres/pg_migrations.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <pqxx/result>
#include <pqxx/transaction>
#include <string>
#include <vector>

namespace smr::store::detail {

namespace {

std::vector<smr::EmbeddedFile> sorted_migrations() {
  const auto files = postgres_migration_files();
  std::vector<smr::EmbeddedFile> out(files.begin(), files.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

std::optional<int> parse_version(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

int latest_postgres_schema_version() { return static_cast<int>(postgres_migration_files().size()); }

Status migrate_postgres(pqxx::connection& conn, const PgTarget& target, int target_version) {
  const auto migrations = sorted_migrations();
  target_version = std::min(target_version, static_cast<int>(migrations.size()));
  // One migration per transaction; each transaction re-reads the state under the lock.
  for (;;) {
    pqxx::work tx(conn);
    tx.exec("SELECT pg_advisory_xact_lock(hashtext('smr-coach schema'), hashtext(coalesce(current_schema(), '')))");
    const pqxx::row state = tx.exec1(R"(
        SELECT current_database(), current_schema(),
               (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')),
               EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = current_schema() AND c.relname = 'smr_meta' AND c.relkind IN ('r', 'p')))");
    // "PostgreSQL database "smr" at 127.0.0.1:5432", for messages.
    const std::string database = "PostgreSQL database \"" + std::string(state[0].c_str()) + "\" at " + target.where;
    if (state[1].is_null()) {
      return fail(Error::Code::kIo, database +
                                        " has no schema to keep the journal in (no schema on the search_path "
                                        "exists); create one, or fix search_path in --db");
    }
    const std::string schema = state[1].c_str();
    const auto tables = state[2].as<long>();
    const bool has_meta = state[3].as<bool>();
    const auto foreign = [&] {
      return fail(Error::Code::kIncompatible,
                  database + " (schema \"" + schema +
                      "\") holds tables that are not SMR Coach's; refusing to use it. Point --db at an empty "
                      "database or schema for the journal");
    };

    int version = 0;
    if (has_meta) {
      std::optional<std::string> application;
      std::optional<std::string> recorded;
      for (const auto& row :
           tx.exec("SELECT key, value FROM smr_meta WHERE key IN ('application', 'schema_version')")) {
        (std::string_view(row[0].c_str()) == "application" ? application : recorded) = row[1].c_str();
      }
      if (application != "smr-coach") return foreign();
      const auto parsed = recorded ? parse_version(*recorded) : std::nullopt;
      if (!parsed) {
        return fail(Error::Code::kCorrupt, "the journal in " + database +
                                               " has no valid schema_version in smr_meta; restore it from a backup "
                                               "or export what is readable");
      }
      version = *parsed;
    } else if (tables > 0) {
      return foreign();
    }

    if (version > target_version) {
      return fail(Error::Code::kIncompatible, "the journal in " + database + " has schema version " +
                                                  std::to_string(version) + ", newer than this smr knows (" +
                                                  std::to_string(target_version) + "); use a newer smr");
    }
    if (version == target_version) {
      tx.commit();
      return {};
    }
    tx.exec(std::string(migrations[static_cast<std::size_t>(version)].data));
    tx.exec_params(
        "INSERT INTO smr_meta (key, value) VALUES ('schema_version', $1) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        std::to_string(version + 1));
    tx.commit();
  }
}

int postgres_schema_version(pqxx::connection& conn) {
  pqxx::read_transaction tx(conn);
  const auto exists = tx.exec1("SELECT to_regclass(quote_ident(current_schema()) || '.smr_meta') IS NOT NULL");
  if (!exists[0].as<bool>()) return 0;
  const auto r = tx.exec("SELECT value FROM smr_meta WHERE key = 'schema_version'");
  if (r.empty()) return 0;
  return parse_version(r[0][0].c_str()).value_or(0);
}

}  // namespace smr::store::detail
