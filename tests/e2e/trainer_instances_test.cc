// A trainer and a client on two `smr serve --accounts` instances behind a real nginx, on one throwaway PostgreSQL
// (issue 19, "Done when" item 2; docs/accounts.md). Label "postgres": the server of scripts/pg-test-server, each
// test in a fresh schema; accounts made with the real `smr user add`.
//
// The flow: the trainer (instance 1) invites; the client (instance 2) reads and accepts the invitation, shares
// sessions and trends, and answers a screening under which a step the trainer plans is unsafe; the trainer keeps the
// plan as a template and assigns it with a note; the client sees it "from your trainer" with the step replaced
// (rule ids) and plays it three times, a painful check-in each time sent to the instance that did not start the
// session; the trainer's dashboard (instance 1) then shows the client under "needs attention" for the pain alert. A
// trainer of nobody gets 404 for the client; signing out on one instance ends the session on the other.
// It runs twice: each step sent to its instance directly, and every request through nginx (round robin, so each
// may land on either instance). Failed sign-ins split across the instances are counted together.

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <utility>
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
using smr::test::Headers;
using smr::test::HttpClient;
using smr::test::HttpResponse;
using smr::test::NginxCluster;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;

std::string server_url() {
  const char* file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

// `smr --db DB user add LOGIN --role ROLE --name NAME --password-stdin` with `password` on standard input.
ProcessResult add_user(const std::string& db, const std::string& login, const std::string& role,
                       const std::string& name, const std::string& password) {
  return run_process({"/bin/sh", "-c",
                      "printf '%s\\n' '" + password + "' | '" + std::string(SMR_BINARY) + "' --db '" + db +
                          "' user add " + login + " --role " + role + " --name '" + name + "' --password-stdin"});
}

bj::value json_of(const HttpResponse& r) {
  try {
    return bj::parse(r.body());
  } catch (const std::exception&) {
    ADD_FAILURE() << "not JSON (status " << r.result_int() << "): " << r.body();
    return nullptr;
  }
}

std::string text(const bj::value& v) { return v.is_string() ? std::string(v.as_string()) : bj::serialize(v); }

// A request to a port (an instance, or nginx) on a new connection: JSON body when not empty, the bearer token when
// not empty, and `address` as X-Forwarded-For when not empty (the instances trust the loopback as their proxy).
HttpResponse send(std::uint16_t port, verb method, const std::string& target, const std::string& token = "",
                  const std::string& body = "", const std::string& address = "") {
  Headers headers;
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  if (!address.empty()) headers.emplace_back("X-Forwarded-For", address);
  return HttpClient(port, std::chrono::seconds(20)).request(method, target, headers, body);
}

constexpr char kPassword[] = "rolling calves daily";

class TrainerInstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = server_url();
    if (server_.empty()) GTEST_SKIP() << "no PostgreSQL test server (SMR_TEST_PG_URL_FILE)";
    schema_ = "trainer_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++);
    exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    exec("CREATE SCHEMA " + schema_);
    // The studio: an admin first (the first account takes the journal's local person), two trainers, a client.
    for (const auto& [login, role, name] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"studio", "admin", "Studio"},
                                                                        {"tess", "trainer", "Tess Trainer"},
                                                                        {"ana", "person", "Ana Client"},
                                                                        {"otto", "trainer", "Otto Other"}}) {
      const auto added = add_user(pg(), login, role, name, kPassword);
      ASSERT_EQ(added.exit_code, 0) << login << ": " << added.err;
    }
    cluster_ = std::make_unique<NginxCluster>(schema_, pg(),
                                              std::vector<std::string>{"--accounts", "--trust-proxy", "127.0.0.1"});
  }
  void TearDown() override {
    cluster_.reset();
    if (!server_.empty()) exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }
  void exec(const std::string& sql) const {
    pqxx::connection conn(server_);
    pqxx::nontransaction tx(conn);
    tx.exec("SET client_min_messages = warning");
    tx.exec(sql);
  }
  std::string pg() const { return server_ + "?options=-csearch_path%3D" + schema_; }
  std::uint16_t instance_port(int i) { return cluster_->instance(i)->port(); }

  // Signs `login` in at `port`; the bearer token ("" after a failure, which is reported).
  static std::string sign_in(std::uint16_t port, const std::string& login) {
    const auto r = send(port, verb::post, "/api/login", "",
                        R"({"login":")" + login + R"(","password":")" + kPassword + R"(","bearer":true})");
    EXPECT_EQ(r.result_int(), 200u) << login << ": " << r.body();
    if (r.result_int() != 200u) return "";
    return text(json_of(r).at("token"));
  }

  // The whole flow with the trainer's "instance 1" requests sent to `one` and the client's "instance 2" requests to
  // `two` (the two instances directly, or nginx for both). Notes in answered_ which instances answered.
  void trainer_and_client(std::uint16_t one, std::uint16_t two);

  std::string server_, schema_;
  std::unique_ptr<NginxCluster> cluster_;
  std::set<std::uint16_t> answered_;  // the instances' ports that answered (nginx's X-Smr-Upstream; 0: none said)
  static inline int counter_ = 0;     // each test its own schema
};

