// Two `smr serve` instances on one PostgreSQL journal behind a real nginx, round robin (issue 19, item 6;
// docs/architecture.md, "State and instances"). Label "postgres": the throwaway server of scripts/pg-test-server,
// this test in a fresh schema. A live session is played through nginx, every request reaching the other instance;
// then one instance is killed and the session goes on through nginx on the other.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <pqxx/pqxx>

#include "nginx_cluster.h"
#include "process.h"

namespace {

namespace bj = boost::json;
using boost::beast::http::verb;
using smr::test::HttpResponse;
using smr::test::NginxCluster;

std::string server_url() {
  const char* file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

class InstancesPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = server_url();
    if (server_.empty()) GTEST_SKIP() << "no PostgreSQL test server (SMR_TEST_PG_URL_FILE)";
    schema_ = "nginx_" + std::to_string(::getpid());
    exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    exec("CREATE SCHEMA " + schema_);
  }
  void TearDown() override {
    if (!server_.empty()) exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  void exec(const std::string& sql) const {
    pqxx::connection conn(server_);
    pqxx::nontransaction tx(conn);
    tx.exec("SET client_min_messages = warning");
    tx.exec(sql);
  }
  std::string pg() const { return server_ + "?options=-csearch_path%3D" + schema_; }

  // POST /api/sessions's body: a five-minute plan for the calves from `smr plan --json` on the journal.
  std::string start_body() const {
    const auto plan = smr::test::run_process({SMR_BINARY, "--db", pg(), "plan", "--goal", "specific-ache", "--focus",
                                              "calves", "--minutes", "5", "--tools", "foam-roller-medium", "--json"});
    EXPECT_EQ(plan.exit_code, 0) << plan.err;
    return R"({"routine":)" + plan.out + R"(,"settings":{"get_ready_s":3}})";
  }

  std::string server_, schema_;
};

bj::object body(const HttpResponse& r) { return bj::parse(r.body()).as_object(); }

TEST_F(InstancesPostgresTest, ASessionThroughNginxIsServedByEitherInstanceAndSurvivesOneBeingKilled) {
  using namespace std::chrono_literals;
  const std::string start = start_body();
  NginxCluster cluster("session", pg(), {"--test-time-scale", "20"});

  const auto created = cluster.call(verb::post, "/api/sessions", start);
  ASSERT_EQ(created.result_int(), 201u) << created.body();
  const std::string uid(body(created).at("uid").as_string());
  const std::string inputs = "/api/sessions/" + uid + "/inputs";
  const std::string live = "/api/sessions/" + uid + "/live";

  // Inputs and polls alternate between the instances (round robin), and each is answered as by one instance.
  std::vector<std::uint16_t> answered{NginxCluster::answered_by(created)};
  const std::vector<std::pair<verb, std::string>> calls = {
      {verb::get, ""}, {verb::post, R"({"kind":"pause"})"},
      {verb::get, ""}, {verb::post, R"({"kind":"resume"})"},
      {verb::get, ""}, {verb::post, R"({"kind":"extend"})"},
      {verb::get, ""}, {verb::post, R"({"kind":"check-in","intensity":3,"quality":"pressure"})"}};
  for (const auto& [method, input] : calls) {
    std::this_thread::sleep_for(150ms);  // 3 s of session time
    const auto r = method == verb::get ? cluster.call(verb::get, live) : cluster.call(verb::post, inputs, input);
    // A refused input (the engine's 409, e.g. a check-in outside a check-in) still answers the session's state.
    ASSERT_TRUE(r.result_int() == 200u || r.result_int() == 409u) << input << ": " << r.body();
    answered.push_back(NginxCluster::answered_by(r));
  }
  for (std::size_t i = 1; i < answered.size(); ++i) {
    EXPECT_NE(answered[i], answered[i - 1]) << "request " << i << " reached the same instance twice in a row";
  }
  // The whole cue list is the same on both instances: the one polled later may only have more at its end (the
  // session goes on between the two polls; on a loaded machine a cue may fall between them).
  const auto cues_1 = cluster.call(verb::get, live + "?since=0");
  const auto cues_2 = cluster.call(verb::get, live + "?since=0");
  ASSERT_EQ(cues_1.result_int(), 200u);
  ASSERT_EQ(cues_2.result_int(), 200u);
  EXPECT_NE(NginxCluster::answered_by(cues_1), NginxCluster::answered_by(cues_2));
  const auto earlier = body(cues_1).at("cues").as_array();
  const auto later = body(cues_2).at("cues").as_array();
  ASSERT_LE(earlier.size(), later.size()) << cues_1.body() << "\n" << cues_2.body();
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    EXPECT_EQ(bj::serialize(earlier[i]), bj::serialize(later[i])) << "cue " << i;
  }

  // One instance dies (SIGKILL: no shutdown, nothing recorded); nginx sends everything to the other.
  const std::uint16_t survivor = cluster.instance(1)->port();
  cluster.kill(0);
  for (const auto& input : {R"({"kind":"skip-phase"})", R"({"kind":"pause"})", R"({"kind":"resume"})"}) {
    std::this_thread::sleep_for(100ms);
    const auto r = cluster.call(verb::post, inputs, input);
    ASSERT_TRUE(r.result_int() == 200u || r.result_int() == 409u) << input << ": " << r.body();
    EXPECT_EQ(NginxCluster::answered_by(r), survivor);
    const auto polled = cluster.call(verb::get, live);
    ASSERT_EQ(polled.result_int(), 200u) << polled.body();
  }
  const auto stopped = cluster.call(verb::post, inputs, R"({"kind":"stop"})");
  ASSERT_EQ(stopped.result_int(), 200u) << stopped.body();
  EXPECT_EQ(body(stopped).at("view").as_object().at("state"), "stopped");

  // The journal: one session, stopped, its events numbered 0..n-1 without a gap or a fork, never interrupted.
  pqxx::connection conn(pg());
  pqxx::read_transaction tx(conn);
  EXPECT_EQ(tx.exec1("SELECT status FROM sessions WHERE uid = " + tx.quote(uid))[0].as<std::string>(), "stopped");
  const auto rows =
      tx.exec("SELECT seq, kind FROM session_events WHERE session_uid = " + tx.quote(uid) + " ORDER BY seq");
  ASSERT_FALSE(rows.empty());
  int started = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][0].as<std::int64_t>(), static_cast<std::int64_t>(i));
    const auto kind = rows[i][1].as<std::string>();
    EXPECT_NE(kind, "interrupted");
    if (kind == "session-started") ++started;
  }
  EXPECT_EQ(started, 1);
  EXPECT_EQ(rows[rows.size() - 1][1].as<std::string>(), "session-stopped");
}

}  // namespace
