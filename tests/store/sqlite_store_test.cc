// The SQLite store: the shared Store contract on a fresh temp file, and what only SQLite has — migrations
// from every earlier schema version, refusing foreign, newer and damaged files without touching them, WAL and
// foreign keys, the online backup, the default location, the integrity check and the weekly statistics SQL.

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <set>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "account_contract.h"
#include "core/journal_order.h"
#include "json/journal_json.h"
#include "pairing_contract.h"
#include "store/digest_util.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_queries.h"
#include "store/sqlite/sqlite_store.h"
#include "store_contract.h"

namespace smr::store {
namespace {

namespace fs = std::filesystem;
using contract::hex_uid;
using contract::is_ok;
using Code = Error::Code;

// A fresh folder under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string name = (fs::temp_directory_path() / "smr-sqlite-test-XXXXXX").string();
    if (::mkdtemp(name.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.insert(entry.path().filename().string());
  return out;
}

std::unique_ptr<Store> open_or_fail(const std::string& path) {
  auto store = open_sqlite_store(path);
  EXPECT_TRUE(is_ok(store)) << path;
  return store ? std::move(*store) : nullptr;
}

// A journal at `path` holding contract::sample_journal(), closed again.
void make_sample_journal(const std::string& path) {
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->import_journal(contract::sample_journal())));
}

// ---------------------------------------------------------------------------------------------------------
// The Store contract

struct SqliteFactory {
  // One folder for the whole test program; each store gets a new file in it.
  static TempDir& dir() {
    static TempDir d;
    return d;
  }
  static std::string& last_path() {
    static std::string path;
    return path;
  }
  static std::unique_ptr<Store> make() {
    static int n = 0;
    last_path() = dir().file("contract-" + std::to_string(++n) + ".db");
    return open_or_fail(last_path());
  }
  // A second connection to the file of the last make().
  static std::unique_ptr<Store> another() { return open_or_fail(last_path()); }
};

}  // namespace
}  // namespace smr::store

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, StoreContractTest, smr::store::SqliteFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, PairingStoreContractTest, smr::store::SqliteFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccountStoreContractTest, smr::store::SqliteFactory);

namespace smr::store {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Migrations

TEST(SqliteMigrationsTest, CompiledInFilesAreVersionsOneToLatest) {
  const auto parsed = detail::parse_migrations(detail::embedded_sqlite_migrations());
  ASSERT_TRUE(parsed) << parsed.error();
  ASSERT_EQ(static_cast<int>(parsed->size()), latest_sqlite_schema_version());
  ASSERT_GE(latest_sqlite_schema_version(), 2);
  EXPECT_EQ((*parsed)[0].name, "0001_journal.sql");
  for (std::size_t i = 0; i < parsed->size(); ++i) EXPECT_EQ((*parsed)[i].version, static_cast<int>(i) + 1);
}

TEST(SqliteMigrationsTest, RefusesGapsRepeatsAndBadNames) {
  const EmbeddedFile one{"0001_a.sql", "SELECT 1;"};
  const EmbeddedFile three{"0003_c.sql", "SELECT 1;"};
  const EmbeddedFile one_again{"0001_b.sql", "SELECT 1;"};
  const EmbeddedFile unnumbered{"journal.sql", "SELECT 1;"};
  const std::vector<EmbeddedFile> gap{one, three};
  const std::vector<EmbeddedFile> repeat{one, one_again};
  const std::vector<EmbeddedFile> bad_name{one, unnumbered};
  EXPECT_EQ(detail::parse_migrations(gap).error(),
            "migration \"0003_c.sql\": expected version 2 here (versions run 1, 2, ... without gaps or repeats)");
  EXPECT_FALSE(detail::parse_migrations(repeat));
  EXPECT_EQ(detail::parse_migrations(bad_name).error(),
            "migration \"journal.sql\": the name must be NNNN_<what>.sql with NNNN from 0001");
}

TEST(SqliteMigrationsTest, AFailingMigrationChangesNothing) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NO_FATAL_FAILURE(make_sample_journal(path));
  const int latest = latest_sqlite_schema_version();
  std::vector<detail::Migration> migrations = detail::sqlite_migrations();
  // Creates a table, then fails: the table must not survive, nor the version bump.
  migrations.push_back(
      {latest + 1, "9999_broken.sql", "CREATE TABLE half_done (x INTEGER); INSERT INTO nowhere VALUES (1);"});
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  const auto migrated = detail::migrate(db, migrations, latest + 1, path);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().message,
            "could not upgrade the schema of " + path + ": 9999_broken.sql: no such table: nowhere");
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), latest);
  EXPECT_FALSE(db.tableExists("half_done"));
}

