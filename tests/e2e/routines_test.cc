// Routines people keep (issue 10, item 6), end to end on both faces over one journal: `smr routines` and
// `smr roll --routine/--repeat`, and /api/routines with POST /api/sessions {saved_routine | repeat_session}.
// A saved routine played after the screening changed passes the gate again, and both faces show its changes.

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
using ::testing::HasSubstr;
using Verb = boost::beast::http::verb;
namespace bj = boost::json;

std::string write(const ApiServer& s, const std::string& name, const std::string& text) {
  const auto path = (s.dir() / name).string();
  std::ofstream(path) << text;
  return path;
}

struct Seen {
  std::string code;
  std::string field;
};

Seen from_api(const HttpResponse& r) {
  const auto v = bj::parse(r.body());
  const auto& e = v.at("error").as_object();
  return {std::string(e.at("code").as_string()), e.at("field").is_null() ? "" : std::string(e.at("field").as_string())};
}

Seen from_cli(const smr::test::ProcessResult& r) {
  const auto v = bj::parse(r.err.substr(0, r.err.find('\n')));
  const auto& e = v.at("error").as_object();
  return {std::string(e.at("code").as_string()), e.at("field").is_null() ? "" : std::string(e.at("field").as_string())};
}

// Planned for someone without conditions: the firm roller on the calves, then the medium one on the hamstrings.
const std::string kRoutine =
    R"({"goal":"daily-mobility","steps":[{"exercise":"calves-roller","region":"calves","side":"left",)"
    R"("tool":"foam-roller-firm","phases":[{"kind":"hold","seconds":30}],"sets":1,"intensity_max":7}]})";

