#include "store/sqlite/sqlite_error.h"

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>

namespace smr::store::detail {

std::string not_a_database_message(const std::string& path) {
  return path +
         " is not an SMR Coach journal: it is not an SQLite database; give --db a new file name or the "
         "path of your journal";
}

Error sqlite_error(int result_code, const std::string& sqlite_message, const std::string& path) {
  const std::string why = " (" + sqlite_message + ")";
  switch (result_code & 0xFF) {
    case SQLITE_NOTADB: return Error{Error::Code::kCorrupt, not_a_database_message(path)};
    case SQLITE_CORRUPT: return Error{Error::Code::kCorrupt, path + " is damaged" + why + "; restore it from a backup"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error{Error::Code::kBusy, path + " is busy: another program is writing to it" + why +
                                           "; nothing was written, try again when it is done"};
    case SQLITE_CONSTRAINT:
      return Error{Error::Code::kConflict, path + ": the change conflicts with stored data" + why};
    case SQLITE_FULL: return Error{Error::Code::kIo, "the disk holding " + path + " is full" + why};
    case SQLITE_READONLY:
    case SQLITE_PERM: return Error{Error::Code::kIo, path + " cannot be written" + why + "; check its permissions"};
    case SQLITE_CANTOPEN:
      return Error{Error::Code::kIo, "cannot open " + path + why + "; check that its folder exists and is writable"};
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
