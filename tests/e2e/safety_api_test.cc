// The safety gate and the warning signs over HTTP, end to end (issue 14): the real `smr serve`, a real HTTP
// client. A red flag reported in a session stays an active warning sign (GET /api/warnings) that stops plans
// and sessions (409 stop) until it is cleared (POST /api/warnings/{red_flag}/clear); a plan kept in a browser
// from before the person screened again is made safe before it plays (POST /api/sessions: safety_changes).

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api_server.h"

namespace {

using smr::test::ApiServer;
using smr::test::HttpClient;
using ::testing::HasSubstr;
using Verb = boost::beast::http::verb;
namespace bj = boost::json;

class SafetyApiTest : public ::testing::Test {
 protected:
  SafetyApiTest() : server_("safety"), client_(server_.port()) {}

  // The answer to a request, which must have `status`; a JSON body.
  bj::value call(Verb verb, const std::string& target, const std::string& body, unsigned status) {
    const auto r = body.empty() ? client_.request(verb, target, {}, "")
                                : client_.request(verb, target, {{"Content-Type", "application/json"}}, body);
    EXPECT_EQ(r.result_int(), status) << verb << " " << target << " " << body << " -> " << r.body();
    return bj::parse(r.body());
  }
  bj::value get(const std::string& target, unsigned status = 200) { return call(Verb::get, target, "", status); }
  bj::value post(const std::string& target, const std::string& body, unsigned status) {
    return call(Verb::post, target, body, status);
  }
  bj::value put(const std::string& target, const std::string& body, unsigned status = 200) {
    return call(Verb::put, target, body, status);
  }

  // A ten-minute plan for the calves with `tools`, as the browser would keep it.
  bj::value plan_for_calves(const std::string& tools) {
    return post(
        "/api/plan",
        R"({"goal":"specific-ache","minutes":10,"focus":[{"region":"calves","side":"left"}],"tools":)" + tools + "}",
        200);
  }
  std::string start_body(const bj::value& routine) {
    return R"({"routine":)" + bj::serialize(routine) + R"(,"settings":{"get_ready_s":0}})";
  }

  ApiServer server_;
  HttpClient client_;
};

std::string error_code(const bj::value& v) { return std::string(v.at("error").at("code").as_string()); }
std::string error_field(const bj::value& v) {
  const auto& f = v.at("error").at("field");
  return f.is_null() ? "" : std::string(f.as_string());
}

std::vector<std::string> flags_of(const bj::value& warnings) {
  std::vector<std::string> out;
  for (const auto& w : warnings.at("warnings").as_array()) out.emplace_back(w.at("red_flag").as_string());
  return out;
}

// Every red flag of the catalog, reported in a session either way a person can (the red-flag input, or a
// check-in that names it): the session stops, the flag is an active warning sign naming that session, plans and
// sessions answer 409 stop until it is cleared, and after the clear they work again.
TEST_F(SafetyApiTest, EveryRedFlagReportedInASessionStopsPlansAndSessionsUntilCleared) {
  put("/api/profile", R"({"tools":["foam-roller-medium"]})");
  EXPECT_TRUE(get("/api/warnings").at("warnings").as_array().empty());
  const auto not_active = post("/api/warnings/spreading-numbness/clear", "", 404);
  EXPECT_EQ(error_code(not_active), "not_found");
  EXPECT_EQ(error_field(not_active), "red_flag");
  EXPECT_THAT(std::string(not_active.at("error").at("message").as_string()), HasSubstr("none is active"));

  const auto flags = get("/api/catalog/red-flags").as_array();
  ASSERT_GE(flags.size(), 2u);
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const std::string flag(flags[i].at("id").as_string());
    const bool by_check_in = i % 2 == 1;
    SCOPED_TRACE(flag + (by_check_in ? " in a check-in" : " as a red-flag input"));
    const auto routine = plan_for_calves(R"(["foam-roller-medium"])");
    const auto started = post("/api/sessions", start_body(routine), 201);
    const std::string uid(started.at("uid").as_string());

    // A check-in is taken while a step plays: out of the first transition first.
    if (by_check_in) post("/api/sessions/" + uid + "/inputs", R"({"kind":"skip-phase"})", 200);
    const std::string input = by_check_in
                                  ? R"({"kind":"check-in","intensity":3,"quality":"numb","red_flag":")" + flag + "\"}"
                                  : R"({"kind":"red-flag","red_flag":")" + flag + "\"}";
    const auto reported = post("/api/sessions/" + uid + "/inputs", input, 200);
    EXPECT_EQ(reported.at("view").at("state"), "stopped");
    bool urgent = false;
    for (const auto& c : reported.at("cues").as_array()) urgent = urgent || c.at("kind") == "urgent";
    EXPECT_TRUE(urgent) << bj::serialize(reported.at("cues"));

    const auto active = get("/api/warnings");
    ASSERT_EQ(flags_of(active), std::vector<std::string>{flag});
    EXPECT_EQ(active.at("warnings").as_array()[0].at("session_uid"), uid.c_str());

    const auto refused_plan = post("/api/plan", R"({"goal":"daily-mobility","minutes":10})", 409);
    EXPECT_EQ(error_code(refused_plan), "stop");
    EXPECT_EQ(error_field(refused_plan), "profile.warnings");
    const auto refused_start = post("/api/sessions", start_body(routine), 409);
    EXPECT_EQ(error_code(refused_start), "stop");
    EXPECT_EQ(error_field(refused_start), "profile.warnings");

    EXPECT_TRUE(post("/api/warnings/" + flag + "/clear", "", 200).at("warnings").as_array().empty());
    EXPECT_TRUE(get("/api/warnings").at("warnings").as_array().empty());
    EXPECT_EQ(error_code(post("/api/warnings/" + flag + "/clear", "", 404)), "not_found");
    post("/api/plan", R"({"goal":"daily-mobility","minutes":10})", 200);
  }
}