TEST(RoutinesTest, SaveListShowPlayRepeatAndDeleteOnTheCommandLine) {
  ApiServer s("routines-cli");
  const auto plan = s.smr(
      {"plan", "--goal", "desk-relief", "--minutes", "5", "--tools", "foam-roller-medium,lacrosse-ball", "--json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto saved = s.smr({"routines", "save", "Desk reset", "--plan", write(s, "plan.json", plan.out)});
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_THAT(saved.out, HasSubstr("Saved \"Desk reset\" ("));
  EXPECT_THAT(saved.out, HasSubstr("Play it with: smr roll --routine \"Desk reset\""));

  const auto list = s.smr({"routines", "list", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  // The CLI's list is the API's.
  EXPECT_EQ(bj::parse(list.out), bj::parse(s.get("/api/routines").body()));
  const auto items = bj::parse(list.out).as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("name").as_string(), "Desk reset");
  EXPECT_EQ(bj::parse(s.smr({"routines", "show", "desk reset", "--json"}).out), bj::parse(plan.out));
  EXPECT_THAT(s.smr({"routines", "show", "Desk reset"}).out, HasSubstr("Play it with: smr roll --routine"));

  const auto script = write(s, "script.txt", "20 check-in 4 pressure\n");
  const auto played =
      s.smr({"roll", "--routine", "DESK RESET", "--script", script, "--speed", "500", "--get-ready", "2"});
  ASSERT_EQ(played.exit_code, 0) << played.err;
  EXPECT_THAT(played.out, HasSubstr("Playing the saved routine \"Desk reset\""));
  EXPECT_THAT(played.out, HasSubstr("Session finished"));

  const auto again = s.smr({"roll", "--repeat", "last", "--script", script, "--speed", "500", "--get-ready", "2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("Playing again the routine of session last"));
  // Both sessions played the same routine.
  const auto sessions = bj::parse(s.get("/api/sessions").body()).at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 2u);
  const auto first = bj::parse(s.get("/api/sessions/" + std::string(sessions[0].at("uid").as_string())).body());
  const auto second = bj::parse(s.get("/api/sessions/" + std::string(sessions[1].at("uid").as_string())).body());
  EXPECT_EQ(first.at("routine_json"), second.at("routine_json"));

  const auto from_session = s.smr({"routines", "save", "Again", "--session", "last", "--json"});
  ASSERT_EQ(from_session.exit_code, 0) << from_session.err;
  EXPECT_EQ(bj::parse(from_session.out).at("steps"), items[0].at("steps"));

  ASSERT_EQ(s.smr({"routines", "delete", "Desk reset"}).exit_code, 0);
  const auto left = bj::parse(s.smr({"routines", "list", "--json"}).out).as_array();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at("name").as_string(), "Again");
}

TEST(RoutinesTest, ASavedRoutineIsCheckedAgainstTheScreeningNowAndBothFacesShowTheChanges) {
  ApiServer s("routines-gate");
  ASSERT_EQ(s.smr({"routines", "save", "Calves", "--plan", write(s, "plan.json", kRoutine)}).exit_code, 0);
  // The screening changes after the routine was saved: the firm roller is no longer for these calves.
  ASSERT_EQ(s.call(Verb::put, "/api/profile",
                   R"({"conditions":["loss-of-sensation"],"tools":["foam-roller-firm","foam-roller-medium"]})")
                .result_int(),
            200);
  const auto api = s.call(Verb::post, "/api/sessions", R"({"saved_routine":"calves"})");
  ASSERT_EQ(api.result_int(), 201) << api.body();
  const auto changes = bj::parse(api.body()).at("safety_changes").as_array();
  ASSERT_FALSE(changes.empty());
  const auto cli =
      s.smr({"roll", "--routine", "Calves", "--script", write(s, "script.txt", "1 stop\n"), "--speed", "50"});
  for (const auto& c : changes) {
    EXPECT_THAT(cli.out, HasSubstr("Safety change: " + std::string(c.at("message").as_string()))) << cli.out << cli.err;
  }
  // The journal keeps the routine as played, not as saved.
  const auto session =
      bj::parse(s.get(std::string("/api/sessions/") + std::string(bj::parse(api.body()).at("uid").as_string())).body());
  EXPECT_EQ(std::string(session.at("routine_json").as_string()).find("foam-roller-firm"), std::string::npos);
  // Repeating it from the web plays through the gate too.
  const auto repeat = s.call(Verb::post, "/api/sessions", R"({"repeat_session":"last"})");
  ASSERT_EQ(repeat.result_int(), 201) << repeat.body();
}

TEST(RoutinesTest, BadNamesDuplicatesAndUnknownIdsGiveTheSameCodeAndFieldOnBothFaces) {
  ApiServer s("routines-errors");
  const auto plan = write(s, "plan.json", kRoutine);
  ASSERT_EQ(s.smr({"routines", "save", "Calves", "--plan", plan}).exit_code, 0);

  const auto dup_cli = s.smr({"--error-format", "json", "routines", "save", "CALVES", "--plan", plan});
  EXPECT_EQ(dup_cli.exit_code, 1);
  const auto dup_api = s.call(Verb::post, "/api/routines", R"({"name":"CALVES","routine":)" + kRoutine + "}");
  EXPECT_EQ(dup_api.result_int(), 409);
  EXPECT_EQ(from_cli(dup_cli).code, "conflict");
  EXPECT_EQ(from_cli(dup_cli).field, "name");
  EXPECT_EQ(from_api(dup_api).code, "conflict");
  EXPECT_EQ(from_api(dup_api).field, "name");

  const auto bad_cli = s.smr({"--error-format", "json", "routines", "save", " ", "--plan", plan});
  EXPECT_EQ(bad_cli.exit_code, 2);
  const auto bad_api = s.call(Verb::post, "/api/routines", R"({"name":" ","routine":)" + kRoutine + "}");
  EXPECT_EQ(bad_api.result_int(), 400);
  EXPECT_EQ(from_cli(bad_cli).code, "invalid");
  EXPECT_EQ(from_cli(bad_cli).field, "name");
  EXPECT_EQ(from_api(bad_api).field, "name");

  const auto unknown_cli = s.smr({"--error-format", "json", "routines", "show", "Legs"});
  EXPECT_EQ(unknown_cli.exit_code, 1);
  const auto unknown_api = s.get("/api/routines/Legs");
  EXPECT_EQ(unknown_api.result_int(), 404);
  EXPECT_EQ(from_cli(unknown_cli).code, "not_found");
  EXPECT_EQ(from_cli(unknown_cli).field, "name");
  EXPECT_EQ(from_api(unknown_api).code, "not_found");
  EXPECT_EQ(from_api(unknown_api).field, "name");
  EXPECT_THAT(bj::parse(unknown_api.body()).at("error").at("message").as_string().c_str(),
              HasSubstr("the saved ones are \"Calves\""));

  const auto play_unknown = s.call(Verb::post, "/api/sessions", R"({"saved_routine":"Legs"})");
  EXPECT_EQ(play_unknown.result_int(), 404);
  EXPECT_EQ(from_api(play_unknown).field, "saved_routine");
  const auto repeat_unknown =
      s.call(Verb::post, "/api/sessions", R"({"repeat_session":"feedfeedfeedfeedfeedfeedfeedfeed"})");
  EXPECT_EQ(repeat_unknown.result_int(), 404);
  EXPECT_EQ(from_api(repeat_unknown).field, "repeat_session");
  const auto roll_unknown =
      s.smr({"--error-format", "json", "roll", "--routine", "Legs", "--script", write(s, "script.txt", "1 stop\n")});
  EXPECT_EQ(roll_unknown.exit_code, 1);
  EXPECT_EQ(from_cli(roll_unknown).code, "not_found");
  const auto both = s.call(Verb::post, "/api/sessions", R"({"saved_routine":"Calves","repeat_session":"last"})");
  EXPECT_EQ(both.result_int(), 400);
  EXPECT_EQ(from_api(both).field, "routine");
}

}  // namespace
