// Accounts mode through the API application, in process (http/account_api.h; docs/accounts.md): signed out,
// only the public routes answer; a signed-in session (cookie or Bearer) acts for its person on every route,
// live sessions included; sign-in throttling, admin routes, password change and signing out everywhere else.
// Single-person mode: the account routes say accounts are off, and everything else is as before (the other
// http tests).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/loader.h"
#include "http/api.h"
#include "http/web_assets.h"
#include "http_test_support.h"
#include "json/plan_json.h"
#include "service/account_service.h"
#include "session_fixture.h"

namespace smr::http {
namespace {

namespace bj = boost::json;
using test::body_of;
using test::header_of;
using test::TestRequest;
using ::testing::HasSubstr;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

constexpr core::UnixMillis kStart = 1'800'000'000'000;
constexpr const char* kPassword = "rolling calves daily";

AccountApiOptions accounts_on(const core::UnixMillis* now, std::shared_ptr<service::HashingGate> gate) {
  AccountApiOptions o;
  o.enabled = true;
  o.accounts.hashing = service::kTestHashing;
  o.accounts.gate = std::move(gate);
  o.accounts.hashing_wait = std::chrono::milliseconds(10);
  o.clock = [now] { return *now; };
  return o;
}

class AccountApiTest : public ::testing::Test {
 protected:
  explicit AccountApiTest(bool enabled = true)
      : stores_(std::move(*WorkerStores::open("memory:", 1))),
        api_(builtin(), *stores_, {}, web_assets(), {}, {}, {},
             enabled ? accounts_on(&now_, gate_) : AccountApiOptions{}) {}

  void SetUp() override {
    for (const auto& [login, role] : {std::pair{"ana", store::Role::kAdmin}, std::pair{"ben", store::Role::kPerson}}) {
      auto added =
          service::add_user(*stores_->lease(), {login, "", role, kPassword}, now_, {{}, service::kTestHashing});
      ASSERT_TRUE(added) << added.error().message;
    }
  }

  Response send(Verb method, const std::string& target, std::vector<std::pair<Field, std::string>> headers = {},
                std::string body = "", Peer peer = {}) {
    headers.emplace_back(Field::host, "127.0.0.1:8080");
    if (!body.empty()) headers.emplace_back(Field::content_type, "application/json");
    const TestRequest req(method, target, headers, std::move(body), std::move(peer));
    return api_.handle(req);
  }

  // Signs in; the token from the cookie.
  std::string sign_in(const std::string& login, const std::string& password = kPassword) {
    const auto res =
        send(Verb::post, "/api/login", {}, R"({"login":")" + login + R"(","password":")" + password + "\"}");
    EXPECT_EQ(res.result(), Status::ok) << body_of(res);
    const auto cookie = header_of(res, Field::set_cookie);
    const std::string prefix = "__Host-smr_session=";
    EXPECT_TRUE(cookie.starts_with(prefix)) << cookie;
    return cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  }

  Response as(const std::string& token, Verb method, const std::string& target, std::string body = "") {
    return send(method, target, {{Field::cookie, "theme=dark; __Host-smr_session=" + token}}, std::move(body));
  }

  static std::string code_of(const Response& res) {
    return std::string(bj::parse(body_of(res)).at("error").at("code").as_string());
  }

