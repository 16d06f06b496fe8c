// Live sessions over HTTP, end to end (issue 7): the real `smr serve` with --test-time-scale, a real HTTP
// client, and the journal read back with `smr log`.

#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api_server.h"

namespace {

using namespace std::chrono_literals;
using smr::test::ApiServer;
using smr::test::HttpClient;
using smr::test::HttpResponse;
using ::testing::Contains;
using ::testing::HasSubstr;
using Verb = boost::beast::http::verb;
namespace bj = boost::json;

class SessionApiTest : public ::testing::Test {
 protected:
  // `smr serve` on a free port, its session clock `scale` times faster.
  void serve(int scale) {
    server_ =
        std::make_unique<ApiServer>("session", std::vector<std::string>{"--test-time-scale", std::to_string(scale)});
    client_ = std::make_unique<HttpClient>(server_->port());
  }

  // `smr --db DB ARGS...` on the server's journal, which must succeed; its stdout.
  std::string smr(std::vector<std::string> args) {
    const auto r = server_->smr(std::move(args));
    if (r.exit_code != 0) throw std::runtime_error("smr failed: " + r.err);
    return r.out;
  }

  HttpResponse post(const std::string& target, const std::string& body) {
    return client_->request(Verb::post, target, {{"Content-Type", "application/json"}}, body);
  }
  bj::object post_json(const std::string& target, const std::string& body, unsigned status = 200) {
    const auto r = post(target, body);
    EXPECT_EQ(r.result_int(), status) << target << " " << body << " -> " << r.body();
    return bj::parse(r.body()).as_object();
  }
  bj::object live(const std::string& uid, const std::string& query = "") {
    const auto r = client_->get("/api/sessions/" + uid + "/live" + query);
    EXPECT_EQ(r.result_int(), 200u) << r.body();
    return bj::parse(r.body()).as_object();
  }
  // Polls until the session's state is one of `states` (or 30 s pass).
  bj::object wait_for_state(const std::string& uid, const std::vector<std::string>& states) {
    const auto until = std::chrono::steady_clock::now() + 30s;
    for (;;) {
      auto l = live(uid);
      const std::string state(l.at("view").as_object().at("state").as_string());
      for (const auto& s : states) {
        if (s == state) return l;
      }
      if (std::chrono::steady_clock::now() > until) {
        ADD_FAILURE() << "never reached " << states.front() << ": " << bj::serialize(l.at("view"));
        return l;
      }
      std::this_thread::sleep_for(20ms);
    }
  }
  // POST /api/sessions's body: a five-minute plan for the calves, as `smr plan --json` prints it on the server's
  // journal (the same JSON as POST /api/plan), with a 3-second get-ready.
  std::string start_body() {
    const std::string plan = smr({"plan", "--goal", "specific-ache", "--focus", "calves", "--minutes", "5", "--tools",
                                  "foam-roller-medium", "--json"});
    return R"({"routine":)" + plan + R"(,"settings":{"get_ready_s":3}})";
  }
  std::string logged(const std::string& uid) { return smr({"log", uid, "--json"}); }

