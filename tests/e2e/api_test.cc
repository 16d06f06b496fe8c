// The JSON API over the services (issue 7, item 2), end to end: `smr serve` on a SQLite journal, a real HTTP
// client, and the CLI on the same journal where the API must agree with it.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "../support/gunzip.h"
#include "api_server.h"

namespace {

using smr::test::ApiServer;
using smr::test::HttpClient;
using smr::test::HttpResponse;
using smr::test::json_of;
using ::testing::HasSubstr;
using Verb = boost::beast::http::verb;
namespace bj = boost::json;

const std::string kFixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";
constexpr const char* kFixtureSession = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kProfile =
    R"({"conditions":["open-wound"],"named_areas":[{"condition":"open-wound","region":"calves","side":"left"}],)"
    R"("experience":"regular","tools":["foam-roller-medium"],"lifestyle":["desk-work"],)"
    R"("aches":[{"region":"neck"}]})";

// The error's code and field (null: ""), after checking the shape {"error": {"code", "message", "field"}}.
struct ErrorSeen {
  unsigned status = 0;
  std::string code, field, message;
};
ErrorSeen error_of(const HttpResponse& r) {
  ErrorSeen e;
  e.status = r.result_int();
  const auto v = bj::parse(r.body());
  const auto& err = v.at("error").as_object();
  EXPECT_EQ(err.size(), 3U) << r.body();
  e.code = std::string(err.at("code").as_string());
  e.message = std::string(err.at("message").as_string());
  if (!err.at("field").is_null()) e.field = std::string(err.at("field").as_string());
  return e;
}

// ---- happy paths -------------------------------------------------------------------------------------------

TEST(ApiTest, ProfileIsEmptyBeforeScreeningThenSavedAndScreened) {
  ApiServer s("profile");
  auto r = s.get("/api/profile");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(json_of(r).at("updated_ms"), 0);
  EXPECT_EQ(json_of(r).at("conditions"), bj::array());

  r = s.call(Verb::put, "/api/profile", kProfile);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto put = json_of(r);
  EXPECT_EQ(put.at("profile").at("tools"), (bj::array{"foam-roller-medium"}));
  EXPECT_GT(put.at("profile").at("updated_ms").as_int64(), 0);
  EXPECT_EQ(put.at("screening").at("may_roll"), true);
  const auto& blocked = put.at("screening").at("blocked_regions").as_array();
  ASSERT_FALSE(blocked.empty());
  EXPECT_EQ(blocked[0].at("region"), "calves");
  EXPECT_EQ(blocked[0].at("side"), "left");

  r = s.get("/api/profile");
  EXPECT_EQ(json_of(r), put.at("profile"));
  r = s.get("/api/screening");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(json_of(r), put.at("screening"));
  // The CLI plans from the profile the API saved: its screening is in the routine's clearances.
  const auto cli = s.smr({"plan", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(bj::parse(cli.out).at("clearance_needed"), put.at("screening").at("clearance_needed"));
}

TEST(ApiTest, PlanIsTheRoutineTheCliPlansForTheSameProfileAndRequest) {
  ApiServer s("plan");
  ASSERT_EQ(s.call(Verb::put, "/api/profile", kProfile).result_int(), 200);
  const auto r = s.call(Verb::post, "/api/plan",
                        R"({"goal":"post-workout","minutes":12,"context":"floor","activity":"running",)"
                        R"("focus":[{"region":"calves","side":"right"},{"region":"hamstrings"}]})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto cli = s.smr({"plan", "--json", "--goal", "post-workout", "--minutes", "12", "--context", "floor",
                          "--activity", "running", "--focus", "calves:right,hamstrings"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json_of(r), bj::parse(cli.out));
  // The screening applies: the blocked left calf is never planned.
  const auto routine = json_of(r);
  for (const auto& step : routine.at("steps").as_array()) {
    EXPECT_FALSE(step.at("region") == "calves" && step.at("side") == "left") << bj::serialize(step);
  }
}

// Issue 11 item 14: the web app's onboarding asks the lifestyle questions and its plan form offers the
// activities from GET /api/catalog/lifestyle. Every activity it lists is one the planner takes for the
// before/after-workout goals, and every factor has a question to ask.
TEST(ApiTest, LifestyleListGivesTheQuestionsAndTheActivitiesThePlannerTakes) {
  ApiServer s("lifestyle");
  ASSERT_EQ(s.call(Verb::put, "/api/profile", kProfile).result_int(), 200);
  const auto r = s.get("/api/catalog/lifestyle");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto list = json_of(r).as_array();
  ASSERT_FALSE(list.empty());
  int activities = 0;
  for (const auto& f : list) {
    const auto& o = f.as_object();
    EXPECT_FALSE(o.at("question").as_string().empty()) << bj::serialize(f);
    EXPECT_FALSE(o.at("name").as_string().empty()) << bj::serialize(f);
    if (!o.at("activity").as_bool()) continue;
    ++activities;
    const std::string id(o.at("id").as_string());
    for (const char* goal : {"pre-activity", "post-workout"}) {
      const auto plan =
          s.call(Verb::post, "/api/plan", std::string(R"({"goal":")") + goal + R"(","activity":")" + id + R"("})");
      EXPECT_EQ(plan.result_int(), 200) << goal << " " << id << ": " << plan.body();
    }
    EXPECT_EQ(s.get("/api/catalog/lifestyle/" + id).result_int(), 200) << id;
  }
  EXPECT_GT(activities, 0);
}

// Issue 14: a red flag is a "stop" (409), not a conflict; the field is the active warning signs it became.
TEST(ApiTest, PlanWithARedFlagIsAStopWithTheStopMessages) {
  ApiServer s("plan-stop");
  ASSERT_EQ(s.call(Verb::put, "/api/profile", R"({"symptoms":["calf-swelling"],"tools":["foam-roller-medium"]})")
                .result_int(),
            200);
  const auto e = error_of(s.call(Verb::post, "/api/plan", "{}"));
  EXPECT_EQ(e.status, 409U);
  EXPECT_EQ(e.code, "stop");
  EXPECT_EQ(e.field, "profile.warnings");
  EXPECT_THAT(e.message, HasSubstr("no routine: stop, do not roll now."));
}

TEST(ApiTest, ImportThenSessionsListOneSessionAndExportAsTheCli) {
  ApiServer s("journal");
  auto r = s.call(Verb::post, "/api/import", read_file(kFixture));
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_GT(json_of(r).at("added").as_int64(), 0);
  r = s.call(Verb::post, "/api/import", read_file(kFixture));  // again: all present
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(json_of(r).at("added"), 0);

  r = s.get("/api/sessions");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto sessions_doc = json_of(r);
  const auto& list = sessions_doc.at("sessions").as_array();
  ASSERT_EQ(list.size(), 1U);
  EXPECT_EQ(list[0].at("uid"), kFixtureSession);
  EXPECT_EQ(list[0].at("check_ins"), 2);
  const auto cli_log = s.smr({"log", "--json"});
  ASSERT_EQ(cli_log.exit_code, 0) << cli_log.err;
  EXPECT_EQ(json_of(r).at("sessions"), bj::parse(cli_log.out));

  EXPECT_EQ(json_of(s.get("/api/sessions?from=2025-11-21&to=2025-11-21")).at("sessions").as_array().size(), 1U);
  EXPECT_EQ(json_of(s.get("/api/sessions?from=2025-11-22")).at("sessions").as_array().size(), 0U);
  EXPECT_EQ(json_of(s.get("/api/sessions?to=2025-11-20")).at("sessions").as_array().size(), 0U);

  r = s.get(std::string("/api/sessions/") + kFixtureSession);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto one = json_of(r);
  EXPECT_EQ(one.at("check_ins").as_array().size(), 2U);
  EXPECT_EQ(one.at("adaptations").as_array().size(), 1U);
  EXPECT_EQ(one.at("notes").as_array().size(), 1U);
  EXPECT_EQ(one.at("events").as_array().size(), 2U);
  const auto cli_one = s.smr({"log", kFixtureSession, "--json"});
  EXPECT_EQ(one, bj::parse(cli_one.out));

  r = s.get("/api/export");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto cli_export = s.smr({"export"});
  ASSERT_EQ(cli_export.exit_code, 0) << cli_export.err;
  EXPECT_EQ(r.body(), cli_export.out);
}

TEST(ApiTest, ProgressAsTheCliInAGivenZone) {
  ApiServer s("progress");
  ASSERT_EQ(s.call(Verb::post, "/api/import", read_file(kFixture)).result_int(), 200);
  auto r = s.get("/api/progress?tz=UTC&as_of=2025-11-30");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto doc = json_of(r);
  EXPECT_EQ(doc.at("time_zone"), "UTC");
  EXPECT_EQ(doc.at("utc_offset_minutes"), 0);
  EXPECT_EQ(doc.at("as_of_ms"), 1764547199999);  // 2025-11-30 23:59:59.999 UTC
  EXPECT_TRUE(doc.at("progress").is_object());

  r = s.get("/api/progress?tz=Europe/Paris&as_of=2025-11-30T12:00&region=calves&since=2025-11-01");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  doc = json_of(r);
  EXPECT_EQ(doc.at("time_zone"), "Europe/Paris");
  EXPECT_EQ(doc.at("utc_offset_minutes"), 60);
  EXPECT_EQ(doc.at("as_of_ms"), 1764500400000);  // 12:00 in Paris is 11:00 UTC
  EXPECT_EQ(doc.at("region"), "calves");
  EXPECT_EQ(doc.at("since_ms"), 1761951600000);  // 2025-11-01 00:00 in Paris

  // The server's own zone without tz, as `smr progress --json` (same process environment, same journal).
  r = s.get("/api/progress?as_of=2025-11-30");
  const auto cli = s.smr({"progress", "--json", "--as-of", "2025-11-30"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json_of(r), bj::parse(cli.out));
}

// The server keeps progress answers per worker until the journal changes (docs/architecture.md, "Progress
// cache"): every answer must still follow every write, through the API or by another process.
TEST(ApiTest, ProgressFollowsEveryWriteThroughTheApiAndTheCli) {
  ApiServer s("progress-cache");
  auto self_tests = [&] {
    const auto r = s.get("/api/progress?tz=UTC");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::size_t trials = 0;
    const auto doc = json_of(r);
    for (const auto& t : doc.at("progress").at("self_tests").as_array()) {
      trials += t.at("history").as_array().size();
    }
    return trials;
  };
  // Several requests each time, so that every worker has answered (and kept its answer) in between.
  auto expect_trials = [&](std::size_t n, const char* after) {
    for (int i = 0; i < 8; ++i) EXPECT_EQ(self_tests(), n) << after << ", request " << i;
  };
  expect_trials(0, "a new journal");
  ASSERT_EQ(s.call(Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9.5})").result_int(),
            201);
  expect_trials(1, "a trial recorded through the API");
  const auto cli = s.smr({"test", "knee-to-wall", "--side", "left", "--value", "10"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  expect_trials(2, "a trial recorded by the CLI");
  ASSERT_EQ(s.smr({"test", "knee-to-wall", "--side", "right", "--value", "8"}).exit_code, 0);
  expect_trials(3, "a trial on the other side");
  // A browser's request gets the same answer compressed.
  const auto plain = s.get("/api/progress?tz=UTC&as_of=2030-01-01");
  const auto gz = HttpClient(s.port()).get("/api/progress?tz=UTC&as_of=2030-01-01", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(std::string(gz[boost::beast::http::field::content_encoding]), "gzip");
  EXPECT_EQ(std::string(gz[boost::beast::http::field::vary]), "Accept-Encoding");
  EXPECT_EQ(smr::test::gunzip(gz.body()), plain.body());
  // As of a time before them all: a different question, answered from the same journal.
  const auto before = s.get("/api/progress?tz=UTC&as_of=2025-01-01");
  EXPECT_TRUE(json_of(before).at("progress").at("self_tests").as_array().empty()) << before.body();
}

TEST(ApiTest, SelfTestsListGuidesAndRecordBaselineTrialsThenAChecks) {
  ApiServer s("self-tests");
  auto r = s.get("/api/self-tests");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_FALSE(json_of(r).at("guides").as_array().empty());
  EXPECT_TRUE(json_of(r).at("progress").as_array().empty());

  const char* body = R"({"test":"knee-to-wall","side":"left","value":9.5})";
  r = s.call(Verb::post, "/api/self-tests", body);
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(json_of(r).at("recorded").at("phase"), "baseline");
  EXPECT_EQ(json_of(r).at("recorded").at("unit"), "cm");
  r = s.call(Verb::post, "/api/self-tests", body);
  EXPECT_EQ(json_of(r).at("recorded").at("phase"), "baseline");
  r = s.call(Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":"11"})");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(json_of(r).at("recorded").at("phase"), "check");
  EXPECT_EQ(json_of(r).at("progress").at("baseline").to_number<double>(), 9.5);
  EXPECT_EQ(json_of(r).at("progress").at("latest").to_number<double>(), 11.0);

  r = s.get("/api/self-tests");
  ASSERT_EQ(json_of(r).at("progress").as_array().size(), 1U);
  const auto cli = s.smr({"test", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json_of(r).at("guides"), bj::parse(cli.out));
}

TEST(ApiTest, SorenessAndWorkoutsAreRecordedAsTheCliRecordsThem) {
  ApiServer s("soreness");
  ASSERT_EQ(s.call(Verb::post, "/api/import", read_file(kFixture)).result_int(), 200);
  auto r = s.call(Verb::post, "/api/soreness",
                  R"({"region":"calves","side":"right","rating":5,"phase":"after",)"
                  R"("session":"0a1b2c3d"})");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  const auto recorded = json_of(r).at("recorded");
  EXPECT_EQ(recorded.at("test"), "soreness/calves");
  EXPECT_EQ(recorded.at("side"), "right");
  EXPECT_EQ(recorded.at("value").to_number<double>(), 5.0);
  EXPECT_EQ(recorded.at("phase"), "after");
  EXPECT_EQ(recorded.at("session_uid"), kFixtureSession);
  r = s.call(Verb::post, "/api/soreness", R"({"region":"neck","rating":2})");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(json_of(r).at("recorded").at("side"), "centre");

  r = s.call(Verb::post, "/api/workouts", R"({"at_ms":1763690000000})");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  EXPECT_EQ(json_of(r).at("recorded").at("test"), "workout");
  EXPECT_EQ(json_of(r).at("recorded").at("at_ms"), 1763690000000);
  EXPECT_EQ(s.call(Verb::post, "/api/workouts", "{}").result_int(), 201);

  // The export holds them as the CLI's rows: the API's three plus the fixture's self-test.
  const auto exported = bj::parse(s.get("/api/export").body());
  EXPECT_EQ(exported.at("self_tests").as_array().size(), 5U);
}

TEST(ApiTest, SettingsHaveDefaultsAndAPutChangesOnlyWhatItSends) {
  ApiServer s("settings");
  auto r = s.get("/api/settings");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(json_of(r), (bj::value(bj::object{{"breaths_per_minute", 6}, {"voice", true}, {"units", "metric"}})));
  r = s.call(Verb::put, "/api/settings", R"({"voice":false,"breaths_per_minute":5})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const bj::value changed(bj::object{{"breaths_per_minute", 5}, {"voice", false}, {"units", "metric"}});
  EXPECT_EQ(json_of(r), changed);
  r = s.call(Verb::put, "/api/settings", R"({"units":"imperial"})");
  EXPECT_EQ(json_of(r).at("breaths_per_minute"), 5);
  EXPECT_EQ(json_of(s.get("/api/settings")).at("units"), "imperial");
}

// Regression: the server keeps a connection per worker on a new journal; another process that opens and closes
// the journal must not take the write-ahead log away from it (it did, when opening read the file's first bytes
// with an ifstream and so dropped the server's locks): what the server writes later is seen by the CLI at once.
TEST(ApiTest, WritesAfterAnotherProcessUsedTheNewJournalAreSeenByTheCli) {
  ApiServer s("shared-journal");
  ASSERT_EQ(s.smr({"plan", "--minutes", "5", "--tools", "foam-roller-medium"}).exit_code, 0);
  const auto r = s.call(Verb::put, "/api/settings", R"({"breaths_per_minute":5})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  const auto exported = s.smr({"export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_THAT(exported.out, HasSubstr("\"app.settings\""));
}

TEST(ApiTest, UnknownSessionAndAlertAre404NamingThePathParameter) {
  ApiServer s("not-found");
  auto e = error_of(s.get("/api/sessions/ffffffffffffffffffffffffffffffff"));
  EXPECT_EQ(e.status, 404U);
  EXPECT_EQ(e.field, "uid");
  EXPECT_EQ(e.message,
            "uid: no session has a uid starting with \"ffffffffffffffffffffffffffffffff\"; the sessions are listed "
            "by smr log");
  e = error_of(s.call(Verb::post, "/api/progress/alerts/pain-calves-left-1/ack"));
  EXPECT_EQ(e.status, 404U);
  EXPECT_EQ(e.field, "id");
}

TEST(ApiTest, BadQueryParametersAre400NamingTheParameter) {
  ApiServer s("bad-query");
  struct Case {
    std::string target, field;
  };
  const std::vector<Case> cases{
      {"/api/sessions?from=yesterday", "from"},
      {"/api/sessions?to=2025-13-01", "to"},
      {"/api/sessions?from=2025-11-02&to=2025-11-01", "to"},
      {"/api/progress?tz=Mars/Olympus", "tz"},
      {"/api/progress?tz=../../etc/passwd", "tz"},
      {"/api/progress?as_of=noon", "as_of"},
      {"/api/progress?as_of=2025-11-30T25:00", "as_of"},
      {"/api/progress?since=last-week", "since"},
      {"/api/progress?region=calfs", "region"},
  };
  for (const auto& c : cases) {
    const auto e = error_of(s.get(c.target));
    EXPECT_EQ(e.status, 400U) << c.target;
    EXPECT_EQ(e.code, "invalid") << c.target;
    EXPECT_EQ(e.field, c.field) << c.target << ": " << e.message;
  }
  EXPECT_THAT(error_of(s.get("/api/progress?region=calfs")).message, HasSubstr("did you mean \"calves\"?"));
}

// ---- bad input on every write route: a 4xx naming the field, and nothing stored changes ---------------------

struct BadCase {
  Verb method;
  std::string target;
  std::string body;
  unsigned status;
  std::string code;
  std::string field;  // "" = null
  std::string content_type = "application/json";
};

TEST(ApiTest, BadInputOnEveryWriteRouteIs4xxNamingTheFieldAndChangesNothing) {
  ApiServer s("bad-input");
  // Something stored in every part the routes write: a profile, a session, a self-test, settings.
  ASSERT_EQ(s.call(Verb::post, "/api/import", read_file(kFixture)).result_int(), 200);
  ASSERT_EQ(s.call(Verb::put, "/api/profile", kProfile).result_int(), 200);
  ASSERT_EQ(s.call(Verb::put, "/api/settings", R"({"voice":false})").result_int(), 200);
  const auto before = s.get("/api/export").body();

  std::string conflicting = read_file(kFixture);
  const auto title = conflicting.find("Recover from a run");
  ASSERT_NE(title, std::string::npos);
  conflicting.replace(title, 7, "Rolling");  // same session uid, different record

  const std::vector<BadCase> cases{
      // PUT /api/profile
      {Verb::put, "/api/profile", "{\"tools\": [", 400, "malformed", ""},
      {Verb::put, "/api/profile", kProfile, 400, "invalid", "Content-Type", "text/plain"},
      {Verb::put, "/api/profile", "[]", 400, "invalid", ""},
      {Verb::put, "/api/profile", R"({"conditions":"open-wound"})", 400, "invalid", "conditions"},
      {Verb::put, "/api/profile", R"({"tools":["foam-roller-medium",7]})", 400, "invalid", "tools[1]"},
      {Verb::put, "/api/profile", R"({"aches":[{"region":"calves"},{"region":"calves","side":"up"}]})", 400, "invalid",
       "aches[1].side"},
      {Verb::put, "/api/profile", R"({"aches":[{"region":"calves"},{"region":"neck","side":"left"}]})", 400, "invalid",
       "aches[1].side"},
      {Verb::put, "/api/profile", R"({"tools":["foam-roller-medium","jackhammer"]})", 400, "invalid", "tools[1]"},
      {Verb::put, "/api/profile", R"({"named_areas":[{"condition":"open-wound"}]})", 400, "invalid",
       "named_areas[0].region"},
      {Verb::put, "/api/profile", R"({"named_areas":[{"condition":"pregnancy","region":"calves"}]})", 400, "invalid",
       "named_areas[0].condition"},
      {Verb::put, "/api/profile", R"({"experience":"expert"})", 400, "invalid", "experience"},
      {Verb::put, "/api/profile", R"({"mood":"great"})", 400, "invalid", "mood"},
      // POST /api/plan (writes nothing, but is a write route)
      {Verb::post, "/api/plan", "{", 400, "malformed", ""},
      {Verb::post, "/api/plan", "{}", 400, "invalid", "Content-Type", "application/x-www-form-urlencoded"},
      {Verb::post, "/api/plan", R"({"minutes":"ten"})", 400, "invalid", "minutes"},
      {Verb::post, "/api/plan", R"({"minutes":500})", 400, "invalid", "minutes"},
      {Verb::post, "/api/plan", R"({"goal":"fly"})", 400, "invalid", "goal"},
      {Verb::post, "/api/plan", R"({"focus":[{"side":"left"}]})", 400, "invalid", "focus[0].region"},
      {Verb::post, "/api/plan", R"({"focus":[{"region":"calves","side":"up"}]})", 400, "invalid", "focus[0].side"},
      {Verb::post, "/api/plan", R"({"focus":[{"region":"elbow-pit"}]})", 400, "invalid", "focus"},
      {Verb::post, "/api/plan", R"({"tools":["jackhammer"]})", 400, "invalid", "tools"},
      // POST /api/import
      {Verb::post, "/api/import", "{\"format\":", 400, "malformed", ""},
      {Verb::post, "/api/import", read_file(kFixture), 400, "invalid", "Content-Type", "text/json"},
      {Verb::post, "/api/import", R"({"format":"smr-coach-journal","version":"1"})", 400, "invalid", "version"},
      {Verb::post, "/api/import", conflicting, 409, "conflict", ""},
      // POST /api/progress/alerts/{id}/ack
      {Verb::post, "/api/progress/alerts/no-such-alert/ack", "", 404, "not_found", "id"},
      {Verb::post, "/api/progress/alerts/no-such-alert/ack?tz=Nowhere", "", 400, "invalid", "tz"},
      // POST /api/self-tests
      {Verb::post, "/api/self-tests", "{\"test\"", 400, "malformed", ""},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9})", 400, "invalid",
       "Content-Type", "text/plain"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left"})", 400, "invalid", "value"},
      {Verb::post, "/api/self-tests", R"({"side":"left","value":9})", 400, "invalid", "test"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wal","side":"left","value":9})", 400, "invalid", "test"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"up","value":9})", 400, "invalid", "side"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","value":9})", 400, "invalid", "side"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":[9]})", 400, "invalid", "value"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":"far"})", 400, "invalid",
       "value"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9,"phase":"during"})", 400,
       "invalid", "phase"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9,"phase":"after"})", 400,
       "invalid", "session"},
      {Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9,"session":"ffff"})", 404,
       "not_found", "session"},
      // POST /api/soreness
      {Verb::post, "/api/soreness", "{\"region\":", 400, "malformed", ""},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":4})", 400, "invalid", "Content-Type",
       "text/plain"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left"})", 400, "invalid", "rating"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":11})", 400, "invalid", "rating"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":"4"})", 400, "invalid", "rating"},
      {Verb::post, "/api/soreness", R"({"region":"calfs","side":"left","rating":4})", 400, "invalid", "region"},
      {Verb::post, "/api/soreness", R"({"region":"calves","rating":4})", 400, "invalid", "side"},
      {Verb::post, "/api/soreness", R"({"region":"neck","side":"left","rating":4})", 400, "invalid", "side"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":4,"phase":"later"})", 400, "invalid",
       "phase"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":4,"phase":"after"})", 400, "invalid",
       "session"},
      {Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":4,"session":"ffff"})", 404,
       "not_found", "session"},
      // POST /api/workouts
      {Verb::post, "/api/workouts", "[", 400, "malformed", ""},
      {Verb::post, "/api/workouts", "{}", 400, "invalid", "Content-Type", "text/plain"},
      {Verb::post, "/api/workouts", R"({"at_ms":"yesterday"})", 400, "invalid", "at_ms"},
      {Verb::post, "/api/workouts", R"({"at_ms":99999999999999})", 400, "invalid", "at_ms"},
      {Verb::post, "/api/workouts", R"({"when":1})", 400, "invalid", "when"},
      // PUT /api/settings
      {Verb::put, "/api/settings", "{voice: false}", 400, "malformed", ""},
      {Verb::put, "/api/settings", R"({"voice":true})", 400, "invalid", "Content-Type", ""},
      {Verb::put, "/api/settings", R"({"voice":"yes"})", 400, "invalid", "voice"},
      {Verb::put, "/api/settings", R"({"voice":true,"breaths_per_minute":40})", 400, "invalid", "breaths_per_minute"},
      {Verb::put, "/api/settings", R"({"breaths_per_minute":5.5})", 400, "invalid", "breaths_per_minute"},
      {Verb::put, "/api/settings", R"({"units":"furlongs"})", 400, "invalid", "units"},
      {Verb::put, "/api/settings", R"({"theme":"dark"})", 400, "invalid", "theme"},
  };
  for (const auto& c : cases) {
    const std::string what = std::string(boost::beast::http::to_string(c.method)) + " " + c.target + " " + c.body;
    const auto r = s.call(c.method, c.target, c.body, c.content_type);
    EXPECT_EQ(r.result_int(), c.status) << what << " -> " << r.body();
    EXPECT_EQ(std::string(r[boost::beast::http::field::content_type]), "application/json") << what;
    const auto e = error_of(r);
    EXPECT_EQ(e.code, c.code) << what << " -> " << r.body();
    EXPECT_EQ(e.field, c.field) << what << " -> " << r.body();
    EXPECT_FALSE(e.message.empty()) << what;
  }
  // An oversize body on every write route: 413, nothing read.
  const std::string huge = "{\"note\":\"" + std::string(1024 * 1024 + 16, 'x') + "\"}";
  for (const auto& [method, target] :
       std::vector<std::pair<Verb, std::string>>{{Verb::put, "/api/profile"},
                                                 {Verb::post, "/api/plan"},
                                                 {Verb::post, "/api/progress/alerts/x/ack"},
                                                 {Verb::post, "/api/self-tests"},
                                                 {Verb::post, "/api/soreness"},
                                                 {Verb::post, "/api/workouts"},
                                                 {Verb::put, "/api/settings"}}) {
    const auto e = error_of(s.call(method, target, huge));
    EXPECT_EQ(e.status, 413U) << target;
    EXPECT_EQ(e.code, "body_too_large") << target;
  }
  // The import's own limit is 64 MiB: over it, refused on the Content-Length alone.
  HttpClient c(s.port());
  c.send_raw(
      "POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 67108865\r\n\r\n");
  const auto e = error_of(c.read_response());
  EXPECT_EQ(e.status, 413U);
  EXPECT_EQ(e.message, "the request body is larger than 64 MiB (the limit for POST /api/import)");
  EXPECT_EQ(s.get("/api/export").body(), before);
}

