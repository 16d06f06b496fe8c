// Issues 8 and 14: the CLI and the API are two faces of one service layer, so the same input gives the same
// answer and the same error code and field on both. One test per use case: the same input to `smr
// --error-format json ...` and to the route, on the same journal.

#include <chrono>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "api_server.h"

namespace {

using smr::test::ApiServer;
using smr::test::HttpResponse;
using Verb = boost::beast::http::verb;
namespace bj = boost::json;

struct Seen {
  std::string code;
  std::string field;  // "" for none
};

Seen from_api(const HttpResponse& r) {
  const auto v = bj::parse(r.body());
  const auto& e = v.at("error").as_object();
  return {std::string(e.at("code").as_string()), e.at("field").is_null() ? "" : std::string(e.at("field").as_string())};
}

Seen from_cli(const smr::test::ProcessResult& r) {
  const auto line = r.err.substr(0, r.err.find('\n'));
  const auto v = bj::parse(line);
  const auto& e = v.at("error").as_object();
  return {std::string(e.at("code").as_string()), e.at("field").is_null() ? "" : std::string(e.at("field").as_string())};
}

std::string write(const ApiServer& s, const std::string& name, const std::string& text) {
  const auto path = (s.dir() / name).string();
  std::ofstream(path) << text;
  return path;
}

void expect_same(const Seen& cli, const Seen& api, const std::string& code, const std::string& field) {
  EXPECT_EQ(cli.code, code);
  EXPECT_EQ(cli.field, field);
  EXPECT_EQ(api.code, cli.code);
  EXPECT_EQ(api.field, cli.field);
}

TEST(FacesAgreeTest, SavingAProfileWithAnUnknownToolNamesTheSameField) {
  ApiServer s("agree-profile");
  const std::string body = R"({"tools":["foam-roller-medium","no-such-roller"]})";
  const auto cli = s.smr({"--error-format", "json", "screen", "--json", write(s, "p.json", body)});
  EXPECT_NE(cli.exit_code, 0);
  const auto api = s.call(Verb::put, "/api/profile", body);
  EXPECT_EQ(api.result_int(), 400);
  expect_same(from_cli(cli), from_api(api), "invalid", "tools[1]");
}

TEST(FacesAgreeTest, PlanningOutsideTheMinutesNamesMinutes) {
  ApiServer s("agree-plan");
  const auto cli = s.smr({"--error-format", "json", "plan", "--minutes", "1", "--tools", "foam-roller-medium"});
  EXPECT_EQ(cli.exit_code, 2);
  const auto api = s.call(Verb::post, "/api/plan", R"({"minutes":1,"tools":["foam-roller-medium"]})");
  EXPECT_EQ(api.result_int(), 400);
  expect_same(from_cli(cli), from_api(api), "invalid", "minutes");
}

TEST(FacesAgreeTest, AnActiveWarningSignStopsPlanningOnBothFaces) {
  ApiServer s("agree-stop");
  ASSERT_EQ(s.call(Verb::put, "/api/profile", R"({"symptoms":["calf-swelling"],"tools":["foam-roller-medium"]})")
                .result_int(),
            200);
  const auto cli = s.smr({"--error-format", "json", "plan"});
  EXPECT_EQ(cli.exit_code, 3);
  const auto api = s.call(Verb::post, "/api/plan", "{}");
  EXPECT_EQ(api.result_int(), 409);
  expect_same(from_cli(cli), from_api(api), "stop", "profile.warnings");
}

TEST(FacesAgreeTest, AStepThatDoesNotHoldTogetherIsRefusedNamingTheSameStep) {
  ApiServer s("agree-session");
  const std::string routine =
      R"({"goal":"daily-mobility","steps":[{"exercise":"calves-roller","region":"calves","side":"left",)"
      R"("tool":"lacrosse-ball","phases":[{"kind":"hold","seconds":30}],"sets":1}]})";
  const auto cli = s.smr({"--error-format", "json", "roll", "--plan", write(s, "plan.json", routine), "--script",
                          write(s, "script.txt", "")});
  EXPECT_EQ(cli.exit_code, 1);
  const auto api = s.call(Verb::post, "/api/sessions", R"({"routine":)" + routine + "}");
  EXPECT_EQ(api.result_int(), 400);
  expect_same(from_cli(cli), from_api(api), "invalid", "routine.steps[0].tool");
}

TEST(FacesAgreeTest, ClearingAWarningThatIsNotActiveIsNotFoundOnBothFaces) {
  ApiServer s("agree-clear");
  const auto cli = s.smr({"--error-format", "json", "screen", "--clear-warning", "chest-pain-breathless"});
  EXPECT_EQ(cli.exit_code, 1);
  const auto api = s.call(Verb::post, "/api/warnings/chest-pain-breathless/clear", "{}");
  EXPECT_EQ(api.result_int(), 404);
  expect_same(from_cli(cli), from_api(api), "not_found", "red_flag");
}

TEST(FacesAgreeTest, SettingsOutOfRangeNameTheSameFieldAndAChangeOnOneFaceShowsOnTheOther) {
  ApiServer s("agree-settings");
  const auto cli = s.smr({"--error-format", "json", "settings", "--breaths", "99"});
  EXPECT_EQ(cli.exit_code, 2);
  const auto api = s.call(Verb::put, "/api/settings", R"({"breaths_per_minute":99})");
  EXPECT_EQ(api.result_int(), 400);
  expect_same(from_cli(cli), from_api(api), "invalid", "breaths_per_minute");

  const auto changed = s.smr({"settings", "--breaths", "5", "--voice", "off", "--units", "imperial"});
  ASSERT_EQ(changed.exit_code, 0) << changed.err;
  const auto got = bj::parse(s.get("/api/settings").body());
  EXPECT_EQ(got.at("breaths_per_minute").as_int64(), 5);
  EXPECT_EQ(got.at("voice").as_bool(), false);
  EXPECT_EQ(got.at("units").as_string(), "imperial");
  ASSERT_EQ(s.call(Verb::put, "/api/settings", R"({"breaths_per_minute":7})").result_int(), 200);
  const auto shown = s.smr({"settings", "--json"});
  EXPECT_EQ(bj::parse(shown.out), bj::parse(s.get("/api/settings").body()));
}

TEST(FacesAgreeTest, AStalePlanIsRepairedTheSameWayOnBothFaces) {
  ApiServer s("agree-stale");
  // Planned for someone without conditions: the firm roller on the calves.
  const std::string routine =
      R"({"goal":"daily-mobility","steps":[{"exercise":"calves-roller","region":"calves","side":"left",)"
      R"("tool":"foam-roller-firm","phases":[{"kind":"hold","seconds":30}],"sets":1,"intensity_max":7}]})";
  ASSERT_EQ(s.call(Verb::put, "/api/profile",
                   R"({"conditions":["loss-of-sensation"],"tools":["foam-roller-firm","foam-roller-medium"]})")
                .result_int(),
            200);
  const auto api = s.call(Verb::post, "/api/sessions", R"({"routine":)" + routine + "}");
  ASSERT_EQ(api.result_int(), 201) << api.body();
  const auto changes = bj::parse(api.body()).at("safety_changes").as_array();
  ASSERT_FALSE(changes.empty());
  const auto cli = s.smr({"roll", "--plan", write(s, "plan.json", routine), "--script",
                          write(s, "script.txt", "1 stop\n"), "--speed", "50"});
  for (const auto& c : changes) {
    EXPECT_THAT(cli.out, ::testing::HasSubstr("Safety change: " + std::string(c.at("message").as_string())))
        << cli.out << cli.err;
  }
}

// ---- the use cases that record and read (issue 8) -----------------------------------------------------------

const std::string kFixture = std::string(SMR_SOURCE_DIR) + "/tests/e2e/data/journal.json";
constexpr const char* kSession = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";  // the fixture's session

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A server whose journal holds the fixture (a session, self-tests), so that sessions can be named.
struct FixtureServer {
  explicit FixtureServer(const std::string& name) : s(name) {
    const auto r = s.smr({"import", kFixture});
    if (r.exit_code != 0) ADD_FAILURE() << r.err;
  }
  ApiServer s;
};

// The same bad input to a command and to its route.
struct BadInput {
  std::string use_case;
  std::vector<std::string> cli;  // after `smr --error-format json`
  Verb method;
  std::string target;
  std::string body;  // JSON; "" for none
  std::string code;
  std::string field;
};

TEST(FacesAgreeTest, BadInputToEveryUseCaseThatRecordsOrReadsGivesTheSameCodeAndField) {
  FixtureServer f("agree-bad-input");
  auto& s = f.s;
  const auto version_one = write(s, "v1.json", R"({"format":"smr-coach-journal","version":"1"})");
  const std::vector<BadInput> cases{
      {"self-test: unknown test",
       {"test", "knee-to-wal", "--side", "left", "--value", "9"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wal","side":"left","value":9})",
       "invalid",
       "test"},
      {"self-test: value out of range",
       {"test", "knee-to-wall", "--side", "left", "--value", "75"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wall","side":"left","value":75})",
       "invalid",
       "value"},
      {"self-test: a paired test without a side",
       {"test", "knee-to-wall", "--value", "9"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wall","value":9})",
       "invalid",
       "side"},
      {"self-test: a side for a test of both sides",
       {"test", "sit-and-reach", "--side", "left", "--value", "2"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"sit-and-reach","side":"left","value":2})",
       "invalid",
       "side"},
      {"self-test: an unknown phase",
       {"test", "knee-to-wall", "--side", "left", "--value", "9", "--phase", "during"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wall","side":"left","value":9,"phase":"during"})",
       "invalid",
       "phase"},
      {"self-test: before without a session",
       {"test", "knee-to-wall", "--side", "left", "--value", "9", "--phase", "before"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wall","side":"left","value":9,"phase":"before"})",
       "invalid",
       "session"},
      {"self-test: an unknown session",
       {"test", "knee-to-wall", "--side", "left", "--value", "9", "--session", "ffff"},
       Verb::post,
       "/api/self-tests",
       R"({"test":"knee-to-wall","side":"left","value":9,"session":"ffff"})",
       "not_found",
       "session"},
      {"soreness: unknown region",
       {"soreness", "calfs", "4", "--side", "left"},
       Verb::post,
       "/api/soreness",
       R"({"region":"calfs","side":"left","rating":4})",
       "invalid",
       "region"},
      {"soreness: rating above 10",
       {"soreness", "calves", "11", "--side", "left"},
       Verb::post,
       "/api/soreness",
       R"({"region":"calves","side":"left","rating":11})",
       "invalid",
       "rating"},
      {"soreness: a side on a midline region",
       {"soreness", "thoracic-spine", "4", "--side", "left"},
       Verb::post,
       "/api/soreness",
       R"({"region":"thoracic-spine","side":"left","rating":4})",
       "invalid",
       "side"},
      {"soreness: a paired region without a side",
       {"soreness", "calves", "4"},
       Verb::post,
       "/api/soreness",
       R"({"region":"calves","rating":4})",
       "invalid",
       "side"},
      {"soreness: after without a session",
       {"soreness", "calves", "4", "--side", "left", "--phase", "after"},
       Verb::post,
       "/api/soreness",
       R"({"region":"calves","side":"left","rating":4,"phase":"after"})",
       "invalid",
       "session"},
      {"soreness: an unknown session",
       {"soreness", "calves", "4", "--side", "left", "--session", "ffff"},
       Verb::post,
       "/api/soreness",
       R"({"region":"calves","side":"left","rating":4,"session":"ffff"})",
       "not_found",
       "session"},
      {"workout: in the future",
       {"workout", "--at", "2999-01-01 10:00"},
       Verb::post,
       "/api/workouts",
       R"({"at_ms":32472144000000})",
       "invalid",
       "at_ms"},
      {"progress: since is not a date",
       {"progress", "--since", "last-week"},
       Verb::get,
       "/api/progress?since=last-week",
       "",
       "invalid",
       "since"},
      {"progress: as-of is not a time",
       {"progress", "--as-of", "noon"},
       Verb::get,
       "/api/progress?as_of=noon",
       "",
       "invalid",
       "as_of"},
      {"progress: an hour that does not exist",
       {"progress", "--as-of", "2025-11-30 25:00"},
       Verb::get,
       "/api/progress?as_of=2025-11-30T25:00",
       "",
       "invalid",
       "as_of"},
      {"progress: unknown region",
       {"progress", "--region", "calfs"},
       Verb::get,
       "/api/progress?region=calfs",
       "",
       "invalid",
       "region"},
      {"alerts: acknowledging one not in force",
       {"progress", "ack", "no-such-alert"},
       Verb::post,
       "/api/progress/alerts/no-such-alert/ack",
       "",
       "not_found",
       "id"},
      {"import: a version this app does not read",
       {"import", version_one},
       Verb::post,
       "/api/import",
       read_file(version_one),
       "invalid",
       "version"},
      {"sessions: from is not a date",
       {"log", "--since", "yesterday"},
       Verb::get,
       "/api/sessions?from=yesterday",
       "",
       "invalid",
       "from"},
      {"session: no such session", {"log", "ffff"}, Verb::get, "/api/sessions/ffff", "", "not_found", "uid"},
  };
  const auto before = s.get("/api/export").body();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.use_case);
    std::vector<std::string> args{"--error-format", "json"};
    args.insert(args.end(), c.cli.begin(), c.cli.end());
    const auto cli = s.smr(args);
    EXPECT_NE(cli.exit_code, 0) << cli.out;
    EXPECT_EQ(cli.out, "");
    const auto api = s.call(c.method, c.target, c.body);
    EXPECT_GE(api.result_int(), 400) << api.body();
    expect_same(from_cli(cli), from_api(api), c.code, c.field);
    // What the person reads in the terminal names commands and flags, never the API (issue 11, item 15).
    const auto human = s.smr(c.cli);
    EXPECT_FALSE(std::regex_search(human.err, std::regex(R"(/api/|\b(GET|POST|PUT|DELETE|PATCH) /)")))
        << "API words in the terminal's message: " << human.err;
  }
  EXPECT_EQ(s.get("/api/export").body(), before) << "bad input changed the journal";
}

TEST(FacesAgreeTest, ExportSessionsAndASessionInFullAreTheSameOnBothFaces) {
  FixtureServer f("agree-journal");
  auto& s = f.s;
  const auto exported = s.smr({"export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, s.get("/api/export").body());

  const auto listed = s.smr({"log", "--json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto sessions = bj::parse(s.get("/api/sessions").body()).at("sessions");
  EXPECT_EQ(bj::parse(listed.out), sessions);
  EXPECT_EQ(sessions.as_array().size(), 1u);

  for (const std::string& uid : {std::string(kSession), std::string("0a1b2c3d"), std::string("last")}) {
    const auto shown = s.smr({"log", uid, "--json"});
    ASSERT_EQ(shown.exit_code, 0) << uid << ": " << shown.err;
    const auto api = s.get("/api/sessions/" + uid);
    ASSERT_EQ(api.result_int(), 200) << uid << ": " << api.body();
    EXPECT_EQ(bj::parse(shown.out), bj::parse(api.body())) << uid;
  }
}

TEST(FacesAgreeTest, AnImportThroughEitherFaceLeavesTheSameJournal) {
  ApiServer by_api("agree-import-api");
  ApiServer by_cli("agree-import-cli");
  const auto api = by_api.call(Verb::post, "/api/import", read_file(kFixture));
  ASSERT_EQ(api.result_int(), 200) << api.body();
  const auto cli = by_cli.smr({"import", kFixture});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const auto summary = bj::parse(api.body());
  EXPECT_THAT(cli.out, ::testing::HasSubstr("Imported " + bj::serialize(summary.at("added")) + " records"));
  EXPECT_EQ(by_api.get("/api/export").body(), by_cli.get("/api/export").body());
}

TEST(FacesAgreeTest, WhatOneFaceRecordsTheOtherShowsAsTheSameProgress) {
  FixtureServer f("agree-record");
  auto& s = f.s;
  // A baseline on the CLI (two trials), a re-test, soreness and a workout through the API.
  const auto baseline =
      s.smr({"test", "sit-and-reach", "--value", "2", "--value", "4", "--phase", "baseline", "--json"});
  ASSERT_EQ(baseline.exit_code, 0) << baseline.err;
  const auto retest = s.call(Verb::post, "/api/self-tests", R"({"test":"sit-and-reach","value":9})");
  ASSERT_EQ(retest.result_int(), 201) << retest.body();
  EXPECT_EQ(bj::parse(retest.body()).at("recorded").at("phase"), "check");  // the CLI's baseline counts
  ASSERT_EQ(s.call(Verb::post, "/api/workouts", "{}").result_int(), 201);
  ASSERT_EQ(s.smr({"workout"}).exit_code, 0);
  ASSERT_EQ(s.call(Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":3})").result_int(), 201);
  ASSERT_EQ(s.smr({"soreness", "calves", "5", "--side", "right"}).exit_code, 0);

  const auto tests = bj::parse(s.get("/api/self-tests").body()).at("progress");
  const auto cli = s.smr({"test", "sit-and-reach", "--value", "10", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  bool found = false;
  for (const auto& p : tests.as_array()) {
    if (p.at("test") != "sit-and-reach") continue;
    found = true;
    EXPECT_EQ(p.at("baseline"), bj::parse(cli.out).at("progress").at(0).at("baseline"));
  }
  EXPECT_TRUE(found) << bj::serialize(tests);

  // The same progress question on both faces: the same answer (both in the same zone, the process's), as of
  // the end of tomorrow (UTC's date: after now in every zone).
  const std::time_t tomorrow = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 86'400;
  std::tm utc{};
  gmtime_r(&tomorrow, &utc);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &utc);
  const std::string as_of = day;
  const auto shown = s.smr({"progress", "--json", "--as-of", as_of, "--region", "calves"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto api = s.get("/api/progress?as_of=" + as_of + "&region=calves");
  ASSERT_EQ(api.result_int(), 200) << api.body();
  const auto a = bj::parse(shown.out);
  const auto b = bj::parse(api.body());
  for (const char* key : {"as_of_ms", "utc_offset_minutes", "since_ms", "region", "progress"}) {
    EXPECT_EQ(a.at(key), b.at(key)) << key;
  }
  // A rating belongs to the latest workout before it: the second workout, rated on both sides (one per face).
  EXPECT_EQ(b.at("progress").at("soreness").at("workouts").as_array().size(), 2u)
      << bj::serialize(b.at("progress").at("soreness"));
}

}  // namespace
