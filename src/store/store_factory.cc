// open_store(): the --db URL to a backend; backup_store(); redact_url().

#include <string_view>

#include "store/memory/memory_store.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace smr::store {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::string& url, const OpenOptions& options) {
  if (url == "memory:" || url == "memory") return std::unique_ptr<Store>(std::make_unique<MemoryStore>());
  if (starts_with(url, "postgresql://") || starts_with(url, "postgres://")) return open_postgres_store(url);
  std::string path = url;
  if (starts_with(url, "sqlite:")) path = url.substr(std::string_view("sqlite:").size());
  if (starts_with(path, "//")) path = path.substr(2);  // sqlite:///abs/path
  if (path.empty()) {
    return fail(Error::Code::kInvalid,
                "--db \"" + url + "\" names no file; expected sqlite:PATH, postgresql://... or memory:");
  }
  if (const auto colon = path.find("://"); colon != std::string::npos) {
    return fail(Error::Code::kInvalid, "--db \"" + redact_url(url) +
                                           "\" is not a journal URL; expected sqlite:PATH, a file path, "
                                           "postgresql://USER:PASSWORD@HOST:PORT/DB or memory:");
  }
  return open_sqlite_store(path, options);
}

Status backup_store(Store& store, const std::string& dest_path) {
  if (store.backend() != "sqlite") {
    return fail(Error::Code::kIncompatible,
                "smr backup copies SQLite journals; this journal is in " + store.backend() +
                    (store.backend() == "postgresql" ? " (use pg_dump, or smr export)" : " (use smr export)"));
  }
  return backup_sqlite(store, dest_path);
}

std::string redact_url(const std::string& url) {
  // scheme://user:password@host... -> scheme://user:***@host...
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

}  // namespace smr::store
