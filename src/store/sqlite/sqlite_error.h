#pragma once
// Turning SQLite failures into Store errors a person understands (store.h: one line, what is wrong and what
// would be right). Internal to the SQLite backend.

#include <string>

#include "store/store.h"

namespace SQLite {
class Exception;
}

namespace smr::store::detail {

// Maps an SQLite result code (primary or extended) and SQLite's own message to an Error about the journal
// at `path`: not a database / damaged -> kCorrupt, busy or locked -> kBusy, constraint -> kConflict, anything
// else (disk full, I/O, permissions) -> kIo.
Error sqlite_error(int result_code, const std::string& sqlite_message, const std::string& path);
Error sqlite_error(const SQLite::Exception& e, const std::string& path);

// The message for a file that is not an SQLite database at all.
std::string not_a_database_message(const std::string& path);

}  // namespace smr::store::detail