// Writes `j` with plain SQL into the tables that schema `version` has, and returns what of `j` that keeps.
// When a migration adds a table or column, teach this function the new version (and keep the old ones).
core::Journal write_rows_of_version(SQLite::Database& db, const core::Journal& j, int version) {
  core::Journal kept = j;
  for (const auto& p : j.people) {
    SQLite::Statement s(db, "INSERT OR REPLACE INTO people (id, name, created_ms) VALUES (?, ?, ?)");
    s.bind(1, p.id);
    s.bind(2, p.name);
    s.bind(3, p.created_ms);
    s.exec();
  }
  for (const auto& pp : j.profiles) {
    SQLite::Statement s(db, "INSERT INTO profiles (person_id, profile_json, updated_ms) VALUES (?, ?, ?)");
    s.bind(1, pp.person_id);
    s.bind(2, json::profile_to_text(pp.profile));
    s.bind(3, pp.profile.updated_ms);
    s.exec();
  }
  for (const auto& r : j.routines) {
    SQLite::Statement s(db,
                        "INSERT INTO routines (uid, person_id, name, created_ms, routine_json) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, r.uid);
    s.bind(2, r.person_id);
    s.bind(3, r.name);
    s.bind(4, r.created_ms);
    s.bind(5, r.routine_json);
    s.exec();
  }
  for (const auto& x : j.custom_exercises) {
    SQLite::Statement s(db, "INSERT INTO custom_exercises (uid, person_id, created_ms, toml) VALUES (?, ?, ?, ?)");
    s.bind(1, x.uid);
    s.bind(2, x.person_id);
    s.bind(3, x.created_ms);
    s.bind(4, x.toml);
    s.exec();
  }
  for (const auto& rec : j.sessions) {
    const auto& i = rec.info;
    SQLite::Statement s(db,
                        "INSERT INTO sessions (uid, person_id, title, started_ms, ended_ms, status, routine_json) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, i.uid);
    s.bind(2, i.person_id);
    s.bind(3, i.title);
    s.bind(4, i.started_ms);
    if (i.ended_ms) s.bind(5, *i.ended_ms);
    s.bind(6, std::string(core::to_string(i.status)));
    s.bind(7, i.routine_json);
    s.exec();
    for (const auto& e : rec.events) {
      SQLite::Statement q(db, "INSERT INTO session_events VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, e.session_uid);
      q.bind(2, e.seq);
      q.bind(3, e.at_ms);
      q.bind(4, e.kind);
      q.bind(5, e.step);
      q.bind(6, e.data_json);
      q.exec();
    }
    for (const auto& c : rec.check_ins) {
      SQLite::Statement q(db, "INSERT INTO check_ins VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, c.uid);
      q.bind(2, c.session_uid);
      q.bind(3, i.person_id);
      q.bind(4, c.at_ms);
      q.bind(5, c.step);
      q.bind(6, c.exercise);
      q.bind(7, c.region);
      q.bind(8, std::string(core::to_string(c.side)));
      q.bind(9, c.intensity);
      q.bind(10, std::string(core::to_string(c.quality)));
      q.bind(11, c.note);
      q.exec();
    }
    for (const auto& a : rec.adaptations) {
      SQLite::Statement q(db, "INSERT INTO adaptations VALUES (?, ?, ?, ?, ?, ?, ?)");
      q.bind(1, a.uid);
      q.bind(2, a.session_uid);
      q.bind(3, a.at_ms);
      q.bind(4, a.step);
      q.bind(5, a.kind);
      q.bind(6, a.reason);
      q.bind(7, a.detail_json);
      q.exec();
    }
    for (const auto& n : rec.notes) {
      SQLite::Statement q(db, "INSERT INTO session_notes VALUES (?, ?, ?, ?)");
      q.bind(1, n.uid);
      q.bind(2, n.session_uid);
      q.bind(3, n.at_ms);
      q.bind(4, n.text);
      q.exec();
    }
  }
  if (version < 2) {
    kept.self_tests.clear();
    kept.settings.clear();
    return kept;
  }
  for (const auto& t : j.self_tests) {
    SQLite::Statement s(db, "INSERT INTO self_tests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, t.uid);
    s.bind(2, t.person_id);
    s.bind(3, t.at_ms);
    s.bind(4, t.test);
    s.bind(5, std::string(core::to_string(t.side)));
    s.bind(6, t.value);
    s.bind(7, t.unit);
    s.bind(8, t.session_uid);
    s.bind(9, t.phase);
    s.exec();
  }
  for (const auto& st : j.settings) {
    SQLite::Statement s(db, "INSERT INTO settings VALUES (?, ?, ?)");
    s.bind(1, st.person_id);
    s.bind(2, st.key);
    s.bind(3, st.value);
    s.exec();
  }
  return kept;
}

constexpr core::UnixMillis kDecadeMs = 10LL * 365 * 86'400'000;

TEST(SqliteMigrationsTest, UpgradesEveryEarlierVersionKeepingItsData) {
  const int latest = latest_sqlite_schema_version();
  for (int version = 0; version < latest; ++version) {
    SCOPED_TRACE("from schema version " + std::to_string(version));
    TempDir dir;
    const std::string path = dir.file("journal.db");
    {
      auto old = open_sqlite_store_at_version_for_tests(path, version);
      ASSERT_TRUE(is_ok(old));
      const auto health = (*old)->check_health();
      ASSERT_TRUE(is_ok(health));
      EXPECT_EQ(health->schema_version, version);
    }
    core::Journal expected;
    if (version > 0) {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      expected = write_rows_of_version(db, contract::sample_journal(), version);
    }
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    const auto health = store->check_health();
    ASSERT_TRUE(is_ok(health));
    EXPECT_EQ(health->schema_version, latest);
    EXPECT_TRUE(health->integrity_ok) << testing::PrintToString(health->messages);
    if (version > 0) {
      const auto exported = store->export_journal();
      ASSERT_TRUE(is_ok(exported));
      EXPECT_EQ(*exported, expected);
    }
    // And the upgraded journal works through the whole API, weekly statistics too (version 3's aggregate
    // starts empty and is built from the check-ins the older version stored).
    ASSERT_TRUE(is_ok(store->record_self_test(contract::self_test(hex_uid(0x999), 5000))));
    for (const core::PersonId person : {1, 2}) {
      const auto all = store->check_ins(person, -kDecadeMs, kDecadeMs);
      const auto weekly = store->weekly_region_stats(person, -kDecadeMs, kDecadeMs, 60);
      ASSERT_TRUE(is_ok(all));
      ASSERT_TRUE(is_ok(weekly));
      EXPECT_EQ(all->empty(), version == 0);
      EXPECT_EQ(*weekly, core::weekly_region_stats(*all, 60));
    }
    // Session digests too (version 4's are stored for the ended sessions when the older journal is opened).
    EXPECT_EQ(contract::expect_digests_match_core(*store, 1), version > 0 ? 1u : 0u);
    EXPECT_EQ(contract::expect_digests_match_core(*store, 2), version > 0 ? 1u : 0u);
    if (version > 0) {
      ASSERT_TRUE(is_ok(store->record_check_in(contract::check_in(hex_uid(0x998), hex_uid(0x10), 1400))));
      const auto all = store->check_ins(1, -kDecadeMs, kDecadeMs);
      const auto weekly = store->weekly_region_stats(1, -kDecadeMs, kDecadeMs, 60);
      ASSERT_TRUE(is_ok(all));
      ASSERT_TRUE(is_ok(weekly));
      EXPECT_EQ(*weekly, core::weekly_region_stats(*all, 60));
      EXPECT_EQ(contract::expect_digests_match_core(*store, 1), 1u);
    }
  }
}

// Issue 19: a journal of schema 5 (the last before accounts), with records and a paired device, opens as
// schema 6 with all of it kept, and its local person can become the first account.
TEST(SqliteMigrationsTest, ASchema5JournalOpensAsSchema6WithNothingLost) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  core::Journal before;
  std::vector<PairedDevice> devices;
  {
    auto old = open_sqlite_store_at_version_for_tests(path, 5);
    ASSERT_TRUE(is_ok(old));
    ASSERT_EQ((*old)->check_health()->schema_version, 5);
    ASSERT_TRUE(is_ok((*old)->import_journal(contract::sample_journal())));
    ASSERT_TRUE(is_ok((*old)->add_pairing_code(PairingCode{std::string(64, 'a'), 1'000, 601'000, std::nullopt})));
    ASSERT_TRUE(is_ok((*old)->redeem_pairing_code(
        std::string(64, 'a'), 2'000,
        PairedDevice{"dev1", "Phone", std::string(64, 'b'), 2'000, std::nullopt, std::nullopt})));
    before = (*old)->export_journal().value();
    devices = (*old)->paired_devices().value();
    EXPECT_FALSE((*old)->accounts()) << "schema 5 has no accounts table";
  }
  ASSERT_EQ(contract::record_count(before), contract::kSampleRecords);
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, 6);
  EXPECT_EQ(health->latest_schema_version, latest_sqlite_schema_version());
  EXPECT_TRUE(health->integrity_ok) << testing::PrintToString(health->messages);
  EXPECT_EQ(store->export_journal().value(), before);
  EXPECT_EQ(store->paired_devices()->size(), devices.size());
  const auto first = store->add_account("", account_contract::account(core::kLocalPersonId, "me"));
  ASSERT_TRUE(is_ok(first));
  EXPECT_EQ(store->account(core::kLocalPersonId)->value().login, "me");
  EXPECT_EQ(store->export_journal().value(), before) << "the first account changed the journal";
}

TEST(SqliteMigrationsTest, NewJournalIsAtTheLatestVersionWithOurApplicationId) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NE(open_or_fail(path), nullptr);
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), latest_sqlite_schema_version());
  EXPECT_EQ(db.execAndGet("PRAGMA application_id").getInt(), 0x534D5243);
}

// ---------------------------------------------------------------------------------------------------------
// Refusing files that are not ours, newer, or damaged — and leaving them exactly as they were

class SqliteRefusalTest : public testing::Test {
 protected:
  // Opens `path_`, expects `code` and returns the message; the folder must be byte-for-byte unchanged.
  std::string expect_refused_unchanged(Code code) {
    const auto before_files = files_in(dir_.path());
    const std::string before = read_bytes(path_);
    auto store = open_sqlite_store(path_);
    EXPECT_FALSE(store) << "the file was opened";
    EXPECT_EQ(read_bytes(path_), before) << "a refused open changed the file";
    EXPECT_EQ(files_in(dir_.path()), before_files) << "a refused open left files beside it";
    if (store) return {};
    EXPECT_EQ(store.error().code, code) << store.error().message;
    return store.error().message;
  }

  TempDir dir_;
  std::string path_ = dir_.file("journal.db");
};

TEST_F(SqliteRefusalTest, RefusesAFileThatIsNotAnSqliteDatabase) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "milk, eggs, a foam roller\n";
  write_bytes(path_, text);
  EXPECT_EQ(expect_refused_unchanged(Code::kCorrupt),
            path_ +
                " is not an SMR Coach journal: it is not an SQLite database; give --db a new file name or the "
                "path of your journal");
}

TEST_F(SqliteRefusalTest, RefusesAShortFileThatIsNotAnSqliteDatabase) {
  write_bytes(path_, "hi");
  EXPECT_EQ(expect_refused_unchanged(Code::kCorrupt),
            path_ +
                " is not an SMR Coach journal: it is not an SQLite database; give --db a new file name or the "
                "path of your journal");
}

TEST_F(SqliteRefusalTest, RefusesAnotherProgramsDatabase) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('pancakes')");
  }
  EXPECT_EQ(expect_refused_unchanged(Code::kIncompatible),
            path_ +
                " is an SQLite database of another program, not an SMR Coach journal; give --db a new file name "
                "or the path of your journal");
}

TEST_F(SqliteRefusalTest, RefusesAnEmptyDatabaseMarkedByAnotherProgram) {
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA application_id = 42");
  }
  EXPECT_EQ(expect_refused_unchanged(Code::kIncompatible),
            path_ +
                " is an SQLite database of another program, not an SMR Coach journal; give --db a new file name "
                "or the path of your journal");
}

