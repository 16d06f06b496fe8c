// The live-session routes (http/session_api.h) in process: a memory journal, a clock the test moves.

#include "http/session_api.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "catalog/loader.h"
#include "http_test_support.h"
#include "json/plan_json.h"
#include "json/session_json.h"
#include "service/session_service.h"
#include "session_fixture.h"

namespace smr::http {
namespace {

namespace bj = boost::json;
using test::body_of;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

// Two steps on the calves of the built-in catalog (session_fixture.h).
core::Routine calves_routine() { return core::testing::builtin_calves_routine("Calves"); }

std::string create_body(const std::string& settings = R"({"get_ready_s":10,"check_in_s":5})") {
  return R"({"routine":)" + bj::serialize(json::to_json(calves_routine())) + R"(,"settings":)" + settings + "}";
}

// A request with a body (http_test_support.h's TestRequest has none).
class BodyRequest {
 public:
  BodyRequest(Verb method, const std::string& target, std::string body) : message_(method, target, 11) {
    message_.body() = std::move(body);
    url_ = *boost::urls::parse_origin_form(message_.target());
    request_.emplace(message_, url_);
  }
  operator const Request&() const { return *request_; }  // NOLINT

 private:
  RequestMessage message_;
  boost::urls::url_view url_;
  std::optional<Request> request_;
};

class SessionApiTest : public ::testing::Test {
 protected:
  SessionApiTest() : stores_(std::move(*WorkerStores::open("memory:", 2))) {
    SessionApiOptions o;
    o.steady_ms = [this] { return steady_ms_.load(); };
    o.unix_ms = [] { return std::int64_t{1'700'000'000'000}; };
    o.max_sessions = 3;
    api_ = std::make_unique<SessionApi>(builtin(), *stores_, o);
  }

  struct Answer {
    unsigned status;
    bj::object body;
  };
  static Answer answer(const Response& r) { return {r.result_int(), bj::parse(body_of(r)).as_object()}; }
  Answer create(const std::string& body) {
    return answer(api_->create(BodyRequest(Verb::post, "/api/sessions", body)));
  }
  Answer input(const std::string& uid, const std::string& body) {
    PathParams p;
    p.add("uid", uid);
    return answer(api_->input(BodyRequest(Verb::post, "/api/sessions/" + uid + "/inputs", body), p));
  }
  Answer live(const std::string& uid, const std::string& query = "") {
    PathParams p;
    p.add("uid", uid);
    return answer(api_->live(BodyRequest(Verb::get, "/api/sessions/" + uid + "/live" + query, ""), p));
  }
  core::SessionRecord stored(const std::string& uid) { return *stores_->lease(0)->session(uid); }

  std::atomic<std::int64_t> steady_ms_{5'000'000};
  std::unique_ptr<WorkerStores> stores_;
  std::unique_ptr<SessionApi> api_;
};

std::vector<std::string> cue_kinds(const bj::object& answer) {
  std::vector<std::string> out;
  for (const auto& c : answer.at("cues").as_array()) out.emplace_back(c.as_object().at("kind").as_string());
  return out;
}

TEST_F(SessionApiTest, CreateStoresTheSessionAndAnswersViewCuesAndTimeline) {
  const auto a = create(create_body());
  ASSERT_EQ(a.status, 201u) << bj::serialize(a.body);
  const std::string uid(a.body.at("uid").as_string());
  EXPECT_EQ(a.body.at("at_ms"), 0);
  EXPECT_EQ(a.body.at("view").as_object().at("state"), "get-ready");
  EXPECT_THAT(cue_kinds(a.body), ::testing::Contains("get-ready"));
  EXPECT_EQ(a.body.at("next_cue"), a.body.at("cues").as_array().size());
  const auto& timeline = a.body.at("timeline").as_array();
  ASSERT_FALSE(timeline.empty());
  EXPECT_EQ(timeline[0].as_object().at("kind"), "get-ready");
  EXPECT_EQ(timeline[0].as_object().at("start_ms"), 0);
  EXPECT_EQ(timeline[0].as_object().at("end_ms"), 10000);
  EXPECT_EQ(timeline[1].as_object().at("kind"), "transition");
  EXPECT_EQ(timeline[2].as_object().at("kind"), "hold");
  EXPECT_EQ(timeline[2].as_object().at("start_ms"), 15000);
  EXPECT_EQ(stored(uid).info.status, core::SessionStatus::kActive);
  EXPECT_EQ(api_->size(), 1u);
}

TEST_F(SessionApiTest, TheClockRunsAtTheTimeScale) {
  SessionApiOptions o;
  o.steady_ms = [this] { return steady_ms_.load(); };
  o.time_scale = 20;
  api_ = std::make_unique<SessionApi>(builtin(), *stores_, o);
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 1000;  // 20 s of session time
  const auto l = live(uid);
  EXPECT_EQ(l.body.at("at_ms"), 20000);
  EXPECT_EQ(l.body.at("time_scale").to_number<double>(), 20.0);  // written as "20", read back as an integer
  EXPECT_EQ(l.body.at("view").as_object().at("state"), "hold");
}

// Issue 7: the web player's pain check-in adapts the plan exactly as the terminal player's does: both are one
// service::LiveSession over one core::SessionEngine.
TEST_F(SessionApiTest, Issue7PainCheckInAdaptsAsTheTerminalPlayer) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 20000;  // 5 s into the first hold
  const auto r = input(uid, R"({"kind":"check-in","intensity":8,"quality":"sharp"})");
  ASSERT_EQ(r.status, 200u) << bj::serialize(r.body);
  EXPECT_THAT(cue_kinds(r.body), ::testing::Contains("adaptation"));