TEST(ApiTest, ImportTakesAJournalLargerThanTheOtherRoutesLimit) {
  ApiServer s("import-large");
  // 1 800 sessions with a check-in each: about 1.05 MiB, over the 1 MiB the other routes take.
  constexpr int kSessions = 1800;
  std::string sessions;
  for (int i = 0; i < kSessions; ++i) {
    char uid[33], check_in[33];
    std::snprintf(uid, sizeof uid, "%032x", i + 1);
    std::snprintf(check_in, sizeof check_in, "c%031x", i + 1);
    const long long start = 1763701200000LL + i * 86'400'000LL;
    if (i > 0) sessions += ",";
    sessions += R"({"uid":")" + std::string(uid) + R"(","person_id":1,"title":"Recover from a run, 10 min",)" +
                R"("started_ms":)" + std::to_string(start) + R"(,"ended_ms":)" + std::to_string(start + 600000) +
                R"(,"status":"finished","routine_json":"{}","events":[)" + R"({"seq":0,"at_ms":)" +
                std::to_string(start) + R"(,"kind":"session-started","step":-1,"data_json":"{}"},)" +
                R"({"seq":1,"at_ms":)" + std::to_string(start + 600000) +
                R"(,"kind":"session-finished","step":-1,"data_json":"{}"}],)" + R"("check_ins":[{"uid":")" + check_in +
                R"(","at_ms":)" + std::to_string(start + 90000) +
                R"(,"step":0,"exercise":"calves-roller","region":"calves","side":"left","intensity":6,)" +
                R"("quality":"good-hurt","note":"tender spot, mid calf"}],"adaptations":[],"notes":[]})";
  }
  const std::string journal =
      R"({"format":"smr-coach-journal","version":1,"people":[{"id":1,"name":"me","created_ms":0}],)"
      R"("profiles":[],"routines":[],"custom_exercises":[],"sessions":[)" +
      sessions + R"(],"self_tests":[],"settings":[]})";
  ASSERT_GT(journal.size(), 1024U * 1024U);
  // 7 200 records in one transaction, with the digests kept: seconds on a loaded machine, so a long timeout.
  const auto r = HttpClient(s.port(), std::chrono::seconds(120))
                     .request(Verb::post, "/api/import", {{"Content-Type", "application/json"}}, journal);
  ASSERT_EQ(r.result_int(), 200) << r.body().substr(0, 500);
  EXPECT_EQ(json_of(r).at("added"), 4 * kSessions);  // each session, its two events and its check-in
  const auto listed = s.smr({"log", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(bj::parse(listed.out).as_array().size(), static_cast<std::size_t>(kSessions));
}

TEST(ApiTest, MessagesSayWhatWouldBeRight) {
  ApiServer s("messages");
  EXPECT_EQ(error_of(s.call(Verb::put, "/api/profile", R"({"aches":[{"region":"calves","side":"up"}]})")).message,
            R"(aches[0].side: expected "left", "right" or "centre", got "up")");
  EXPECT_EQ(error_of(s.call(Verb::put, "/api/settings", R"({"breaths_per_minute":40})")).message,
            "breaths_per_minute: expected a whole number from 4 to 10, got 40");
  EXPECT_EQ(error_of(s.call(Verb::put, "/api/settings", "{}", "text/plain")).message,
            "the body must be JSON: send Content-Type: application/json, not \"text/plain\"");
  EXPECT_EQ(error_of(s.call(Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left"})")).message,
            "value: missing; expected the measured value: a number, or \"pass\" or \"fail\"");
}

}  // namespace