  std::unique_ptr<ApiServer> server_;
  std::unique_ptr<HttpClient> client_;
};

std::vector<std::string> cue_kinds(const bj::object& answer) {
  std::vector<std::string> out;
  for (const auto& c : answer.at("cues").as_array()) out.emplace_back(c.as_object().at("kind").as_string());
  return out;
}

std::string error_field(const bj::object& answer) {
  const auto& f = answer.at("error").as_object().at("field");
  return f.is_null() ? "" : std::string(f.as_string());
}

TEST_F(SessionApiTest, PlaysAPlanWithAPainCheckInToTheEndAndJournalsIt) {
  serve(40);
  const auto created = post_json("/api/sessions", start_body(), 201);
  const std::string uid(created.at("uid").as_string());
  EXPECT_EQ(created.at("view").as_object().at("state"), "get-ready");
  EXPECT_THAT(cue_kinds(created), Contains("get-ready"));
  EXPECT_FALSE(created.at("timeline").as_array().empty());

  auto paused = post_json("/api/sessions/" + uid + "/inputs", R"({"kind":"pause"})");
  EXPECT_EQ(paused.at("view").as_object().at("state"), "paused");
  auto resumed = post_json("/api/sessions/" + uid + "/inputs", R"({"kind":"resume"})");
  EXPECT_NE(resumed.at("view").as_object().at("state"), "paused");

  wait_for_state(uid, {"locate", "hold", "move", "roll", "breathe"});
  const auto pain =
      post_json("/api/sessions/" + uid + "/inputs", R"({"kind":"check-in","intensity":8,"quality":"sharp"})");
  EXPECT_THAT(cue_kinds(pain), Contains("adaptation")) << bj::serialize(pain.at("cues"));

  const auto done = wait_for_state(uid, {"finished"});
  EXPECT_TRUE(done.at("timeline").as_array().empty());
  // Every cue can be fetched again from index 0.
  const auto all = live(uid, "?since=0");
  EXPECT_EQ(all.at("next_cue"), all.at("cues").as_array().size());
  EXPECT_THAT(cue_kinds(all), Contains("finished"));

  const auto record = bj::parse(logged(uid)).as_object();
  EXPECT_EQ(record.at("status"), "finished");
  ASSERT_FALSE(record.at("check_ins").as_array().empty());
  const auto& check_in = record.at("check_ins").as_array()[0].as_object();
  EXPECT_EQ(check_in.at("intensity"), 8);
  EXPECT_EQ(check_in.at("quality"), "sharp");
  EXPECT_FALSE(record.at("adaptations").as_array().empty());
}

TEST_F(SessionApiTest, BadRequestsAre4xxJsonNamingTheFieldAndChangeNothing) {
  serve(1);
  const auto created = post_json("/api/sessions", start_body(), 201);
  const std::string uid(created.at("uid").as_string());
  const std::string inputs = "/api/sessions/" + uid + "/inputs";
  const std::string before = logged(uid);
  const std::string sessions_before = smr({"log", "--json"});

  EXPECT_EQ(post_json(inputs, "{\"kind\":", 400).at("error").as_object().at("code"), "malformed");
  EXPECT_EQ(error_field(post_json(inputs, R"({"kind":5})", 400)), "kind");
  EXPECT_EQ(error_field(post_json(inputs, R"({"kind":"check-in","intensity":"high","quality":"sharp"})", 400)),
            "intensity");
  EXPECT_EQ(error_field(post_json(inputs, R"({"kind":"check-in","intensity":4})", 400)), "quality");
  EXPECT_EQ(error_field(post_json(inputs, R"({})", 400)), "kind");
  EXPECT_EQ(error_field(post_json("/api/sessions/no-such-session/inputs", R"({"kind":"pause"})", 404)), "uid");
  EXPECT_EQ(error_field(post_json("/api/sessions", R"({"settings":{}})", 400)), "routine");
  EXPECT_EQ(error_field(post_json("/api/sessions", R"({"routine":{"steps":"many"}})", 400)), "routine.steps");
  // Over the server's 1 MiB body limit (its own connection: the server closes it after the 413).
  const auto too_big = HttpClient(server_->port())
                           .request(Verb::post, "/api/sessions", {{"Content-Type", "application/json"}},
                                    std::string(2 * 1024 * 1024, ' '));
  EXPECT_EQ(too_big.result_int(), 413u) << too_big.body();
  EXPECT_EQ(bj::parse(too_big.body()).as_object().at("error").as_object().at("code"), "body_too_large");

  EXPECT_EQ(logged(uid), before);
  EXPECT_EQ(smr({"log", "--json"}), sessions_before);
}

// Issue 16: the phone plans with its 20 s check-in windows (POST /api/plan) and plays with them; with no input
// the session lasts the minutes asked (within 2 %, never over), as the journal records it.
TEST_F(SessionApiTest, APhonePlanPlayedWithNoInputLastsTheMinutesAsked) {
  serve(1000);
  for (const int minutes : {3, 10}) {
    SCOPED_TRACE(std::to_string(minutes) + " min");
    const auto plan =
        post("/api/plan", R"({"goal":"desk-relief","minutes":)" + std::to_string(minutes) +
                              R"(,"tools":["foam-roller-medium","therapy-ball-medium"],"check_in_s":20})");
    ASSERT_EQ(plan.result_int(), 200u) << plan.body();
    const auto routine = bj::parse(plan.body());
    EXPECT_EQ(routine.at("check_in_s").as_int64(), 20);
    const auto created =
        post_json("/api/sessions", R"({"routine":)" + plan.body() + R"(,"settings":{"check_in_s":20}})", 201);
    const std::string uid(created.at("uid").as_string());
    wait_for_state(uid, {"finished"});
    const auto rec = bj::parse(logged(uid));
    const auto played = rec.at("ended_ms").as_int64() - rec.at("started_ms").as_int64();
    EXPECT_LE(played, minutes * 60'000);
    EXPECT_GE(played * 100, minutes * 60'000 * 98);
    EXPECT_EQ(played, routine.at("total_s").as_int64() * 1000);
  }
}

TEST_F(SessionApiTest, SigtermStopsAndRecordsALiveSession) {
  serve(1);
  const auto created = post_json("/api/sessions", start_body(), 201);
  const std::string uid(created.at("uid").as_string());
  server_->process().signal(SIGTERM);
  EXPECT_EQ(server_->process().wait(20s), 0) << server_->process().err();
  EXPECT_THAT(server_->process().out(), HasSubstr("Stopped and recorded 1 live session.\n"));
  const auto record = bj::parse(logged(uid)).as_object();
  EXPECT_EQ(record.at("status"), "stopped");
  EXPECT_FALSE(record.at("ended_ms").is_null());
}

}  // namespace