  core::UnixMillis now_ = kStart;
  // One password hash at a time: a test holds the slot to see the 503.
  std::shared_ptr<service::HashingGate> gate_ = std::make_shared<service::HashingGate>(1);
  std::unique_ptr<WorkerStores> stores_;
  Api api_;
};

bool is_public(const RouteInfo& route) {
  if (route.method == Verb::post) return route.pattern == "/api/login";
  return route.method == Verb::get &&
         (route.pattern.starts_with("/api/catalog") || route.pattern.starts_with("/api/learn") ||
          route.pattern == "/api/health" || route.pattern == "/api/invitations/{code}");
}

std::string filled(std::string pattern) {
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{')) {
    pattern.replace(open, pattern.find('}') - open + 1, "x");
  }
  return pattern;
}

TEST_F(AccountApiTest, SignedOutEveryRouteButThePublicOnesIs401SignedOutEvenFromThisMachine) {
  int checked = 0;
  for (const auto& route : api_.routes()) {
    if (is_public(route)) continue;
    const auto res = send(route.method, filled(route.pattern), {}, route.method == Verb::get ? "" : "{}");
    EXPECT_EQ(res.result(), Status::unauthorized) << route.pattern;
    EXPECT_EQ(code_of(res), "signed_out") << route.pattern;
    EXPECT_EQ(header_of(res, Field::www_authenticate), "Bearer realm=\"smr\"") << route.pattern;
    ++checked;
  }
  EXPECT_GT(checked, 30);
  EXPECT_EQ(send(Verb::get, "/api/nothing-here").result(), Status::unauthorized);
  // A token that is not a session's is signed out too.
  EXPECT_EQ(as(std::string(64, 'a'), Verb::get, "/api/profile").result(), Status::unauthorized);
}

TEST_F(AccountApiTest, PublicRoutesAnswerSignedOut) {
  for (const auto& route : api_.routes()) {
    if (!is_public(route) || route.method != Verb::get || route.pattern.find('{') != std::string::npos) continue;
    EXPECT_EQ(send(Verb::get, route.pattern).result(), Status::ok) << route.pattern;
  }
  EXPECT_EQ(send(Verb::get, "/").result(), Status::ok) << "the web app's shell";
}

TEST_F(AccountApiTest, LoginSetsAHostOnlySecureHttpOnlyStrictCookieAndTheSessionActsForItsPerson) {
  const auto res = send(Verb::post, "/api/login", {}, R"({"login":"BEN","password":"rolling calves daily"})");
  ASSERT_EQ(res.result(), Status::ok) << body_of(res);
  const auto cookie = header_of(res, Field::set_cookie);
  EXPECT_THAT(cookie, HasSubstr("; Path=/; Secure; HttpOnly; SameSite=Strict"));
  const auto body = bj::parse(body_of(res));
  EXPECT_EQ(body.at("account").at("login").as_string(), "ben");
  EXPECT_FALSE(body.as_object().contains("token")) << "the token goes in the cookie only, unless asked for";
  const auto token = cookie.substr(cookie.find('=') + 1, 64);
  const auto me = bj::parse(body_of(as(token, Verb::get, "/api/me")));
  EXPECT_EQ(me.at("accounts").as_bool(), true);
  EXPECT_EQ(me.at("login").as_string(), "ben");
  EXPECT_EQ(me.at("person_id").as_int64(), body.at("account").at("person_id").as_int64());
  EXPECT_NE(me.at("person_id").as_int64(), core::kLocalPersonId);
  // The same through Authorization: Bearer, with the token answered on request.
  const auto bearer =
      send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"rolling calves daily","bearer":true})");
  const std::string t(bj::parse(body_of(bearer)).at("token").as_string());
  const auto by_header = send(Verb::get, "/api/me", {{Field::authorization, "Bearer " + t}});
  EXPECT_EQ(bj::parse(body_of(by_header)).at("login").as_string(), "ben");
}

TEST_F(AccountApiTest, EachPersonReadsAndChangesOnlyTheirOwnRecords) {
  const auto ana = sign_in("ana");
  const auto ben = sign_in("ben");
  ASSERT_EQ(as(ana, Verb::put, "/api/settings", R"({"breaths_per_minute": 5})").result(), Status::ok);
  EXPECT_EQ(bj::parse(body_of(as(ana, Verb::get, "/api/settings"))).at("breaths_per_minute").as_int64(), 5);
  EXPECT_EQ(bj::parse(body_of(as(ben, Verb::get, "/api/settings"))).at("breaths_per_minute").as_int64(), 6);
  // A routine Ana saves is hers: Ben's list stays empty, and her uid is not found for him.
  const auto routine = bj::serialize(json::to_json(core::testing::builtin_calves_routine("Calves")));
  const auto saved = as(ana, Verb::post, "/api/routines", R"({"name":"Calves","routine":)" + routine + "}");
  ASSERT_EQ(saved.result(), Status::created) << body_of(saved);
  const std::string uid(bj::parse(body_of(saved)).at("uid").as_string());
  EXPECT_EQ(bj::parse(body_of(as(ana, Verb::get, "/api/routines"))).as_array().size(), 1u);
  EXPECT_EQ(bj::parse(body_of(as(ben, Verb::get, "/api/routines"))).as_array().size(), 0u);
  EXPECT_EQ(as(ben, Verb::get, "/api/routines/" + uid).result(), Status::not_found);
  EXPECT_EQ(as(ben, Verb::delete_, "/api/routines/" + uid).result(), Status::not_found);
  EXPECT_EQ(as(ana, Verb::get, "/api/routines/" + uid).result(), Status::ok);
}

