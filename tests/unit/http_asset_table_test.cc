#include "http/asset_table.h"

#include <array>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/gunzip.h"
#include "http_test_support.h"

namespace smr::http {
namespace {

using test::body_of;
using test::header_of;
using test::TestRequest;

const std::string kIndex = "<!doctype html><title>SMR Coach</title>" + std::string(400, ' ') + "<main></main>";
const std::string kScript = "console.log('roll slowly');" + std::string(300, ' ');

AssetTable table() {
  static const std::array<EmbeddedFile, 4> files{{
      {"index.html", kIndex},
      {"assets/index-4f9a2b1c.js", kScript},
      {"favicon.png", "\x89PNG fake"},
      {"app-settings.js", "let x;"},
  }};
  return AssetTable(files);
}

Response get(const AssetTable& t, const std::string& target,
             const std::vector<std::pair<Field, std::string>>& headers = {}) {
  const TestRequest req(Verb::get, target, headers);
  return t.serve(req);
}

TEST(ContentTypeTest, ByExtension) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("assets/app-1a2b3c4d.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("assets/app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("icons/body.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("manifest.webmanifest"), "application/manifest+json");
  EXPECT_EQ(content_type_for("fonts/x.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("core.wasm"), "application/wasm");
  EXPECT_EQ(content_type_for("LICENSE"), "application/octet-stream");
  EXPECT_EQ(content_type_for("archive.tar.zst"), "application/octet-stream");
}

TEST(HashedNameTest, ViteStyleHashesOnly) {
  EXPECT_TRUE(is_hashed_name("assets/index-4f9a2b1c.js"));
  EXPECT_TRUE(is_hashed_name("assets/logo.Bx3_k9Qa.svg"));
  EXPECT_TRUE(is_hashed_name("assets/index-B-3a_9kQ.css"));
  EXPECT_FALSE(is_hashed_name("index.html"));
  EXPECT_FALSE(is_hashed_name("app-settings.js"));  // no digit: a name, not a hash
  EXPECT_FALSE(is_hashed_name("v-12345678.js"));    // no letter, outside assets/
  EXPECT_FALSE(is_hashed_name("img/app-settings.js"));
  EXPECT_FALSE(is_hashed_name("assets/index4f9a2b1c.js"));
  EXPECT_FALSE(is_hashed_name("a-4f9a2b1c"));  // no extension
}

// Issue 7: a quarter of Vite's base64 hashes have no digit; under assets/ they are still cached as immutable.
TEST(HashedNameTest, Issue7ViteHashesWithoutDigitOrLetterUnderAssets) {
  EXPECT_TRUE(is_hashed_name("assets/index-CknXRJYa.js"));
  EXPECT_TRUE(is_hashed_name("/assets/index-CknXRJYa.css"));
  EXPECT_TRUE(is_hashed_name("assets/v-12345678.js"));
  EXPECT_FALSE(is_hashed_name("assets/app-settings"));  // no extension
  EXPECT_FALSE(is_hashed_name("assets/settings.js"));   // no separator before the last 8 characters
}

TEST(AssetTableTest, IndexIsServedAtTheRootAndRevalidated) {
  const auto t = table();
  const auto r = get(t, "/");
  EXPECT_EQ(r.result(), Status::ok);
  EXPECT_EQ(body_of(r), kIndex);
  EXPECT_EQ(header_of(r, Field::content_type), "text/html; charset=utf-8");
  EXPECT_EQ(header_of(r, Field::cache_control), "no-cache");
}

TEST(AssetTableTest, HashedAssetsAreImmutable) {
  const auto r = get(table(), "/assets/index-4f9a2b1c.js");
  EXPECT_EQ(body_of(r), kScript);
  EXPECT_EQ(header_of(r, Field::cache_control), "public, max-age=31536000, immutable");
  EXPECT_EQ(header_of(get(table(), "/app-settings.js"), Field::cache_control), "no-cache");
}

TEST(AssetTableTest, UnknownPathsServeTheIndex) {
  const auto t = table();
  for (const auto* path : {"/plan", "/session/123/check-in", "/index.html/", "/assets//x"}) {
    const auto r = get(t, path);
    EXPECT_EQ(r.result(), Status::ok) << path;
    EXPECT_EQ(body_of(r), kIndex) << path;
  }
}

TEST(AssetTableTest, TextIsCompressedOnceAndServedWhenAccepted) {
  const auto t = table();
  const auto r = get(t, "/assets/index-4f9a2b1c.js", {{Field::accept_encoding, "gzip"}});
  EXPECT_EQ(header_of(r, Field::content_encoding), "gzip");
  EXPECT_EQ(smr::test::gunzip(body_of(r)), kScript);
  // The same shared copy each time: compressed at start-up, never per request.
  const auto again = get(t, "/assets/index-4f9a2b1c.js", {{Field::accept_encoding, "gzip"}});
  EXPECT_EQ(r.body().get(), again.body().get());
  EXPECT_EQ(header_of(get(t, "/favicon.png", {{Field::accept_encoding, "gzip"}}), Field::content_encoding), "");
}

TEST(AssetTableTest, IfNoneMatchGives304) {
  const auto t = table();
  const auto etag = t.find("index.html")->etag;
  EXPECT_EQ(get(t, "/", {{Field::if_none_match, etag}}).result(), Status::not_modified);
}

TEST(AssetTableTest, OtherMethodsAre405) {
  const TestRequest req(Verb::post, "/");
  const auto r = table().serve(req);
  EXPECT_EQ(r.result(), Status::method_not_allowed);
  EXPECT_EQ(header_of(r, Field::allow), "GET, HEAD");
}

TEST(AssetTableTest, WithoutIndexUnknownPathsAreJson404) {
  const AssetTable empty(std::span<const EmbeddedFile>{});
  const auto r = get(empty, "/");
  EXPECT_EQ(r.result(), Status::not_found);
  EXPECT_EQ(header_of(r, Field::content_type), "application/json");
}

}  // namespace
}  // namespace smr::http
