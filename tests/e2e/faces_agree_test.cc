// Issue 14: the CLI and the API are two faces of one service layer, so the same input gives the same error code
// and field on both. One test per use case: the same bad input to `smr --error-format json ...` and to the route,
// on the same journal.

#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

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

}  // namespace