TEST_F(SqliteRefusalTest, RefusesAJournalOfANewerSchema) {
  ASSERT_NO_FATAL_FAILURE(make_sample_journal(path_));
  const int newer = latest_sqlite_schema_version() + 5;
  {
    SQLite::Database db(path_, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  EXPECT_EQ(expect_refused_unchanged(Code::kIncompatible),
            path_ + " was written by a newer SMR Coach (schema " + std::to_string(newer) + "; this one knows up to " +
                std::to_string(latest_sqlite_schema_version()) + "); upgrade smr");
}

TEST_F(SqliteRefusalTest, RefusesADamagedJournal) {
  {
    auto store = open_or_fail(path_);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(is_ok(store->import_journal(contract::sample_journal())));
  }
  // Overwrite page 3 (a table's b-tree; page 1 with the header stays intact) with garbage.
  std::string bytes = read_bytes(path_);
  const std::size_t page = 4096;
  ASSERT_GE(bytes.size(), 4 * page);
  for (std::size_t i = 2 * page; i < 3 * page; ++i) bytes[i] = '\xA5';
  write_bytes(path_, bytes);
  const std::string message = expect_refused_unchanged(Code::kCorrupt);
  EXPECT_THAT(message, testing::StartsWith(path_ + " is damaged ("));
  EXPECT_THAT(message, testing::EndsWith("); restore it from a backup"));
}

TEST(SqliteOpenTest, OpensAnEmptyFileAsANewJournal) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  write_bytes(path, "");
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(is_ok(store->person(core::kLocalPersonId)));
}

TEST(SqliteOpenTest, RefusesAFolder) {
  TempDir dir;
  const auto store = open_sqlite_store(dir.path().string());
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kIo);
  EXPECT_EQ(store.error().message, dir.path().string() + " is not a file; give --db the path of a journal file");
}

