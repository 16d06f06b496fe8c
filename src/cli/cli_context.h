#pragma once
// What every CLI command shares: the output streams, the global options and the catalog (loaded once, on
// first use, from --catalog DIR or the built-in copy).

#include <iosfwd>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "core/catalog.h"
#include "store/store.h"

namespace smr::cli {

// Exit codes of the smr binary.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the request was understood but failed (invalid catalog, not found)
inline constexpr int kExitUsage = 2;    // bad flags or arguments

// Thrown by commands for a failure the person must see; caught once in run_cli(), which prints
// "smr: <message>" and exits with `exit_code`.
class CliError : public std::runtime_error {
 public:
  CliError(int exit_code, const std::string& message) : std::runtime_error(message), exit_code_(exit_code) {}
  // A use case's error (service/error.h): its code and field, for `smr --error-format json`.
  CliError(int exit_code, const std::string& message, std::string code, std::string field)
      : std::runtime_error(message), exit_code_(exit_code), code_(std::move(code)), field_(std::move(field)) {}
  int exit_code() const { return exit_code_; }
  const std::string& code() const { return code_; }    // "" when the error is the CLI's own
  const std::string& field() const { return field_; }  // the JSON path, as the API names it; "" for none

 private:
  int exit_code_;
  std::string code_;
  std::string field_;
};

// Writes `text` to `path` through a temporary file renamed into place, so a crash never leaves half a file.
// Throws CliError (kExitFailure) saying what failed.
void write_file_atomically(const std::string& path, const std::string& text);

class CliContext {
 public:
  CliContext(std::ostream& out, std::ostream& err) : out_(&out), err_(&err) {}

  std::ostream& out() { return *out_; }
  std::ostream& err() { return *err_; }

  std::string catalog_dir;  // --catalog DIR; empty: the built-in catalog
  std::string db_url;       // --db URL; empty: store::default_store_url()

  // Loads on first call; throws CliError (kExitFailure) listing every problem when the catalog is invalid.
  const core::Catalog& catalog();
  // The journal for a command that writes. Opens on first call; throws CliError (kExitFailure) with the
  // store's one-line message when it cannot. A new SQLite journal is created only in an existing folder,
  // except at the default location (no --db), whose folder is created (issue 11).
  store::Store& store();
  // What a command that only reads does when there is no journal at the --db path.
  enum class IfMissing {
    kFail,   // "there is no journal at PATH" (exit 1); nothing is created
    kEmpty,  // read an empty journal (smr plan before any screening); nothing is created
  };
  // The journal for a command that only reads (log, doctor, export, progress, report, plan): never creates
  // a file or folder, and opens a journal that cannot be written (read-only media, no permission) read-only.
  // The same store as store() when that was opened first.
  store::Store& journal_for_reading(IfMissing if_missing = IfMissing::kFail);
  std::string store_url() const;

 private:
  std::ostream* out_;
  std::ostream* err_;
  std::optional<core::Catalog> catalog_;
  std::unique_ptr<store::Store> store_;
  bool store_for_reading_ = false;  // store_ was opened by journal_for_reading(): store() opens it again
};

}  // namespace smr::cli
