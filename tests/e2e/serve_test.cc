// smr serve, end to end: the real binary on a free port (api_server.h), a real HTTP client (http_client.h).

#include <algorithm>
#include <csignal>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "../support/gunzip.h"
#include "api_server.h"

namespace {

using namespace std::chrono_literals;
using smr::test::ApiServer;
using smr::test::HttpClient;
using smr::test::HttpResponse;
using smr::test::run_process;
using smr::test::TempDir;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using Verb = boost::beast::http::verb;
using Field = boost::beast::http::field;
namespace bj = boost::json;

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; manifest-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

std::string header(const HttpResponse& r, Field f) { return std::string(r[f]); }
std::string header(const HttpResponse& r, std::string_view name) { return std::string(r[name]); }

bj::value smr_json(std::vector<std::string> args) {
  args.insert(args.begin(), SMR_BINARY);
  const auto r = run_process(args);
  if (r.exit_code != 0) throw std::runtime_error("smr failed: " + r.err);
  return bj::parse(r.out);
}

void expect_security_headers(const HttpResponse& r, const std::string& what) {
  EXPECT_EQ(header(r, "Content-Security-Policy"), kCsp) << what;
  EXPECT_EQ(header(r, "X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(header(r, "X-Frame-Options"), "DENY") << what;
  EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer") << what;
}

void expect_error(const HttpResponse& r, unsigned status, const std::string& code, const std::string& message,
                  const std::string& field = "") {
  EXPECT_EQ(r.result_int(), status) << r.body();
  EXPECT_EQ(header(r, Field::content_type), "application/json");
  const auto v = bj::parse(r.body());
  bj::object error{{"code", code}, {"message", message}};
  if (field.empty()) {
    error["field"] = nullptr;
  } else {
    error["field"] = field;
  }
  EXPECT_EQ(v, (bj::value(bj::object{{"error", error}}))) << r.body();
}

// ---- starting and stopping ---------------------------------------------------------------------------------

TEST(ServeTest, PrintsTheUrlWithTheRealPortAndStopsOnSigterm) {
  ApiServer s("serve");
  EXPECT_GT(s.port(), 0);
  EXPECT_EQ(s.process().read_line(5s), "Press Ctrl+C to stop.");
  s.process().signal(SIGTERM);
  EXPECT_EQ(s.process().wait(10s), 0) << s.process().err();
  EXPECT_THAT(s.process().out(), HasSubstr("SMR Coach has stopped.\n"));
}

TEST(ServeTest, StopsOnSigint) {
  ApiServer s("serve");
  s.process().signal(SIGINT);
  EXPECT_EQ(s.process().wait(10s), 0) << s.process().err();
}

TEST(ServeTest, PortOutOfRangeExits2NamingTheFlag) {
  const auto r = run_process({SMR_BINARY, "--db", "memory:", "serve", "--port", "70000"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "smr: --port: 70000 is out of range; expected 0 to 65535 (0: any free port)\n");
  EXPECT_EQ(r.out, "");
}

TEST(ServeTest, BadFlagValuesExit2NamingTheFlag) {
  const auto not_a_number = run_process({SMR_BINARY, "--db", "memory:", "serve", "--port", "http"});
  EXPECT_EQ(not_a_number.exit_code, 2);
  EXPECT_THAT(not_a_number.err, HasSubstr("--port"));

  const auto timeout = run_process({SMR_BINARY, "--db", "memory:", "serve", "--header-timeout", "0"});
  EXPECT_EQ(timeout.exit_code, 2);
  EXPECT_EQ(timeout.err, "smr: --header-timeout: 0 is out of range; expected seconds above 0, at most 3600\n");

  const auto host = run_process({SMR_BINARY, "--db", "memory:", "serve", "--host", "no such host!", "--port", "0"});
  EXPECT_EQ(host.exit_code, 2);
  EXPECT_EQ(host.err, "smr: --host: \"no such host!\" is not an IP address or a name this machine knows\n");

  for (const char* bad : {"coach.example:8080", "user@coach.example", "a b", "[::1"}) {
    const auto allowed = run_process({SMR_BINARY, "--db", "memory:", "serve", "--allowed-host", bad, "--port", "0"});
    EXPECT_EQ(allowed.exit_code, 2) << bad;
    EXPECT_THAT(allowed.err, HasSubstr("--allowed-host: \"" + std::string(bad) + "\" is not a host name or address"))
        << bad;
  }

  const auto unknown = run_process({SMR_BINARY, "serve", "--colour"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("--colour"));
}

TEST(ServeTest, PortInUseExits1WithAClearMessage) {
  ApiServer first("serve");
  const auto port = std::to_string(first.port());
  const auto r = run_process({SMR_BINARY, "--db", "memory:", "serve", "--port", port});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: 127.0.0.1:" + port +
                       " is in use by another program; stop that program or choose another port with --port (0: "
                       "any free port)\n");
  EXPECT_EQ(r.out, "");
}

TEST(ServeTest, JournalThatCannotBeOpenedExits1) {
  TempDir dir("smr-serve-bad-db");  // a folder is not a journal
  const auto r = run_process({SMR_BINARY, "--db", dir.path().string(), "serve", "--port", "0"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "smr: " + dir.path().string() + " is not a file; give --db the path of a journal file\n");
  EXPECT_EQ(r.out, "");
}

// ---- the API ------------------------------------------------------------------------------------------------

TEST(ServeTest, HealthReportsVersionBackendAndSchema) {
  ApiServer s("health");  // on a SQLite journal
  const auto r = s.get("/api/health");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(header(r, Field::content_type), "application/json");
  EXPECT_EQ(header(r, Field::cache_control), "no-store");
  const auto v = bj::parse(r.body()).as_object();
  EXPECT_EQ(v.at("status").as_string(), "ok");
  EXPECT_EQ(v.at("version").as_string(), "0.1.0");
  EXPECT_EQ(v.at("backend").as_string(), "sqlite");
  EXPECT_GE(v.at("schema_version").as_int64(), 1);
  EXPECT_EQ(v.at("schema_version"), v.at("latest_schema_version"));
  EXPECT_TRUE(v.at("integrity_ok").as_bool());
}

TEST(ServeTest, CatalogListsAreTheCliJson) {
  ApiServer s("serve");
  for (const std::string list : {"regions", "tools", "techniques", "exercises"}) {
    const auto r = s.get("/api/catalog/" + list);
    ASSERT_EQ(r.result_int(), 200) << list << ": " << r.body();
    EXPECT_EQ(header(r, Field::content_type), "application/json") << list;
    EXPECT_EQ(header(r, Field::cache_control), "no-cache") << list;
    EXPECT_EQ(bj::parse(r.body()), smr_json({"catalog", list, "--json"})) << list;
  }
}

TEST(ServeTest, ExerciseFiltersAreTheCliFilters) {
  ApiServer s("serve");
  const auto r = s.get("/api/catalog/exercises?region=calves&tool=foam-roller-medium");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(bj::parse(r.body()),
            smr_json({"catalog", "exercises", "--region", "calves", "--tool", "foam-roller-medium", "--json"}));
  const auto call = s.get("/api/catalog/exercises?context=call&level=beginner");
  ASSERT_EQ(call.result_int(), 200) << call.body();
  EXPECT_EQ(bj::parse(call.body()),
            smr_json({"catalog", "exercises", "--context", "call", "--level", "beginner", "--json"}));
  // An empty value is no filter.
  EXPECT_EQ(bj::parse(s.get("/api/catalog/exercises?region=").body()), smr_json({"catalog", "exercises", "--json"}));
}

TEST(ServeTest, ExerciseFilterErrorsNameTheField) {
  ApiServer s("serve");
  expect_error(s.get("/api/catalog/exercises?region=calfs"), 400, "invalid",
               "unknown region \"calfs\"; did you mean \"calves\"? The regions are listed at /api/catalog/regions",
               "region");
  expect_error(s.get("/api/catalog/exercises?context=beach"), 400, "invalid",
               "\"beach\" is not valid; expected \"floor\", \"seated\", \"standing\", \"desk\" or \"call\"", "context");
  expect_error(s.get("/api/catalog/exercises?colour=red"), 400, "invalid",
               "unknown query parameter \"colour\"; the filters are region, tool, context and level", "colour");
  expect_error(s.get("/api/catalog/exercises?tool=lacrosse-ball&tool=foam-roller-medium"), 400, "invalid",
               "give tool at most once", "tool");
}

TEST(ServeTest, CatalogEntryIsTheCliShowJson) {
  ApiServer s("serve");
  for (const auto& [path, id] : std::vector<std::pair<std::string, std::string>>{{"exercises", "calves-roller"},
                                                                                 {"regions", "calves"},
                                                                                 {"tools", "lacrosse-ball"},
                                                                                 {"rules", "R1"},
                                                                                 {"sources", "S1"}}) {
    const auto r = s.get("/api/catalog/" + path + "/" + id);
    ASSERT_EQ(r.result_int(), 200) << path << "/" << id << ": " << r.body();
    EXPECT_EQ(bj::parse(r.body()), smr_json({"catalog", "show", id, "--json"})) << id;
  }
}

TEST(ServeTest, UnknownEntryOrKindIs404NamingTheField) {
  ApiServer s("serve");
  expect_error(s.get("/api/catalog/regions/calfs"), 404, "not_found",
               "no region has the id \"calfs\"; did you mean \"calves\"? The regions are listed at "
               "/api/catalog/regions",
               "id");
  expect_error(s.get("/api/catalog/widgets/calves"), 404, "not_found",
               "the catalog has no kind \"widgets\"; expected \"regions\", \"zones\", \"lines\", \"tools\", "
               "\"techniques\", \"exercises\", \"conditions\", \"red-flags\", \"lifestyle\", \"rules\" or \"sources\"",
               "kind");
}

TEST(ServeTest, UnknownApiRouteIsAJson404) {
  ApiServer s("serve");
  expect_error(s.get("/api/nothing-here?x=1"), 404, "not_found",
               "there is no API route /api/nothing-here; the routes are described in docs/openapi.yaml");
}

TEST(ServeTest, WrongMethodIs405WithAllow) {
  ApiServer s("serve");
  HttpClient c(s.port());
  const auto r = c.request(Verb::post, "/api/health", {}, "{}");
  expect_error(r, 405, "method_not_allowed", "POST is not allowed here; use GET, HEAD");
  EXPECT_EQ(header(r, Field::allow), "GET, HEAD");
  const auto del = c.request(Verb::delete_, "/api/catalog/regions/calves");
  expect_error(del, 405, "method_not_allowed", "DELETE is not allowed here; use GET, HEAD");
  const auto page = c.request(Verb::put, "/settings", {}, "x");
  expect_error(page, 405, "method_not_allowed", "PUT is not allowed here; use GET, HEAD");
}

TEST(ServeTest, HeadIsGetWithoutTheBody) {
  ApiServer s("serve");
  HttpClient c(s.port());
  const auto get = c.get("/api/catalog/regions");
  const auto head = c.request(Verb::head, "/api/catalog/regions");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(header(head, Field::content_length), std::to_string(get.body().size()));
  EXPECT_EQ(header(head, Field::etag), header(get, Field::etag));
  EXPECT_EQ(head.body(), "");
  EXPECT_EQ(c.get("/api/health").result_int(), 200);  // the connection is still in step
}

TEST(ServeTest, ForeignHostIsRefusedWith421) {
  ApiServer s("serve");
  expect_error(s.get("/api/health", {{"Host", "attacker.example:8080"}}), 421, "misdirected",
               "this server does not answer for the host \"attacker.example:8080\"; open it at its own address");
  EXPECT_EQ(s.get("/api/health", {{"Host", "localhost:" + std::to_string(s.port())}}).result_int(), 200);
}

// ---- caching and compression ---------------------------------------------------------------------------------

TEST(ServeTest, SameETagGives304WithoutBody) {
  ApiServer s("serve");
  for (const std::string target : {"/api/catalog/regions", "/api/catalog/exercises?region=calves",
                                   "/api/catalog/tools/lacrosse-ball", "/", "/manifest.webmanifest"}) {
    const auto first = s.get(target);
    ASSERT_EQ(first.result_int(), 200) << target;
    const auto etag = header(first, Field::etag);
    EXPECT_THAT(etag, MatchesRegex("\"[0-9a-f]{16}\"")) << target;
    const auto again = s.get(target, {{"If-None-Match", etag}});
    EXPECT_EQ(again.result_int(), 304) << target;
    EXPECT_EQ(again.body(), "") << target;
    EXPECT_EQ(header(again, Field::etag), etag) << target;
    const auto other = s.get(target, {{"If-None-Match", "\"0000000000000000\""}});
    EXPECT_EQ(other.result_int(), 200) << target;
  }
}

TEST(ServeTest, GzipWhenAcceptedOnlyAndDecompressesToTheSameBody) {
  ApiServer s("serve");
  for (const std::string target : {"/api/catalog/exercises", "/"}) {
    const auto plain = s.get(target);
    EXPECT_EQ(header(plain, Field::content_encoding), "") << target;
    EXPECT_EQ(header(plain, Field::vary), "Accept-Encoding") << target;
    const auto gz = s.get(target, {{"Accept-Encoding", "br, gzip;q=0.8"}});
    ASSERT_EQ(gz.result_int(), 200) << target;
    EXPECT_EQ(header(gz, Field::content_encoding), "gzip") << target;
    EXPECT_EQ(header(gz, Field::vary), "Accept-Encoding") << target;
    EXPECT_LT(gz.body().size(), plain.body().size()) << target;
    EXPECT_EQ(smr::test::gunzip(gz.body()), plain.body()) << target;
    EXPECT_NE(header(gz, Field::etag), header(plain, Field::etag)) << target;
    const auto refused = s.get(target, {{"Accept-Encoding", "gzip;q=0, deflate"}});
    EXPECT_EQ(header(refused, Field::content_encoding), "") << target;
    EXPECT_EQ(refused.body(), plain.body()) << target;
  }
}

// ---- the web app --------------------------------------------------------------------------------------------

TEST(ServeTest, ServesTheEmbeddedPageAndFallsBackToItForAppPaths) {
  ApiServer s("serve");
  const auto index = s.get("/");
  ASSERT_EQ(index.result_int(), 200);
  EXPECT_EQ(header(index, Field::content_type), "text/html; charset=utf-8");
  EXPECT_EQ(header(index, Field::cache_control), "no-cache");
  EXPECT_THAT(index.body(), HasSubstr("<div id=\"app\">"));  // the web app (web/), not a placeholder
  const auto app_path = s.get("/plan/today");
  EXPECT_EQ(app_path.result_int(), 200);
  EXPECT_EQ(app_path.body(), index.body());
  const auto worker = s.get("/sw.js");
  EXPECT_EQ(worker.result_int(), 200);
  EXPECT_EQ(header(worker, Field::cache_control), "no-cache");  // a new build must replace the worker at once
}

// Issue 7: Vite's hashed bundle names are cached for a year as immutable; index.html names them.
TEST(ServeTest, TheWebAppsHashedAssetsAreImmutable) {
  ApiServer s("serve");
  const auto index = s.get("/");
  for (const auto& [pattern, type] :
       {std::pair{R"(/assets/index-[A-Za-z0-9_-]+\.js)", "text/javascript; charset=utf-8"},
        std::pair{R"(/assets/index-[A-Za-z0-9_-]+\.css)", "text/css; charset=utf-8"}}) {
    std::smatch m;
    const std::string body = index.body();
    ASSERT_TRUE(std::regex_search(body, m, std::regex(pattern))) << pattern << " in\n" << body;
    const auto asset = s.get(m[0].str());
    EXPECT_EQ(asset.result_int(), 200) << m[0];
    EXPECT_EQ(header(asset, Field::content_type), type) << m[0];
    EXPECT_EQ(header(asset, Field::cache_control), "public, max-age=31536000, immutable") << m[0];
  }
}

TEST(ServeTest, SecurityHeadersOnEveryResponse) {
  ApiServer s("serve", {"--header-timeout", "5"});
  expect_security_headers(s.get("/"), "index");
  expect_security_headers(s.get("/api/health"), "health");
  expect_security_headers(s.get("/api/nothing"), "404");
  const auto etag = header(s.get("/api/catalog/regions"), Field::etag);
  expect_security_headers(s.get("/api/catalog/regions", {{"If-None-Match", etag}}), "304");
  expect_security_headers(HttpClient(s.port()).request(Verb::post, "/api/health", {}, "x"), "405");
  {
    HttpClient c(s.port());
    c.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: nine\r\n\r\n");
    expect_security_headers(c.read_response(), "400");
  }
  {
    HttpClient c(s.port());
    c.send_raw("POST /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n");
    expect_security_headers(c.read_response(), "413");
  }
}

// ---- limits and slow clients ---------------------------------------------------------------------------------

TEST(ServeTest, MalformedRequestIs400AndTheConnectionCloses) {
  ApiServer s("serve");
  HttpClient c(s.port());
  c.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: nine\r\n\r\n");
  const auto r = c.read_response();
  EXPECT_EQ(r.result_int(), 400);
  EXPECT_EQ(bj::parse(r.body()).at("error").at("code").as_string(), "malformed");
  EXPECT_EQ(header(r, Field::connection), "close");
  EXPECT_TRUE(c.closed_within(5s));

  HttpClient target(s.port());
  target.send_raw("GET http//x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  expect_error(target.read_response(), 400, "malformed",
               "the request target \"http//x\" is not a valid path and query (it must start with /)");
}

TEST(ServeTest, OversizeBodyIs413) {
  ApiServer s("serve");
  HttpClient c(s.port());
  c.send_raw("POST /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048577\r\n\r\n");
  const auto r = c.read_response();
  expect_error(r, 413, "body_too_large", "the request body is larger than 1 MiB (the limit for POST /api/health)");
  EXPECT_EQ(header(r, Field::connection), "close");

  // A chunked body is counted as it arrives.
  HttpClient chunked(s.port());
  chunked.send_raw("POST /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(64 * 1024, 'x');
  std::string body;
  for (int i = 0; i < 17; ++i) body += "10000\r\n" + chunk + "\r\n";
  chunked.send_raw(body);
  expect_error(chunked.read_response(), 413, "body_too_large",
               "the request body is larger than 1 MiB (the limit for POST /api/health)");
}

TEST(ServeTest, OversizeHeaderIs431) {
  ApiServer s("serve");
  HttpClient c(s.port());
  const auto r = c.get("/api/health", {{"X-Padding", std::string(17 * 1024, 'a')}});
  expect_error(r, 431, "headers_too_large", "the request line and headers are larger than 16 KiB");
}

TEST(ServeTest, SlowClientIsDroppedAfterTheHeaderTimeoutWhileOthersAreServed) {
  ApiServer s("serve", {"--header-timeout", "1"});
  HttpClient slow(s.port());
  const auto start = std::chrono::steady_clock::now();
  slow.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");  // half a header, then nothing

  const auto before = std::chrono::steady_clock::now();
  EXPECT_EQ(s.get("/api/health").result_int(), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - before, 500ms);

  EXPECT_TRUE(slow.closed_within(5s));
  const auto dropped_after = std::chrono::steady_clock::now() - start;
  EXPECT_GE(dropped_after, 900ms);
  EXPECT_LT(dropped_after, 3s);
}

TEST(ServeTest, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  ApiServer s("serve", {"--idle-timeout", "1"});
  HttpClient c(s.port());
  EXPECT_EQ(c.get("/api/health").result_int(), 200);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_within(5s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST(ServeTest, SigtermLetsTheRequestInFlightFinish) {
  ApiServer s("serve");
  HttpClient idle(s.port());
  EXPECT_EQ(idle.get("/api/health").result_int(), 200);

  HttpClient slow(s.port());
  slow.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\n\r\nabc");
  std::this_thread::sleep_for(200ms);  // the server has the header and half the body
  s.process().signal(SIGTERM);
  EXPECT_TRUE(idle.closed_within(5s));  // an idle connection is closed at once
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(s.process().running());  // waiting for the request in flight

  slow.send_raw("def");
  const auto r = slow.read_response();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(header(r, Field::connection), "close");
  EXPECT_EQ(s.process().wait(10s), 0) << s.process().err();
  EXPECT_THAT(s.process().out(), HasSubstr("SMR Coach has stopped."));
}

TEST(ServeTest, ShutdownGraceEndsARequestThatNeverFinishes) {
  ApiServer s("serve", {"--shutdown-grace", "1"});
  HttpClient stuck(s.port());
  stuck.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 6\r\n\r\nabc");
  std::this_thread::sleep_for(200ms);
  const auto start = std::chrono::steady_clock::now();
  s.process().signal(SIGTERM);
  EXPECT_EQ(s.process().wait(10s), 0) << s.process().err();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, 900ms);
  EXPECT_LT(took, 3s);
  EXPECT_TRUE(stuck.closed_within(1s));
}

// ---- access log ----------------------------------------------------------------------------------------------

TEST(ServeTest, AccessLogHasOneLinePerResponse) {
  ApiServer s("serve");
  EXPECT_EQ(s.get("/api/health").result_int(), 200);
  EXPECT_EQ(s.get("/api/catalog/regions/calfs").result_int(), 404);
  s.process().signal(SIGTERM);
  ASSERT_EQ(s.process().wait(10s), 0);
  // One line per response, written when the response has been sent: two requests on different workers may
  // log in either order.
  const auto log = s.access_log();
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = log.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(log.substr(start, end - start));
  }
  ASSERT_EQ(lines.size(), 2u) << log;
  std::sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
    return a.find("/api/health") != std::string::npos && b.find("/api/health") == std::string::npos;
  });
  EXPECT_THAT(
      lines[0],
      MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\\.0\\.0\\.1 GET /api/health 200 [0-9]+ [0-9]+us"));
  EXPECT_THAT(lines[1], MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z 127\\.0\\.0\\.1 GET "
                                     "/api/catalog/regions/calfs 404 [0-9]+ [0-9]+us"));
}

}  // namespace

namespace {

// Issue 12, end to end: the real binary over real HTTP. A page of another site posting text/plain (no CORS
// preflight) to the write routes changes nothing; the same request from the app's own origin goes through.
TEST(ServeTest, CrossSiteTextPlainWritesAreRefusedAndTheJournalIsUnchanged) {
  ApiServer s("cross-site");
  const auto before = s.get("/api/export").body();
  const std::string plan = R"({"minutes":5,"goal":"warm-up"})";
  const std::vector<std::pair<Verb, std::string>> writes{{Verb::post, "/api/sessions"},
                                                         {Verb::put, "/api/profile"},
                                                         {Verb::post, "/api/plan"},
                                                         {Verb::post, "/api/import"},
                                                         {Verb::post, "/api/soreness"},
                                                         {Verb::post, "/api/workouts"},
                                                         {Verb::post, "/api/self-tests"},
                                                         {Verb::put, "/api/settings"},
                                                         {Verb::post, "/api/warnings/numbness-saddle/clear"}};
  for (const auto& [method, target] : writes) {
    const auto r = HttpClient(s.port()).request(
        method, target, {{"Origin", "https://evil.example"}, {"Content-Type", "text/plain"}}, plan);
    EXPECT_EQ(r.result_int(), 403) << target;
    EXPECT_THAT(r.body(), HasSubstr("\"forbidden\"")) << target;
  }
  EXPECT_EQ(s.get("/api/export").body(), before);
  // The app's own page (same origin) may change the settings.
  const auto own = HttpClient(s.port()).request(
      Verb::put, "/api/settings",
      {{"Origin", "http://127.0.0.1:" + std::to_string(s.port())}, {"Content-Type", "application/json"}},
      R"({"voice":false})");
  EXPECT_EQ(own.result_int(), 200) << own.body();
  // A repeated Host, or one smuggling another host, is 400 on the real server too.
  HttpClient raw(s.port());
  raw.send_raw("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:80@evil.example\r\n\r\n");
  EXPECT_EQ(raw.read_response().result_int(), 400);
}

}  // namespace