// ---------------------------------------------------------------------------------------------------------
// Connection settings, durability, location

TEST(SqliteOpenTest, RunsInWalModeWithForeignKeysAndFullSync) {
  TempDir dir;
  auto store = SqliteStore::open(dir.file("journal.db"), latest_sqlite_schema_version());
  ASSERT_TRUE(is_ok(store));
  const auto settings = (*store)->settings();
  ASSERT_TRUE(is_ok(settings));
  EXPECT_EQ(settings->journal_mode, "wal");
  EXPECT_TRUE(settings->foreign_keys);
  EXPECT_EQ(settings->synchronous, 2);  // FULL
  EXPECT_EQ(settings->busy_timeout_ms, kBusyTimeoutMs);
}

TEST(SqliteOpenTest, NewJournalIsPrivateToItsOwner) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NE(open_or_fail(path), nullptr);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
}

TEST(SqliteOpenTest, ACheckInIsVisibleToAnotherConnectionOnceRecorded) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  auto writer = open_or_fail(path);
  auto reader = open_or_fail(path);
  ASSERT_NE(writer, nullptr);
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(is_ok(writer->start_session(contract::session_info(hex_uid(1), 100))));
  ASSERT_TRUE(is_ok(writer->record_check_in(contract::check_in(hex_uid(2), hex_uid(1), 200))));
  const auto seen = reader->check_ins(core::kLocalPersonId, 0, 1000);
  ASSERT_TRUE(is_ok(seen));
  ASSERT_EQ(seen->size(), 1U);
  EXPECT_EQ((*seen)[0], contract::check_in(hex_uid(2), hex_uid(1), 200));
}

TEST(SqliteOpenTest, CreatesTheDefaultJournalWithItsFolders) {
  TempDir dir;
  const std::string xdg = (dir.path() / "data").string();
  const char* old = std::getenv("XDG_DATA_HOME");
  const std::string saved = old ? old : "";
  ::setenv("XDG_DATA_HOME", xdg.c_str(), 1);
  const std::string url = default_store_url();
  if (old) {
    ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("XDG_DATA_HOME");
  }
  const std::string path = xdg + "/smr-coach/journal.db";
  ASSERT_EQ(url, "sqlite:" + path);
  ASSERT_FALSE(fs::exists(xdg));
  ASSERT_NE(open_or_fail(path), nullptr);
  EXPECT_TRUE(fs::is_regular_file(path));
}

// ---------------------------------------------------------------------------------------------------------
// Backup

TEST(SqliteBackupTest, CopyOpensWithTheSameExport) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  const std::string copy = dir.file("backup.db");
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->import_journal(contract::sample_journal())));
  ASSERT_TRUE(is_ok(backup_sqlite(*store, copy)));
  // The original stays usable after the backup.
  ASSERT_TRUE(is_ok(store->record_check_in(contract::check_in(hex_uid(0x777), hex_uid(0x11), 3200))));

  auto restored = open_or_fail(copy);
  ASSERT_NE(restored, nullptr);
  const auto health = restored->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_TRUE(health->integrity_ok);
  EXPECT_EQ(health->schema_version, latest_sqlite_schema_version());
  const auto exported = restored->export_journal();
  ASSERT_TRUE(is_ok(exported));
  EXPECT_EQ(*exported, contract::sample_journal());
}

TEST(SqliteBackupTest, RefusesToOverwriteAFile) {
  TempDir dir;
  const std::string copy = dir.file("backup.db");
  write_bytes(copy, "precious");
  auto store = open_or_fail(dir.file("journal.db"));
  ASSERT_NE(store, nullptr);
  const auto result = backup_sqlite(*store, copy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kConflict);
  EXPECT_EQ(result.error().message, copy + " exists already; a backup never overwrites a file: choose a new name");
  EXPECT_EQ(read_bytes(copy), "precious");
}

TEST(SqliteBackupTest, ReportsAFolderThatDoesNotExist) {
  TempDir dir;
  const std::string copy = dir.file("no-such-folder/backup.db");
  auto store = open_or_fail(dir.file("journal.db"));
  ASSERT_NE(store, nullptr);
  const auto result = backup_sqlite(*store, copy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kIo);
  EXPECT_EQ(result.error().message, "cannot create " + copy + ": No such file or directory");
}

TEST(SqliteBackupTest, RefusesAnotherBackend) {
  MemoryStore memory;
  const auto result = backup_sqlite(memory, "/tmp/never-written.db");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Code::kInvalid);
}

// ---------------------------------------------------------------------------------------------------------
// Health

TEST(SqliteHealthTest, ReportsSchemaVersions) {
  TempDir dir;
  auto store = open_or_fail(dir.file("journal.db"));
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, latest_sqlite_schema_version());
  EXPECT_EQ(health->latest_schema_version, latest_sqlite_schema_version());
  EXPECT_TRUE(health->integrity_ok);
  EXPECT_THAT(health->messages, testing::IsEmpty());
}

TEST(SqliteHealthTest, ReportsAnIndexThatDisagreesWithItsTable) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NO_FATAL_FAILURE(make_sample_journal(path));
  {
    // Redefine an index over other columns without rebuilding it: its entries no longer match the table.
    // quick_check (run on open) does not compare index entries with rows; integrity_check does.
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA writable_schema = ON");
    db.exec(
        "UPDATE sqlite_master SET sql = replace(sql, '(session_uid, at_ms)', '(session_uid, step)') "
        "WHERE name = 'check_ins_by_session'");
  }
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_FALSE(health->integrity_ok);
  EXPECT_THAT(health->messages, testing::Contains(testing::HasSubstr("check_ins_by_session")));
}

TEST(SqliteHealthTest, ReportsARowWhoseSessionIsMissing) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NO_FATAL_FAILURE(make_sample_journal(path));
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);  // foreign keys are off by default
    db.exec("INSERT INTO check_ins VALUES ('" + hex_uid(0xabc) + "', '" + hex_uid(0xdef) +
            "', 1, 5, 0, 'x', 'calves', 'left', 3, 'ache', '')");
  }
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_FALSE(health->integrity_ok);
  EXPECT_THAT(health->messages,
              testing::ElementsAre("a row of check_ins (rowid 4) refers to a missing row of sessions"));
}