TEST_F(AccountApiTest, AnotherPersonsLiveSessionIsNotFound) {
  const auto ana = sign_in("ana");
  const auto ben = sign_in("ben");
  const auto body = R"({"routine":)" + bj::serialize(json::to_json(core::testing::builtin_calves_routine("Calves"))) +
                    R"(,"settings":{"get_ready_s":10,"check_in_s":5}})";
  const auto started = as(ana, Verb::post, "/api/sessions", body);
  ASSERT_EQ(started.result(), Status::created) << body_of(started);
  const std::string uid(bj::parse(body_of(started)).at("uid").as_string());
  EXPECT_EQ(as(ana, Verb::get, "/api/sessions/" + uid + "/live").result(), Status::ok);
  const auto peek = as(ben, Verb::get, "/api/sessions/" + uid + "/live");
  EXPECT_EQ(peek.result(), Status::not_found);
  EXPECT_EQ(as(ben, Verb::post, "/api/sessions/" + uid + "/inputs", R"({"kind":"pause"})").result(), Status::not_found);
  EXPECT_EQ(as(ana, Verb::post, "/api/sessions/" + uid + "/inputs", R"({"kind":"pause"})").result(), Status::ok);
  EXPECT_EQ(as(ben, Verb::get, "/api/sessions/" + uid).result(), Status::not_found) << "the recorded session";
}

TEST_F(AccountApiTest, WrongPasswordsAre401AndThenThatAddressGets429WithRetryAfter) {
  for (int i = 0; i < service::kMaxFailuresPerLogin; ++i) {
    const auto res = send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"wrong guess here"})");
    ASSERT_EQ(res.result(), Status::unauthorized);
    EXPECT_EQ(code_of(res), "signed_out");
  }
  const auto refused = send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"rolling calves daily"})");
  EXPECT_EQ(refused.result(), Status::too_many_requests);
  EXPECT_EQ(header_of(refused, Field::retry_after), "900");
  const Peer phone{boost::asio::ip::make_address("192.168.1.50"), false};
  const auto elsewhere =
      send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"rolling calves daily"})", phone);
  EXPECT_EQ(elsewhere.result(), Status::ok) << "another address is not locked out";
}

TEST_F(AccountApiTest, ASignedInSessionNeedsNoPairingFromAnotherMachine) {
  const Peer phone{boost::asio::ip::make_address("192.168.1.50"), false};
  const auto login = send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"rolling calves daily"})", phone);
  ASSERT_EQ(login.result(), Status::ok) << body_of(login);
  const auto cookie = header_of(login, Field::set_cookie);
  const auto token = cookie.substr(cookie.find('=') + 1, 64);
  EXPECT_EQ(send(Verb::get, "/api/profile", {{Field::cookie, "__Host-smr_session=" + token}}, "", phone).result(),
            Status::ok);
}

TEST_F(AccountApiTest, WritesStillNeedJsonAndThisServersOrigin) {
  const auto ben = sign_in("ben");
  const TestRequest text_login(Verb::post, "/api/login",
                               {{Field::host, "127.0.0.1:8080"}, {Field::content_type, "text/plain"}},
                               R"({"login":"ben","password":"rolling calves daily"})");
  const auto text = api_.handle(text_login);
  EXPECT_EQ(text.result(), Status::bad_request) << body_of(text);
  const auto foreign = send(Verb::post, "/api/auth/sessions/end-others",
                            {{Field::cookie, "__Host-smr_session=" + ben}, {Field::origin, "http://evil.example"}});
  EXPECT_EQ(foreign.result(), Status::forbidden);
}

TEST_F(AccountApiTest, SessionsListSignOutEverywhereElseAndLogout) {
  const auto here = sign_in("ben");
  const auto phone = sign_in("ben");
  const auto ana = sign_in("ana");
  const auto list = bj::parse(body_of(as(here, Verb::get, "/api/auth/sessions"))).at("sessions").as_array();
  ASSERT_EQ(list.size(), 2u);
  int current = 0;
  for (const auto& s : list) current += s.at("current").as_bool() ? 1 : 0;
  EXPECT_EQ(current, 1);
  const auto ended = as(here, Verb::post, "/api/auth/sessions/end-others");
  ASSERT_EQ(ended.result(), Status::ok) << body_of(ended);
  EXPECT_EQ(bj::parse(body_of(ended)).at("ended").as_int64(), 1);
  EXPECT_EQ(as(phone, Verb::get, "/api/me").result(), Status::unauthorized);
  EXPECT_EQ(as(ana, Verb::get, "/api/me").result(), Status::ok);
  // Ending another person's session by id is 404.
  const auto anas = bj::parse(body_of(as(ana, Verb::get, "/api/auth/sessions"))).at("sessions").as_array();
  const std::string ana_id(anas.at(0).at("id").as_string());
  EXPECT_EQ(as(here, Verb::delete_, "/api/auth/sessions/" + ana_id).result(), Status::not_found);
  const auto out = as(here, Verb::post, "/api/logout");
  ASSERT_EQ(out.result(), Status::ok);
  EXPECT_THAT(header_of(out, Field::set_cookie), HasSubstr("Max-Age=0"));
  EXPECT_EQ(as(here, Verb::get, "/api/me").result(), Status::unauthorized);
}

