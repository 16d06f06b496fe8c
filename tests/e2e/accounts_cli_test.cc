// Accounts end to end (docs/accounts.md, issue 19): `smr user add|list|disable|role` on a real journal, and
// `smr serve --accounts` with a real HTTP client: signed out only the public routes answer; a sign-in's cookie
// acts for its person; an account disabled from the CLI is signed out at once; `smr invite` and `smr trainers`
// (list, share, leave) change what the running server answers.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_server.h"
#include "process.h"

namespace {

using smr::test::ApiServer;
using smr::test::json_of;
using smr::test::ProcessResult;
using smr::test::run_process;
using smr::test::TempDir;
using ::testing::HasSubstr;
using Verb = boost::beast::http::verb;

// `smr --db DB user add LOGIN FLAGS... --password-stdin` with `password` on standard input.
ProcessResult add_user(const std::string& db, const std::string& login, const std::string& password,
                       const std::string& flags = "") {
  return run_process({"/bin/sh", "-c",
                      "printf '%s\\n' '" + password + "' | '" + std::string(SMR_BINARY) + "' --db '" + db +
                          "' user add " + login + " " + flags + " --password-stdin"});
}

ProcessResult smr(const std::string& db, std::vector<std::string> args) {
  args.insert(args.begin(), {SMR_BINARY, "--db", db});
  return run_process(args);
}

TEST(UserCliTest, AddListRoleAndDisableThroughTheCommands) {
  TempDir dir("smr-user-cli");
  const auto db = "sqlite:" + (dir / "journal.db").string();
  const auto first = add_user(db, "Ana", "rolling calves daily", "--role admin");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out,
            "Added ana (admin, person 1): the journal's records so far are theirs.\n"
            "They sign in at the web app of smr serve --accounts.\n");
  const auto second = add_user(db, "ben", "foam roller evenings", "--name 'Ben B'");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("Added ben (person, person 2)"));
  const auto taken = add_user(db, "ANA", "another long one");
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_THAT(taken.err, HasSubstr("LOGIN: the login \"ana\" is taken; choose another"));

  const auto role = smr(db, {"user", "role", "ben", "trainer"});
  ASSERT_EQ(role.exit_code, 0) << role.err;
  EXPECT_EQ(role.out, "ben is now a trainer.\n");
  const auto disable = smr(db, {"user", "disable", "ben"});
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  const auto list = smr(db, {"user", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, HasSubstr("ana  admin  person 1, added "));
  EXPECT_THAT(list.out, HasSubstr("ben  trainer  person 2, added "));
  EXPECT_THAT(list.out, HasSubstr(", disabled "));
}