// A symptom answered in screening is an active warning sign too (PUT /api/profile answers it), and leaving it out
// of the next screening does not clear it: only the clear route does.
TEST_F(SafetyApiTest, ARedFlagAnsweredInScreeningStaysUntilCleared) {
  const auto saved = put("/api/profile", R"({"tools":["foam-roller-medium"],"symptoms":["calf-swelling"]})");
  EXPECT_EQ(flags_of(saved), std::vector<std::string>{"calf-swelling"});
  EXPECT_TRUE(saved.at("warnings").as_array()[0].at("session_uid").is_null());
  EXPECT_EQ(saved.at("screening").at("may_roll"), false);

  const auto again = put("/api/profile", R"({"tools":["foam-roller-medium"]})");
  EXPECT_EQ(flags_of(again), std::vector<std::string>{"calf-swelling"});
  EXPECT_EQ(error_code(post("/api/plan", R"({"minutes":10})", 409)), "stop");

  post("/api/warnings/calf-swelling/clear", "", 200);
  EXPECT_TRUE(get("/api/profile").at("symptoms").as_array().empty());
  post("/api/plan", R"({"minutes":10})", 200);
}

// A plan with a firm roller on the calves, kept from before the person answered that they have lost feeling in
// their feet and legs (loss-of-sensation: no firm tools there, intensity at most 4): started, it plays without
// the firm roller there and within the limit, and the answer says what changed.
TEST_F(SafetyApiTest, AStalePlanIsMadeSafeBeforeItPlaysAndTheAnswerSaysWhatChanged) {
  put("/api/profile", R"({"tools":["foam-roller-firm","foam-roller-medium"]})");
  const auto kept = plan_for_calves(R"(["foam-roller-firm"])");
  int firm_steps = 0;
  for (const auto& s : kept.at("steps").as_array()) firm_steps += s.at("tool") == "foam-roller-firm" ? 1 : 0;
  ASSERT_GT(firm_steps, 0) << "the kept plan must use the firm roller: " << bj::serialize(kept);

  put("/api/profile", R"({"conditions":["loss-of-sensation"],"tools":["foam-roller-firm","foam-roller-medium"]})");
  const auto screening = get("/api/screening");
  std::set<std::string> limited;
  int intensity_max = 10;
  for (const auto& l : screening.at("limits").as_array()) {
    if (l.at("condition") != "loss-of-sensation") continue;
    for (const auto& r : l.at("regions").as_array()) limited.emplace(r.as_string());
    if (l.at("intensity_max").is_int64()) intensity_max = static_cast<int>(l.at("intensity_max").as_int64());
  }
  ASSERT_TRUE(limited.count("calves")) << bj::serialize(screening);

  const auto started = post("/api/sessions", start_body(kept), 201);
  const auto& changes = started.at("safety_changes").as_array();
  ASSERT_FALSE(changes.empty());
  std::set<std::int64_t> changed_steps;
  for (const auto& c : changes) {
    changed_steps.insert(c.at("step").as_int64());
    EXPECT_FALSE(c.at("message").as_string().empty()) << bj::serialize(c);
    EXPECT_FALSE(c.at("rules").as_array().empty()) << bj::serialize(c);
  }
  // Every step of the kept plan that broke the limit is among the changes.
  const auto& kept_steps = kept.at("steps").as_array();
  for (std::size_t i = 0; i < kept_steps.size(); ++i) {
    const auto& s = kept_steps[i];
    const bool breaks = limited.count(std::string(s.at("region").as_string())) &&
                        (s.at("tool") == "foam-roller-firm" || s.at("intensity_max").as_int64() > intensity_max);
    if (breaks) {
      EXPECT_TRUE(changed_steps.count(static_cast<std::int64_t>(i))) << "step " << i << " unchanged";
    }
  }

  // The journal keeps the routine as played: no firm roller on a limited region, no ceiling above the limit.
  const std::string uid(started.at("uid").as_string());
  const auto record = get("/api/sessions/" + uid);
  const auto played = bj::parse(record.at("routine_json").as_string());
  ASSERT_FALSE(played.at("steps").as_array().empty());
  for (const auto& s : played.at("steps").as_array()) {
    if (!limited.count(std::string(s.at("region").as_string()))) continue;
    EXPECT_NE(s.at("tool"), "foam-roller-firm") << bj::serialize(s);
    EXPECT_LE(s.at("intensity_max").as_int64(), intensity_max) << bj::serialize(s);
  }
}

// A step whose tool is not one its exercise uses is refused with the step's field, and nothing is started.
TEST_F(SafetyApiTest, AStepThatDoesNotHoldTogetherIsRefusedNamingIt) {
  put("/api/profile", R"({"tools":["foam-roller-medium"]})");
  auto routine = plan_for_calves(R"(["foam-roller-medium"])");
  auto& steps = routine.at("steps").as_array();
  ASSERT_GE(steps.size(), 1u);
  const std::size_t last = steps.size() - 1;
  steps[last].as_object()["tool"] = "peanut-ball";
  const auto refused = post("/api/sessions", start_body(routine), 400);
  EXPECT_EQ(error_code(refused), "invalid");
  EXPECT_EQ(error_field(refused), "routine.steps[" + std::to_string(last) + "].tool");
  EXPECT_TRUE(get("/api/sessions").at("sessions").as_array().empty());
}

}  // namespace