TEST(SqliteHealthTest, UnreadableStoredValueIsReportedAsDamage) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NO_FATAL_FAILURE(make_sample_journal(path));
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("UPDATE check_ins SET quality = 'itchy' WHERE uid = '" + hex_uid(0x21) + "'");
  }
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const auto check_ins = store->check_ins(1, 0, 10'000);
  ASSERT_FALSE(check_ins);
  EXPECT_EQ(check_ins.error().code, Code::kCorrupt);
  EXPECT_THAT(check_ins.error().message, testing::HasSubstr("check_ins.quality holds \"itchy\""));
}

// ---------------------------------------------------------------------------------------------------------
// Weekly statistics in SQL agree exactly with core::weekly_region_stats

TEST(SqliteWeeklyStatsTest, AgreesWithTheCoreForRandomCheckInsAndOffsets) {
  TempDir dir;
  auto store = open_or_fail(dir.file("journal.db"));
  ASSERT_NE(store, nullptr);
  std::mt19937 rng(20240101);
  const std::vector<std::string> regions{"calves", "quads", "upper-back", "hip-flexors", "Zeh", "\xc3\xa4rm"};
  const std::string session = hex_uid(1);
  ASSERT_TRUE(is_ok(store->start_session(contract::session_info(session, 0))));
  std::uniform_int_distribution<core::UnixMillis> around_epoch(-30LL * 86'400'000, 30LL * 86'400'000);
  std::uniform_int_distribution<core::UnixMillis> near_week_edge(-2 * 60'000, 2 * 60'000);
  std::uniform_int_distribution<int> pick(0, 1000);
  for (unsigned i = 0; i < 600; ++i) {
    // Half anywhere in two months around 1970-01-01 (negative times too), half within minutes of a local
    // Monday midnight at some offset, where rounding of the week matters.
    core::UnixMillis at = around_epoch(rng);
    if (i % 2 == 1) {
      const int offset = (pick(rng) % 29 - 14) * 60;
      at = core::week_start(at, offset) + near_week_edge(rng);
    }
    auto c = contract::check_in(
        hex_uid(0x1000 + i), session, at, regions[static_cast<std::size_t>(pick(rng)) % regions.size()],
        static_cast<core::Side>(pick(rng) % 3), pick(rng) % 11, static_cast<core::Quality>(pick(rng) % 10));
    ASSERT_TRUE(is_ok(store->record_check_in(c)));
  }
  const core::UnixMillis lo = -31LL * 86'400'000;
  const core::UnixMillis hi = 31LL * 86'400'000;
  for (const int offset : {-720, -570, -330, -61, -1, 0, 1, 59, 345, 525, 765, 840}) {
    for (const auto& [from, to] : std::vector<std::pair<core::UnixMillis, core::UnixMillis>>{
             {lo, hi}, {-7LL * 86'400'000, 3LL * 86'400'000}, {0, 1}}) {
      SCOPED_TRACE("offset " + std::to_string(offset) + " min, [" + std::to_string(from) + ", " + std::to_string(to) +
                   ")");
      const auto all = store->check_ins(core::kLocalPersonId, from, to);
      ASSERT_TRUE(is_ok(all));
      const auto expected = core::weekly_region_stats(*all, offset);
      const auto got = store->weekly_region_stats(core::kLocalPersonId, from, to, offset);
      ASSERT_TRUE(is_ok(got));
      EXPECT_EQ(*got, expected);  // exactly, means included
    }
  }
}

// EXPLAIN QUERY PLAN of `sql`, one line per step, on a new journal at `path`.
std::string query_plan(const std::string& path, const std::string& sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(db, "EXPLAIN QUERY PLAN " + sql);
  std::string text;
  while (plan.executeStep()) text += plan.getColumn(3).getString() + "\n";
  return text;
}

TEST(SqliteWeeklyStatsTest, QueriesReadThroughIndexesWithoutSorting) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NE(open_or_fail(path), nullptr);
  // Edges and the build: the check-ins of one person, by time.
  EXPECT_THAT(query_plan(path, detail::weekly_groups_sql()),
              testing::HasSubstr("USING INDEX check_ins_by_person_time (person_id=? AND at_ms>? AND at_ms<?)"));
  EXPECT_THAT(query_plan(path, detail::weekly_build_sql()),
              testing::HasSubstr("USING INDEX check_ins_by_person_time (person_id=?)"));
  // Whole weeks: a range of the aggregate's primary key, already in week, region, side order.
  const std::string cached = query_plan(path, detail::weekly_cached_sql());
  EXPECT_THAT(cached, testing::HasSubstr("SEARCH weekly_stats USING PRIMARY KEY (person_id=? AND offset_minutes=? AND "
                                         "week_start_ms>? AND week_start_ms<?)"));
  EXPECT_THAT(cached, testing::Not(testing::HasSubstr("TEMP B-TREE")));
  // record_check_in's update: the session by its key, the person's offsets by theirs.
  const std::string add = query_plan(path, detail::weekly_add_check_in_sql());
  EXPECT_THAT(add, testing::HasSubstr("SEARCH o USING PRIMARY KEY (person_id=?)"));
  EXPECT_THAT(add, testing::HasSubstr("SEARCH sessions USING INDEX sqlite_autoindex_sessions_1 (uid=?)"));
}

// A journal with check-ins of the local person in four weeks from Monday 2024-01-01 (UTC), and of person 2.
class SqliteWeeklyAggregateTest : public ::testing::Test {
 protected:
  static constexpr core::UnixMillis kMonday = contract::kMonday2024Ms;
  static constexpr core::UnixMillis kWeek = contract::kWeekMs;