// ---- The gate's property, checked from public data ----------------------------------------------------------------

// Whether a tool (its catalog entry) matches a selector of docs/catalog.md ("firm", "roller+firm", "any").
bool matches(const bj::object& tool, const std::string& selector) {
  std::size_t start = 0;
  while (start <= selector.size()) {
    const auto plus = selector.find('+', start);
    const std::string p = selector.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
    const bool ok = p == "any" || text(tool.at("kind")) == p || text(tool.at("density")) == p ||
                    (p == "textured" && text(tool.at("texture")) == "textured") ||
                    (p == "vibration" && tool.at("vibration").as_bool());
    if (!ok) return false;
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return true;
}

bool listed(const bj::value& list, const std::string& item) {
  const auto& a = list.as_array();
  return std::any_of(a.begin(), a.end(), [&](const bj::value& v) { return text(v) == item; });
}

// Why a step (region, side, exercise, tool) is not allowed under `screening` (GET /api/screening's answer) and the
// conditions, read from the public catalog; "" when it is allowed. The gate must never let such a step be played.
std::string unsafe_because(const bj::object& step, const bj::object& screening, const bj::array& conditions,
                           const std::map<std::string, bj::object>& tools,
                           const std::map<std::string, bj::object>& exercises) {
  const std::string region = text(step.at("region")), side = text(step.at("side")), tool = text(step.at("tool")),
                    exercise = text(step.at("exercise"));
  for (const auto& b : screening.at("blocked_regions").as_array()) {
    const auto* blocked_side = b.as_object().if_contains("side");
    if (text(b.at("region")) == region && (!blocked_side || blocked_side->is_null() || text(*blocked_side) == side))
      return "region " + region + " " + side + " is blocked";
  }
  for (const auto& b : screening.at("blocked_tools").as_array()) {
    if (text(b.at("tool")) == tool && (b.at("regions").as_array().empty() || listed(b.at("regions"), region)))
      return "tool " + tool + " is blocked on " + region;
  }
  const auto t = tools.find(tool);
  const auto x = exercises.find(exercise);
  if (t == tools.end() || x == exercises.end()) return "unknown tool or exercise " + tool + " / " + exercise;
  for (const auto& l : screening.at("limits").as_array()) {
    if (!l.at("regions").as_array().empty() && !listed(l.at("regions"), region)) continue;
    for (const auto& f : l.at("forbid").as_array()) {
      if (matches(t->second, text(f))) return "a limit forbids " + text(f) + " tools (" + tool + ") on " + region;
    }
    if (listed(l.at("positions"), text(x->second.at("position")))) return "a limit rules out the position";
    const auto* most = l.as_object().if_contains("intensity_max");
    const auto* ceiling = step.if_contains("intensity_max");  // a live view's step has none
    if (most && most->is_int64() && ceiling && ceiling->as_int64() > most->as_int64())
      return "intensity ceiling above the limit's " + text(*most);
  }
  for (const auto& c : conditions) {
    if (listed(x->second.at("unsafe_for"), text(c))) return exercise + " is unsafe for " + text(c);
  }
  return "";
}

std::map<std::string, bj::object> catalog_by_id(std::uint16_t port, const std::string& kind) {
  const auto r = send(port, verb::get, "/api/catalog/" + kind);
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  std::map<std::string, bj::object> out;
  const auto v = json_of(r);
  const auto& list = v.is_array() ? v.as_array() : v.at(kind).as_array();
  for (const auto& e : list) out.emplace(text(e.at("id")), e.as_object());
  return out;
}

// The reasons' kinds of `client`'s dashboard entry (GET /api/clients at `port`), and its status.
std::pair<std::string, std::vector<std::string>> dashboard_entry(std::uint16_t port, const std::string& token,
                                                                 std::int64_t client) {
  const auto r = send(port, verb::get, "/api/clients", token);
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  const auto clients = json_of(r);
  for (const auto& c : clients.as_array()) {
    if (c.at("id").as_int64() != client) continue;
    std::vector<std::string> kinds;
    for (const auto& reason : c.at("reasons").as_array()) kinds.push_back(text(reason.at("kind")));
    return {text(c.at("status")), kinds};
  }
  ADD_FAILURE() << "client " << client << " is not on the dashboard: " << r.body();
  return {};
}

void TrainerInstancesTest::trainer_and_client(std::uint16_t one, std::uint16_t two) {
  const auto note = [&](const HttpResponse& r) {
    answered_.insert(NginxCluster::answered_by(r));
    return r;
  };
  const auto tools = catalog_by_id(one, "tools");
  const auto exercises = catalog_by_id(two, "exercises");

  // The trainer signs in on instance 1, owns a firm roller, and invites.
  const std::string tess = sign_in(one, "tess");
  ASSERT_FALSE(tess.empty());
  auto r = note(send(one, verb::put, "/api/profile", tess,
                     R"({"experience":"regular","tools":["foam-roller-firm","foam-roller-medium"]})"));
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  r = note(send(one, verb::post, "/api/invitations", tess));
  EXPECT_EQ(r.result_int(), 201u) << r.body();
  const std::string code = text(json_of(r).at("code"));
  EXPECT_EQ(text(json_of(r).at("path")), "/invite/" + code);

  // The client signs in on instance 2, reads who invites and accepts, then shares sessions and trends only.
  const std::string ana = sign_in(two, "ana");
  ASSERT_FALSE(ana.empty());
  r = note(send(two, verb::get, "/api/invitations/" + code, ana));
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  EXPECT_EQ(text(json_of(r).at("trainer").at("name")), "Tess Trainer");
  r = note(send(two, verb::post, "/api/invitations/" + code + "/accept", ana));
  EXPECT_EQ(r.result_int(), 201u) << r.body();
  const std::int64_t tess_id = json_of(r).at("trainer").at("id").as_int64();
  r = note(send(two, verb::post, "/api/invitations/" + code + "/accept", ana));  // single use
  EXPECT_EQ(r.result_int(), 409u) << r.body();
  r = note(send(two, verb::put, "/api/trainers/" + std::to_string(tess_id) + "/sharing", ana,
                R"({"sessions":true,"trends":true,"self_tests":false,"soreness":false,"screening":false})"));
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  r = note(send(two, verb::get, "/api/me", ana));
  const std::int64_t ana_id = json_of(r).at("person_id").as_int64();

  // The client's screening: very flexible joints (firm tools are not for them), a medium and a soft roller.
  const std::string conditions_json = R"(["hypermobility"])";
  r = note(send(two, verb::put, "/api/profile", ana,
                R"({"experience":"regular","conditions":)" + conditions_json +
                    R"(,"tools":["foam-roller-medium","foam-roller-soft"]})"));
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  const bj::object screening = json_of(r).at("screening").as_object();
  const bj::array conditions = bj::parse(conditions_json).as_array();

  // The trainer plans with their firm roller (instance 1) and keeps it as a template: its steps are unsafe for the
  // client, as the client's screening says (checked here, so the rest of the test is not vacuous).
  r = note(send(one, verb::post, "/api/plan", tess,
                R"({"goal":"specific-ache","minutes":5,"tools":["foam-roller-firm"],"focus":[{"region":"calves"}],)"
                R"("get_ready_s":0})"));
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  const std::string plan = r.body();
  int unsafe_planned = 0;
  const auto planned = json_of(r);
  for (const auto& s : planned.at("steps").as_array()) {
    if (!unsafe_because(s.as_object(), screening, conditions, tools, exercises).empty()) ++unsafe_planned;
  }
  ASSERT_GT(unsafe_planned, 0) << "the trainer's plan has no step the client's screening forbids: " << plan;
  r = note(send(one, verb::post, "/api/templates", tess,
                R"({"name":"Calves after runs","note":"Slowly","routine":)" + plan + "}"));
  ASSERT_EQ(r.result_int(), 201u) << r.body();
  const std::string tpl = text(json_of(r).at("uid"));
  const std::string assign_note = "Twice this week, slowly; tell me how the left calf feels.";
  r = note(send(one, verb::post, "/api/templates/" + tpl + "/assign", tess,
                R"({"clients":[)" + std::to_string(ana_id) + R"(],"note":")" + assign_note + R"("})"));
  ASSERT_EQ(r.result_int(), 201u) << r.body();
  {
    const auto copies = json_of(r).at("assignments").as_array();
    ASSERT_EQ(copies.size(), 1u) << r.body();
    // The trainer sees that steps were adapted, but not why: the screening is not shared.
    EXPECT_EQ(copies[0].at("adapted").as_int64(), unsafe_planned) << r.body();
    EXPECT_FALSE(copies[0].as_object().contains("safety_changes")) << r.body();
  }

  // The client (instance 2) sees it "from your trainer", with the note and what was replaced, with rule ids.
  r = note(send(two, verb::get, "/api/assignments", ana));
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  const auto assignments = json_of(r).as_array();
  ASSERT_EQ(assignments.size(), 1u) << r.body();
  const auto& assignment = assignments[0].as_object();
  const std::string uid = text(assignment.at("uid"));
  EXPECT_EQ(assignment.at("from_trainer").at("id").as_int64(), tess_id);
  EXPECT_EQ(text(assignment.at("from_trainer").at("name")), "Tess Trainer");
  EXPECT_EQ(text(assignment.at("note")), assign_note);
  EXPECT_TRUE(assignment.at("refused").is_null()) << r.body();
  int replaced = 0;
  for (const auto& c : assignment.at("safety_changes").as_array()) {
    if (text(c.at("kind")) != "replaced") continue;
    ++replaced;
    EXPECT_NE(text(c.at("from_tool")), text(c.at("to_tool"))) << bj::serialize(c);
    EXPECT_TRUE(listed(c.at("rules"), "R10")) << bj::serialize(c);
    EXPECT_THAT(text(c.at("message")), HasSubstr("Changed for your safety")) << bj::serialize(c);
  }
  EXPECT_EQ(replaced, unsafe_planned) << r.body();
  for (const auto& s : assignment.at("routine").at("steps").as_array()) {
    EXPECT_EQ(unsafe_because(s.as_object(), screening, conditions, tools, exercises), "") << bj::serialize(s);
  }

  // Three sessions from the assignment, each started on instance 2 and driven on instance 1 too (a live session
  // is rebuilt from the journal on either instance): a sharp pain on the first step each time, then stop. After
  // the third, the repeated pain is an alert the trainer sees on instance 1, and not before.
  std::string first_step;
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("session " + std::to_string(round + 1));
    r = note(send(two, verb::post, "/api/sessions", ana,
                  R"({"assignment":")" + uid + R"(","settings":{"get_ready_s":0,"check_in_s":20}})"));
    ASSERT_EQ(r.result_int(), 201u) << r.body();
    const std::string session = text(json_of(r).at("uid"));
    EXPECT_EQ(json_of(r).at("safety_changes").as_array().size(), assignment.at("safety_changes").as_array().size());
    // What the player says never names a tool the screening blocks.
    const auto started = json_of(r);
    for (const auto& cue : started.at("cues").as_array()) {
      for (const auto& b : screening.at("blocked_tools").as_array()) {
        const auto t = tools.find(text(b.at("tool")));
        ASSERT_NE(t, tools.end());
        std::string name = text(t->second.at("name"));
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        EXPECT_THAT(text(cue.at("text")), ::testing::Not(HasSubstr(name))) << bj::serialize(cue);
      }
    }
    const std::string inputs = "/api/sessions/" + session + "/inputs";
    // Someone else's live session is not there, on either instance.
    EXPECT_EQ(send(one, verb::get, "/api/sessions/" + session + "/live", tess).result_int(), 404u);
    // Out of the first transition (instance 1), into the first step's phases: a pain check-in there (instance 1).
    r = note(send(one, verb::post, inputs, ana, R"({"kind":"skip-phase"})"));
    ASSERT_EQ(r.result_int(), 200u) << r.body();
    const auto step = json_of(r).at("view").at("step");
    ASSERT_TRUE(step.is_object()) << r.body();
    const std::string where = text(step.at("region")) + "/" + text(step.at("side"));
    if (round == 0) first_step = where;
    EXPECT_EQ(where, first_step) << "each session's pain is on the same step";
    r = note(send(one, verb::post, inputs, ana, R"({"kind":"check-in","intensity":7,"quality":"sharp"})"));
    ASSERT_EQ(r.result_int(), 200u) << r.body();
    const auto after = json_of(r).at("view").at("step");
    EXPECT_NE(text(after.at("tool")), text(step.at("tool"))) << "pain moves to the gentler tool the client owns";
    EXPECT_EQ(unsafe_because(after.as_object(), screening, conditions, tools, exercises), "") << r.body();
    // The other instance plays on with the adaptation the check-in made (the same step, the same tool).
    r = note(send(two, verb::get, "/api/sessions/" + session + "/live", ana));
    EXPECT_EQ(r.result_int(), 200u) << r.body();
    const auto polled = json_of(r).at("view").at("step");
    ASSERT_TRUE(polled.is_object()) << r.body();
    EXPECT_EQ(text(polled.at("index")) + " " + text(polled.at("tool")),
              text(after.at("index")) + " " + text(after.at("tool")));
    r = note(send(two, verb::post, inputs, ana, R"({"kind":"stop"})"));
    ASSERT_EQ(r.result_int(), 200u) << r.body();
    EXPECT_EQ(text(json_of(r).at("view").at("state")), "stopped");

    // The journal's session (instance 1): the routine as played has no step the screening forbids, and the pain.
    r = note(send(one, verb::get, "/api/sessions/" + session, ana));
    ASSERT_EQ(r.result_int(), 200u) << r.body();
    const auto record = json_of(r);
    const auto played = bj::parse(text(record.at("routine_json")));
    ASSERT_FALSE(played.at("steps").as_array().empty());
    for (const auto& s : played.at("steps").as_array()) {
      EXPECT_EQ(unsafe_because(s.as_object(), screening, conditions, tools, exercises), "") << bj::serialize(s);
    }
    ASSERT_EQ(record.at("check_ins").as_array().size(), 1u) << r.body();
    EXPECT_EQ(text(record.at("check_ins").at(0).at("quality")), "sharp");

    const auto [status, reasons] = dashboard_entry(one, tess, ana_id);
    const bool pain = std::find(reasons.begin(), reasons.end(), "pain-alert") != reasons.end();
    EXPECT_EQ(pain, round == 2) << "the pain alert holds after three painful sessions of the last five";
    if (round == 2) {
      EXPECT_EQ(status, "needs-attention");
    }
  }
  r = note(send(two, verb::get, "/api/assignments/" + uid, ana));
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  EXPECT_TRUE(json_of(r).at("started_session_uid").is_string()) << r.body();

  // The trainer's view of the client (instance 1): the sessions and the alert; nothing not shared.
  r = note(send(one, verb::get, "/api/clients/" + std::to_string(ana_id), tess));
  ASSERT_EQ(r.result_int(), 200u) << r.body();
  {
    const auto client = json_of(r).as_object();
    EXPECT_EQ(client.at("sessions").as_array().size(), 3u) << r.body();
    ASSERT_EQ(client.at("alerts").as_array().size(), 1u) << r.body();
    EXPECT_EQ(text(client.at("alerts").at(0).at("region")) + "/" + text(client.at("alerts").at(0).at("side")),
              first_step);
    for (const char* not_shared : {"self_tests", "soreness", "screening"}) {
      EXPECT_FALSE(client.contains(not_shared)) << not_shared;
    }
  }

  // A trainer of nobody (instance 2): the client is not theirs.
  const std::string otto = sign_in(two, "otto");
  r = note(send(two, verb::get, "/api/clients/" + std::to_string(ana_id), otto));
  EXPECT_EQ(r.result_int(), 404u) << r.body();
  r = note(send(two, verb::get, "/api/clients", otto));
  EXPECT_EQ(r.body(), "[]");

  // Signing out on instance 2 ends the session on instance 1.
  r = note(send(two, verb::post, "/api/logout", ana));
  EXPECT_EQ(r.result_int(), 200u) << r.body();
  r = note(send(one, verb::get, "/api/me", ana));
  EXPECT_EQ(r.result_int(), 401u) << r.body();
  EXPECT_EQ(text(json_of(r).at("error").at("code")), "signed_out");
  r = note(send(two, verb::get, "/api/assignments", ana));
  EXPECT_EQ(r.result_int(), 401u) << r.body();
}

