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

// "GET /api/health", ... from the paths of docs/openapi.yaml (path keys at two spaces, methods at four).
std::set<std::string> documented_routes() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/openapi.yaml");
  std::set<std::string> out;
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;  // the next top-level key
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      auto method = line.substr(4, line.size() - 5);
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}

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

}  // namespace
}  // namespace smr::http