  void SetUp() override {
    path_ = dir_.file("journal.db");
    store_ = open_or_fail(path_);
    ASSERT_NE(store_, nullptr);
    ASSERT_TRUE(is_ok(store_->add_person("Bo", 10)));
    ASSERT_TRUE(is_ok(store_->start_session(contract::session_info(hex_uid(0x10), kMonday))));
    ASSERT_TRUE(is_ok(store_->start_session(contract::session_info(hex_uid(0x11), kMonday, 2))));
    for (unsigned i = 0; i < 8; ++i) {
      ASSERT_TRUE(is_ok(store_->record_check_in(
          contract::check_in(hex_uid(0x100 + i), hex_uid(0x10), kMonday + (i % 4) * kWeek + 3'600'000 * i))));
    }
    ASSERT_TRUE(is_ok(store_->record_check_in(contract::check_in(hex_uid(0x200), hex_uid(0x11), kMonday + 1000))));
  }

  std::vector<core::WeeklyRegionStat> stats(core::PersonId id, core::UnixMillis from, core::UnixMillis to, int offset) {
    auto r = store_->weekly_region_stats(id, from, to, offset);
    EXPECT_TRUE(is_ok(r));
    return r ? *r : std::vector<core::WeeklyRegionStat>{};
  }

  // The rows of `sql` (one integer column) in the journal, read through a second connection.
  std::vector<std::int64_t> ints(const std::string& sql) {
    SQLite::Database db(path_, SQLite::OPEN_READONLY);
    SQLite::Statement s(db, sql);
    std::vector<std::int64_t> out;
    while (s.executeStep()) out.push_back(s.getColumn(0).getInt64());
    return out;
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteWeeklyAggregateTest, IsBuiltByTheFirstQueryOfAWholeWeekAtAnOffset) {
  EXPECT_TRUE(ints("SELECT offset_minutes FROM weekly_stats_offsets").empty());
  // Less than a whole week: answered from the check-ins, nothing is built.
  EXPECT_EQ(stats(1, kMonday + 1, kMonday + kWeek, 0).size(), 1u);
  EXPECT_TRUE(ints("SELECT offset_minutes FROM weekly_stats_offsets").empty());
  stats(1, kMonday, kMonday + kWeek, 0);
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets"), testing::ElementsAre(0));
  EXPECT_THAT(ints("SELECT n FROM weekly_stats WHERE person_id = 1 ORDER BY week_start_ms"),
              testing::ElementsAre(2, 2, 2, 2));
  // Only for its person.
  EXPECT_TRUE(ints("SELECT n FROM weekly_stats WHERE person_id = 2").empty());
  // An unknown person gets empty statistics and no aggregate.
  EXPECT_TRUE(stats(99, kMonday, kMonday + 4 * kWeek, 0).empty());
  EXPECT_TRUE(ints("SELECT 1 FROM weekly_stats_offsets WHERE person_id = 99").empty());
}

TEST_F(SqliteWeeklyAggregateTest, WholeWeeksAreReadFromTheAggregateAndEdgesFromTheCheckIns) {
  stats(1, kMonday, kMonday + 4 * kWeek, 0);
  // Falsify the aggregate: whole weeks show it, a week cut by the range's edge does not.
  SQLite::Database db(path_, SQLite::OPEN_READWRITE);
  db.exec("UPDATE weekly_stats SET n = 40, sum_intensity = 120");
  const auto got = stats(1, kMonday + 1, kMonday + 4 * kWeek, 0);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0].check_ins, 1);  // the first week starts before the range: from its check-ins in range
  EXPECT_EQ(got[1].check_ins, 40);
  EXPECT_EQ(got[3].check_ins, 40);
}

TEST_F(SqliteWeeklyAggregateTest, RecordCheckInUpdatesEveryKeptOffsetInItsTransaction) {
  stats(1, kMonday, kMonday + 4 * kWeek, 0);
  stats(1, kMonday, kMonday + 4 * kWeek, -570);
  ASSERT_TRUE(is_ok(store_->record_check_in(contract::check_in(hex_uid(0x300), hex_uid(0x10), kMonday + 5, "calves",
                                                               core::Side::kLeft, 9, core::Quality::kSharp))));
  EXPECT_THAT(ints("SELECT n FROM weekly_stats WHERE person_id = 1 AND week_start_ms = " + std::to_string(kMonday)),
              testing::ElementsAre(3));
  EXPECT_THAT(ints("SELECT pain FROM weekly_stats WHERE person_id = 1 AND offset_minutes = 0 AND week_start_ms = " +
                   std::to_string(kMonday)),
              testing::ElementsAre(1));
  // At -570 (UTC-9:30) every check-in, made before 09:30 UTC on a Monday, is in the week before.
  EXPECT_THAT(ints("SELECT n FROM weekly_stats WHERE offset_minutes = -570 ORDER BY week_start_ms"),
              testing::ElementsAre(3, 2, 2, 2));
  // A refused check-in changes no aggregate.
  EXPECT_FALSE(store_->record_check_in(contract::check_in(hex_uid(0x300), hex_uid(0x10), kMonday + 6)));
  EXPECT_THAT(ints("SELECT sum(n) FROM weekly_stats"), testing::ElementsAre(18));
}

TEST_F(SqliteWeeklyAggregateTest, KeepsFourOffsetsAPersonEvictingTheOldest) {
  for (const int offset : {0, 60, -300, 330}) stats(1, kMonday, kMonday + 4 * kWeek, offset);
  stats(2, kMonday, kMonday + 4 * kWeek, 840);
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets WHERE person_id = 1 ORDER BY kept_seq"),
              testing::ElementsAre(0, 60, -300, 330));
  // Again at a kept offset: nothing changes. At a fifth: the first one built goes, with its rows.
  stats(1, kMonday, kMonday + 4 * kWeek, 0);
  stats(1, kMonday, kMonday + 4 * kWeek, -570);
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets WHERE person_id = 1 ORDER BY kept_seq"),
              testing::ElementsAre(60, -300, 330, -570));
  EXPECT_TRUE(ints("SELECT n FROM weekly_stats WHERE person_id = 1 AND offset_minutes = 0").empty());
  // Another person's offsets are their own.
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets WHERE person_id = 2"), testing::ElementsAre(840));
  // And the evicted offset is built again when asked for.
  const auto all = store_->check_ins(1, kMonday, kMonday + 4 * kWeek);
  ASSERT_TRUE(is_ok(all));
  EXPECT_EQ(stats(1, kMonday, kMonday + 4 * kWeek, 0), core::weekly_region_stats(*all, 0));
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets WHERE person_id = 1 ORDER BY kept_seq"),
              testing::ElementsAre(-300, 330, -570, 0));
}