  // The terminal player's path: LiveSession started at 0, the same input at 20 s.
  auto terminal_stores = std::move(*WorkerStores::open("memory:", 1));
  auto store = terminal_stores->lease(0);
  service::SessionStart how;
  how.settings.get_ready_s = 10;
  how.settings.check_in_s = 5;
  how.settings.kit.owned_tools = {"foam-roller-medium", "foam-roller-medium"};  // the plan's tools, as roll does
  auto terminal = service::LiveSession::start(*store, builtin(), calves_routine(), how, 0, 1'700'000'000'000);
  ASSERT_TRUE(terminal);
  core::SessionInput pain;
  pain.kind = core::InputKind::kCheckIn;
  pain.check_in = {8, core::Quality::kSharp, "", ""};
  ASSERT_TRUE((*terminal)->tick(20000));
  auto step = (*terminal)->apply(20000, pain);
  ASSERT_TRUE(step);
  bj::array expected;
  for (const auto& c : step->cues) expected.push_back(json::to_json(c));
  bj::array got;
  for (auto c : r.body.at("cues").as_array()) {
    c.as_object().erase("index");
    got.push_back(c);
  }
  // The API's call also caught up (the hold's cues up to 20 s); the input's own cues end both lists.
  ASSERT_GE(got.size(), expected.size());
  EXPECT_EQ(bj::array(got.end() - static_cast<std::ptrdiff_t>(expected.size()), got.end()), expected);

  const auto web = stored(uid);
  const auto term = *store->session((*terminal)->uid());
  ASSERT_EQ(web.adaptations.size(), 1u);
  ASSERT_EQ(term.adaptations.size(), 1u);
  EXPECT_EQ(web.adaptations[0].kind, term.adaptations[0].kind);
  EXPECT_EQ(web.adaptations[0].reason, term.adaptations[0].reason);
  EXPECT_EQ(web.adaptations[0].detail_json, term.adaptations[0].detail_json);
  ASSERT_EQ(web.check_ins.size(), 1u);
  EXPECT_EQ(web.check_ins[0].intensity, 8);
}

TEST_F(SessionApiTest, RefusedInputIs409WithTheStateBeside) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  const auto r = input(uid, R"({"kind":"resume"})");
  EXPECT_EQ(r.status, 409u);
  EXPECT_EQ(r.body.at("error").as_object().at("code"), "conflict");
  EXPECT_EQ(r.body.at("error").as_object().at("field"), "kind");
  EXPECT_EQ(r.body.at("refusal"), "not-paused");
  EXPECT_EQ(r.body.at("view").as_object().at("state"), "get-ready");
}

TEST_F(SessionApiTest, UnknownRedFlagIs422NamingTheField) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 20000;
  const auto r = input(uid, R"({"kind":"red-flag","red_flag":"no-such-flag"})");
  EXPECT_EQ(r.status, 422u) << bj::serialize(r.body);
  EXPECT_EQ(r.body.at("error").as_object().at("field"), "red_flag");
  EXPECT_EQ(stored(uid).info.status, core::SessionStatus::kActive);
}

TEST_F(SessionApiTest, BadBodiesAre400NamingTheFieldAndStoreNothing) {
  EXPECT_EQ(create("{").status, 400u);
  EXPECT_EQ(create("{").body.at("error").as_object().at("code"), "malformed");
  const auto missing = create("{}");
  EXPECT_EQ(missing.status, 400u);
  EXPECT_EQ(missing.body.at("error").as_object().at("field"), "routine");
  const auto bad_step = create(R"({"routine":{"steps":[{"exercise":5}]}})");
  EXPECT_EQ(bad_step.status, 400u);
  EXPECT_THAT(std::string(bad_step.body.at("error").as_object().at("field").as_string()),
              ::testing::StartsWith("routine."));
  const auto settings = create(create_body(R"({"breaths_per_min":"six"})"));
  EXPECT_EQ(settings.status, 400u);
  EXPECT_EQ(settings.body.at("error").as_object().at("field"), "settings.breaths_per_min");
  const auto extra = create(R"({"routine":{},"colour":1})");
  EXPECT_EQ(extra.body.at("error").as_object().at("field"), "colour");
  EXPECT_EQ(api_->size(), 0u);
  auto sessions = stores_->lease(0)->sessions(core::kLocalPersonId, 0, INT64_MAX);
  ASSERT_TRUE(sessions);
  EXPECT_TRUE(sessions->empty());
}

