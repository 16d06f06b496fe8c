// Opening an SQLite journal (inspect read-only, then configure and migrate) and backing one up.

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_error.h"
#include "store/sqlite/sqlite_store.h"

namespace smr::store {

namespace {

namespace fs = std::filesystem;
using Code = Error::Code;

// The schema version that added session_digests (0004_session_digests.sql).
constexpr int kFirstVersionWithDigests = 4;

std::uintmax_t size_or_zero(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

// True when the file holds something to inspect: bytes in the database, or in a write-ahead log that a
// crash left behind (a new journal killed during its first commit has an empty file and a full WAL).
bool has_content(const std::string& path) { return size_or_zero(path) > 0 || size_or_zero(path + "-wal") > 0; }

// `path` as an SQLite URI that opens it read-only and immutable: no locks, and no -wal or -shm file created
// beside it.
std::string immutable_uri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out + "?immutable=1";
}

// Decides, reading only, whether the existing file at `path` may be opened for writing as a journal. Nothing
// is written, and nothing is created beside it when it has no write-ahead log: the file is read as immutable.
// (If a process starts writing it during the inspection, the worst outcome is a spurious refusal.) With a
// write-ahead log (in use, or left by a crash), it is opened as an ordinary reader, which needs the WAL and
// its -shm index to see the latest commits.
Status inspect_existing(const std::string& path, int latest) {
  // Only SQLite opens the file: a process must never open and close a descriptor of a database file that
  // one of its connections has open, since closing it drops every POSIX lock the process holds on the file.
  // (That was a data-loss bug: `smr serve` opens one connection per worker, and a check of the file's first
  // bytes with an ifstream released the first connection's locks; another process ending then found itself
  // the last user, checkpointed and deleted the write-ahead log that the server went on writing to unseen.)
  // A file that is not a database fails the first query with SQLITE_NOTADB, reported as kCorrupt.
  try {
    std::error_code ec;
    const bool has_wal = fs::exists(path + "-wal", ec);
    SQLite::Database db(has_wal ? path : immutable_uri(path),
                        has_wal ? SQLite::OPEN_READONLY : SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
    const int application_id = db.execAndGet("PRAGMA application_id").getInt();
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    const int objects = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    const bool empty = application_id == 0 && version == 0 && objects == 0;  // ours to set up
    if (application_id != detail::kApplicationId && !empty) {
      return fail(Code::kIncompatible, path +
                                           " is an SQLite database of another program, not an SMR Coach journal; "
                                           "give --db a new file name or the path of your journal");
    }
    if (version > latest) {
      return fail(Code::kIncompatible, path + " was written by a newer SMR Coach (schema " + std::to_string(version) +
                                           "; this one knows up to " + std::to_string(latest) + "); upgrade smr");
    }
    SQLite::Statement check(db, "PRAGMA quick_check(1)");
    if (check.executeStep()) {
      const std::string result = check.getColumn(0).getString();
      if (result != "ok") {
        return fail(Code::kCorrupt, path + " is damaged (" + result + "); restore it from a backup");
      }
    }
  } catch (const SQLite::Exception& e) {
    return tl::unexpected(detail::sqlite_error(e, path));
  }
  return {};
}

// Creates `path` empty with mode 0600 (a journal holds health data; SQLite gives its -wal and -shm files the
// same mode), and its folder when `create_folder`. Someone else creating it first is fine: the caller
// inspects what is there.
Status create_private_file(const std::string& path, bool create_folder) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    if (create_folder) {
      fs::create_directories(parent, ec);
      if (ec)
        return fail(Code::kIo, "cannot create the folder " + parent.string() + " for " + path + ": " + ec.message());
    } else if (!fs::is_directory(parent, ec)) {
      return fail(Code::kNotFound, "there is no folder " + parent.string() + " for a new journal " + path +
                                       "; create the folder first, or give --db the path of your journal");
    }
  }
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return {};
    const int error = errno;
    if (error == EACCES || error == EPERM || error == EROFS) {
      return fail(Code::kReadOnly, "cannot create " + path + ": " + std::strerror(error) +
                                       (error == EROFS ? "" : " (no permission to write in its folder)") +
                                       "; choose a folder you can write to with --db");
    }
    return fail(Code::kIo, "cannot create " + path + ": " + std::strerror(error));
  }
  ::close(fd);
  return {};
}

