// The HTTP request path of `smr serve`: bytes as they arrive on a connection -> the server's own Beast parser
// with its limits (ServerCore::init_parser and apply_body_limit, as connection.cc reads a request) ->
// ServerCore::respond (target, Host check) -> the API application's routes and handlers (http/api.h) on the
// built-in catalog and an empty memory journal -> ServerCore::finish. Several requests may follow one another
// in an input (pipelined on a keep-alive connection), so a seed can set a profile and then ask for a plan.
//
// Properties: no crash, no leak, no undefined behaviour; no request gets 500 (a handler that throws: every
// bad input must be a 4xx that says what was wrong); every response is finished with a Content-Length.
//
// The asynchronous parts of a connection (timeouts, 100-continue, lingering, the large-body slot shared between
// connections) are left to the unit tests (tests/unit/http_server_test.cc).

#include <memory>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "catalog/loader.h"
#include "fuzz/fuzz_check.h"
#include "http/access_log.h"
#include "http/api.h"
#include "http/server_internal.h"

namespace {

namespace bhttp = boost::beast::http;
using namespace smr;

// A small stand-in for the web app (the real one is built by Vite into the g++ builds only): the static
// files' code path (ETags, gzip, the SPA fallback to index.html) is the same for any files.
constexpr EmbeddedFile kAssets[] = {
    {"index.html", "<!doctype html><html lang=\"en\"><title>SMR Coach</title><script src=\"/assets/app.js\"></script>"},
    {"assets/app.js", "console.log('SMR Coach');"},
    {"manifest.webmanifest", "{\"name\": \"SMR Coach\"}"},
};

const core::Catalog& catalog() {
  static const core::Catalog c = [] {
    auto loaded = catalog::load_builtin_catalog();
    if (!loaded) fuzz::fail("the built-in catalog does not load");
    return std::move(*loaded);
  }();
  return c;
}

std::unique_ptr<http::WorkerStores> memory_journal() {
  auto stores = http::WorkerStores::open("memory:", 1);
  if (!stores) fuzz::fail("cannot open a memory journal", stores.error().message);
  return std::move(*stores);
}

// The application, made once (its catalog answers are prepared at construction, which takes longer than most
// inputs); its journal is replaced by an empty one and its live sessions are stopped after every input, so that
// an input's result does not depend on the inputs before it.
struct Application {
  std::unique_ptr<http::WorkerStores> stores = memory_journal();
  http::Api api{catalog(), *stores, {}, kAssets};

  void reset() {
    api.sessions().stop_all();
    *stores = std::move(*memory_journal());
  }
};

Application& application() {
  static Application app;
  return app;
}

http::detail::ServerCore& server() {
  static const auto log = http::AccessLog::none();
  static http::detail::ServerCore core = [] {
    http::ServerOptions options;
    // As `smr serve` sets them (serve_command.cc): the default limits, the import's large body, and the
    // Host names a server on 127.0.0.1 answers for.
    options.large_body_paths = {"/api/import"};
    options.allowed_hosts = {"localhost", "127.0.0.1", "::1"};
    return http::detail::ServerCore(
        std::move(options), [](const http::Request& request) { return application().api.handle(request); }, *log);
  }();
  return core;
}

// Reads one request from `in` at `offset` as the connection does: the header first (the parser stops there),
// then the request's own body limit, then the body. False when the connection would answer an error (400,
// 413, 431) or close without one (the input ended mid-request).
bool read_request(std::string_view in, std::size_t& offset, http::detail::RequestParser& parser) {
  boost::beast::error_code ec;
  bool header_checked = false;
  while (!parser.is_done()) {
    if (parser.is_header_done() && !header_checked) {
      header_checked = true;
      if (!server().apply_body_limit(parser)) return false;  // 413
      parser.eager(true);                                    // the body, as bhttp::async_read reads it
      continue;
    }
    if (offset == in.size()) {
      parser.put_eof(ec);
      return !ec && parser.is_done();
    }
    const auto n = parser.put(boost::asio::buffer(in.data() + offset, in.size() - offset), ec);
    offset += n;
    if (ec == bhttp::error::need_more) {
      if (n == 0) offset = in.size();  // all of it was offered: the request is cut short
      continue;
    }
    if (ec) return false;
  }
  return true;
}

}  // namespace

// Before the first input: the application's construction (the catalog answers, gzipped) is not an input's time.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)application();
  (void)server();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = fuzz::text(data, size);
  std::size_t offset = 0;
  while (offset < in.size()) {
    http::detail::RequestParser parser;
    server().init_parser(parser);
    if (!read_request(in, offset, parser)) break;
    const auto& message = parser.get();
    const bool large = server().large_body(message);
    if (large && !server().begin_large_body()) fuzz::fail("the large-body slot was not given back");
    auto response = server().respond(message);
    if (large) server().end_large_body();
    if (response.result() == http::Status::internal_server_error) {
      fuzz::fail("a request got 500", std::string(message.method_string()) + " " + std::string(message.target()));
    }
    http::detail::ServerCore::finish(response, message.version(), message.method() == http::Verb::head,
                                     message.keep_alive());
    if (response.result() != http::Status::not_modified &&
        response.find(http::Field::content_length) == response.end()) {
      fuzz::fail("a response has no Content-Length", std::string(message.target()));
    }
    if (!message.keep_alive()) break;
  }
  application().reset();
  return 0;
}