TEST_F(SqliteWeeklyAggregateTest, AnImportDropsTheAggregatesOfThePeopleItAddsCheckInsFor) {
  stats(1, kMonday, kMonday + 4 * kWeek, 0);
  stats(2, kMonday, kMonday + 4 * kWeek, 0);
  const auto exported = store_->export_journal();
  ASSERT_TRUE(is_ok(exported));
  // Importing what is there changes nothing.
  ASSERT_TRUE(is_ok(store_->import_journal(*exported)));
  EXPECT_THAT(ints("SELECT person_id FROM weekly_stats_offsets ORDER BY person_id"), testing::ElementsAre(1, 2));
  core::Journal more = *exported;
  more.sessions[0].check_ins.push_back(contract::check_in(hex_uid(0x400), hex_uid(0x10), kMonday + 2 * kWeek + 7));
  ASSERT_TRUE(is_ok(store_->import_journal(more)));
  EXPECT_THAT(ints("SELECT person_id FROM weekly_stats_offsets"), testing::ElementsAre(2));
  EXPECT_TRUE(ints("SELECT n FROM weekly_stats WHERE person_id = 1").empty());
  const auto all = store_->check_ins(1, kMonday, kMonday + 4 * kWeek);
  ASSERT_TRUE(is_ok(all));
  EXPECT_EQ(stats(1, kMonday, kMonday + 4 * kWeek, 0), core::weekly_region_stats(*all, 0));
}

// ---------------------------------------------------------------------------------------------------------
// Session digests (schema version 4)

// The rows of `sql` (one integer column) in the journal at `path`, read through a connection of its own.
std::vector<std::int64_t> ints_in(const std::string& path, const std::string& sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement s(db, sql);
  std::vector<std::int64_t> out;
  while (s.executeStep()) out.push_back(s.getColumn(0).getInt64());
  return out;
}

// What the journal at `path` stores of the digests, to compare it itself: session_digests, one line per row in
// key order, then each session's uid and sessions.digest (quoted; NULL when not stored).
std::string digest_table(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  std::string out;
  SQLite::Statement rows(db, "SELECT * FROM session_digests ORDER BY session_uid, region, side");
  while (rows.executeStep()) {
    for (int i = 0; i < rows.getColumnCount(); ++i) {
      out += rows.getColumn(i).getString() + (i + 1 < rows.getColumnCount() ? "," : "\n");
    }
  }
  SQLite::Statement texts(db, "SELECT uid, quote(digest) FROM sessions ORDER BY uid");
  while (texts.executeStep()) out += texts.getColumn(0).getString() + " " + texts.getColumn(1).getString() + "\n";
  return out;
}

TEST(SqliteSessionDigestTest, OpeningAVersion3JournalStoresTheDigestsOfItsEndedSessions) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  {
    auto old = open_sqlite_store_at_version_for_tests(path, 3);
    ASSERT_TRUE(is_ok(old));
  }
  // More ended sessions than one backfill batch.
  const int ended = detail::kDigestBackfillBatch + 44;
  const core::Journal j = contract::played_days(ended);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    SQLite::Transaction tx(db);
    write_rows_of_version(db, j, 3);
    tx.commit();
  }
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  EXPECT_THAT(ints_in(path, "SELECT count(*) FROM sessions WHERE digest IS NOT NULL AND status <> 'active'"),
              testing::ElementsAre(ended));
  EXPECT_THAT(ints_in(path, "SELECT count(*) FROM sessions WHERE digest IS NULL"), testing::ElementsAre(1));
  EXPECT_THAT(ints_in(path, "SELECT count(DISTINCT session_uid) FROM session_digests"), testing::ElementsAre(ended));
  EXPECT_EQ(contract::expect_digests_match_core(*store, 1), static_cast<std::size_t>(ended + 1));
  const auto digests = store->session_digests(1, 0, std::numeric_limits<core::UnixMillis>::max());
  ASSERT_TRUE(is_ok(digests));
  for (std::size_t i = 0; i < j.sessions.size(); ++i) EXPECT_EQ((*digests)[i], core::digest_session(j.sessions[i]));
}

TEST(SqliteSessionDigestTest, TheBackfillRewritesADigestNotStoredAndIsIdempotent) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(is_ok(store->import_journal(contract::played_days(5))));
  }
  const std::string stored = digest_table(path);
  ASSERT_FALSE(stored.empty());
  // As if a backfill had died half-way (which a transaction prevents) or rows were left stale: rows that do
  // not match the records, of a session whose digest is not stored.
  const std::string uid = hex_uid(0x10000);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("UPDATE sessions SET digest = NULL WHERE uid = '" + uid + "'");
    db.exec("UPDATE session_digests SET active_ms = 1 WHERE session_uid = '" + uid + "'");
    db.exec("INSERT INTO session_digests VALUES ('" + uid + "', 'quads', 'left', 5, 0, 0, 0, 0, 0, 0, 0)");
  }
  {
    auto store = open_or_fail(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(contract::expect_digests_match_core(*store, 1), 6u);
  }
  EXPECT_EQ(digest_table(path), stored);
  // Opening again finds nothing to do.
  ASSERT_NE(open_or_fail(path), nullptr);
  EXPECT_EQ(digest_table(path), stored);
}