TEST_F(SessionApiTest, UnknownUidIs404NamingUid) {
  const auto r = input("nope", R"({"kind":"pause"})");
  EXPECT_EQ(r.status, 404u);
  EXPECT_EQ(r.body.at("error").as_object().at("field"), "uid");
  EXPECT_EQ(live("nope").status, 404u);
}

TEST_F(SessionApiTest, SinceReturnsTheCuesFromThatIndex) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 16000;
  const auto all = live(uid, "?since=0");
  ASSERT_EQ(all.status, 200u);
  const auto& cues = all.body.at("cues").as_array();
  EXPECT_EQ(all.body.at("next_cue"), cues.size());
  for (std::size_t i = 0; i < cues.size(); ++i) EXPECT_EQ(cues[i].as_object().at("index"), i);
  EXPECT_THAT(cue_kinds(all.body), ::testing::Contains("step"));
  EXPECT_TRUE(live(uid).body.at("cues").as_array().empty());  // nothing new
  EXPECT_EQ(live(uid, "?since=9999").body.at("error").as_object().at("field"), "since");
  EXPECT_EQ(live(uid, "?since=x").status, 400u);
}

TEST_F(SessionApiTest, StopAllStopsAndRecordsEveryLiveSession) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 20000;
  EXPECT_EQ(api_->stop_all(), 1u);
  EXPECT_EQ(stored(uid).info.status, core::SessionStatus::kStopped);
  EXPECT_EQ(api_->size(), 0u);
  EXPECT_EQ(live(uid).status, 404u);
}

TEST_F(SessionApiTest, IdleSessionsAreStoppedAndForgotten) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  ASSERT_EQ(input(uid, R"({"kind":"pause"})").status, 200u);
  steady_ms_ += 2 * 3600 * 1000;
  EXPECT_EQ(api_->evict_idle(), 0u);  // exactly 2 h: not yet
  steady_ms_ += 1;
  EXPECT_EQ(api_->evict_idle(), 1u);
  EXPECT_EQ(stored(uid).info.status, core::SessionStatus::kStopped);
  EXPECT_EQ(live(uid).status, 404u);
}

TEST_F(SessionApiTest, AtMostMaxSessionsLive) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(create(create_body()).status, 201u);
  const auto full = create(create_body());
  EXPECT_EQ(full.status, 503u);
  EXPECT_EQ(full.body.at("error").as_object().at("code"), "unavailable");
}

// Issue 12: stopped sessions counted toward the cap for 2 hours, so a person who stopped a few locked
// themselves out. Only live sessions count; the ended ones are forgotten to make room (they are in the journal).
TEST_F(SessionApiTest, StoppedAndFinishedSessionsDoNotCountTowardTheCap) {
  std::vector<std::string> uids;
  for (int i = 0; i < 3; ++i) {
    const auto a = create(create_body());
    ASSERT_EQ(a.status, 201u);
    uids.emplace_back(a.body.at("uid").as_string());
  }
  ASSERT_EQ(input(uids[0], R"({"kind":"stop"})").status, 200u);
  const auto one_more = create(create_body());
  EXPECT_EQ(one_more.status, 201u);
  EXPECT_EQ(stored(uids[0]).info.status, core::SessionStatus::kStopped);
  // Three live again: the cap holds.
  EXPECT_EQ(create(create_body()).status, 503u);
  // Many stop-and-start rounds never lock the person out.
  for (std::size_t round = 0; round < 10; ++round) {
    ASSERT_EQ(input(uids[1 + round % 2], R"({"kind":"stop"})").status, 200u) << round;
    const auto again = create(create_body());
    ASSERT_EQ(again.status, 201u) << round;
    uids[1 + round % 2] = std::string(again.body.at("uid").as_string());
  }
}

TEST_F(SessionApiTest, AFinishedSessionIsRecordedAsFinished) {
  const auto a = create(create_body());
  const std::string uid(a.body.at("uid").as_string());
  steady_ms_ += 10 * 60 * 1000;
  const auto l = live(uid);
  EXPECT_EQ(l.body.at("view").as_object().at("state"), "finished");
  EXPECT_TRUE(l.body.at("timeline").as_array().empty());
  EXPECT_EQ(stored(uid).info.status, core::SessionStatus::kFinished);
  EXPECT_EQ(input(uid, R"({"kind":"pause"})").body.at("refusal"), "ended");
}

}  // namespace
}  // namespace smr::http
