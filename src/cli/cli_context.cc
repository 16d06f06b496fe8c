#include "cli/cli_context.h"

#include "catalog/loader.h"

namespace smr::cli {

const core::Catalog& CliContext::catalog() {
  if (!catalog_) {
    auto loaded = catalog_dir.empty() ? catalog::load_builtin_catalog() : catalog::load_catalog_dir(catalog_dir);
    if (!loaded) {
      const auto& errors = loaded.error();
      std::string message = "the catalog " +
                            (catalog_dir.empty() ? std::string("built into smr") : "in " + catalog_dir) + " has " +
                            std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors") + ":";
      for (const auto& e : errors) message += "\n  " + e.to_string();
      throw CliError(kExitFailure, message);
    }
    catalog_.emplace(std::move(*loaded));
  }
  return *catalog_;
}

std::string CliContext::store_url() const { return db_url.empty() ? store::default_store_url() : db_url; }

store::Store& CliContext::store() {
  if (!store_) {
    auto opened = store::open_store(store_url());
    if (!opened) throw CliError(kExitFailure, opened.error().message);
    store_ = std::move(*opened);
  }
  return *store_;
}

}  // namespace smr::cli