TEST_F(AccountApiTest, PasswordChangeEndsOtherSessions) {
  const auto here = sign_in("ben");
  const auto phone = sign_in("ben");
  const auto wrong =
      as(here, Verb::put, "/api/password", R"({"old_password":"not it at all","new_password":"foam roller evenings"})");
  EXPECT_EQ(wrong.result(), Status::bad_request);
  EXPECT_EQ(bj::parse(body_of(wrong)).at("error").at("field").as_string(), "old_password");
  const auto ok = as(here, Verb::put, "/api/password",
                     R"({"old_password":"rolling calves daily","new_password":"foam roller evenings"})");
  ASSERT_EQ(ok.result(), Status::ok) << body_of(ok);
  EXPECT_EQ(as(here, Verb::get, "/api/me").result(), Status::ok);
  EXPECT_EQ(as(phone, Verb::get, "/api/me").result(), Status::unauthorized);
  sign_in("ben", "foam roller evenings");
}

TEST_F(AccountApiTest, OnlyAnAdminManagesAccounts) {
  const auto ana = sign_in("ana");  // admin
  const auto ben = sign_in("ben");
  for (const auto& [method, target, body] :
       {std::tuple{Verb::get, "/api/users", ""}, std::tuple{Verb::post, "/api/users", "{}"},
        std::tuple{Verb::post, "/api/users/1/disable", ""}}) {
    const auto res = as(ben, method, target, body);
    EXPECT_EQ(res.result(), Status::forbidden) << target;
    EXPECT_EQ(code_of(res), "forbidden");
  }
  const auto added =
      as(ana, Verb::post, "/api/users", R"({"login":"cleo","password":"knees up high","role":"trainer"})");
  ASSERT_EQ(added.result(), Status::created) << body_of(added);
  EXPECT_EQ(bj::parse(body_of(added)).at("role").as_string(), "trainer");
  const auto weak = as(ana, Verb::post, "/api/users", R"({"login":"dan","password":"password1"})");
  EXPECT_EQ(weak.result(), Status::bad_request);
  EXPECT_EQ(bj::parse(body_of(weak)).at("error").at("field").as_string(), "password");
  const auto users = bj::parse(body_of(as(ana, Verb::get, "/api/users"))).at("users").as_array();
  EXPECT_EQ(users.size(), 3u);
  for (const auto& u : users) EXPECT_FALSE(u.as_object().contains("password_hash"));
  const auto ben_id = bj::parse(body_of(as(ben, Verb::get, "/api/me"))).at("person_id").as_int64();
  const auto disabled = as(ana, Verb::post, "/api/users/" + std::to_string(ben_id) + "/disable");
  ASSERT_EQ(disabled.result(), Status::ok) << body_of(disabled);
  EXPECT_EQ(as(ben, Verb::get, "/api/me").result(), Status::unauthorized);
  const auto again = send(Verb::post, "/api/login", {}, R"({"login":"ben","password":"rolling calves daily"})");
  EXPECT_EQ(again.result(), Status::forbidden);
}

TEST_F(AccountApiTest, IdleAndAbsoluteTimeoutsSignOut) {
  const auto ben = sign_in("ben");
  const service::SessionLimits limits;
  now_ += limits.idle_ms - 1;
  EXPECT_EQ(as(ben, Verb::get, "/api/me").result(), Status::ok);
  now_ += limits.idle_ms;
  EXPECT_EQ(as(ben, Verb::get, "/api/me").result(), Status::unauthorized);
}

