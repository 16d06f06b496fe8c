// The PostgreSQL store: the shared Store contract, each test in a fresh schema of the throwaway test server
// (scripts/pg-test-server, started and stopped by the CTest fixture `postgres_server`), and what only the
// PostgreSQL backend has — one-line connection errors, refusing foreign and newer schemas without touching
// them, migrating an old schema, concurrent openers and callers, surviving a dropped connection, COPY's
// escaping, and matching MemoryStore (the reference) exactly on imports and weekly statistics.
//
// The server: $SMR_TEST_PG_URL, else the URL in the file named by $SMR_TEST_PG_URL_FILE (CTest sets this).
// With neither, every test here is skipped with a message.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "account_contract.h"
#include "core/journal_order.h"
#include "pairing_contract.h"
#include "store/digest_util.h"
#include "store/memory/memory_store.h"
#include "store/postgres/import_plan.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/postgres_store.h"
#include "store_contract.h"

namespace smr::store {
namespace {

using contract::hex_uid;
using contract::is_ok;
using contract::kWeekMs;
using Code = Error::Code;

// --- the test server ------------------------------------------------------------------------------------

// The server's URL, or "" (with `why` set) when no server was given.
std::string server_url(std::string* why = nullptr) {
  if (const char* url = std::getenv("SMR_TEST_PG_URL"); url && *url) return url;
  const char* file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!file || !*file) {
    if (why) *why = "no PostgreSQL test server: set SMR_TEST_PG_URL or run through ctest (label postgres)";
    return {};
  }
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty() && why) *why = std::string("no URL in ") + file + " (did scripts/pg-test-server start fail?)";
  return url;
}

// The URL with the search_path set to `schema`: the store keeps its tables there.
std::string in_schema(const std::string& url, const std::string& schema) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

// "postgresql://USER:PASSWORD@HOST:PORT/DB" -> its parts (the test server's URL has exactly this form).
struct UrlParts {
  std::string user, password, host_port, rest;
};
UrlParts split(const std::string& url) {
  const auto user_begin = url.find("://") + 3;
  const auto colon = url.find(':', user_begin);
  const auto at = url.find('@', colon);
  const auto slash = url.find('/', at);
  return {url.substr(user_begin, colon - user_begin), url.substr(colon + 1, at - colon - 1),
          url.substr(at + 1, slash - at - 1), url.substr(slash)};
}

// A new, empty schema with a name no other test (or test process) uses.
std::string create_schema(const std::string& url) {
  static std::atomic<int> counter{0};
  const std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  tx.exec("CREATE SCHEMA " + name);
  return name;
}

void drop_schema(const std::string& url, const std::string& schema) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
}

// Schemas made during the current test, dropped after it.
std::vector<std::string>& test_schemas() {
  static std::vector<std::string> schemas;
  return schemas;
}

std::string new_test_schema(const std::string& url) {
  test_schemas().push_back(create_schema(url));
  return test_schemas().back();
}

void drop_test_schemas(const std::string& url) {
  for (const auto& s : test_schemas()) drop_schema(url, s);
  test_schemas().clear();
}

std::unique_ptr<Store> open_or_fail(const std::string& url) {
  auto store = open_postgres_store(url);
  EXPECT_TRUE(is_ok(store));
  return store ? std::move(*store) : nullptr;
}

// A port on 127.0.0.1 where nothing listens.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  // The sockets API takes a sockaddr*; sockaddr_in is its IPv4 form.
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// --- the contract ---------------------------------------------------------------------------------------

struct PostgresFactory {
  // A store in a fresh schema; nullptr (the test is skipped) without a server.
  static std::unique_ptr<Store> make() {
    std::string why;
    const std::string url = server_url(&why);
    if (url.empty()) {
      std::cout << why << "\n";
      return nullptr;
    }
    last_url() = in_schema(url, new_test_schema(url));
    return open_or_fail(last_url());
  }
  // A second store (its own connections) on the schema of the last make().
  static std::unique_ptr<Store> another() { return last_url().empty() ? nullptr : open_or_fail(last_url()); }
  static std::string& last_url() {
    static std::string url;
    return url;
  }
  static void cleanup() {
    if (const std::string url = server_url(); !url.empty()) drop_test_schemas(url);
  }
};

}  // namespace
}  // namespace smr::store

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreContractTest, smr::store::PostgresFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, PairingStoreContractTest, smr::store::PostgresFactory);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccountStoreContractTest, smr::store::PostgresFactory);

namespace smr::store {
namespace {

// --- what only PostgreSQL has ---------------------------------------------------------------------------

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    url_ = server_url(&why);
    if (url_.empty()) GTEST_SKIP() << why;
  }
  void TearDown() override {
    if (!url_.empty()) drop_test_schemas(url_);
  }

  // A fresh schema, and the URL of a store kept in it.
  std::string fresh_url() { return in_schema(url_, new_test_schema(url_)); }

  // Runs SQL in the schema of `url` (a store URL from fresh_url()).
  pqxx::result sql(const std::string& url, const std::string& statement) {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    tx.exec("SET LOCAL client_min_messages = warning");
    auto r = tx.exec(statement);
    tx.commit();
    return r;
  }

  std::string url_;
};

TEST_F(PostgresStoreTest, UnreachableServerIsOneLineNamingTheAddress) {
  const int port = closed_port();
  const auto store = open_postgres_store("postgresql://smr:s3cret@127.0.0.1:" + std::to_string(port) + "/smr");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kUnavailable);
  EXPECT_EQ(store.error().message, "cannot reach PostgreSQL at 127.0.0.1:" + std::to_string(port) +
                                       " (connection refused); is the server running?");
}

