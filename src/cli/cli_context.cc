#include "cli/cli_context.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

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
  if (!store_ || store_for_reading_) {
    store::OpenOptions options;
    options.create_folder = db_url.empty();
    auto opened = store::open_store(store_url(), options);
    if (!opened) throw CliError(kExitFailure, opened.error().message);
    store_ = std::move(*opened);
    store_for_reading_ = false;
  }
  return *store_;
}

store::Store& CliContext::journal_for_reading(IfMissing if_missing) {
  if (!store_) {
    store::OpenOptions options;
    options.read_only = true;
    auto opened = store::open_store(store_url(), options);
    if (!opened && opened.error().code == store::Error::Code::kNotFound && if_missing == IfMissing::kEmpty) {
      opened = store::open_store("memory:");
    }
    if (!opened) throw CliError(kExitFailure, opened.error().message);
    store_ = std::move(*opened);
    store_for_reading_ = true;
  }
  return *store_;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path tmp = target.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      // Say what happened (issue 11): a missing folder, or the system's reason (no permission, read-only).
      const int error = errno;
      const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
      std::error_code ec;
      if (!fs::is_directory(folder, ec)) {
        throw CliError(kExitFailure, "cannot write " + path + ": the folder " + folder.string() +
                                         " does not exist; create it or choose another file");
      }
      throw CliError(kExitFailure, "cannot write " + path + ": " + std::strerror(error));
    }
    out << text;
    out.flush();
    if (!out) throw CliError(kExitFailure, "writing " + tmp.string() + " failed (disk full?)");
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) throw CliError(kExitFailure, "cannot replace " + path + ": " + ec.message());
}

}  // namespace smr::cli