TEST(SqliteSessionDigestTest, EndingASessionStoresItsDigestAndAnActiveOneHasNone) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  auto store = open_or_fail(path);
  ASSERT_NE(store, nullptr);
  const std::string s = hex_uid(0x10);
  ASSERT_TRUE(is_ok(store->start_session(contract::session_info(s, 1000))));
  std::int64_t seq = 0;
  core::UnixMillis at = 1000;
  for (const auto& e : contract::played_step(s, seq, at, 0, "calves", core::Side::kLeft)) {
    ASSERT_TRUE(is_ok(store->append_event(e)));
  }
  ASSERT_TRUE(is_ok(store->record_check_in(contract::check_in(hex_uid(0x21), s, at))));
  EXPECT_EQ(digest_table(path), s + " NULL\n");
  ASSERT_TRUE(is_ok(store->end_session(s, at, core::SessionStatus::kFinished)));
  const auto text = [](std::int64_t active_ms) {
    return "'" + detail::digest_text({{"calves", core::Side::kLeft, active_ms, 1, 3, 3, 0, 61'000, 61'000, 3}}) + "'";
  };
  EXPECT_EQ(digest_table(path), s + ",calves,left,30000,1,3,3,0,61000,61000,3\n" + s + " " + text(30'000) + "\n");
  // A later event closes the roll: the stored digest follows.
  ASSERT_TRUE(is_ok(store->append_event(contract::session_event(s, seq, at, "session-finished"))));
  EXPECT_EQ(digest_table(path), s + ",calves,left,40000,1,3,3,0,61000,61000,3\n" + s + " " + text(40'000) + "\n");
}

TEST(SqliteSessionDigestTest, TheQueryWalksOneCoveringIndexInOrderWithoutSorting) {
  TempDir dir;
  const std::string path = dir.file("journal.db");
  ASSERT_NE(open_or_fail(path), nullptr);
  const std::string plan = query_plan(path, detail::session_digests_sql());
  EXPECT_THAT(plan, testing::HasSubstr("SEARCH sessions USING COVERING INDEX sessions_by_person_time (person_id=? AND "
                                       "started_ms>? AND started_ms<?)"));
  EXPECT_THAT(plan, testing::Not(testing::HasSubstr("TEMP B-TREE")));
  EXPECT_THAT(query_plan(path, detail::digests_missing_sql()), testing::HasSubstr("INDEX sessions_digest_missing"));
}

// The text form of a digest's regions (sessions.digest) gives back exactly what it was made of, whatever bytes a
// region id holds and at the extremes of every field, and refuses what is not of its form.
TEST(SessionDigestTextTest, RoundTripsAnyRegionAndRefusesOtherText) {
  constexpr auto kMin64 = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax64 = std::numeric_limits<std::int64_t>::max();
  const std::vector<core::RegionDigest> regions{
      {"calves", core::Side::kLeft, 40'000, 2, 10, 6, 1, 1'060'000, 1'140'005, 6},
      {std::string("a b:\n7\0'\"\\", 10), core::Side::kRight, 0, 1, 0, 0, 0, -86'400'000, -1, 0},
      {"", core::Side::kCentre, 9'000'000'000, 0, 0, 0, 0, 0, 0, 0},
      {std::string(300, 'x'), core::Side::kLeft, kMax64, std::numeric_limits<int>::max(),
       std::numeric_limits<int>::min(), -1, 0, kMin64, kMax64, 10}};
  // The format, pinned: length, id, side, then zig-zag numbers 5 bits a character.
  EXPECT_EQ(detail::digest_text({regions[0]}), "6calveslwAK24kc2wGSw2GOOB2c");
  EXPECT_EQ(detail::digest_text({{"ab", core::Side::kCentre, 1, 2, 3, 4, 0, -1, 5, 6}}), "2abc246801ac");
  EXPECT_EQ(detail::digest_text({}), "");
  std::vector<core::RegionDigest> back;
  ASSERT_TRUE(detail::read_digest_text(detail::digest_text(regions), back));
  EXPECT_EQ(back, regions);
  back.clear();
  EXPECT_TRUE(detail::read_digest_text("", back));
  EXPECT_TRUE(back.empty());
  const std::string good = "2abc246801ac";
  for (const std::string& bad : {good.substr(0, good.size() - 1), good + "2", std::string("3abc246801ac"),
                                 std::string("2abx246801ac"), std::string("2abc2468!1ac"), std::string("wabc246801ac"),
                                 std::string("2abc246801aw"),               // a number never finished
                                 std::string("2abc24680wwwwwwwwwwwww1ac"),  // 13 characters, beyond 64 bits
                                 std::string("2abc2468014-_-_-_-v")}) {     // beyond an int
    std::vector<core::RegionDigest> out;
    EXPECT_FALSE(detail::read_digest_text(bad, out)) << testing::PrintToString(bad);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Change stamps (docs/storage.md, "Change stamps")

std::uint64_t stamp_of(Store& s) {
  auto stamp = s.change_stamp();
  EXPECT_TRUE(is_ok(stamp));
  EXPECT_TRUE(stamp && stamp->has_value());
  return stamp && *stamp ? **stamp : 0;
}

TEST(SqliteChangeStampTest, MovesOnWritesByThisOrAnotherConnectionAndNotOnReads) {
  TempDir dir;
  const auto path = dir.file("journal.db");
  auto a = open_or_fail(path);
  auto b = open_or_fail(path);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);

  const auto first = stamp_of(*a);
  EXPECT_EQ(stamp_of(*a), first) << "nothing happened in between";
  ASSERT_TRUE(is_ok(a->person(core::kLocalPersonId)));
  ASSERT_TRUE(is_ok(b->setting(core::kLocalPersonId, "test.stamp")));
  EXPECT_EQ(stamp_of(*a), first) << "reads, by either connection, change nothing";

  ASSERT_TRUE(is_ok(a->set_setting({core::kLocalPersonId, "test.stamp", "1"})));
  const auto after_own = stamp_of(*a);
  EXPECT_NE(after_own, first) << "a write through this connection";
  EXPECT_EQ(stamp_of(*a), after_own);

  ASSERT_TRUE(is_ok(b->set_setting({core::kLocalPersonId, "test.stamp", "2"})));
  const auto after_other = stamp_of(*a);
  EXPECT_NE(after_other, after_own) << "a commit by another connection";
  EXPECT_EQ(stamp_of(*a), after_other);

  // An import by a third connection (as `smr import` in another process would).
  {
    auto c = open_or_fail(path);
    ASSERT_NE(c, nullptr);
    ASSERT_TRUE(is_ok(c->import_journal(contract::sample_journal())));
  }
  EXPECT_NE(stamp_of(*a), after_other);
}

TEST(SqliteChangeStampTest, OtherBackendsCannotTellSoNothingIsCached) {
  auto memory = open_store("memory:");
  ASSERT_TRUE(is_ok(memory));
  auto stamp = (*memory)->change_stamp();
  ASSERT_TRUE(is_ok(stamp));
  EXPECT_FALSE(stamp->has_value());
}

}  // namespace
}  // namespace smr::store
