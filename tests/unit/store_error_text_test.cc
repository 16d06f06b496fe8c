// What the journal's failures say, from SQLite's result code to the CLI's message and the HTTP status
// (issue 11: a busy journal talked about a schema upgrade, permission denied about a missing folder, a full
// disk was 500 internal).

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/api_error.h"
#include "service/error.h"
#include "store/sqlite/sqlite_error.h"
#include "store/sqlite/sqlite_store.h"

namespace smr {
namespace {

namespace fs = std::filesystem;
using store::Error;
using ::testing::HasSubstr;
using ::testing::Not;

// Each kind of failure keeps its own code through the layers, and its message says what happened.
TEST(StoreErrorTextTest, EachFailureSaysWhatHappenedIssue11) {
  struct Case {
    int sqlite_code;
    Error::Code store_code;
    service::Error::Code service_code;
    http::Status status;
    std::string api_code;
    std::string says;
  };
  const std::string path = "/data/journal.db";
  for (const Case& c : {
           Case{SQLITE_BUSY, Error::Code::kBusy, service::Error::Code::kBusy, http::Status::service_unavailable, "busy",
                path + " is busy: another program is writing it"},
           Case{SQLITE_FULL, Error::Code::kFull, service::Error::Code::kStorageFull, http::Status::insufficient_storage,
                "storage_full", "the disk holding " + path + " is full"},
           Case{SQLITE_READONLY, Error::Code::kReadOnly, service::Error::Code::kReadOnly,
                http::Status::service_unavailable, "read_only", path + " cannot be written"},
       }) {
    const Error e = store::detail::sqlite_error(c.sqlite_code, "the SQLite words", path);
    EXPECT_EQ(e.code, c.store_code) << c.api_code;
    EXPECT_THAT(e.message, HasSubstr(c.says));
    EXPECT_THAT(e.message, Not(HasSubstr("upgrade")));
    EXPECT_EQ(service::from_store(e).code, c.service_code) << c.api_code;
    const auto api = http::from_store_error(e);
    EXPECT_EQ(api.status, c.status) << c.api_code;
    EXPECT_EQ(api.code, c.api_code);
    const auto via_service = http::from_service_error(service::from_store(e));
    EXPECT_EQ(via_service.status, c.status) << c.api_code;
    EXPECT_EQ(via_service.code, c.api_code);
  }
}

TEST(StoreErrorTextTest, CannotOpenSaysWhetherTheFolderIsMissingIssue11) {
  const fs::path dir = fs::temp_directory_path() / ("smr-store-error-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string missing = (dir / "no-such-folder" / "j.db").string();
  const Error e = store::detail::sqlite_error(SQLITE_CANTOPEN, "unable to open database file", missing);
  EXPECT_EQ(e.code, Error::Code::kNotFound);
  EXPECT_EQ(e.message,
            "cannot open " + missing + ": the folder " + (dir / "no-such-folder").string() + " does not exist");
  // The folder is there: no talk of folders.
  const std::string present = (dir / "j.db").string();
  const Error other = store::detail::sqlite_error(SQLITE_CANTOPEN, "unable to open database file", present);
  EXPECT_THAT(other.message, Not(HasSubstr("folder")));
  fs::remove_all(dir);
}

// Reading only: a missing journal is not created, and neither is its folder.
TEST(StoreErrorTextTest, OpeningForReadingCreatesNothingIssue11) {
  const fs::path dir = fs::temp_directory_path() / ("smr-store-read-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  store::OpenOptions reading;
  reading.read_only = true;
  const std::string path = (dir / "sub" / "j.db").string();
  const auto opened = store::open_sqlite_store(path, reading);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, Error::Code::kNotFound);
  EXPECT_FALSE(fs::exists(dir / "sub"));
  store::OpenOptions writing;
  writing.create_folder = false;
  const auto refused = store::open_sqlite_store(path, writing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Error::Code::kNotFound);
  EXPECT_FALSE(fs::exists(dir / "sub"));
  // A writable journal opened for reading is an ordinary store.
  ASSERT_TRUE(store::open_sqlite_store((dir / "j.db").string()));
  const auto read = store::open_sqlite_store((dir / "j.db").string(), reading);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE((*read)->read_only());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace smr