// With accounts, export and import are the signed-in person's own records: A's export never holds B's, and an
// import never touches B's.
TEST_F(AccountApiTest, ExportAndImportAreTheSignedInPersonsOwnRecordsOnly) {
  const auto ana = sign_in("ana");
  const auto ben = sign_in("ben");
  const auto id_of = [&](const std::string& token) {
    return bj::parse(body_of(as(token, Verb::get, "/api/me"))).at("person_id").as_int64();
  };
  const core::PersonId ana_id = id_of(ana), ben_id = id_of(ben);
  ASSERT_NE(ana_id, ben_id);
  const std::string routine = bj::serialize(json::to_json(core::Routine{}));
  std::map<core::PersonId, std::vector<std::string>> uids;
  for (int i = 0; i < 6; ++i) {  // interleaved, so that neither person's records come as one block
    const core::PersonId who = i % 2 == 0 ? ana_id : ben_id;
    const std::string uid = std::string(31, who == ana_id ? 'a' : 'b') + std::to_string(i);
    ASSERT_TRUE((*stores_->lease()).save_routine({uid, who, "Routine " + uid, kStart + i, routine}));
    const std::string x_uid = std::string(31, who == ana_id ? 'c' : 'd') + std::to_string(i);
    ASSERT_TRUE((*stores_->lease()).save_custom_exercise({x_uid, who, kStart + i, "[[exercise]]\nid = \"x\"\n"}));
    uids[who].push_back(uid);
    uids[who].push_back(x_uid);
  }
  const auto exported = [&](const std::string& token) {
    const auto r = as(token, Verb::get, "/api/export");
    EXPECT_EQ(r.result(), Status::ok) << body_of(r);
    return body_of(r);
  };
  const auto ana_export = exported(ana);
  const auto ben_export = exported(ben);
  for (const auto& [mine, theirs, text] :
       {std::tuple{ana_id, ben_id, ana_export}, std::tuple{ben_id, ana_id, ben_export}}) {
    for (const auto& uid : uids[mine]) EXPECT_THAT(text, HasSubstr(uid));
    for (const auto& uid : uids[theirs]) EXPECT_THAT(text, ::testing::Not(HasSubstr(uid)));
    const auto j = bj::parse(text);
    ASSERT_EQ(j.at("people").as_array().size(), 1u);
    EXPECT_EQ(j.at("people").at(0).at("id").as_int64(), mine);
    for (const char* list : {"routines", "custom_exercises"}) {
      for (const auto& x : j.at(list).as_array()) EXPECT_EQ(x.at("person_id").as_int64(), mine) << list;
    }
  }

  // Ana's own export again: all present. Ben cannot take Ana's records: nothing changes for either.
  auto r = as(ana, Verb::post, "/api/import", ana_export);
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(bj::parse(body_of(r)).at("added").as_int64(), 0);
  r = as(ben, Verb::post, "/api/import", ana_export);
  EXPECT_EQ(r.result(), Status::conflict) << body_of(r);
  EXPECT_EQ(exported(ana), ana_export);
  EXPECT_EQ(exported(ben), ben_export);

  // New records in a file become the importer's, and the other person's export stays as it was.
  std::string fresh = ana_export;
  for (std::size_t at = fresh.find(std::string(31, 'a')); at != std::string::npos;
       at = fresh.find(std::string(31, 'a'), at)) {
    fresh.replace(at, 31, std::string(31, 'e'));
  }
  r = as(ana, Verb::post, "/api/import", fresh);
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(bj::parse(body_of(r)).at("added").as_int64(), 3);
  EXPECT_THAT(exported(ana), HasSubstr(std::string(31, 'e')));
  EXPECT_EQ(exported(ben), ben_export);

  // A file of two people's records is refused.
  auto both = bj::parse(ana_export);
  both.at("routines").as_array().at(0).as_object()["person_id"] = ben_id;
  r = as(ana, Verb::post, "/api/import", bj::serialize(both));
  EXPECT_EQ(r.result(), Status::bad_request) << body_of(r);
  EXPECT_EQ(bj::parse(body_of(r)).at("error").at("field"), "people");
}

TEST_F(AccountApiTest, WhileEveryHashingSlotIsTakenSignInAndPasswordChangeAre503BusyWithRetryAfter) {
  const auto ben = sign_in("ben");
  const std::string login = R"({"login":"ben","password":"rolling calves daily"})";
  const std::string change = R"({"old_password":"rolling calves daily","new_password":"foam roller evenings"})";
  {
    const auto held = gate_->enter(std::chrono::milliseconds(0));
    ASSERT_TRUE(held);
    for (const auto& res : {send(Verb::post, "/api/login", {}, login), as(ben, Verb::put, "/api/password", change)}) {
      EXPECT_EQ(res.result(), Status::service_unavailable) << body_of(res);
      EXPECT_EQ(code_of(res), "busy");
      EXPECT_EQ(header_of(res, Field::retry_after), std::to_string(kHashingBusyRetrySeconds));
      EXPECT_THAT(body_of(res), HasSubstr("checking other passwords"));
    }
  }
  EXPECT_EQ(send(Verb::post, "/api/login", {}, login).result(), Status::ok) << "the slot is free again";
  EXPECT_EQ(as(ben, Verb::put, "/api/password", change).result(), Status::ok);
}