TEST(UserCliTest, BadPasswordsRolesAndLoginsExit2NamingWhatIsWrong) {
  TempDir dir("smr-user-cli-bad");
  const auto db = "sqlite:" + (dir / "journal.db").string();
  const auto common = add_user(db, "ana", "password1");
  EXPECT_EQ(common.exit_code, 2);
  EXPECT_THAT(common.err, HasSubstr("one of the most common passwords"));
  const auto short_one = add_user(db, "ana", "calves");
  EXPECT_EQ(short_one.exit_code, 2);
  EXPECT_THAT(short_one.err, HasSubstr("too short (6 characters)"));
  const auto itself = add_user(db, "rollingcalves", "RollingCalves");
  EXPECT_EQ(itself.exit_code, 2);
  EXPECT_THAT(itself.err, HasSubstr("the login itself"));
  const auto role = add_user(db, "ana", "rolling calves daily", "--role boss");
  EXPECT_EQ(role.exit_code, 2);
  EXPECT_THAT(role.err, HasSubstr("--role: \"boss\" is not a role; expected person, trainer or admin"));
  const auto login = add_user(db, "'ana lopez'", "rolling calves daily");
  EXPECT_EQ(login.exit_code, 2);
  EXPECT_THAT(login.err, HasSubstr("LOGIN: a login is 1 to 64 letters"));
  // Without a terminal and without --password-stdin there is no password to read.
  const auto no_password = smr(db, {"user", "add", "ana"});
  EXPECT_EQ(no_password.exit_code, 2);
  EXPECT_THAT(no_password.err, HasSubstr("--password-stdin"));
  const auto unknown = smr(db, {"user", "disable", "nobody"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("no account has the login \"nobody\""));
}

TEST(ServeAccountsTest, SignedOutOnlyPublicRoutesAnswerAndACookieActsForItsPerson) {
  ApiServer server("accounts", {"--accounts", "--session-idle", "30m"});
  ASSERT_EQ(add_user(server.db(), "ana", "rolling calves daily", "--role admin").exit_code, 0);
  ASSERT_EQ(add_user(server.db(), "ben", "foam roller evenings").exit_code, 0);

  EXPECT_EQ(server.get("/api/catalog/regions").result_int(), 200);
  EXPECT_EQ(server.get("/api/health").result_int(), 200);
  const auto signed_out = server.get("/api/profile");
  EXPECT_EQ(signed_out.result_int(), 401);
  EXPECT_EQ(json_of(signed_out).at("error").at("code").as_string(), "signed_out");

  const auto login = server.call(Verb::post, "/api/login", R"({"login":"ben","password":"foam roller evenings"})");
  ASSERT_EQ(login.result_int(), 200) << login.body();
  const std::string cookie(login[boost::beast::http::field::set_cookie]);
  const auto token = cookie.substr(cookie.find('=') + 1, 64);
  const smr::test::Headers with_cookie{{"Cookie", "__Host-smr_session=" + token}};
  const auto me = server.get("/api/me", with_cookie);
  ASSERT_EQ(me.result_int(), 200) << me.body();
  EXPECT_EQ(json_of(me).at("login").as_string(), "ben");
  EXPECT_EQ(json_of(me).at("person_id").as_int64(), 2);
  EXPECT_EQ(server.get("/api/profile", with_cookie).result_int(), 200);

  // Disabled from the CLI while signed in: the next request is signed out.
  ASSERT_EQ(smr(server.db(), {"user", "disable", "ben"}).exit_code, 0);
  EXPECT_EQ(server.get("/api/me", with_cookie).result_int(), 401);
}

TEST(ServeAccountsTest, BadSessionDurationsExit2) {
  TempDir dir("smr-serve-accounts-bad");
  const auto db = "sqlite:" + (dir / "journal.db").string();
  const auto r = smr(db, {"serve", "--accounts", "--port", "0", "--session-idle", "10x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--session-idle: \"10x\" is not a duration from 1 minute to 365 days"));
}

// The bearer headers of a sign-in.
smr::test::Headers signed_in(ApiServer& server, const std::string& login, const std::string& password) {
  const auto r = server.call(Verb::post, "/api/login",
                             R"({"login":")" + login + R"(","password":")" + password + R"(","bearer":true})");
  EXPECT_EQ(r.result_int(), 200) << r.body();
  return {{"Authorization", "Bearer " + std::string(json_of(r).at("token").as_string())}};
}

TEST(TrainersCliTest, APersonListsChangesAndLeavesTheirTrainersAndTheServerSeesItAtOnce) {
  ApiServer server("trainers-cli", {"--accounts"});
  ASSERT_EQ(add_user(server.db(), "ana", "rolling calves daily").exit_code, 0);
  ASSERT_EQ(add_user(server.db(), "tess", "teaching the class", "--role trainer --name 'Tess T'").exit_code, 0);
  ASSERT_EQ(add_user(server.db(), "ben", "foam roller evenings").exit_code, 0);

  const auto none = smr(server.db(), {"trainers", "list", "--person", "ana"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "ana has no trainer. A trainer's invitation (smr invite) makes one.\n");

  const auto invite = smr(server.db(), {"invite", "--trainer", "tess", "--http"});
  ASSERT_EQ(invite.exit_code, 0) << invite.err;
  const auto at = invite.out.find("/invite/");
  ASSERT_NE(at, std::string::npos) << invite.out;
  const auto code = invite.out.substr(at + 8, 26);
  const auto ana = signed_in(server, "ana", "rolling calves daily");
  const auto tess = signed_in(server, "tess", "teaching the class");
  auto with_body = ana;
  with_body.emplace_back("Content-Type", "application/json");
  const auto accepted =
      smr::test::HttpClient(server.port()).request(Verb::post, "/api/invitations/" + code + "/accept", with_body, "{}");
  ASSERT_EQ(accepted.result_int(), 201) << accepted.body();

  const auto listed = smr(server.db(), {"trainers", "list", "--person", "ANA"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("tess (Tess T), since "));
  EXPECT_THAT(listed.out, HasSubstr("    sees: nothing beyond your name\n"));

  // Every choice of categories reaches the server as chosen.
  const std::vector<std::string> words{"sessions", "trends", "self_tests", "soreness", "screening"};
  for (unsigned bits = 0; bits < 32; bits += 5) {
    std::string with;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if ((bits >> i) & 1U) with += (with.empty() ? "" : ",") + words[i];
    }
    SCOPED_TRACE(with);
    const auto shared =
        smr(server.db(), {"trainers", "share", "tess", "--person", "ana", "--with", with.empty() ? "none" : with});
    ASSERT_EQ(shared.exit_code, 0) << shared.err;
    EXPECT_THAT(shared.out, HasSubstr("tess now sees: "));
    const auto mine = server.get("/api/trainers", ana);
    ASSERT_EQ(mine.result_int(), 200) << mine.body();
    const auto listed_json = json_of(mine);
    const auto& sharing = listed_json.as_array().at(0).at("sharing");
    for (std::size_t i = 0; i < words.size(); ++i) {
      EXPECT_EQ(sharing.at(words[i]).as_bool(), ((bits >> i) & 1U) != 0) << words[i];
    }
  }

  const auto bad = smr(server.db(), {"trainers", "share", "tess", "--person", "ana", "--with", "sessions,moods"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("--with: \"moods\" is not a category; expected some of sessions, trends"));
  const auto not_theirs = smr(server.db(), {"trainers", "leave", "ben", "--person", "ana"});
  EXPECT_EQ(not_theirs.exit_code, 1);
  EXPECT_THAT(not_theirs.err, HasSubstr("TRAINER: \"ben\" is not a trainer of ana"));
  const auto nobody = smr(server.db(), {"trainers", "list", "--person", "nobody"});
  EXPECT_EQ(nobody.exit_code, 2);
  EXPECT_THAT(nobody.err, HasSubstr("--person: no account \"nobody\""));

  EXPECT_EQ(json_of(server.get("/api/clients", tess)).as_array().size(), 1u);
  const auto left = smr(server.db(), {"trainers", "leave", "tess", "--person", "ana"});
  ASSERT_EQ(left.exit_code, 0) << left.err;
  EXPECT_EQ(left.out, "ana left tess: they see nothing more, and ana's records stay theirs.\n");
  EXPECT_TRUE(json_of(server.get("/api/clients", tess)).as_array().empty());
  EXPECT_TRUE(json_of(server.get("/api/trainers", ana)).as_array().empty());
  const auto again = smr(server.db(), {"trainers", "share", "tess", "--person", "ana", "--with", "none"});
  EXPECT_EQ(again.exit_code, 1) << "a trainer left is not one any more";
}

}  // namespace