TEST_F(PostgresStoreTest, WrongPasswordIsOneLineNamingTheUserButNotThePassword) {
  const UrlParts parts = split(url_);
  const std::string wrong = "postgresql://" + parts.user + ":not-the-password@" + parts.host_port + parts.rest;
  const auto store = open_postgres_store(wrong);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kUnavailable);
  EXPECT_EQ(store.error().message,
            "PostgreSQL refused the credentials for user \"" + parts.user + "\"; check the user and password in --db");
  EXPECT_THAT(store.error().message, ::testing::Not(::testing::HasSubstr("not-the-password")));
}

TEST_F(PostgresStoreTest, UnknownDatabaseIsOneLineSayingHowToCreateIt) {
  const UrlParts parts = split(url_);
  const auto store =
      open_postgres_store("postgresql://" + parts.user + ":" + parts.password + "@" + parts.host_port + "/nope");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kUnavailable);
  EXPECT_EQ(store.error().message, "PostgreSQL at " + parts.host_port +
                                       " has no database \"nope\"; create it (createdb nope) or fix the database "
                                       "name in --db");
}

TEST_F(PostgresStoreTest, MalformedUrlIsInvalidWithoutThePassword) {
  const auto store = open_postgres_store("postgresql://smr:s3cret@[::1/smr");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kInvalid);
  EXPECT_THAT(store.error().message, ::testing::StartsWith("--db: not a valid PostgreSQL URL ("));
  EXPECT_THAT(store.error().message, ::testing::Not(::testing::HasSubstr("s3cret")));
  EXPECT_EQ(store.error().message.find('\n'), std::string::npos);
}

TEST_F(PostgresStoreTest, OpensThroughTheUnixSocket) {
  // scripts/pg-test-server writes the socket's directory and the port beside the URL file.
  const char* url_file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!url_file) GTEST_SKIP() << "needs scripts/pg-test-server's files (run through ctest)";
  const std::string dir = std::filesystem::path(url_file).parent_path().string();
  std::string socket_dir;
  std::string port;
  std::getline(std::ifstream(dir + "/socket-dir"), socket_dir);
  std::getline(std::ifstream(dir + "/port"), port);
  const UrlParts parts = split(url_);
  const auto store = open_or_fail("postgresql://" + parts.user + "@" + parts.rest + "?host=" + socket_dir +
                                  "&port=" + port + "&options=-csearch_path%3D" + new_test_schema(url_));
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(is_ok(store->people()));
}

