// The server in process, on a free loopback port, with small handlers: the paths through a connection's state
// machine (so that the sanitizer build runs them too), stop() and the shutdown hooks. The real binary's
// behaviour (signals, flags, timeouts) is tested end to end in tests/e2e/serve_test.cc.

#include "http/server.h"

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../e2e/http_client.h"
#include "http/api_error.h"
#include "http/event_stream.h"
#include "http/local_ca.h"

namespace smr::http {
namespace {

using namespace std::chrono_literals;
using smr::test::HttpClient;

// A server running on its own thread until the test ends.
class RunningServer {
 public:
  explicit RunningServer(RequestHandler handler, Limits limits = {}, std::vector<std::string> large_body_paths = {},
                         std::string host = "127.0.0.1", std::vector<std::string> allowed_hosts = {})
      : log_(AccessLog::none()) {
    ServerOptions options;
    options.host = std::move(host);
    options.allowed_hosts = std::move(allowed_hosts);
    options.large_body_paths = std::move(large_body_paths);
    options.port = 0;
    options.threads = 2;
    options.handle_signals = false;
    options.limits = limits;
    auto opened = Server::open(options, std::move(handler), *log_);
    if (!opened) throw std::runtime_error(opened.error().message);
    server_ = std::move(*opened);
    server_->add_shutdown_hook([this] { hook_ran_ = true; });
    thread_ = std::thread([this] { server_->run(); });
  }
  ~RunningServer() { stop(); }

  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  std::uint16_t port() const { return server_->port(); }
  bool hook_ran() const { return hook_ran_; }

