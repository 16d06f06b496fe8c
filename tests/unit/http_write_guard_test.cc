// The cross-site guard of the API's write routes (http/write_guard.h): what a page of another site can send
// through the person's browser without a preflight is refused; the app's own pages and programs go on.

#include "http/write_guard.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <boost/url/parse.hpp>

namespace smr::http {
namespace {

struct Case {
  Verb method;
  std::vector<std::pair<std::string, std::string>> headers;  // Host is 127.0.0.1:8080 unless given
  std::string body;
  int status;  // 0: allowed
  const char* what;
};

int status_of(const Case& c, bool tls = false) {
  RequestMessage message(c.method, "/api/sessions", 11);
  message.set(Field::host, "127.0.0.1:8080");
  for (const auto& [name, value] : c.headers) message.insert(name, value);
  message.body() = c.body;
  const auto url = *boost::urls::parse_origin_form(message.target());
  const Request request(message, url);
  const auto refused = refuse_cross_site_write(request, tls);
  return refused ? static_cast<int>(refused->status) : 0;
}

TEST(WriteGuardTest, RefusesWhatAnotherSiteCanSendAndLetsTheAppAndProgramsThrough) {
  const std::string json = R"({"routine":{}})";
  const std::vector<Case> cases{
      {Verb::post, {{"Content-Type", "application/json"}}, json, 0, "a program: JSON, no Origin"},
      {Verb::post, {{"Content-Type", "application/json; charset=utf-8"}}, json, 0, "JSON with a charset"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8080"}},
       json,
       0,
       "the app's own page"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8080"}, {"Sec-Fetch-Site", "same-origin"}},
       json,
       0,
       "the app's own page, Sec-Fetch-Site same-origin"},
      {Verb::post, {}, "", 0, "no body and no type (POST .../ack from the app)"},
      {Verb::get,
       {{"Origin", "https://evil.example"}, {"Content-Type", "text/plain"}},
       "",
       0,
       "a GET is never a change"},
      {Verb::post,
       {{"Content-Type", "text/plain"}, {"Origin", "https://evil.example"}},
       json,
       403,
       "text/plain from another site"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Origin", "https://evil.example"}},
       json,
       403,
       "JSON from another site"},
      {Verb::post, {{"Origin", "https://evil.example"}}, "", 403, "an empty POST from another site"},
      {Verb::put,
       {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8081"}},
       json,
       403,
       "another port is another origin"},
      {Verb::post, {{"Content-Type", "application/json"}, {"Origin", "null"}}, json, 403, "a sandboxed frame"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8080@evil.example"}},
       json,
       403,
       "user information in the Origin"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "cross-site"}},
       json,
       403,
       "Sec-Fetch-Site cross-site without Origin"},
      {Verb::post,
       {{"Content-Type", "application/json"}, {"Sec-Fetch-Site", "same-site"}},
       json,
       403,
       "a sibling site"},
      {Verb::post, {{"Content-Type", "text/plain"}}, json, 400, "text/plain from a program"},
      {Verb::post, {{"Content-Type", "application/x-www-form-urlencoded"}}, "a=1", 400, "a form"},
      {Verb::post, {}, json, 400, "a body with no type"},
      {Verb::post, {{"Content-Type", "text/plain"}}, "", 400, "a declared text/plain even when empty"},
      {Verb::delete_, {{"Origin", "https://evil.example"}}, "", 403, "DELETE from another site"},
  };
  for (const auto& c : cases) EXPECT_EQ(status_of(c), c.status) << c.what;
}

TEST(WriteGuardTest, OverTlsTheOriginMustBeHttps) {
  const Case https{
      Verb::post, {{"Content-Type", "application/json"}, {"Origin", "https://127.0.0.1:8080"}}, "{}", 0, ""};
  const Case http{Verb::post, {{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8080"}}, "{}", 0, ""};
  EXPECT_EQ(status_of(https, true), 0);
  EXPECT_EQ(status_of(http, true), 403);
}

TEST(WriteGuardTest, DefaultPortsAreTheSameOrigin) {
  RequestMessage message(Verb::post, "/api/plan", 11);
  message.set(Field::host, "coach.example");
  message.set(Field::origin, "http://coach.example:80");
  const auto url = *boost::urls::parse_origin_form(message.target());
  EXPECT_FALSE(refuse_cross_site_write(Request(message, url)).has_value());
}

}  // namespace
}  // namespace smr::http
