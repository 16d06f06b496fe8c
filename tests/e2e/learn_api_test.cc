// GET /api/learn and /api/learn/{id} on the real `smr serve` (issue 15, item 12): the same JSON as
// `smr learn --json`, every listed page reachable, prepared responses (ETag, 304), and a 404 that names the id.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "api_server.h"

namespace {

using smr::test::ApiServer;
using smr::test::json_of;
using ::testing::HasSubstr;
namespace bj = boost::json;

TEST(LearnApiTest, IndexAndPagesAreTheCliJsonAndEveryListedPageAnswers) {
  ApiServer s("learn");
  const auto index = s.get("/api/learn");
  ASSERT_EQ(index.result_int(), 200) << index.body();
  const auto cli = s.smr({"learn", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(json_of(index), bj::parse(cli.out));

  const auto listed = json_of(index);
  std::size_t pages = 0;
  for (const char* kind : {"topics", "techniques", "regions"}) {
    for (const auto& link : listed.at(kind).as_array()) {
      const std::string id(link.at("id").as_string());
      const auto page = s.get("/api/learn/" + id);
      ASSERT_EQ(page.result_int(), 200) << id << ": " << page.body();
      EXPECT_EQ(json_of(page).at("kind"), link.at("kind")) << id;
      EXPECT_EQ(json_of(page).at("title"), link.at("title")) << id;
      ++pages;
    }
  }
  EXPECT_GE(pages, 7U + 7U + 24U);  // the required topics, the seven techniques, the regions

  const auto topic = s.get("/api/learn/how-rolling-works");
  const auto topic_cli = s.smr({"learn", "how-rolling-works", "--json"});
  ASSERT_EQ(topic_cli.exit_code, 0) << topic_cli.err;
  EXPECT_EQ(json_of(topic), bj::parse(topic_cli.out));
}

TEST(LearnApiTest, PagesArePreparedWithAnETag) {
  ApiServer s("learn-etag");
  const auto first = s.get("/api/learn/fascia");
  ASSERT_EQ(first.result_int(), 200);
  const std::string etag(first[boost::beast::http::field::etag]);
  ASSERT_FALSE(etag.empty());
  const auto again = s.get("/api/learn/fascia", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304);
}

TEST(LearnApiTest, AnUnknownIdIs404NamingTheIdWithTheClosestOne) {
  ApiServer s("learn-404");
  const auto r = s.get("/api/learn/fascai");
  ASSERT_EQ(r.result_int(), 404);
  const auto e = json_of(r).at("error");
  EXPECT_EQ(e.at("code"), "not_found");
  EXPECT_EQ(e.at("field"), "id");
  EXPECT_EQ(e.at("message"),
            "there is no Learn topic, technique or region \"fascai\"; did you mean \"fascia\"? They are listed at "
            "/api/learn");
}

}  // namespace
