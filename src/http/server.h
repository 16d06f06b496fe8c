#pragma once
// The HTTP/1.1 server behind `smr serve`: Boost.Beast over an Asio io_context run by N worker threads, each
// connection on its own strand (its handlers never run concurrently; different connections run in parallel).
// docs/architecture.md ("The HTTP server") gives the limits and timeouts and why.
//
// Per connection, an explicit state machine (connection.cc):
//   awaiting request -> reading header -> [reading body] -> writing -> awaiting request (keep-alive)
//                                                                   -> closed / lingering -> closed
//                                                                   -> streaming -> closed (an event stream)
// - An event stream (event_stream.h, server-sent events) is written as its events come, with a comment line
//   after event_heartbeat of quiet; it ends when its producer closes it, a write fails (the client left) or the
//   server stops (it is closed at once, not waited for).
// - A request's line and headers must arrive within header_timeout of its first byte (of the accept, for a
//   connection's first request), its body within body_timeout; a keep-alive connection may stay idle for
//   idle_timeout. A client that is too slow is dropped; it never holds a thread (slowloris).
// - Headers over header_bytes: 431; a body over body_bytes: 413; a request Beast cannot parse: 400 (all JSON
//   errors, api_error.h); then the connection is closed after reading and discarding what the client still
//   sends for up to linger_timeout, so that the client reads the answer instead of a reset.
// - At most max_connections at once; beyond, the keep-alive connection idle the longest is closed to make room,
//   and when none is idle, new connections wait in the kernel's backlog until one closes.
// - Every response gets the security headers (security_headers.h), Date, Content-Length, and Connection:
//   close when the server is stopping. HEAD is answered like GET without the body. A handler that throws
//   gives a 500 JSON error; the exception is reported on stderr.
// - SIGINT or SIGTERM (or stop()): stop accepting, close idle connections, let requests in flight finish (their
//   responses say Connection: close) for up to shutdown_grace, then close whatever is left; then run the
//   shutdown hooks, and run() returns.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "http/access_log.h"
#include "http/request.h"
#include "http/response.h"
#include "http/tls.h"

namespace smr::http {

struct Limits {
  std::size_t header_bytes = 16 * 1024;  // request line + headers
  std::size_t body_bytes = 1024 * 1024;
  // For a POST to one of ServerOptions::large_body_paths (a journal import), instead of body_bytes and
  // body_timeout.
  std::size_t large_body_bytes = 64 * 1024 * 1024;
  std::chrono::milliseconds large_body_timeout{300'000};
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds idle_timeout{15'000};   // keep-alive, between requests
  std::chrono::milliseconds write_timeout{30'000};  // a client that does not read its response
  std::chrono::milliseconds linger_timeout{2'000};  // discarding input before closing after an error
  std::size_t max_connections = 512;
  // An event stream (event_stream.h) quiet for this long gets a comment line: finds a client that is gone, keeps
  // proxies from closing the stream.
  std::chrono::milliseconds event_heartbeat{15'000};
  std::chrono::milliseconds shutdown_grace{10'000};
};

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IP address, or a name resolved when the server opens
  std::uint16_t port = 8080;       // 0: any free port (Server::port() tells which)
  std::size_t threads = 0;         // 0: default_threads()
  Limits limits;
  // Host header names (without the port, lower case) accepted besides those the server answers for anyway:
  // "localhost", "127.0.0.1", "::1", `host`, the bound address (every address of this machine when `host` is
  // 0.0.0.0 or ::) and, off loopback, the machine's host name and its ".local" name. Every other Host gets 421
  // on every address, which refuses DNS-rebinding pages (a hostile site whose name resolves to this machine,
  // reading the journal through the person's browser). A missing, repeated or malformed Host is 400.
  std::vector<std::string> allowed_hosts;
  // Paths (exact, without the query) whose POST bodies get Limits::large_body_bytes: `smr serve` names
  // /api/import, whose body is a whole journal.
  std::vector<std::string> large_body_paths;
  bool handle_signals = true;  // SIGINT and SIGTERM start the graceful shutdown
  // Serve HTTPS with this certificate and key (TLS 1.2 and 1.3 only, ECDHE with AES-GCM or ChaCha20-Poly1305);
  // plain HTTP when absent. Server::open checks it (ListenError::Kind::kTls). No HSTS header: see docs/deploy.md.
  std::optional<TlsConfig> tls;
  // Reverse proxies whose Forwarded / X-Forwarded-* headers are believed (forwarded.h); from any other peer they
  // are ignored.
  std::vector<std::string> trusted_proxies;
};

// The host of a Host header value, lower case, without the port: "example.com" from "Example.com:8080", "::1"
// from "[::1]:8080". Nothing when the value is not a host with an optional port (RFC 9110 7.2), e.g.
// "127.0.0.1:80@evil.example".
std::optional<std::string> host_of(std::string_view value);

// Called for every complete, well-formed request, on any worker thread, concurrently: it must be thread-safe.
using RequestHandler = std::function<Response(const Request&)>;

struct ListenError {
  enum class Kind {
    kBadHost,       // not an address or a name of this machine
    kAddressInUse,  // another program listens on that port
    kTls,           // the TLS certificate or key cannot be used
    kOther,         // e.g. permission denied (ports below 1024)
  };
  Kind kind = Kind::kOther;
  std::string message;  // one line: "127.0.0.1:8080 is in use by another program"
};

class Server {
 public:
  // Binds and listens (accepting starts in run()). `log` must outlive the Server.
  static tl::expected<std::unique_ptr<Server>, ListenError> open(ServerOptions options, RequestHandler handler,
                                                                 const AccessLog& log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The port listened on: the one chosen by the system when the options said 0.
  std::uint16_t port() const;
  // "http://127.0.0.1:8080/", "https://…" with TLS (IPv6 addresses in brackets).
  std::string url() const;
  std::size_t threads() const;

  // Runs after the last connection has closed, on the thread that called run(), in the order added (the place
  // to save live sessions). Add before run().
  void add_shutdown_hook(std::function<void()> hook);

  // Serves until a signal or stop(), then shuts down gracefully; returns when every hook has run. The
  // calling thread is worker 0.
  void run();
  // Starts the graceful shutdown. Thread-safe; any number of calls.
  void stop();

 private:
  class Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// std::thread::hardware_concurrency(), at least 1.
std::size_t default_threads();

// The index (0 .. threads-1) of the server worker thread that calls; 0 on any other thread.
std::size_t worker_index();

}  // namespace smr::http