 private:
  std::unique_ptr<AccessLog> log_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::atomic<bool> hook_ran_{false};
};

Response echo_path(const Request& request) {
  std::string path;
  for (const auto& s : request.segments()) path += "/" + s;
  return json_response(Status::ok, "\"" + path + " " + std::to_string(request.body().size()) + "\"");
}

TEST(ServerTest, AnswersOnTheChosenPortAndKeepsTheConnection) {
  RunningServer s(echo_path);
  EXPECT_NE(s.port(), 0);
  HttpClient c(s.port());
  for (int i = 0; i < 3; ++i) {
    const auto r = c.get("/a/b%20c");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_EQ(r.body(), "\"/a/b c 0\"");
    EXPECT_EQ(r[Field::connection], "");
  }
}

TEST(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer s(echo_path);
  HttpClient c(s.port());
  c.send_raw(
      "GET /one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nPOST /two HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
      "3\r\n\r\nabc"
      "GET /three HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(c.read_response().body(), "\"/one 0\"");
  EXPECT_EQ(c.read_response().body(), "\"/two 3\"");
  const auto last = c.read_response();
  EXPECT_EQ(last.body(), "\"/three 0\"");
  EXPECT_EQ(last[Field::connection], "close");
  EXPECT_TRUE(c.closed_within(2s));
}

TEST(ServerTest, ExpectContinueGetsA100BeforeTheBody) {
  RunningServer s(echo_path);
  HttpClient c(s.port());
  c.send_raw("PUT /up HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(c.read_response().result_int(), 100);
  c.send_raw("data");
  EXPECT_EQ(c.read_response().body(), "\"/up 4\"");
}

TEST(ServerTest, HandlerExceptionIsA500JsonErrorAndTheServerGoesOn) {
  RunningServer s([](const Request& r) -> Response {
    if (r.segments().empty()) throw std::runtime_error("boom");
    return echo_path(r);
  });
  HttpClient c(s.port());
  const auto r = c.get("/");
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(
      r.body(),
      R"({"error":{"code":"internal","message":"the server failed to answer this request; the details are in its error output","field":null}})");
  EXPECT_EQ(c.get("/ok").body(), "\"/ok 0\"");
}

TEST(ServerTest, OversizeBodyIsDiscardedAfterThe413SoTheClientReadsIt) {
  Limits limits;
  limits.body_bytes = 1000;
  RunningServer s(echo_path, limits);
  HttpClient c(s.port());
  c.send_raw("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n" + std::string(100000, 'x'));
  const auto r = c.read_response();
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_EQ(
      r.body(),
      R"json({"error":{"code":"body_too_large","message":"the request body is larger than 1000 bytes (the limit for POST /x)","field":null}})json");
  EXPECT_TRUE(c.closed_within(5s));
}

TEST(ServerTest, LargeBodyPathsTakeTheLargerLimitAndOnlyForPost) {
  Limits limits;
  limits.body_bytes = 1000;
  limits.large_body_bytes = 10000;
  RunningServer s(echo_path, limits, {"/import"});
  // Under the large limit, with a query: read whole.
  EXPECT_EQ(HttpClient(s.port()).request(Verb::post, "/import?dry=1", {}, std::string(5000, 'x')).body(),
            "\"/import 5000\"");
  // The same size elsewhere, or with another method: refused on its Content-Length, before the body is sent.
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/other"}, {"PUT", "/import"}, {"POST", "/import/x"}}) {
    HttpClient c(s.port());
    c.send_raw(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n\r\n");
    const auto r = c.read_response();
    EXPECT_EQ(r.result_int(), 413) << method << " " << target;
    EXPECT_NE(r.body().find("larger than 1000 bytes (the limit for " + method + " " + target + ")"), std::string::npos)
        << r.body();
  }
  // Over the large limit: refused too, naming the large limit.
  HttpClient big(s.port());
  big.send_raw("POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10001\r\n\r\n");
  const auto r = big.read_response();
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_NE(r.body().find("larger than 10000 bytes (the limit for POST /import)"), std::string::npos) << r.body();
  // A chunked body elsewhere is held to the small limit as it arrives.
  HttpClient chunked(s.port());
  chunked.send_raw("POST /other HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  chunked.send_raw("400\r\n" + std::string(1024, 'x') + "\r\n");
  EXPECT_EQ(chunked.read_response().result_int(), 413);
}

// Issue 12: one large body (a whole journal, up to 64 MiB) in memory at a time. A second import while one is
// being received gets 503 "busy" before its body is read; once the first is answered, the next goes through.
TEST(ServerTest, OneLargeBodyAtATimeAnotherIsBusyUntilTheFirstIsAnswered) {
  Limits limits;
  limits.body_bytes = 1000;
  limits.large_body_bytes = 100000;
  RunningServer s(echo_path, limits, {"/import"});
  HttpClient first(s.port());
  first.send_raw("POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000\r\n\r\n" + std::string(100, 'x'));
  std::this_thread::sleep_for(200ms);  // its header is read: it holds the slot
  HttpClient second(s.port());
  second.send_raw("POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000\r\n\r\n");
  const auto busy = second.read_response();
  EXPECT_EQ(busy.result_int(), 503);
  EXPECT_NE(busy.body().find("\"busy\""), std::string::npos) << busy.body();
  // Small requests are not held back meanwhile.
  EXPECT_EQ(HttpClient(s.port()).request(Verb::post, "/other", {}, "abc").result_int(), 200);
  first.send_raw(std::string(50000 - 100, 'x'));
  EXPECT_EQ(first.read_response().body(), "\"/import 50000\"");
  EXPECT_EQ(HttpClient(s.port()).request(Verb::post, "/import", {}, std::string(20000, 'y')).body(),
            "\"/import 20000\"");
  // A client that leaves half-way gives the slot back too.
  {
    HttpClient gone(s.port());
    gone.send_raw("POST /import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50000\r\n\r\nabc");
    std::this_thread::sleep_for(100ms);
  }
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(HttpClient(s.port()).request(Verb::post, "/import", {}, std::string(2000, 'z')).result_int(), 200);
}

TEST(ServerTest, ClientLeavingMidRequestDoesNotDisturbOthers) {
  RunningServer s(echo_path);
  {
    HttpClient gone(s.port());
    gone.send_raw("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc");
  }  // closed half-way through the body
  EXPECT_EQ(HttpClient(s.port()).get("/y").body(), "\"/y 0\"");
}

TEST(ServerTest, StopFinishesTheRequestInFlightThenRunsTheHooks) {
  auto s = std::make_unique<RunningServer>(echo_path);
  HttpClient idle(s->port());
  EXPECT_EQ(idle.get("/a").result_int(), 200);
  HttpClient busy(s->port());
  busy.send_raw("POST /b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n1");
  std::this_thread::sleep_for(100ms);
  std::thread stopper([&] { s->stop(); });
  EXPECT_TRUE(idle.closed_within(2s));
  EXPECT_FALSE(s->hook_ran());
  busy.send_raw("2");
  const auto r = busy.read_response();
  EXPECT_EQ(r.body(), "\"/b 2\"");
  EXPECT_EQ(r[Field::connection], "close");
  stopper.join();
  EXPECT_TRUE(s->hook_ran());
}

// Event streams (event_stream.h): a handler keeps the stream and the test pushes to it from its own thread.
class StreamingServer {
 public:
  explicit StreamingServer(Limits limits = {})
      : server_(
            [this](const Request& request) {
              if (request.segments().empty() || request.segments()[0] != "events") return echo_path(request);
              auto stream = EventStream::make();
              {
                const std::lock_guard lock(mutex_);
                streams_.push_back(stream);
              }
              return EventStream::response(stream, sse_event("state", "{\"version\":1}", 1));
            },
            limits) {}

  std::uint16_t port() const { return server_.port(); }
  void stop() { server_.stop(); }
  // Sends to every stream made so far; how many took it.
  int send(const std::string& text) {
    const std::lock_guard lock(mutex_);
    int took = 0;
    for (auto& s : streams_) took += s->send(text) ? 1 : 0;
    return took;
  }
  std::shared_ptr<EventStream> stream(std::size_t i) {
    for (int tries = 0; tries < 200; ++tries) {
      {
        const std::lock_guard lock(mutex_);
        if (streams_.size() > i) return streams_[i];
      }
      std::this_thread::sleep_for(10ms);
    }
    throw std::runtime_error("no stream " + std::to_string(i));
  }

 private:
  std::mutex mutex_;
  std::vector<std::shared_ptr<EventStream>> streams_;
  RunningServer server_;
};

constexpr std::string_view kStreamRequest =
    "GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";

TEST(SseEventTest, WritesIdNameAndOneDataFieldPerLine) {
  EXPECT_EQ(sse_event("state", "{\"a\":1}", 7), "id: 7\nevent: state\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(sse_event("", "one\ntwo\r\nthree"), "data: one\ndata: two\ndata: three\n\n");
  EXPECT_EQ(sse_event("", ""), "data: \n\n");
}

TEST(ServerEventStreamTest, TheHeaderAndTheFirstEventComeAtOnceThenEachEventInOrderAsItIsSent) {
  StreamingServer s;
  HttpClient c(s.port());
  c.send_raw(kStreamRequest);
  const auto head = c.read_until("\n\n", 5s);
  EXPECT_THAT(head, ::testing::StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(head, ::testing::HasSubstr("Content-Type: text/event-stream; charset=utf-8\r\n"));
  EXPECT_THAT(head, ::testing::HasSubstr("Cache-Control: no-store\r\n"));
  EXPECT_THAT(head, ::testing::HasSubstr("Connection: close\r\n"));
  EXPECT_THAT(head, ::testing::Not(::testing::HasSubstr("Content-Length")));
  EXPECT_THAT(head, ::testing::Not(::testing::HasSubstr("X-Smr-Event-Stream")));
  EXPECT_THAT(head, ::testing::HasSubstr("\r\n\r\nid: 1\nevent: state\ndata: {\"version\":1}\n\n"));
  s.stream(0);
  std::string got;
  for (int i = 2; i <= 40; ++i) EXPECT_EQ(s.send(sse_event("state", std::to_string(i), i)), 1);
  got = c.read_until("id: 40\n", 5s);
  std::size_t at = 0;
  for (int i = 2; i <= 40; ++i) {
    const auto next = got.find("id: " + std::to_string(i) + "\n", at);
    ASSERT_NE(next, std::string::npos) << "event " << i << " missing or out of order in " << got;
    at = next;
  }
}

TEST(ServerEventStreamTest, CloseWritesWhatIsQueuedThenEndsTheResponse) {
  StreamingServer s;
  HttpClient c(s.port());
  c.send_raw(kStreamRequest);
  c.read_until("data: {\"version\":1}\n\n", 5s);
  auto stream = s.stream(0);
  EXPECT_TRUE(stream->send(sse_event("state", "last", 2)));
  stream->close();
  EXPECT_FALSE(stream->send(sse_event("state", "after", 3))) << "a closed stream takes nothing more";
  EXPECT_THAT(c.read_until("data: last\n\n", 5s), ::testing::Not(::testing::HasSubstr("after")));
  EXPECT_TRUE(c.closed_within(5s));
}

TEST(ServerEventStreamTest, AClientThatLeavesEndsItsStreamAndTheServerGoesOn) {
  StreamingServer s;
  {
    HttpClient c(s.port());
    c.send_raw(kStreamRequest);
    c.read_until("data: {\"version\":1}\n\n", 5s);
  }  // gone
  auto stream = s.stream(0);
  // The next writes fail (reset or broken pipe): the stream is over and says so to the producer.
  bool over = false;
  for (int i = 0; i < 200 && !over; ++i) {
    over = !stream->send(sse_event("state", std::string(8192, 'x'), i));
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(over);
  EXPECT_EQ(HttpClient(s.port()).get("/y").body(), "\"/y 0\"");
}

TEST(ServerEventStreamTest, StopEndsOpenStreamsAndTheServerStops) {
  StreamingServer s;
  HttpClient a(s.port());
  HttpClient b(s.port());
  a.send_raw(kStreamRequest);
  b.send_raw(kStreamRequest);
  a.read_until("\n\n", 5s);
  b.read_until("\n\n", 5s);
  s.stream(1);
  std::thread stopper([&] { s.stop(); });
  EXPECT_TRUE(a.closed_within(5s));
  EXPECT_TRUE(b.closed_within(5s));
  stopper.join();
  EXPECT_FALSE(s.stream(0)->send("data: late\n\n"));
}

TEST(ServerEventStreamTest, AQuietStreamGetsACommentLineAfterTheHeartbeatTime) {
  Limits limits;
  limits.event_heartbeat = 100ms;
  StreamingServer s(limits);
  HttpClient c(s.port());
  c.send_raw(kStreamRequest);
  c.read_until("data: {\"version\":1}\n\n", 5s);
  EXPECT_EQ(c.read_until(": \n\n", 5s), ": \n\n");
  EXPECT_EQ(s.send(sse_event("state", "2", 2)), 1);
  EXPECT_THAT(c.read_until("data: 2\n\n", 5s), ::testing::EndsWith("id: 2\nevent: state\ndata: 2\n\n"));
}

TEST(ServerEventStreamTest, AHeadRequestGetsTheHeaderOnlyAndNoStream) {
  StreamingServer s;
  HttpClient c(s.port());
  const auto r = c.request(boost::beast::http::verb::head, "/events");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r[Field::content_type], "text/event-stream; charset=utf-8");
  EXPECT_FALSE(s.stream(0)->send("data: x\n\n")) << "the stream of an answer that was not streamed is over";
  EXPECT_EQ(c.get("/y").body(), "\"/y 0\"") << "and the connection goes on";
}

TEST(ServerTest, PortInUseIsAListenError) {
  RunningServer first(echo_path);
  ServerOptions options;
  options.port = first.port();
  options.handle_signals = false;
  const auto log = AccessLog::none();
  const auto second = Server::open(options, echo_path, *log);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().kind, ListenError::Kind::kAddressInUse);
  EXPECT_EQ(second.error().message, "127.0.0.1:" + std::to_string(first.port()) + " is in use by another program");
}

// ---- Hardening (issue 12): Host, connection cap ------------------------------------------------------------

TEST(HostOfTest, AcceptsAHostWithAnOptionalPortAndRefusesAnythingElse) {
  const std::vector<std::pair<std::string, std::optional<std::string>>> cases{
      {"127.0.0.1", "127.0.0.1"},
      {"127.0.0.1:8080", "127.0.0.1"},
      {"LocalHost:80", "localhost"},
      {"[::1]:8080", "::1"},
      {"[::1]", "::1"},
      {"my-laptop.local", "my-laptop.local"},
      {"", std::nullopt},
      {"127.0.0.1:80@evil.example", std::nullopt},  // user information smuggling another host
      {"user@127.0.0.1", std::nullopt},
      {"127.0.0.1:", std::nullopt},
      {"127.0.0.1:http", std::nullopt},
      {"127.0.0.1:123456", std::nullopt},
      {"a b", std::nullopt},
      {"[::1", std::nullopt},
      {"[::1]x", std::nullopt},
      {"[evil.example]", std::nullopt},
      {"127.0.0.1/x", std::nullopt},
      {"evil%2eexample", std::nullopt},
      {"127.0.0.1:80:80", std::nullopt},
  };
  for (const auto& [value, expected] : cases) EXPECT_EQ(host_of(value), expected) << value;
}

std::string raw_get(const std::string& host_lines) { return "GET /x HTTP/1.1\r\n" + host_lines + "\r\n"; }

TEST(ServerTest, AMissingRepeatedOrMalformedHostIsA400) {
  RunningServer s(echo_path);
  for (const std::string& lines :
       {std::string(""), std::string("Host: 127.0.0.1\r\nHost: evil.example\r\n"),
        std::string("Host: 127.0.0.1:80@evil.example\r\n"), std::string("Host: 127.0.0.1\r\nHost: 127.0.0.1\r\n")}) {
    HttpClient c(s.port());
    c.send_raw(raw_get(lines));
    const auto r = c.read_response();
    EXPECT_EQ(r.result_int(), 400) << lines;
    EXPECT_THAT(r.body(), ::testing::HasSubstr("\"malformed\"")) << lines;
  }
}

TEST(ServerTest, TheHostAllowListHoldsOnEveryAddressNotOnlyLoopback) {
  // Bound to every address: the machine's own names and addresses and --allowed-host answer; another name
  // (a DNS-rebinding page) gets 421, as on loopback.
  RunningServer s(echo_path, {}, {}, "0.0.0.0", {"coach.example"});
  char name[256] = {};
  ASSERT_EQ(::gethostname(name, sizeof name - 1), 0);
  for (const std::string& host : {std::string("127.0.0.1"), std::string("localhost"), std::string(name),
                                  std::string("coach.example"), std::string("COACH.example:443")}) {
    HttpClient c(s.port());
    EXPECT_EQ(c.get("/x", {{"Host", host}}).result_int(), 200) << host;
  }
  for (const std::string& host : {std::string("evil.example"), std::string("evil.example:" + std::to_string(s.port())),
                                  std::string("10.255.255.1")}) {
    HttpClient c(s.port());
    EXPECT_EQ(c.get("/x", {{"Host", host}}).result_int(), 421) << host;
  }
}

TEST(ServerTest, AtTheConnectionCapTheOldestIdleKeepAliveConnectionMakesRoom) {
  Limits limits;
  limits.max_connections = 3;
  RunningServer s(echo_path, limits);
  // Three keep-alive connections, each idle after one request; the first is idle the longest.
  std::vector<std::unique_ptr<HttpClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<HttpClient>(s.port()));
    ASSERT_EQ(held.back()->get("/x").result_int(), 200);
    std::this_thread::sleep_for(20ms);
  }
  // A fourth client is answered (not left in the backlog), and the oldest idle one was closed for it.
  HttpClient fourth(s.port(), 3s);
  EXPECT_EQ(fourth.get("/y").result_int(), 200);
  EXPECT_TRUE(held[0]->closed_within(2s));
  EXPECT_EQ(held[2]->get("/z").result_int(), 200);
}

}  // namespace
}  // namespace smr::http

namespace smr::http {
namespace {

// The Request's peer and scheme, as the server resolved them (forwarded.h), from a server that trusts
// `proxies`.
class PeerServer {
 public:
  explicit PeerServer(std::vector<std::string> proxies) : log_(AccessLog::none()) {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.handle_signals = false;
    options.trusted_proxies = std::move(proxies);
    auto opened = Server::open(
        options,
        [](const Request& r) {
          return json_response(Status::ok, "\"" + r.peer().to_string() + " " + std::string(r.scheme()) + "\"");
        },
        *log_);
    if (!opened) throw std::runtime_error(opened.error().message);
    server_ = std::move(*opened);
    thread_ = std::thread([this] { server_->run(); });
  }
  ~PeerServer() {
    server_->stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<AccessLog> log_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST(ServerPeerTest, TheRequestSeesTheSocketPeerAndIgnoresForwardedHeadersFromAnUntrustedOne) {
  PeerServer s({"192.0.2.1"});
  HttpClient c(s.port());
  EXPECT_EQ(c.get("/", {{"X-Forwarded-For", "203.0.113.9"}, {"X-Forwarded-Proto", "https"}}).body(),
            "\"127.0.0.1 http\"");
}

TEST(ServerPeerTest, BehindATrustedProxyTheRequestSeesTheForwardedClientAndScheme) {
  PeerServer s({"127.0.0.1"});
  HttpClient c(s.port());
  EXPECT_EQ(c.get("/", {{"X-Forwarded-For", "127.0.0.1, 203.0.113.9"}, {"X-Forwarded-Proto", "https"}}).body(),
            "\"203.0.113.9 https\"");
  // Two X-Forwarded-For lines are one list.
  EXPECT_EQ(c.get("/", {{"X-Forwarded-For", "198.51.100.7"}, {"X-Forwarded-For", "203.0.113.9"}}).body(),
            "\"203.0.113.9 http\"");
}

}  // namespace
}  // namespace smr::http

namespace smr::http {
namespace {

TEST(ServerTlsTest, WithTlsTheUrlSaysHttpsAndABadKeyIsATlsListenError) {
  const auto dir = std::filesystem::temp_directory_path() / ("smr_server_tls_" + std::to_string(::getpid()));
  LocalCaRequest request;
  request.dir = dir;
  request.host_name = "test";
  request.names = local_ca_names("test", {});
  const auto ca = ensure_local_ca(request);
  ASSERT_TRUE(ca) << ca.error();
  const auto log = AccessLog::none();
  ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  options.tls = TlsConfig{ca->server_chain_pem, ca->server_key_pem};
  const auto handler = [](const Request&) { return json_response(Status::ok, "{}"); };
  const auto opened = Server::open(options, handler, *log);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ((*opened)->url(), "https://127.0.0.1:" + std::to_string((*opened)->port()) + "/");

  options.tls = TlsConfig{ca->server_chain_pem, ca->server_chain_pem};
  const auto refused = Server::open(options, handler, *log);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ListenError::Kind::kTls);
  EXPECT_THAT(refused.error().message, ::testing::HasSubstr("PRIVATE KEY"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace smr::http