// Why the journal at `path` cannot be written ("" when it can): read-only media, or no permission on the
// file or its folder (SQLite needs both: it creates -wal and -shm files beside the journal).
std::string why_not_writable(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  if (::access(path.c_str(), W_OK) != 0) {
    const int error = errno;
    return error == EROFS ? "it is on read-only media"
                          : "there is no permission to write it (" + std::string(std::strerror(error)) + ")";
  }
  if (::access(folder.c_str(), W_OK) != 0) {
    const int error = errno;
    return error == EROFS ? "it is on read-only media"
                          : "there is no permission to write in its folder " + folder + " (" +
                                std::string(std::strerror(error)) + ")";
  }
  return "";
}

// Opens an existing journal that cannot be written, for reading only: read-only when a write-ahead log lies
// beside it (SQLite then needs it and its -shm index), else immutable (no locks, nothing created beside it).
// `why` says why it cannot be written, for the refusal of a journal that needs a schema upgrade.
Result<std::unique_ptr<SQLite::Database>> open_for_reading(const std::string& path, int latest,
                                                           const std::string& why) {
  std::error_code ec;
  std::unique_ptr<SQLite::Database> db;
  if (fs::exists(path + "-wal", ec)) {
    try {
      db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs);
      db->execAndGet("PRAGMA user_version");  // fails here when SQLite cannot create the -shm index
    } catch (const SQLite::Exception&) {
      db.reset();  // read what is in the main file
    }
  }
  if (!db) {
    db = std::make_unique<SQLite::Database>(
        immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs);
  }
  const int version = db->execAndGet("PRAGMA user_version").getInt();
  if (version < latest) {
    return fail(Code::kReadOnly, path + " is from an older SMR Coach (schema " + std::to_string(version) + ", now " +
                                     std::to_string(latest) +
                                     ") and must be upgraded before it can be read, but it cannot be written: " + why +
                                     "; copy it to a writable folder and give --db the copy");
  }
  return db;
}

void remove_database_files(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

}  // namespace

