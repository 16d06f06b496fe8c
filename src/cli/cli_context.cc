#include "cli/cli_context.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// The file is the person's own health data: it is created 0600 (only its owner reads it), whatever the umask,
// written whole to PATH.tmp and renamed over PATH, so a reader never sees half a file.
void write_file_atomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path tmp = target.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    const auto folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (err == ENOENT) {
      throw CliError(kExitFailure, "cannot write " + path + ": the folder " + folder.string() +
                                       " does not exist; create it or choose another file");
    }
    if (err == EACCES || err == EPERM || err == EROFS) {
      throw CliError(kExitFailure, "cannot write " + path + ": the folder " + folder.string() +
                                       (err == EROFS ? " is on read-only media" : " is not writable for you"));
    }
    throw CliError(kExitFailure, "cannot write " + path + ": " + std::strerror(err));
  }
  // An old PATH.tmp left by an earlier run keeps its mode through O_TRUNC: make it 0600 too.
  ::fchmod(fd, 0600);
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      throw CliError(kExitFailure, "writing " + tmp.string() + " failed: " + std::strerror(err) +
                                       (err == ENOSPC ? " (the disk is full)" : ""));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw CliError(kExitFailure, "writing " + tmp.string() + " failed: " + std::strerror(err));
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw CliError(kExitFailure, "cannot replace " + path + ": " + ec.message());
  }
}

}  // namespace smr::cli