TEST_F(AccountApiTest, WrongCurrentPasswordsInAChangeAreThrottledWith429) {
  const auto ben = sign_in("ben");
  const std::string wrong = R"({"old_password":"not it at all","new_password":"foam roller evenings"})";
  for (int i = 0; i < service::kMaxFailuresPerLogin; ++i) {
    ASSERT_EQ(as(ben, Verb::put, "/api/password", wrong).result(), Status::bad_request) << "attempt " << i + 1;
  }
  const auto refused = as(ben, Verb::put, "/api/password",
                          R"({"old_password":"rolling calves daily","new_password":"foam roller evenings"})");
  EXPECT_EQ(refused.result(), Status::too_many_requests) << body_of(refused);
  EXPECT_EQ(code_of(refused), "too_many_attempts");
  EXPECT_EQ(header_of(refused, Field::retry_after), "900");
  EXPECT_EQ(as(ben, Verb::get, "/api/me").result(), Status::ok) << "the session itself goes on";
}

TEST_F(AccountApiTest, OnlyAnAdminManagesPairing) {
  const auto ana = sign_in("ana");  // admin
  const auto ben = sign_in("ben");
  for (const auto& [method, target] :
       {std::pair{Verb::post, "/api/pairing-codes"}, std::pair{Verb::get, "/api/devices"},
        std::pair{Verb::delete_, "/api/devices/x"}, std::pair{Verb::post, "/api/pair"}}) {
    const auto res = as(ben, method, target, method == Verb::post ? "{}" : "");
    EXPECT_EQ(res.result(), Status::forbidden) << target;
    EXPECT_EQ(code_of(res), "forbidden") << target;
    EXPECT_THAT(body_of(res), HasSubstr("administrator")) << target;
    EXPECT_NE(as(ana, method, target, method == Verb::post ? "{}" : "").result(), Status::forbidden) << target;
  }
  const auto code = as(ana, Verb::post, "/api/pairing-codes", "{}");
  EXPECT_EQ(code.result(), Status::created);
  EXPECT_EQ(as(ana, Verb::get, "/api/devices").result(), Status::ok);
}

TEST(DescribeAgentTest, NamesTheBrowserAndSystemAPersonRecognises) {
  EXPECT_EQ(describe_agent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
            "Firefox on Linux");
  EXPECT_EQ(describe_agent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
                           "Chrome/131.0 Mobile Safari/537.36"),
            "Chrome on Android");
  EXPECT_EQ(describe_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
                           "like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            "Safari on iOS");
  EXPECT_EQ(describe_agent("curl/8.5.0"), "curl");
  EXPECT_EQ(describe_agent(""), "unknown client");
}

class SinglePersonModeTest : public AccountApiTest {
 protected:
  SinglePersonModeTest() : AccountApiTest(false) {}
};

TEST_F(SinglePersonModeTest, MeIsTheLocalPersonAndTheAccountRoutesSayAccountsAreOff) {
  const auto me = bj::parse(body_of(send(Verb::get, "/api/me")));
  EXPECT_EQ(me.at("accounts").as_bool(), false);
  EXPECT_EQ(me.at("person_id").as_int64(), core::kLocalPersonId);
  for (const auto& route : api_.routes()) {
    if (!route.pattern.starts_with("/api/auth") && !route.pattern.starts_with("/api/users") &&
        route.pattern != "/api/login" && route.pattern != "/api/logout" && route.pattern != "/api/password") {
      continue;
    }
    const auto res = send(route.method, filled(route.pattern), {}, route.method == Verb::get ? "" : "{}");
    EXPECT_EQ(res.result(), Status::not_found) << route.pattern;
    EXPECT_THAT(body_of(res), HasSubstr("smr serve --accounts")) << route.pattern;
  }
  EXPECT_EQ(send(Verb::get, "/api/profile").result(), Status::ok) << "no sign-in needed";
}

}  // namespace
}  // namespace smr::http