int latest_sqlite_schema_version() { return static_cast<int>(detail::sqlite_migrations().size()); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, int target_version,
                                                       const OpenOptions& options) {
  const auto& migrations = detail::sqlite_migrations();
  if (migrations.empty()) {
    return fail(Code::kIo, "this smr was built without valid schema migrations (src/store/sqlite/migrations)");
  }
  const int latest = static_cast<int>(migrations.size());
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    return fail(Code::kIo, path + " is not a file; give --db the path of a journal file");
  }
  if (!fs::exists(status)) {
    if (options.read_only) {
      return fail(Code::kNotFound, "there is no journal at " + path +
                                       " (nothing was created); give --db the path of your journal, or start one "
                                       "with smr screen, smr roll or smr test");
    }
    if (auto created = create_private_file(path, options.create_folder); !created)
      return tl::unexpected(created.error());
  }
  if (has_content(path)) {
    if (auto inspected = inspect_existing(path, latest); !inspected) return tl::unexpected(inspected.error());
  }
  const std::string why = why_not_writable(path);
  if (!why.empty() && !options.read_only) {
    return fail(Code::kReadOnly,
                path + " cannot be written: " + why + "; nothing was changed (reading it works: smr log, smr export)");
  }
  if (options.read_only) {
    if (!why.empty()) {
      try {
        auto db = open_for_reading(path, target_version, why);
        if (!db) return tl::unexpected(db.error());
        std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(*db)));
        store->read_only_ = true;
        return store;
      } catch (const SQLite::Exception& e) {
        return tl::unexpected(detail::sqlite_error(e, path));
      }
    }
  }
  try {
    // SQLite's multi-thread mode (no mutex taken on every call): a Store is used by one thread at a time.
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs);
    const std::string mode = db->execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
      return fail(Code::kIo, path + " cannot use write-ahead logging (journal_mode stays \"" + mode +
                                 "\"); keep the journal on a local disk");
    }
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA synchronous = FULL");
    // 32 MiB of page cache (the default is 2 MiB): a large import otherwise spills dirty pages into the WAL
    // in the middle of its transaction, writing many pages several times.
    db->exec("PRAGMA cache_size = -32768");
    if (auto migrated = detail::migrate(*db, migrations, target_version, path); !migrated) {
      return tl::unexpected(migrated.error());
    }
    std::unique_ptr<SqliteStore> store(new SqliteStore(path, std::move(db)));
    if (target_version >= kFirstVersionWithDigests) {
      // Ended sessions of a journal from before version 4 get their digests stored. A failure here (another
      // process holding the write lock beyond the busy timeout, damaged records) does not stop the opening:
      // a session without a stored digest is digested from its record when asked for, exactly as if it were
      // stored, and the next opening tries again.
      (void)store->backfill_digests();
    }
    return store;
  } catch (const SQLite::Exception& e) {
    return tl::unexpected(detail::sqlite_error(e, path));
  }
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const OpenOptions& options) {
  auto store = SqliteStore::open(path, latest_sqlite_schema_version(), options);
  if (!store) return tl::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

Result<std::unique_ptr<Store>> open_sqlite_store_at_version_for_tests(const std::string& path, int version) {
  auto store = SqliteStore::open(path, version);
  if (!store) return tl::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

Status SqliteStore::backup_to(const std::string& dest_path) {
  const std::string refused = dest_path + " exists already; a backup never overwrites a file: choose a new name";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dest_path, ec))) return fail(Code::kConflict, refused);
  const int fd = ::open(dest_path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return fail(Code::kConflict, refused);
    return fail(Code::kIo, "cannot create " + dest_path + ": " + std::strerror(errno));
  }
  ::close(fd);
  // From here on the file is ours: any failure removes it.
  Status result;
  try {
    SQLite::Database out(dest_path, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
    sqlite3_backup* backup = sqlite3_backup_init(out.getHandle(), "main", db_->getHandle(), "main");
    if (backup == nullptr) throw SQLite::Exception(out.getHandle());
    // One step copies everything; pages this connection changes meanwhile are copied too. Busy or locked
    // (another process's checkpoint) is retried for up to kBusyTimeoutMs.
    int rc = SQLITE_OK;
    for (int waited_ms = 0;; waited_ms += 10) {
      rc = sqlite3_backup_step(backup, -1);
      if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || waited_ms >= kBusyTimeoutMs) break;
      sqlite3_sleep(10);
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      result = tl::unexpected(detail::sqlite_error(rc, sqlite3_errstr(rc), dest_path));
    } else if (const std::string check = out.execAndGet("PRAGMA quick_check(1)").getString(); check != "ok") {
      result = fail(Code::kCorrupt, "the backup " + dest_path + " failed its check (" + check + ")");
    }
  } catch (const SQLite::Exception& e) {
    result = tl::unexpected(detail::sqlite_error(e, dest_path));
  }
  if (!result) remove_database_files(dest_path);
  return result;
}

Status backup_sqlite(Store& store, const std::string& dest_path) {
  auto* sqlite = dynamic_cast<SqliteStore*>(&store);
  if (sqlite == nullptr) {
    return fail(Error::Code::kInvalid, "backup copies an SQLite journal; this journal is stored in " + store.backend());
  }
  return sqlite->backup_to(dest_path);
}

}  // namespace smr::store
