// The journal commands of the real smr binary against real SQLite files: import, log, export, backup, doctor,
// and refusing files it must not touch.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process.h"

namespace {

namespace fs = std::filesystem;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kFixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";

class JournalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("smr-journal-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string db(const std::string& name = "journal.db") const { return "sqlite:" + (dir_ / name).string(); }
  fs::path path(const std::string& name) const { return dir_ / name; }

  ProcessResult smr(std::vector<std::string> args, const std::string& db_url) const {
    std::vector<std::string> argv{SMR_BINARY, "--db", db_url};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv);
  }

  fs::path dir_;
};

TEST_F(JournalCliTest, ImportThenExportIsByteIdentical) {
  const auto imported = smr({"import", kFixture}, db());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out, "Imported 10 records from " + kFixture + "; 1 was already there.\n");
  const auto exported = smr({"export"}, db());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, read_file(kFixture));
}

TEST_F(JournalCliTest, ImportingTheSameFileTwiceAddsNothing) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto again = smr({"import", kFixture}, db());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "Imported 0 records from " + kFixture + "; 11 were already there.\n");
}

TEST_F(JournalCliTest, ExportToFileThenImportElsewhereRoundTrips) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto out = smr({"export", "-o", path("export.json").string()}, db());
  ASSERT_EQ(out.exit_code, 0) << out.err;
  ASSERT_EQ(smr({"import", path("export.json").string()}, db("second.db")).exit_code, 0);
  EXPECT_EQ(smr({"export"}, db("second.db")).out, read_file(kFixture));
}

TEST_F(JournalCliTest, CsvExportHasOneRowPerCheckIn) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto csv = smr({"export", "--csv"}, db());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, StartsWith("session_uid,check_in_uid,at_utc,at_ms,step,exercise,region,side,intensity,"
                                  "quality,pain,note\r\n"));
  EXPECT_THAT(csv.out, HasSubstr("0a1b2c3d4e5f60718293a4b5c6d7e8f9,11111111111111111111111111111111,"
                                 "2025-11-21T05:01:30.000Z,1763701290000,0,calves-roller,calves,left,6,good-hurt,"
                                 "no,\"tender spot, mid calf\"\r\n"));
  EXPECT_THAT(csv.out, HasSubstr(",8,sharp,yes,\r\n"));
}

// Issue 12: exports and reports are the person's health data; they were written 0644 (readable by every user
// of the machine). Whatever the umask, they are 0600, and so is a file they replace.
TEST_F(JournalCliTest, ExportAndReportFilesAreReadableByTheirOwnerOnly) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto mode = [](const fs::path& p) { return fs::status(p).permissions() & fs::perms::all; };
  const auto old_mask = ::umask(0);  // the most permissive umask: the product must not rely on the person's
  {
    std::ofstream(path("old.json")) << "old";
    fs::permissions(path("old.json"), fs::perms::all);
  }
  const auto json = smr({"export", "-o", path("export.json").string()}, db());
  const auto replaced = smr({"export", "-o", path("old.json").string()}, db());
  const auto csv = smr({"export", "--csv", "-o", path("checkins.csv").string()}, db());
  const auto report = smr({"report", "--html", path("report.html").string()}, db());
  ::umask(old_mask);
  for (const auto* r : {&json, &replaced, &csv, &report}) ASSERT_EQ(r->exit_code, 0) << r->err;
  for (const auto* name : {"export.json", "old.json", "checkins.csv", "report.html"}) {
    EXPECT_EQ(mode(path(name)), fs::perms::owner_read | fs::perms::owner_write) << name;
  }
  EXPECT_EQ(read_file(path("old.json")), read_file(path("export.json")));
}

// Issue 12: a note typed in a session ("=HYPERLINK(...)") must not run as a formula when the CSV is opened in a
// spreadsheet: cells starting with = + - @ are neutralised with a leading apostrophe.
TEST_F(JournalCliTest, CsvCellsThatASpreadsheetWouldRunAreNeutralised) {
  std::string journal = read_file(kFixture);
  const std::string note = "tender spot, mid calf";
  const auto at = journal.find(note);
  ASSERT_NE(at, std::string::npos);
  journal.replace(at, note.size(), "=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")");
  std::ofstream(path("formula.json"), std::ios::binary) << journal;
  const auto imported = smr({"import", path("formula.json").string()}, db());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  const auto csv = smr({"export", "--csv"}, db());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n"));
  EXPECT_THAT(csv.out, Not(HasSubstr(",=HYPERLINK")));
  EXPECT_THAT(csv.out, Not(HasSubstr(",\"=HYPERLINK")));
}

TEST_F(JournalCliTest, LogListsSessionsAndShowsOneByUidPrefix) {
  // Issue 11: reading a journal that is not there says so and creates nothing.
  const auto missing = smr({"log"}, db());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("there is no journal at"));
  EXPECT_FALSE(fs::exists(path("journal.db")));
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto list = smr({"log"}, db());
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("2025-11-21 05:00"));
  EXPECT_THAT(list.out, HasSubstr("0a1b2c3d"));
  EXPECT_THAT(list.out, HasSubstr("Recover from a run, 10 min"));
  EXPECT_THAT(list.out, HasSubstr("1 session."));

  const auto one = smr({"log", "0a1b2c3d"}, db());
  EXPECT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("finished after 10 min"));
  EXPECT_THAT(one.out, HasSubstr("calves (right)"));
  EXPECT_THAT(one.out, HasSubstr("sharp (pain)"));
  EXPECT_THAT(one.out, HasSubstr("lighter-variation"));
}

