#include "store/sqlite/sqlite_error.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <SQLiteCpp/Exception.h>

namespace smr::store::detail {

std::string not_a_database_message(const std::string& path) {
  return path +
         " is not an SMR Coach journal: it is not an SQLite database; give --db a new file name or the "
         "path of your journal";
}

namespace {

// Why SQLite could not open `path`, found by looking at it: a missing folder, no permission, read-only media.
Error cannot_open(const std::string& path, const std::string& why) {
  namespace fs = std::filesystem;
  const fs::path parent = fs::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    return Error{Error::Code::kNotFound, "cannot open " + path + ": the folder " + folder + " does not exist"};
  }
  for (const std::string& p : {path, folder}) {
    if (::access(p.c_str(), R_OK | W_OK) != 0 && errno != ENOENT) {
      const int error = errno;
      return Error{Error::Code::kReadOnly, "cannot open " + path + ": " +
                                               (p == path ? std::string("the file: ") : "its folder " + folder + ": ") +
                                               std::strerror(error) + "; check the permissions or choose another --db"};
    }
  }
  return Error{Error::Code::kIo, "cannot open " + path + why};
}

}  // namespace

Error sqlite_error(int result_code, const std::string& sqlite_message, const std::string& path) {
  const std::string why = " (" + sqlite_message + ")";
  switch (result_code & 0xFF) {
    case SQLITE_NOTADB: return Error{Error::Code::kCorrupt, not_a_database_message(path)};
    case SQLITE_CORRUPT: return Error{Error::Code::kCorrupt, path + " is damaged" + why + "; restore it from a backup"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{Error::Code::kBusy, path + " is busy: another program is writing it" + why +
                                           "; try again in a moment, or close the other smr"};
    case SQLITE_CONSTRAINT:
      return Error{Error::Code::kConflict, path + ": the change conflicts with stored data" + why};
    case SQLITE_FULL:
      return Error{Error::Code::kFull, "the disk holding " + path + " is full" + why +
                                           "; nothing was saved: free some space and try again"};
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error{Error::Code::kReadOnly, path + " cannot be written" + why + "; check its permissions and its media"};
    case SQLITE_CANTOPEN: return cannot_open(path, why);
    default: return Error{Error::Code::kIo, path + ": " + sqlite_message};
  }
}

Error sqlite_error(const SQLite::Exception& e, const std::string& path) {
  // SQLiteCpp reports its own misuse (a bad column index, ...) with code -1: a bug here, reported as kIo.
  int code = e.getExtendedErrorCode();
  if (code < 0) code = e.getErrorCode();
  if (code < 0) code = SQLITE_ERROR;
  return sqlite_error(code, e.what(), path);
}

}  // namespace smr::store::detail
