#include "http/static_resource.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/gunzip.h"
#include "http_test_support.h"

namespace smr::http {
namespace {

using test::body_of;
using test::header_of;

std::string text_of_size(std::size_t n) {
  std::string s;
  while (s.size() < n) s += "{\"id\":\"calves\",\"name\":\"Calves\"},";
  s.resize(n);
  return s;
}

TEST(StaticResourceTest, ETagIsAQuotedStableHashOfTheContent) {
  const auto a = make_static_resource("hello", "text/plain", "no-cache");
  const auto b = make_static_resource("hello", "text/plain", "no-cache");
  const auto c = make_static_resource("hellO", "text/plain", "no-cache");
  EXPECT_THAT(a.etag, ::testing::MatchesRegex("\"[0-9a-f]{16}\""));
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_NE(a.etag, c.etag);
  // FNV-1a 64 of "hello": the same in every build and run, so browsers' cached ETags survive a restart.
  EXPECT_EQ(a.etag, "\"a430d84680aabd0b\"");
}

TEST(StaticResourceTest, CompressesOnlyTextLargeEnough) {
  EXPECT_TRUE(make_static_resource(text_of_size(4096), "application/json", "no-cache").gzip_body);
  EXPECT_FALSE(make_static_resource(text_of_size(kMinGzipBytes - 1), "application/json", "no-cache").gzip_body);
  EXPECT_FALSE(make_static_resource(text_of_size(4096), "image/png", "no-cache").gzip_body);
}

TEST(StaticResourceTest, GzipCopyDecompressesToTheBodyAndHasItsOwnETag) {
  const auto body = text_of_size(10000);
  const auto r = make_static_resource(body, "text/css; charset=utf-8", "no-cache");
  ASSERT_TRUE(r.gzip_body);
  EXPECT_EQ(smr::test::gunzip(*r.gzip_body), body);
  EXPECT_EQ(r.gzip_etag, r.etag.substr(0, 17) + "-gz\"");
}

TEST(StaticResourceTest, ServesGzipOnlyToClientsThatAcceptIt) {
  const auto r = make_static_resource(text_of_size(10000), "application/json", "no-cache");
  const auto gz = respond_static(r, "", "gzip, deflate, br");
  EXPECT_EQ(header_of(gz, Field::content_encoding), "gzip");
  EXPECT_EQ(header_of(gz, Field::etag), r.gzip_etag);
  EXPECT_EQ(header_of(gz, Field::vary), "Accept-Encoding");
  EXPECT_EQ(body_of(gz), *r.gzip_body);
  const auto plain = respond_static(r, "", "");
  EXPECT_EQ(header_of(plain, Field::content_encoding), "");
  EXPECT_EQ(header_of(plain, Field::etag), r.etag);
  EXPECT_EQ(header_of(plain, Field::vary), "Accept-Encoding");
  EXPECT_EQ(header_of(plain, Field::content_type), "application/json");
  EXPECT_EQ(header_of(plain, Field::cache_control), "no-cache");
  EXPECT_EQ(body_of(plain), *r.body);
}

TEST(StaticResourceTest, MatchingIfNoneMatchGives304WithoutBody) {
  const auto r = make_static_resource(text_of_size(10000), "application/json", "no-cache");
  const auto not_modified = respond_static(r, "\"0000000000000000\", " + r.etag, "");
  EXPECT_EQ(not_modified.result(), Status::not_modified);
  EXPECT_EQ(body_of(not_modified), "");
  EXPECT_EQ(header_of(not_modified, Field::etag), r.etag);
  EXPECT_EQ(header_of(not_modified, Field::cache_control), "no-cache");
  // The identity ETag does not validate the gzip form.
  EXPECT_EQ(respond_static(r, r.etag, "gzip").result(), Status::ok);
  EXPECT_EQ(respond_static(r, r.gzip_etag, "gzip").result(), Status::not_modified);
}

TEST(ETagMatchesTest, ListsWeakTagsAndStar) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\" , W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches(" * ", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"a,b\", \"abc\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abcd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("abc", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abc", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(AcceptsGzipTest, ReadsCodingsAndQValues) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("deflate, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("gzip; q=1.0"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("br, deflate"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, *"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("identity"));
}

TEST(CompressibleTypeTest, TextJsonScriptsAndSvg) {
  for (const auto* t : {"text/html; charset=utf-8", "text/css", "application/json", "text/javascript; charset=utf-8",
                        "image/svg+xml", "application/manifest+json", "application/wasm"}) {
    EXPECT_TRUE(compressible_type(t)) << t;
  }
  for (const auto* t : {"image/png", "font/woff2", "application/octet-stream", "image/jpeg"}) {
    EXPECT_FALSE(compressible_type(t)) << t;
  }
}

}  // namespace
}  // namespace smr::http
