// The API application (routes table + web app) in process, on the built-in catalog and a memory journal.

#include "http/api.h"

#include <fstream>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "http/web_assets.h"
#include "http_test_support.h"

namespace smr::http {
namespace {

using test::body_of;
using test::documented_routes;
using test::header_of;
using test::TestRequest;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

class ApiTest : public ::testing::Test {
 protected:
  ApiTest() : stores_(std::move(*WorkerStores::open("memory:", 1))), api_(builtin(), *stores_, {}, web_assets()) {}

  Response get(const std::string& target) const {
    const TestRequest req(Verb::get, target);
    return api_.handle(req);
  }

  std::unique_ptr<WorkerStores> stores_;
  Api api_;
};

TEST_F(ApiTest, EveryRouteIsDocumentedAndEveryDocumentedRouteExists) {
  std::set<std::string> routes;
  for (const auto& r : api_.routes())
    routes.insert(std::string(boost::beast::http::to_string(r.method)) + " " + r.pattern);
  const auto documented = documented_routes();
  ASSERT_FALSE(documented.empty());
  EXPECT_EQ(routes, documented);
}

TEST_F(ApiTest, ApiPathsGoToTheRoutesAndOthersToTheWebApp) {
  EXPECT_EQ(header_of(get("/api/catalog/regions"), Field::content_type), "application/json");
  EXPECT_EQ(get("/api/catalog/regions/nope").result(), Status::not_found);
  EXPECT_EQ(get("/api").result(), Status::not_found);
  EXPECT_EQ(header_of(get("/api/unknown"), Field::content_type), "application/json");
  EXPECT_EQ(header_of(get("/"), Field::content_type), "text/html; charset=utf-8");
  EXPECT_EQ(header_of(get("/apiary"), Field::content_type), "text/html; charset=utf-8");
}

TEST_F(ApiTest, HealthAnswersFromTheJournal) {
  const auto r = get("/api/health");
  EXPECT_EQ(r.result(), Status::ok);
  EXPECT_EQ(body_of(r),
            R"({"status":"ok","version":"0.1.0","backend":"memory","schema_version":0,"latest_schema_version":0,)"
            R"("integrity_ok":true})");
}

TEST_F(ApiTest, CatalogResponsesArePreparedOnce) {
  // The same shared body for every request: serialised at start-up, never per request.
  EXPECT_EQ(get("/api/catalog/exercises").body().get(), get("/api/catalog/exercises").body().get());
  EXPECT_EQ(get("/api/catalog/rules/R1").body().get(), get("/api/catalog/rules/R1").body().get());
}

// Issue 12: a page of another site can send text/plain (no preflight) to every write route through the
// person's browser. Every non-GET route of docs/openapi.yaml refuses it with 403, and the journal is unchanged.
TEST_F(ApiTest, EveryWriteRouteRefusesACrossSiteTextPlainRequestAndChangesNothing) {
  const auto export_now = [this] { return body_of(get("/api/export")); };
  const auto before = export_now();
  std::size_t writes = 0;
  for (const auto& route : documented_routes()) {
    const auto space = route.find(' ');
    const auto method = boost::beast::http::string_to_verb(route.substr(0, space));
    if (method == Verb::get) continue;
    ++writes;
    std::string target = route.substr(space + 1);
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}', open) - open + 1, "x");
    }
    const TestRequest req(
        method, target,
        {{Field::host, "127.0.0.1:8080"}, {Field::origin, "https://evil.example"}, {Field::content_type, "text/plain"}},
        R"({"routine":{"steps":[]},"tools":[],"value":1})");
    const auto res = api_.handle(req);
    EXPECT_EQ(res.result(), Status::forbidden) << route;
    EXPECT_NE(body_of(res).find("\"forbidden\""), std::string::npos) << route;
  }
  EXPECT_GE(writes, 8U);
  EXPECT_EQ(export_now(), before);
}

// Issue 12: error bodies carried the journal's absolute path (and could carry SQL or a connection string). A
// fault on the server's side answers a plain message; the details go to the server's error output only.
TEST(ApiErrorTest, ServerSideFaultsAnswerAPlainMessageWithoutPathsOrSql) {
  using Code = service::Error::Code;
  const std::string detail =
      "/home/ana/.local/share/smr/journal.db: disk I/O error in INSERT INTO check_ins; postgresql://ana:pw@db/smr";
  for (const auto code : {Code::kBusy, Code::kUnavailable, Code::kStorageFull, Code::kDamaged, Code::kInternal}) {
    const auto error = from_service_error({code, "", detail, {}, {}});
    const auto body = error_json(error);
    EXPECT_EQ(body.find("/home"), std::string::npos) << body;
    EXPECT_EQ(body.find("INSERT"), std::string::npos) << body;
    EXPECT_EQ(body.find("postgresql"), std::string::npos) << body;
    EXPECT_FALSE(error.message.empty());
  }
  EXPECT_EQ(from_service_error({Code::kStorageFull, "", detail, {}, {}}).status, Status::insufficient_storage);
  EXPECT_NE(from_service_error({Code::kStorageFull, "", detail, {}, {}}).message.find("full"), std::string::npos);
  for (const auto code : {store::Error::Code::kUnavailable, store::Error::Code::kCorrupt, store::Error::Code::kIo}) {
    const auto body = error_json(from_store_error({code, detail}));
    EXPECT_EQ(body.find("/home"), std::string::npos) << body;
  }
  // A person's own mistake keeps its precise message: it names only what they sent.
  EXPECT_EQ(from_service_error({Code::kInvalid, "minutes", "minutes: expected 1 to 120, got 0", {}, {}}).message,
            "minutes: expected 1 to 120, got 0");
}

}  // namespace
}  // namespace smr::http