TEST_F(PostgresStoreTest, ForeignSchemaIsRefusedAndLeftUnchanged) {
  const std::string url = fresh_url();
  sql(url, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes VALUES (1, 'keep me')");
  const auto store = open_postgres_store(url);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kIncompatible);
  EXPECT_EQ(store.error().message, "PostgreSQL database \"smr_test\" at " + split(url_).host_port + " (schema \"" +
                                       test_schemas().back() +
                                       "\") holds tables that are not SMR Coach's; refusing to use it. Point --db at "
                                       "an empty database or schema for the journal");
  const auto tables = sql(url, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = current_schema()");
  EXPECT_STREQ(tables[0][0].c_str(), "notes");
  EXPECT_STREQ(sql(url, "SELECT text FROM notes")[0][0].c_str(), "keep me");
}

TEST_F(PostgresStoreTest, NewerSchemaVersionIsRefusedAndLeftUnchanged) {
  const std::string url = fresh_url();
  ASSERT_NE(open_or_fail(url), nullptr);
  const std::string latest = std::to_string(detail::latest_postgres_schema_version());
  const std::string newer = std::to_string(detail::latest_postgres_schema_version() + 1);
  sql(url,
      "UPDATE smr_meta SET value = '" + newer + "' WHERE key = 'schema_version'; CREATE TABLE from_the_future (x INT)");
  const auto store = open_postgres_store(url);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, Code::kIncompatible);
  EXPECT_EQ(store.error().message, "the journal in PostgreSQL database \"smr_test\" at " + split(url_).host_port +
                                       " has schema version " + newer + ", newer than this smr knows (" + latest +
                                       "); use a newer smr");
  EXPECT_EQ(sql(url, "SELECT value FROM smr_meta WHERE key = 'schema_version'")[0][0].as<std::string>(), newer);
  EXPECT_EQ(
      sql(url, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'from_the_future'").size(),
      1u);
}

TEST_F(PostgresStoreTest, MigratesAVersion1SchemaKeepingItsRecords) {
  const std::string url = fresh_url();
  {
    auto target = detail::parse_pg_url(url);
    ASSERT_TRUE(is_ok(target));
    auto conn = detail::connect(*target);
    ASSERT_TRUE(is_ok(conn));
    ASSERT_TRUE(is_ok(detail::migrate_postgres((*conn)->get(), *target, 1)));
    EXPECT_EQ(detail::postgres_schema_version((*conn)->get()), 1);
  }
  // Version 1 has no self_tests or settings.
  EXPECT_TRUE(
      sql(url, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'self_tests'").empty());
  sql(url, "INSERT INTO sessions VALUES ('" + hex_uid(0x10) +
               "', 1, 'Legs', 1000, 2000, 'finished', '{}');"
               "INSERT INTO check_ins VALUES ('" +
               hex_uid(0x21) + "', '" + hex_uid(0x10) +
               "', 1, 1200, 1, 'calf-roll', 'calves', 'left', 3, 'ache', 'ok')");

  const auto store = open_or_fail(url);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, detail::latest_postgres_schema_version());
  EXPECT_EQ(health->latest_schema_version, detail::latest_postgres_schema_version());
  EXPECT_TRUE(health->integrity_ok) << ::testing::PrintToString(health->messages);
  const auto session = store->session(hex_uid(0x10));
  ASSERT_TRUE(is_ok(session));
  EXPECT_EQ(session->info.ended_ms, 2000);
  ASSERT_EQ(session->check_ins.size(), 1u);
  EXPECT_EQ(session->check_ins[0].quality, core::Quality::kAche);
  EXPECT_TRUE(is_ok(store->record_self_test(contract::self_test(hex_uid(0x71), 1500, 1, hex_uid(0x10)))));
  EXPECT_TRUE(is_ok(store->set_setting({1, "units", "metric"})));
  EXPECT_THAT(store->weekly_region_stats(1, -kWeekMs, 2 * kWeekMs, 0).value_or(std::vector<core::WeeklyRegionStat>{}),
              ::testing::ElementsAre(contract::week_stat(-259'200'000, "calves", core::Side::kLeft, 1, 3, 3, 0)));
}

TEST_F(PostgresStoreTest, MigratesAVersion2SchemaAndBuildsTheWeeklyAggregateFromItsCheckIns) {
  const std::string url = fresh_url();
  {
    auto target = detail::parse_pg_url(url);
    ASSERT_TRUE(is_ok(target));
    auto conn = detail::connect(*target);
    ASSERT_TRUE(is_ok(conn));
    ASSERT_TRUE(is_ok(detail::migrate_postgres((*conn)->get(), *target, 2)));
    EXPECT_EQ(detail::postgres_schema_version((*conn)->get()), 2);
  }
  EXPECT_TRUE(
      sql(url, "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'weekly_stats'").empty());
  sql(url, "INSERT INTO sessions VALUES ('" + hex_uid(0x10) +
               "', 1, 'Legs', 1000, 2000, 'finished', '{}');"
               "INSERT INTO check_ins VALUES ('" +
               hex_uid(0x21) + "', '" + hex_uid(0x10) +
               "', 1, 1200, 1, 'calf-roll', 'calves', 'left', 3, 'ache', 'ok'), ('" + hex_uid(0x22) + "', '" +
               hex_uid(0x10) + "', 1, -900000000, 1, 'calf-roll', 'quads', 'right', 8, 'sharp', '')");

  const auto store = open_or_fail(url);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, detail::latest_postgres_schema_version());
  for (const int offset : {0, -570}) {
    const auto all = store->check_ins(1, -10 * kWeekMs, 10 * kWeekMs);
    const auto weekly = store->weekly_region_stats(1, -10 * kWeekMs, 10 * kWeekMs, offset);
    ASSERT_TRUE(is_ok(all));
    ASSERT_TRUE(is_ok(weekly));
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ(*weekly, core::weekly_region_stats(*all, offset));
  }
  ASSERT_TRUE(is_ok(store->record_check_in(contract::check_in(hex_uid(0x23), hex_uid(0x10), 1300))));
  const auto all = store->check_ins(1, -10 * kWeekMs, 10 * kWeekMs);
  const auto weekly = store->weekly_region_stats(1, -10 * kWeekMs, 10 * kWeekMs, 0);
  ASSERT_TRUE(is_ok(all));
  ASSERT_TRUE(is_ok(weekly));
  EXPECT_EQ(*weekly, core::weekly_region_stats(*all, 0));
}

// `text` as an SQL string literal.
std::string sql_text(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// INSERT statements that write the sessions of `j` (with their events and check-ins) into a schema of version
// 1 to 3, as an older smr did: no digests.
std::string old_session_rows(const core::Journal& j) {
  std::string out;
  for (const auto& rec : j.sessions) {
    const auto& i = rec.info;
    out += "INSERT INTO sessions VALUES (" + sql_text(i.uid) + ", " + std::to_string(i.person_id) + ", " +
           sql_text(i.title) + ", " + std::to_string(i.started_ms) + ", " +
           (i.ended_ms ? std::to_string(*i.ended_ms) : "NULL") + ", " +
           sql_text(std::string(core::to_string(i.status))) + ", " + sql_text(i.routine_json) + ");\n";
    for (const auto& e : rec.events) {
      out += "INSERT INTO session_events VALUES (" + sql_text(e.session_uid) + ", " + std::to_string(e.seq) + ", " +
             std::to_string(e.at_ms) + ", " + sql_text(e.kind) + ", " + std::to_string(e.step) + ", " +
             sql_text(e.data_json) + ");\n";
    }
    for (const auto& c : rec.check_ins) {
      out += "INSERT INTO check_ins VALUES (" + sql_text(c.uid) + ", " + sql_text(c.session_uid) + ", " +
             std::to_string(i.person_id) + ", " + std::to_string(c.at_ms) + ", " + std::to_string(c.step) + ", " +
             sql_text(c.exercise) + ", " + sql_text(c.region) + ", " + sql_text(std::string(core::to_string(c.side))) +
             ", " + std::to_string(c.intensity) + ", " + sql_text(std::string(core::to_string(c.quality))) + ", " +
             sql_text(c.note) + ");\n";
    }
  }
  return out;
}

// Issue 19: a schema of version 5 (the last before accounts), with records and a paired device, opens as
// version 6 with all of it kept, and its local person can become the first account.
TEST_F(PostgresStoreTest, ASchema5JournalOpensAsSchema6WithNothingLost) {
  const std::string url = fresh_url();
  core::Journal before;
  {
    auto target = detail::parse_pg_url(url);
    ASSERT_TRUE(is_ok(target));
    {
      auto conn = detail::connect(*target);
      ASSERT_TRUE(is_ok(conn));
      ASSERT_TRUE(is_ok(detail::migrate_postgres((*conn)->get(), *target, 5)));
      EXPECT_EQ(detail::postgres_schema_version((*conn)->get()), 5);
    }
    // A store on the version-5 schema, as an older smr had it.
    PostgresStore old(std::make_unique<detail::ConnectionPool>(*target, 1));
    ASSERT_TRUE(is_ok(old.import_journal(contract::sample_journal())));
    ASSERT_TRUE(is_ok(old.add_pairing_code(PairingCode{std::string(64, 'a'), 1'000, 601'000, std::nullopt})));
    ASSERT_TRUE(is_ok(old.redeem_pairing_code(
        std::string(64, 'a'), 2'000,
        PairedDevice{"dev1", "Phone", std::string(64, 'b'), 2'000, std::nullopt, std::nullopt})));
    before = old.export_journal().value();
    EXPECT_FALSE(old.accounts()) << "version 5 has no accounts table";
  }
  ASSERT_EQ(contract::record_count(before), contract::kSampleRecords);
  const auto store = open_or_fail(url);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, 6);
  EXPECT_EQ(health->latest_schema_version, detail::latest_postgres_schema_version());
  EXPECT_TRUE(health->integrity_ok) << ::testing::PrintToString(health->messages);
  EXPECT_EQ(store->export_journal().value(), before);
  EXPECT_EQ(store->paired_devices()->size(), 1u);
  ASSERT_TRUE(is_ok(store->add_account("", account_contract::account(core::kLocalPersonId, "me"))));
  EXPECT_EQ(store->account(core::kLocalPersonId)->value().login, "me");
  EXPECT_EQ(store->export_journal().value(), before) << "the first account changed the journal";
}

TEST_F(PostgresStoreTest, MigratesAVersion3SchemaAndStoresTheDigestsOfItsEndedSessions) {
  const std::string url = fresh_url();
  {
    auto target = detail::parse_pg_url(url);
    ASSERT_TRUE(is_ok(target));
    auto conn = detail::connect(*target);
    ASSERT_TRUE(is_ok(conn));
    ASSERT_TRUE(is_ok(detail::migrate_postgres((*conn)->get(), *target, 3)));
  }
  // More ended sessions than one backfill batch, and an active one.
  const core::Journal j = contract::played_days(detail::kDigestBackfillBatch + 20);
  sql(url, old_session_rows(j));

  const auto store = open_or_fail(url);
  ASSERT_NE(store, nullptr);
  const auto health = store->check_health();
  ASSERT_TRUE(is_ok(health));
  EXPECT_EQ(health->schema_version, detail::latest_postgres_schema_version());
  const auto flags = sql(url,
                         "SELECT count(*) FILTER (WHERE digest IS NOT NULL), count(*) FILTER (WHERE digest IS NULL AND "
                         "status = 'active'), (SELECT count(DISTINCT session_uid) FROM session_digests) FROM sessions");
  EXPECT_EQ(flags[0][0].as<int>(), detail::kDigestBackfillBatch + 20);
  EXPECT_EQ(flags[0][1].as<int>(), 1);
  EXPECT_EQ(flags[0][2].as<int>(), detail::kDigestBackfillBatch + 20);
  const auto digests = store->session_digests(1, 0, std::numeric_limits<core::UnixMillis>::max());
  ASSERT_TRUE(is_ok(digests));
  ASSERT_EQ(digests->size(), j.sessions.size());
  for (std::size_t i = 0; i < j.sessions.size(); ++i) EXPECT_EQ((*digests)[i], core::digest_session(j.sessions[i]));
  // Opening again finds nothing to do.
  const std::string stored =
      "SELECT count(*), sum(active_ms), (SELECT string_agg(digest, '' ORDER BY uid) FROM "
      "sessions) FROM session_digests";
  const auto before = sql(url, stored);
  ASSERT_NE(open_or_fail(url), nullptr);
  const auto after = sql(url, stored);
  EXPECT_EQ(std::string(after[0][0].c_str()) + "/" + after[0][1].c_str() + "/" + after[0][2].c_str(),
            std::string(before[0][0].c_str()) + "/" + before[0][1].c_str() + "/" + before[0][2].c_str());
}

// Threads writing events and check-ins to sessions while another ends them and another imports more records
// into them: afterwards every stored digest must still be its session's (the row locks described in
// postgres_store.cc order the digest's writers).
TEST_F(PostgresStoreTest, SessionDigestsStayExactUnderConcurrentWritesEndsAndImports) {
  const auto store = open_or_fail(fresh_url());
  ASSERT_NE(store, nullptr);
  constexpr int kSessions = 6;
  for (int s = 0; s < kSessions; ++s) {
    ASSERT_TRUE(is_ok(store->start_session(contract::session_info(hex_uid(0x10 + static_cast<unsigned>(s)), 1000))));
  }
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  constexpr int kWriters = 3;
  constexpr int kEach = 40;
  for (int t = 0; t < kWriters; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(static_cast<std::uint32_t>(t));
      for (int i = 0; i < kEach; ++i) {
        const std::string session = hex_uid(0x10 + static_cast<unsigned>(rng() % kSessions));
        std::int64_t seq = 1000 * (t + 1) + 10 * i;  // each writer its own seqs
        core::UnixMillis at = 1000 + static_cast<core::UnixMillis>(rng() % 100'000);
        bool ok = true;
        if (i % 2 == 0) {
          for (const auto& e :
               contract::played_step(session, seq, at, t, i % 4 ? "calves" : "quads", static_cast<core::Side>(i % 3))) {
            ok = ok && store->append_event(e).has_value();
          }
        } else {
          ok = store
                   ->record_check_in(contract::check_in(hex_uid(static_cast<unsigned>(0x1000 + t * kEach + i)), session,
                                                        at, "calves", static_cast<core::Side>(i % 3),
                                                        static_cast<int>(rng() % 11)))
                   .has_value();
        }
        if (!ok) ++failures;
      }
    });
  }
  threads.emplace_back([&] {
    for (int s = 0; s < kSessions; ++s) {
      std::this_thread::sleep_for(std::chrono::milliseconds(15));
      if (!store->end_session(hex_uid(0x10 + static_cast<unsigned>(s)), 200'000, core::SessionStatus::kFinished)) {
        ++failures;
      }
    }
  });
  threads.emplace_back([&] {
    for (unsigned k = 0; k < 8; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(12));
      const auto stored = store->session(hex_uid(0x10 + k % kSessions));
      if (!stored) {
        ++failures;
        continue;
      }
      core::Journal j;
      j.people = {{1, "me", 0}};
      core::SessionRecord rec;
      rec.info = stored->info;
      std::int64_t seq = 9000 + 10 * k;
      core::UnixMillis at = 5000;
      rec.events = contract::played_step(rec.info.uid, seq, at, 7, "glutes", core::Side::kRight);
      rec.check_ins = {contract::check_in(hex_uid(0x2000 + k), rec.info.uid, at, "glutes", core::Side::kRight)};
      j.sessions = {rec};
      // The session may have ended since it was read: then this journal conflicts with it, and is refused.
      const auto imported = store->import_journal(j);
      if (!imported && imported.error().code != Error::Code::kConflict) ++failures;
    }
  });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(contract::expect_digests_match_core(*store, 1), static_cast<std::size_t>(kSessions));
}

TEST_F(PostgresStoreTest, ConcurrentOpenersOfAnEmptySchemaAllSucceed) {
  const std::string url = fresh_url();
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (open_postgres_store(url)) ++opened;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(opened, 4);
  EXPECT_EQ(sql(url, "SELECT value FROM smr_meta WHERE key = 'schema_version'")[0][0].as<std::string>(),
            std::to_string(detail::latest_postgres_schema_version()));
}

TEST_F(PostgresStoreTest, ManyThreadsMayCallOneStoreAtOnce) {
  const auto store = open_or_fail(fresh_url());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->start_session(contract::session_info(hex_uid(0x10), 1000))));
  constexpr int kThreads = 8;  // twice the pool
  constexpr int kEach = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const auto uid = hex_uid(static_cast<unsigned>(0x1000 + t * kEach + i));
        if (!store->record_check_in(contract::check_in(uid, hex_uid(0x10), 1000 + i))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  const auto all = store->check_ins(1, 0, 100'000);
  ASSERT_TRUE(is_ok(all));
  EXPECT_EQ(all->size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_F(PostgresStoreTest, ACallAfterTheServerDroppedTheConnectionStillWorks) {
  const std::string app = "smr-drop-test-" + std::to_string(::getpid());
  const auto store = open_or_fail(fresh_url() + "&application_name=" + app);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->people()));
  // What a server restart does to idle connections.
  sql(url_, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + app + "'");
  for (int i = 0;
       i < 100 && !sql(url_, "SELECT 1 FROM pg_stat_activity WHERE application_name = '" + app + "'").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(is_ok(store->people()));
  EXPECT_TRUE(is_ok(store->save_routine(contract::routine(hex_uid(0x51), 100))));
}

TEST_F(PostgresStoreTest, TextIsStoredByteForByteThroughSingleWritesAndCopy) {
  const std::string odd = "tab\there\nnewline\\backslash\r\x01 \"quoted\" 'single' é 漢字 \\N {a,b} %s";
  core::Journal j;
  core::SessionRecord s;
  s.info = contract::session_info(hex_uid(0x10), 1000);
  s.info.title = odd;
  s.info.routine_json = odd;
  s.check_ins = {contract::check_in(hex_uid(0x21), hex_uid(0x10), 1100)};
  s.check_ins[0].note = odd;
  s.check_ins[0].region = odd;
  s.notes = {contract::session_note(hex_uid(0x41), hex_uid(0x10), 1200, odd)};
  j.sessions = {s};
  j.settings = {{1, odd, odd}};
  j.self_tests = {contract::self_test(hex_uid(0x71), 1300)};
  j.self_tests[0].value = 0.1 + 0.2;  // not a short decimal
  j.self_tests[0].phase = odd;

  const auto copied = open_or_fail(fresh_url());  // import: COPY
  ASSERT_NE(copied, nullptr);
  ASSERT_TRUE(is_ok(copied->import_journal(j)));
  const auto single = open_or_fail(fresh_url());  // one record per call
  ASSERT_NE(single, nullptr);
  ASSERT_TRUE(is_ok(single->start_session(s.info)));
  ASSERT_TRUE(is_ok(single->record_check_in(s.check_ins[0])));
  ASSERT_TRUE(is_ok(single->add_note(s.notes[0])));
  ASSERT_TRUE(is_ok(single->set_setting(j.settings[0])));
  ASSERT_TRUE(is_ok(single->record_self_test(j.self_tests[0])));

  for (Store* store : {copied.get(), single.get()}) {
    const auto exported = store->export_journal();
    ASSERT_TRUE(is_ok(exported));
    ASSERT_EQ(exported->sessions.size(), 1u);
    EXPECT_EQ(exported->sessions[0], s);
    EXPECT_EQ(exported->settings, j.settings);
    EXPECT_EQ(exported->self_tests, j.self_tests);
  }
}

// A journal of `n` check-ins over `sessions` sessions, with times before and after 1970, for two people.
core::Journal generated_journal(int n, int sessions, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> regions{"calves", "upper-back", "Upper-back", "a-b", "ab", "quads", "hip_flexors"};
  core::Journal j;
  j.people = {{1, "me", 0}, {2, "Bo", 5}};
  unsigned next_uid = 0x100000;
  for (int s = 0; s < sessions; ++s) {
    core::SessionRecord rec;
    const core::UnixMillis start = -40'000'000'000 + static_cast<core::UnixMillis>(s) * 1'000'000'000;
    rec.info = contract::ended(contract::session_info(hex_uid(next_uid++), start, 1 + s % 2), start + 3'600'000);
    rec.events = {contract::session_event(rec.info.uid, 0, start)};
    j.sessions.push_back(rec);
  }
  for (int i = 0; i < n; ++i) {
    auto& rec = j.sessions[static_cast<std::size_t>(i % sessions)];
    core::CheckIn c = contract::check_in(hex_uid(next_uid++), rec.info.uid,
                                         rec.info.started_ms + static_cast<core::UnixMillis>(rng() % 900'000'000),
                                         regions[rng() % regions.size()], static_cast<core::Side>(rng() % 3),
                                         static_cast<int>(rng() % 11), static_cast<core::Quality>(rng() % 10));
    rec.check_ins.push_back(c);
  }
  core::canonicalize(j);
  return j;
}

TEST_F(PostgresStoreTest, WeeklyStatsEqualTheCoreComputationExactly) {
  const core::Journal j = generated_journal(3000, 40, 7);
  const auto store = open_or_fail(fresh_url());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->import_journal(j)));
  MemoryStore memory;
  ASSERT_TRUE(is_ok(memory.import_journal(j)));
  for (const int offset : {-720, -330, -60, 0, 60, 345, 840}) {
    for (const core::PersonId person : {1, 2}) {
      SCOPED_TRACE("offset " + std::to_string(offset) + ", person " + std::to_string(person));
      const auto got = store->weekly_region_stats(person, -50'000'000'000, 50'000'000'000, offset);
      const auto want = memory.weekly_region_stats(person, -50'000'000'000, 50'000'000'000, offset);
      ASSERT_TRUE(is_ok(got));
      ASSERT_TRUE(is_ok(want));
      EXPECT_EQ(*got, *want);  // exact, doubles included
    }
  }
}

// --- the weekly aggregate ------------------------------------------------------------------------------------

// Threads recording check-ins while others ask for weekly statistics at changing offsets (building, reading
// and evicting aggregates) and an import drops them: afterwards every aggregate must still count exactly the
// check-ins stored (the weekly lock, kWeeklyClass in postgres_store.cc, orders builds and writes).
TEST_F(PostgresStoreTest, WeeklyAggregatesStayExactUnderConcurrentWritersQueriesAndImports) {
  const auto store = open_or_fail(fresh_url());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->start_session(contract::session_info(hex_uid(0x10), 0))));
  const std::vector<int> offsets{0, 60, -300, 330, -570};
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> writers;
  constexpr int kWriters = 3;
  constexpr int kEach = 60;
  for (int t = 0; t < kWriters; ++t) {
    writers.emplace_back([&, t] {
      std::mt19937 rng(static_cast<std::uint32_t>(t));
      for (int i = 0; i < kEach; ++i) {
        const auto uid = hex_uid(static_cast<unsigned>(0x1000 + t * kEach + i));
        const core::UnixMillis at = static_cast<core::UnixMillis>(rng() % (20 * kWeekMs)) - 10 * kWeekMs;
        if (!store->record_check_in(contract::check_in(uid, hex_uid(0x10), at, (i % 2) ? "calves" : "quads",
                                                       static_cast<core::Side>(i % 3), static_cast<int>(rng() % 11),
                                                       static_cast<core::Quality>(rng() % 10)))) {
          ++failures;
        }
      }
    });
  }
  std::thread reader([&] {
    for (int i = 0; writing; ++i) {
      const int offset = offsets[static_cast<std::size_t>(i) % offsets.size()];
      if (!store->weekly_region_stats(1, -20 * kWeekMs, 20 * kWeekMs, offset)) ++failures;
    }
  });
  std::thread importer([&] {
    for (unsigned k = 0; k < 5; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      core::Journal j;
      j.people = {{1, "me", 0}};
      core::SessionRecord rec;
      rec.info = contract::session_info(hex_uid(0x100 + k), 0);
      rec.check_ins = {
          contract::check_in(hex_uid(0x200 + k), rec.info.uid, static_cast<core::UnixMillis>(k) * kWeekMs)};
      j.sessions = {rec};
      if (!store->import_journal(j)) ++failures;
    }
  });
  for (auto& t : writers) t.join();
  importer.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failures, 0);
  const auto all = store->check_ins(1, -20 * kWeekMs, 20 * kWeekMs);
  ASSERT_TRUE(is_ok(all));
  EXPECT_EQ(all->size(), static_cast<std::size_t>(kWriters * kEach + 5));
  for (const int offset : offsets) {
    SCOPED_TRACE("offset " + std::to_string(offset));
    const auto weekly = store->weekly_region_stats(1, -20 * kWeekMs, 20 * kWeekMs, offset);
    ASSERT_TRUE(is_ok(weekly));
    EXPECT_EQ(*weekly, core::weekly_region_stats(*all, offset));
  }
}