TEST_F(JournalCliTest, LogSinceFiltersAndRejectsBadDates) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  EXPECT_EQ(smr({"log", "--since", "2025-11-22"}, db()).out, "No sessions recorded yet.\n");
  EXPECT_THAT(smr({"log", "--since", "2025-11-21"}, db()).out, HasSubstr("1 session."));
  const auto bad = smr({"log", "--since", "2025-02-30"}, db());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "smr: --since: \"2025-02-30\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01\n");
}

TEST_F(JournalCliTest, LogUnknownUidFails) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto r = smr({"log", "ffff"}, db());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: UID: no session has a uid starting with \"ffff\"; the sessions are listed by smr log\n");
}

TEST_F(JournalCliTest, ImportOfInvalidFileNamesThePlaceAndKeepsStoredData) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const std::string before = smr({"export"}, db()).out;

  std::string broken = read_file(kFixture);
  const std::string from = "\"intensity\": 8";
  broken.replace(broken.find(from), from.size(), "\"intensity\": 12");
  // A new uid so it is not recognised as an existing session.
  broken.replace(broken.find("0a1b2c3d4e5f"), 12, "9a1b2c3d4e5f");
  std::ofstream(path("broken.json")) << broken;
  const auto r = smr({"import", path("broken.json").string()}, db());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: " + path("broken.json").string() +
                       ": sessions[0].check_ins[1].intensity: expected a whole number from 0 to 10, got 12. "
                       "Nothing was imported.\n");
  EXPECT_EQ(smr({"export"}, db()).out, before);
}

TEST_F(JournalCliTest, ImportOfConflictingRecordChangesNothing) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const std::string before = smr({"export"}, db()).out;
  std::string changed = read_file(kFixture);
  const std::string from = "tender spot, mid calf";
  changed.replace(changed.find(from), from.size(), "edited");
  std::ofstream(path("changed.json")) << changed;
  const auto r = smr({"import", path("changed.json").string()}, db());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("exists already with different content"));
  EXPECT_THAT(r.err, HasSubstr("Nothing was imported."));
  EXPECT_EQ(smr({"export"}, db()).out, before);
}

TEST_F(JournalCliTest, ImportOfNonJsonSaysWhatWasExpected) {
  std::ofstream(path("notes.txt")) << "hello";
  const auto r = smr({"import", path("notes.txt").string()}, db());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not valid JSON"));
  EXPECT_THAT(r.err, HasSubstr("expected an export made by smr export"));
}

TEST_F(JournalCliTest, ImportOfMissingFileFails) {
  const auto r = smr({"import", path("nope.json").string()}, db());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: cannot read " + path("nope.json").string() + "; expected a file written by smr export\n");
}

TEST_F(JournalCliTest, DoctorReportsSchemaAndIntegrity) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);  // doctor reads: it creates no journal (issue 11)
  const auto r = smr({"doctor"}, db());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("(sqlite)"));
  // A journal made by this build is at the latest schema, whatever number that is.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(Schema version: (\d+) \(latest (\d+)\))"))) << r.out;
  EXPECT_EQ(m[1], m[2]) << r.out;
  EXPECT_THAT(r.out, HasSubstr("Integrity: ok"));
}

TEST_F(JournalCliTest, BackupCopiesALiveJournalAndRefusesToOverwrite) {
  ASSERT_EQ(smr({"import", kFixture}, db()).exit_code, 0);
  const auto r = smr({"backup", path("copy.db").string()}, db());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(smr({"export"}, "sqlite:" + path("copy.db").string()).out, read_file(kFixture));
  const auto again = smr({"backup", path("copy.db").string()}, db());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr(path("copy.db").string()));
}

TEST_F(JournalCliTest, CorruptFileIsRefusedAndLeftUnchanged) {
  const std::string junk(4096, 'x');
  std::ofstream(path("junk.db"), std::ios::binary) << junk;
  const auto r = smr({"log"}, db("junk.db"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(path("junk.db").string()));
  EXPECT_EQ(read_file(path("junk.db")), junk);
}

TEST_F(JournalCliTest, UnknownDbSchemeIsABadUrl) {
  const auto r = smr({"log"}, "mysql://localhost/x");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "smr: --db \"mysql://localhost/x\" is not a journal URL; expected sqlite:PATH, a file path, "
            "postgresql://USER:PASSWORD@HOST:PORT/DB or memory:\n");
}

TEST_F(JournalCliTest, BackupOfNonSqliteJournalExplainsWhy) {
  const auto r = smr({"backup", path("x.db").string()}, "memory:");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: smr backup copies SQLite journals; this journal is in memory (use smr export)\n");
}

}  // namespace
