#pragma once
// Internal to src/http: what the server (server.cc) and its connections (connection.cc) share.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/server.h"

namespace smr::http::detail {

class ConnectionBase;

// Reads one request (connection.cc reads from the socket with it; fuzz/http_request_fuzz.cc from a buffer).
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// Immutable once the server runs, except the connection registry (guarded by mutex_) and stopping_.
class ServerCore {
 public:
  ServerCore(ServerOptions options, RequestHandler handler, const AccessLog& log)
      : options_(std::move(options)), handler_(std::move(handler)), log_(&log) {}

  // Before the first connection only (see ServerOptions::allowed_hosts).
  void set_allowed_hosts(std::vector<std::string> hosts) { options_.allowed_hosts = std::move(hosts); }

  const ServerOptions& options() const { return options_; }
  const Limits& limits() const { return options_.limits; }
  const AccessLog& log() const { return *log_; }

  // The response to a complete request: parses the target (400), checks Host (421), calls the handler (500
  // if it throws). Never throws.
  // `peer`: the socket's peer (Request::peer(), unless a trusted proxy forwarded another client); `tls`: the
  // connection speaks TLS (for the Request's client view: scheme).
  Response respond(const RequestMessage& message, const Peer& peer = {}, bool tls = false) const;

  // What every response gets before it is written: security headers, Date, Content-Length (except 304), the
  // request's HTTP version and keep-alive; for HEAD (`head`), the body is dropped after Content-Length is set.
  static void finish(Response& response, unsigned version, bool head, bool keep_alive);

  // The body limit and timeout of this request (its header read): Limits::large_body_* for a POST to one of
  // ServerOptions::large_body_paths, Limits::body_* otherwise.
  bool large_body(const RequestMessage& message) const;
  // The one slot for a large body in memory (an import is up to 64 MiB, parsed and applied while held): true
  // when it was free and is now taken; end_large_body() gives it back.
  bool begin_large_body() { return !large_body_busy_.exchange(true); }
  void end_large_body() { large_body_busy_ = false; }
  std::size_t body_limit(const RequestMessage& message) const {
    return large_body(message) ? options_.limits.large_body_bytes : options_.limits.body_bytes;
  }
  // A fresh parser for the next request with the server's limits: Limits::header_bytes, and the largest body
  // any request may have until its header is read.
  void init_parser(RequestParser& parser) const;
  // The header is read: lowers the parser's body limit to this request's own (a chunked body is counted as it
  // arrives). False when its Content-Length is already over that limit (413).
  bool apply_body_limit(RequestParser& parser) const;
  // The largest body any request may have, the parser's limit until the header is read.
  std::size_t max_body_limit() const {
    return options_.large_body_paths.empty() ? options_.limits.body_bytes
                                             : std::max(options_.limits.body_bytes, options_.limits.large_body_bytes);
  }

  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  // True the first time only.
  bool begin_stopping() { return !stopping_.exchange(true, std::memory_order_acq_rel); }

  // The registry of open connections, for the shutdown.
  void add(const std::shared_ptr<ConnectionBase>& connection);
  void remove(const ConnectionBase* connection);  // from ~Connection, on any thread
  std::size_t connection_count() const;
  std::vector<std::shared_ptr<ConnectionBase>> connections() const;

  // Called (on the removing thread) after a connection has been removed, with the number left. Set once by
  // the server before the first connection.
  void on_removed(std::function<void(std::size_t left)> callback) { on_removed_ = std::move(callback); }

 private:
  bool host_allowed(std::string_view host_header) const;

  ServerOptions options_;
  RequestHandler handler_;
  const AccessLog* log_;
  std::atomic<bool> large_body_busy_{false};
  std::atomic<bool> stopping_{false};
  std::function<void(std::size_t)> on_removed_;

  mutable std::mutex mutex_;
  std::unordered_map<const ConnectionBase*, std::weak_ptr<ConnectionBase>> connections_;  // guarded by mutex_
};

}  // namespace smr::http::detail