TEST_F(PostgresStoreTest, WeeklyAggregateIsBuiltOncePerOffsetReadForWholeWeeksAndKeptForFourOffsets) {
  const std::string url = fresh_url();
  const auto store = open_or_fail(url);
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(is_ok(store->start_session(contract::session_info(hex_uid(0x10), 0))));
  const core::UnixMillis monday = contract::kMonday2024Ms;
  for (unsigned i = 0; i < 8; ++i) {
    ASSERT_TRUE(is_ok(store->record_check_in(
        contract::check_in(hex_uid(0x100 + i), hex_uid(0x10), monday + (i % 4) * kWeekMs + 3'600'000 * i))));
  }
  auto ints = [&](const std::string& statement) {
    std::vector<std::int64_t> out;
    for (const auto& r : sql(url, statement)) out.push_back(r[0].as<std::int64_t>());
    return out;
  };
  // Less than a whole week: nothing is built.
  ASSERT_TRUE(is_ok(store->weekly_region_stats(1, monday + 1, monday + kWeekMs, 0)));
  EXPECT_TRUE(ints("SELECT offset_minutes FROM weekly_stats_offsets").empty());
  for (const int offset : {0, 60, -300, 330}) {
    ASSERT_TRUE(is_ok(store->weekly_region_stats(1, monday, monday + 4 * kWeekMs, offset)));
  }
  EXPECT_THAT(ints("SELECT n FROM weekly_stats WHERE offset_minutes = 0 ORDER BY week_start_ms"),
              ::testing::ElementsAre(2, 2, 2, 2));
  // Whole weeks come from the aggregate (falsified here), a week cut by the range's edge from the check-ins.
  sql(url, "UPDATE weekly_stats SET n = 40, sum_intensity = 120 WHERE offset_minutes = 0");
  const auto got = store->weekly_region_stats(1, monday + 1, monday + 4 * kWeekMs, 0);
  ASSERT_TRUE(is_ok(got));
  ASSERT_EQ(got->size(), 4u);
  EXPECT_EQ((*got)[0].check_ins, 1);
  EXPECT_EQ((*got)[1].check_ins, 40);
  EXPECT_DOUBLE_EQ((*got)[1].mean_intensity, 3.0);
  // A fifth offset evicts the first built, with its rows.
  ASSERT_TRUE(is_ok(store->weekly_region_stats(1, monday, monday + 4 * kWeekMs, -570)));
  EXPECT_THAT(ints("SELECT offset_minutes FROM weekly_stats_offsets ORDER BY kept_seq"),
              ::testing::ElementsAre(60, -300, 330, -570));
  EXPECT_TRUE(ints("SELECT n FROM weekly_stats WHERE offset_minutes = 0").empty());
  // record_check_in updates every kept offset; an import adding check-ins drops the person's aggregates.
  ASSERT_TRUE(is_ok(store->record_check_in(contract::check_in(hex_uid(0x300), hex_uid(0x10), monday + 5))));
  EXPECT_THAT(ints("SELECT sum(n) FROM weekly_stats GROUP BY offset_minutes"), ::testing::Each(9));
  core::Journal j;
  j.people = {{1, "me", 0}};
  core::SessionRecord rec;
  rec.info = contract::session_info(hex_uid(0x11), 0);
  rec.check_ins = {contract::check_in(hex_uid(0x301), hex_uid(0x11), monday + 6)};
  j.sessions = {rec};
  ASSERT_TRUE(is_ok(store->import_journal(j)));
  EXPECT_TRUE(ints("SELECT offset_minutes FROM weekly_stats_offsets").empty());
  EXPECT_TRUE(ints("SELECT n FROM weekly_stats").empty());
}

