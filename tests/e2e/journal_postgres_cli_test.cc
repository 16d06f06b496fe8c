// The real smr binary moving a journal between backends: SQLite -> PostgreSQL -> SQLite, byte-identical
// exports all the way (issue 3). Label "postgres": runs against the throwaway server of
// scripts/pg-test-server, each test in a fresh schema.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "busy_journal.h"
#include "process.h"

namespace {

namespace fs = std::filesystem;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string server_url() {
  const char* file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

class JournalPostgresCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = server_url();
    if (server_.empty()) GTEST_SKIP() << "no PostgreSQL test server (SMR_TEST_PG_URL_FILE)";
    dir_ = fs::temp_directory_path() / ("smr-pg-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    schema_ = "cli_" + std::to_string(::getpid());
    pqxx::connection conn(server_);
    pqxx::nontransaction tx(conn);
    tx.exec("SET client_min_messages = warning");
    tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    tx.exec("CREATE SCHEMA " + schema_);
  }
  void TearDown() override {
    if (server_.empty()) return;
    fs::remove_all(dir_);
    pqxx::connection conn(server_);
    pqxx::nontransaction tx(conn);
    tx.exec("SET client_min_messages = warning");
    tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  // The server URL with the search path set to this test's schema.
  std::string pg() const { return server_ + "?options=-csearch_path%3D" + schema_; }
  std::string sqlite(const std::string& name) const { return "sqlite:" + (dir_ / name).string(); }

  static ProcessResult smr(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> argv{SMR_BINARY, "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }

  std::string server_, schema_;
  fs::path dir_;
};

TEST_F(JournalPostgresCliTest, SqliteToPostgresToSqliteExportsAreByteIdentical) {
  const std::string fixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";
  ASSERT_EQ(smr(sqlite("a.db"), {"import", fixture}).exit_code, 0);
  const auto from_sqlite = smr(sqlite("a.db"), {"export", "-o", (dir_ / "a.json").string()});
  ASSERT_EQ(from_sqlite.exit_code, 0) << from_sqlite.err;

  const auto into_pg = smr(pg(), {"import", (dir_ / "a.json").string()});
  ASSERT_EQ(into_pg.exit_code, 0) << into_pg.err;
  const auto from_pg = smr(pg(), {"export", "-o", (dir_ / "b.json").string()});
  ASSERT_EQ(from_pg.exit_code, 0) << from_pg.err;
  EXPECT_EQ(read_file(dir_ / "b.json"), read_file(dir_ / "a.json"));

  ASSERT_EQ(smr(sqlite("c.db"), {"import", (dir_ / "b.json").string()}).exit_code, 0);
  const auto back = smr(sqlite("c.db"), {"export"});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(back.out, read_file(dir_ / "a.json"));
  EXPECT_EQ(back.out, read_file(fixture));
}

TEST_F(JournalPostgresCliTest, DoctorAndLogWorkOnPostgres) {
  const std::string fixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";
  ASSERT_EQ(smr(pg(), {"import", fixture}).exit_code, 0);
  const auto doctor = smr(pg(), {"doctor"});
  EXPECT_EQ(doctor.exit_code, 0) << doctor.err;
  EXPECT_THAT(doctor.out, HasSubstr("(postgresql)"));
  EXPECT_THAT(doctor.out, HasSubstr(":***@"));  // the password is never shown
  EXPECT_THAT(smr(pg(), {"log"}).out, HasSubstr("Recover from a run, 10 min"));
}

TEST_F(JournalPostgresCliTest, UnreachableServerIsOneClearLine) {
  const auto r = smr("postgresql://smr:secret@127.0.0.1:1/none", {"log"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("127.0.0.1:1"));
  EXPECT_EQ(r.err.find("secret"), std::string::npos);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// Issue 10, item 4 on PostgreSQL: an import of a large journal while a session records check-ins stores every
// check-in, in order (tests/e2e/busy_journal.h; the reference run is on an SQLite file).
TEST_F(JournalPostgresCliTest, ImportWhileRecordingKeepsEveryCheckInInOrderOnPostgres_Issue10) {
  const char* n = std::getenv("SMR_BUSY_SESSIONS");
  const int sessions = n != nullptr && std::atoi(n) > 0 ? std::atoi(n) : 3000;
  smr::test::import_while_recording(pg(), sqlite("quiet.db"), dir_, sessions);
}

}  // namespace