TEST_F(TrainerInstancesTest, TrainerOnOneInstanceClientOnTheOtherSeeTheSameStudio) {
  trainer_and_client(instance_port(0), instance_port(1));
  EXPECT_EQ(answered_, std::set<std::uint16_t>{0}) << "no request went through nginx";
}

TEST_F(TrainerInstancesTest, TheSameFlowThroughNginxRoundRobinIsAnsweredByBothInstances) {
  trainer_and_client(cluster_->port(), cluster_->port());
  EXPECT_EQ(answered_, (std::set<std::uint16_t>{instance_port(0), instance_port(1)}));
}

TEST_F(TrainerInstancesTest, FailedSignInsSplitAcrossInstancesAreCountedTogether) {
  // Five wrong passwords for one login from one address, sent alternately to the two instances: none of them saw
  // five, yet after them that address is refused on both, even with the right password.
  const std::string intruder = "203.0.113.7";
  const std::string wrong = R"({"login":"ana","password":"not the password at all"})";
  for (int i = 0; i < 5; ++i) {
    const auto r = send(instance_port(i % 2), verb::post, "/api/login", "", wrong, intruder);
    EXPECT_EQ(r.result_int(), 401u) << "attempt " << i + 1 << ": " << r.body();
  }
  const std::string right = std::string(R"({"login":"ana","password":")") + kPassword + R"(","bearer":true})";
  for (const std::uint16_t port : {instance_port(0), instance_port(1), cluster_->port()}) {
    const auto r = send(port, verb::post, "/api/login", "", right, intruder);
    EXPECT_EQ(r.result_int(), 429u) << port << ": " << r.body();
    EXPECT_EQ(text(json_of(r).at("error").at("code")), "too_many_attempts");
    EXPECT_FALSE(r[boost::beast::http::field::retry_after].empty());
  }
  // The person, from their own address, still signs in on either instance: the throttle locks no one out.
  for (const std::uint16_t port : {instance_port(0), instance_port(1)}) {
    const auto r = send(port, verb::post, "/api/login", "", right, "198.51.100.20");
    EXPECT_EQ(r.result_int(), 200u) << port << ": " << r.body();
  }
}

}  // namespace