TEST_F(PostgresStoreTest, ImportsMatchMemoryStoreResultsAndMessagesExactly) {
  using Change = void (*)(core::Journal&);
  const std::vector<std::pair<const char*, Change>> journals{
      {"the sample again", [](core::Journal&) {}},
      {"more records", [](core::Journal& j) { j.routines.push_back(contract::routine(hex_uid(0x55), 300, "New")); }},
      {"changed routine", [](core::Journal& j) { j.routines[0].name = "Legs, longer"; }},
      {"changed person", [](core::Journal& j) { j.people[1].name = "Bob"; }},
      {"changed setting", [](core::Journal& j) { j.settings[0].value = "imperial"; }},
      {"routine with a check-in's uid",
       [](core::Journal& j) { j.routines.push_back(contract::routine(hex_uid(0x21), 300, "Clash")); }},
      {"routine of an unknown person",
       [](core::Journal& j) { j.routines.push_back(contract::routine(hex_uid(0x56), 300, "Who", 9)); }},
      {"new session with a bad check-in",
       [](core::Journal& j) {
         core::SessionRecord s;
         s.info = contract::session_info(hex_uid(0x12), 5000);
         s.check_ins = {contract::check_in(hex_uid(0x26), hex_uid(0x12), 5200, "calves", core::Side::kLeft, 11)};
         j.sessions.push_back(s);
       }},
      {"new session with a duplicate event",
       [](core::Journal& j) {
         core::SessionRecord s;
         s.info = contract::session_info(hex_uid(0x13), 5000);
         s.events = {contract::session_event(hex_uid(0x13), 4, 5000), contract::session_event(hex_uid(0x13), 4, 5001)};
         j.sessions.push_back(s);
       }},
      {"a present session with new and repeated records",
       [](core::Journal& j) {
         auto& s2 = j.sessions[1];
         s2.events.push_back(contract::session_event(s2.info.uid, 0, 3000, "session-started"));
         s2.events.push_back(contract::session_event(s2.info.uid, 0, 3000, "session-started"));
         s2.check_ins.push_back(contract::check_in(hex_uid(0x24), s2.info.uid, 3200));
         s2.notes.push_back(contract::session_note(hex_uid(0x42), s2.info.uid, 3300));
       }},
      {"a changed event of a present session", [](core::Journal& j) { j.sessions[0].events[1].kind = "paused"; }},
      {"a check-in moved to another session",
       [](core::Journal& j) {
         auto c = j.sessions[0].check_ins[0];
         j.sessions[0].check_ins.erase(j.sessions[0].check_ins.begin());
         c.session_uid = j.sessions[1].info.uid;
         j.sessions[1].check_ins.push_back(c);
       }},
      {"a new session's check-in recorded into a present session",
       [](core::Journal& j) {
         core::SessionRecord s;
         s.info = contract::session_info(hex_uid(0x15), 5000);
         s.check_ins = {contract::check_in(hex_uid(0x28), hex_uid(0x10), 5200)};
         j.sessions.push_back(s);
       }},
      {"check-in for an unknown session",
       [](core::Journal& j) {
         core::SessionRecord s;
         s.info = contract::session_info(hex_uid(0x14), 5000);
         s.check_ins = {contract::check_in(hex_uid(0x27), hex_uid(0x99), 5200)};
         j.sessions.push_back(s);
       }},
      {"self-test of an unknown session",
       [](core::Journal& j) { j.self_tests.push_back(contract::self_test(hex_uid(0x75), 10, 1, hex_uid(0x98))); }},
      {"setting with an empty key",
       [](core::Journal& j) {
         j.settings.push_back({1, "", "x"});
       }},
      {"setting of an unknown person",
       [](core::Journal& j) {
         j.settings.push_back({8, "k", "x"});
       }},
      {"profile of an unknown person",
       [](core::Journal& j) {
         j.profiles.push_back({8, contract::full_profile()});
       }},
  };
  for (const auto& [what, change] : journals) {
    SCOPED_TRACE(what);
    core::Journal j = contract::sample_journal();
    change(j);
    const auto store = open_or_fail(fresh_url());
    ASSERT_NE(store, nullptr);
    MemoryStore memory;
    ASSERT_TRUE(is_ok(store->import_journal(contract::sample_journal())));
    ASSERT_TRUE(is_ok(memory.import_journal(contract::sample_journal())));
    const auto got = store->import_journal(j);
    const auto want = memory.import_journal(j);
    ASSERT_EQ(bool(got), bool(want)) << (got ? "" : got.error().message) << (want ? "" : want.error().message);
    if (want) {
      EXPECT_EQ(got->added, want->added);
      EXPECT_EQ(got->present, want->present);
    } else {
      EXPECT_EQ(got.error().code, want.error().code);
      EXPECT_EQ(got.error().message, want.error().message);
    }
    EXPECT_EQ(store->export_journal().value(), memory.export_journal().value());
  }
}

