#include "http/router.h"

#include <stdexcept>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http_test_support.h"

namespace smr::http {
namespace {

using test::body_of;
using test::header_of;
using test::TestRequest;
using ::testing::ElementsAre;

// A handler that answers with its own name and the path parameters it got.
Handler echo(std::string name) {
  return [name](const Request&, const PathParams& p) {
    return json_response(Status::ok, name + " kind=" + std::string(p.get("kind")) + " id=" + std::string(p.get("id")));
  };
}

Router catalog_router() {
  Router r;
  r.add(Verb::get, "/api/health", "health", echo("health"));
  r.add(Verb::get, "/api/catalog/{kind}/{id}", "entry", echo("entry"));
  r.add(Verb::get, "/api/catalog/exercises/{id}", "exercise", echo("exercise"));
  r.add(Verb::post, "/api/sessions", "start", echo("start"));
  r.add(Verb::get, "/api/sessions/{id}", "session", echo("session"));
  return r;
}

std::string answer(const Router& r, Verb method, const std::string& target) {
  const TestRequest req(method, target);
  return body_of(r.dispatch(req));
}

TEST(RouterTest, LiteralPathMatches) {
  EXPECT_EQ(answer(catalog_router(), Verb::get, "/api/health"), "health kind= id=");
}

TEST(RouterTest, ParametersAreCapturedPercentDecoded) {
  EXPECT_EQ(answer(catalog_router(), Verb::get, "/api/catalog/regions/calves"), "entry kind=regions id=calves");
  EXPECT_EQ(answer(catalog_router(), Verb::get, "/api/catalog/rules/R%201"), "entry kind=rules id=R 1");
}

TEST(RouterTest, LiteralSegmentBeatsParameter) {
  EXPECT_EQ(answer(catalog_router(), Verb::get, "/api/catalog/exercises/calves-roller"),
            "exercise kind= id=calves-roller");
}

TEST(RouterTest, QueryDoesNotTakePartInMatching) {
  EXPECT_EQ(answer(catalog_router(), Verb::get, "/api/health?verbose=1"), "health kind= id=");
}

TEST(RouterTest, UnknownPathIsNotFound) {
  const auto r = catalog_router();
  EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match(Verb::get, {"api", "nothing"})));
  // A parameter never matches an empty segment, and a trailing slash is another path.
  EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match(Verb::get, {"api", "catalog", "regions", ""})));
  EXPECT_TRUE(std::holds_alternative<Router::NotFound>(r.match(Verb::get, {"api", "health", ""})));
}

TEST(RouterTest, KnownPathWithOtherMethodIsWrongMethodListingTheAllowedOnes) {
  const auto r = catalog_router();
  const auto m = r.match(Verb::delete_, {"api", "sessions"});
  ASSERT_TRUE(std::holds_alternative<Router::WrongMethod>(m));
  EXPECT_THAT(std::get<Router::WrongMethod>(m).allowed, ElementsAre(Verb::post));
  const auto g = r.match(Verb::post, {"api", "health"});
  ASSERT_TRUE(std::holds_alternative<Router::WrongMethod>(g));
  EXPECT_THAT(std::get<Router::WrongMethod>(g).allowed, ElementsAre(Verb::get, Verb::head));
}

TEST(RouterTest, HeadMatchesGetRoutes) {
  EXPECT_EQ(answer(catalog_router(), Verb::head, "/api/sessions/abc"), "session kind= id=abc");
}

TEST(RouterTest, DispatchAnswers404And405AsJsonErrors) {
  const auto r = catalog_router();
  const TestRequest missing(Verb::get, "/api/nothing?x=1");
  const auto not_found = r.dispatch(missing);
  EXPECT_EQ(not_found.result(), Status::not_found);
  EXPECT_EQ(
      body_of(not_found),
      R"({"error":{"code":"not_found","message":"there is no API route /api/nothing; the routes are described in docs/openapi.yaml","field":null}})");
  const TestRequest wrong(Verb::put, "/api/health");
  const auto not_allowed = r.dispatch(wrong);
  EXPECT_EQ(not_allowed.result(), Status::method_not_allowed);
  EXPECT_EQ(header_of(not_allowed, Field::allow), "GET, HEAD");
  EXPECT_EQ(
      body_of(not_allowed),
      R"({"error":{"code":"method_not_allowed","message":"PUT is not allowed here; use GET, HEAD","field":null}})");
}

TEST(RouterTest, RoutesListsTheTableInOrder) {
  const auto routes = catalog_router().routes();
  ASSERT_EQ(routes.size(), 5U);
  EXPECT_EQ(routes[1].method, Verb::get);
  EXPECT_EQ(routes[1].pattern, "/api/catalog/{kind}/{id}");
  EXPECT_EQ(routes[1].summary, "entry");
  EXPECT_EQ(routes[3].method, Verb::post);
}

TEST(RouterTest, MalformedPatternsAndDuplicatesAreRefused) {
  Router r;
  EXPECT_THROW(r.add(Verb::get, "api/health", "", echo("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Verb::get, "/api//health", "", echo("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Verb::get, "/api/{}", "", echo("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Verb::get, "/api/{id", "", echo("x")), std::invalid_argument);
  EXPECT_THROW(r.add(Verb::get, "/api/a{id}", "", echo("x")), std::invalid_argument);
  r.add(Verb::get, "/api/items/{id}", "", echo("x"));
  EXPECT_THROW(r.add(Verb::get, "/api/items/{other}", "", echo("x")), std::invalid_argument);
  EXPECT_NO_THROW(r.add(Verb::delete_, "/api/items/{id}", "", echo("x")));
}

}  // namespace
}  // namespace smr::http