TEST_F(PostgresStoreTest, ALargeImportExportsTheSameJournal) {
  const core::Journal j = generated_journal(20'000, 200, 11);
  const auto store = open_or_fail(fresh_url());
  ASSERT_NE(store, nullptr);
  const auto summary = store->import_journal(j);
  ASSERT_TRUE(is_ok(summary));
  EXPECT_EQ(summary->added + summary->present, contract::record_count(j));
  const auto exported = store->export_journal();
  ASSERT_TRUE(is_ok(exported));
  EXPECT_TRUE(*exported == j);  // not EXPECT_EQ: printing 20 000 check-ins helps nobody
  const auto again = store->import_journal(j);
  ASSERT_TRUE(is_ok(again));
  EXPECT_EQ(again->added, 0);
}

// --- no server needed -------------------------------------------------------------------------------------

TEST(PostgresUrlTest, DescribesTheServerForMessages) {
  const auto tcp = detail::parse_pg_url("postgresql://ann:pw@db.example:6543/journal");
  ASSERT_TRUE(is_ok(tcp));
  EXPECT_EQ(tcp->where, "db.example:6543");
  EXPECT_EQ(tcp->user, "ann");
  EXPECT_EQ(tcp->database, "journal");
  EXPECT_THAT(tcp->conninfo, ::testing::HasSubstr("connect_timeout='10'"));
  EXPECT_THAT(tcp->conninfo, ::testing::HasSubstr("client_encoding='UTF8'"));
  const auto socket = detail::parse_pg_url("postgresql:///journal?host=/run/postgresql&port=5433");
  ASSERT_TRUE(is_ok(socket));
  EXPECT_EQ(socket->where, "the socket /run/postgresql/.s.PGSQL.5433");
  const auto v6 = detail::parse_pg_url("postgresql://ann@[::1]:5432/journal");
  ASSERT_TRUE(is_ok(v6));
  EXPECT_EQ(v6->where, "[::1]:5432");
}

TEST(PostgresUrlTest, RefusesWhatIsNotAPostgresqlUrl) {
  const auto r = detail::parse_pg_url("mysql://x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kInvalid);
}

TEST(PostgresUrlTest, ConnectionFailuresBecomeOneLine) {
  detail::PgTarget t;
  t.where = "127.0.0.1:5433";
  t.user = "ann";
  t.database = "journal";
  t.connect_timeout_s = 10;
  const auto message = [&](const std::string& libpq) { return detail::connection_error(t, libpq).message; };
  EXPECT_EQ(message("connection to server at \"127.0.0.1\", port 5433 failed: Connection refused\n\tIs the server "
                    "running on that host and accepting TCP/IP connections?\n"),
            "cannot reach PostgreSQL at 127.0.0.1:5433 (connection refused); is the server running?");
  EXPECT_EQ(message("connection to server at \"127.0.0.1\", port 5433 failed: FATAL:  password authentication failed "
                    "for user \"ann\"\n"),
            "PostgreSQL refused the credentials for user \"ann\"; check the user and password in --db");
  EXPECT_EQ(message("connection to server at \"127.0.0.1\", port 5433 failed: fe_sendauth: no password supplied\n"),
            "PostgreSQL refused the credentials for user \"ann\"; check the user and password in --db");
  EXPECT_EQ(message("could not translate host name \"nohost\" to address: Name or service not known\n"),
            "cannot reach PostgreSQL at 127.0.0.1:5433 (unknown host name); check the host in --db");
  EXPECT_EQ(message("connection to server at \"10.1.1.1\", port 5433 failed: timeout expired\n"),
            "cannot reach PostgreSQL at 127.0.0.1:5433 (no answer within 10 s); is the server running, and is the "
            "address right?");
  EXPECT_EQ(message("connection to server at \"127.0.0.1\", port 5433 failed: FATAL:  sorry, too many clients "
                    "already\n"),
            "PostgreSQL at 127.0.0.1:5433 has no free connections (too many clients); try again later");
  EXPECT_EQ(message("connection to server at \"127.0.0.1\", port 5433 failed: FATAL:  something new\nDETAIL: x\n"),
            "cannot connect to PostgreSQL at 127.0.0.1:5433: something new");
  EXPECT_EQ(detail::connection_error(t, "invalid port number: \"99999\"\n").code, Code::kInvalid);
}

TEST(PostgresImportPlanTest, NewRecordsAreWrittenParentsFirstWithTheirSessionsPerson) {
  detail::ImportExisting existing;
  existing.people[1] = {1, "me", 0};
  const auto plan = detail::plan_import(existing, contract::sample_journal());
  ASSERT_TRUE(is_ok(plan));
  EXPECT_EQ(plan->summary.added, contract::kSampleRecords - 1);  // the local person is present
  EXPECT_EQ(plan->summary.present, 1);
  ASSERT_EQ(plan->changed_people.size(), 1u);
  EXPECT_EQ(plan->changed_people[0]->name, "Alex");
  ASSERT_EQ(plan->new_check_ins.size(), 3u);
  EXPECT_EQ(plan->new_check_ins[2].second, 2);  // the check-in of Bo's session
}

}  // namespace
}  // namespace smr::store
