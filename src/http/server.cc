#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <exception>
#include <iostream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/url/parse.hpp>

#include "http/api_error.h"
#include "http/connection.h"
#include "http/security_headers.h"

namespace smr::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::beast::error_code;

namespace {

thread_local std::size_t t_worker_index = 0;

// "Sat, 21 Nov 2026 07:05:03 GMT", formatted once per second per thread.
std::string_view http_date() {
  thread_local std::time_t last = -1;
  thread_local char text[40];
  thread_local std::size_t size = 0;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    size = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    last = now;
  }
  return {text, size};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "example.com" from a Host header "example.com:8080", "::1" from "[::1]:8080", lower case.
std::string host_name(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    host = close == std::string_view::npos ? host : host.substr(1, close - 1);
  } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return lower(host);
}

}  // namespace

std::size_t default_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

std::size_t worker_index() { return t_worker_index; }

// ---- ServerCore -------------------------------------------------------------------------------------------

namespace detail {

bool ServerCore::host_allowed(std::string_view host_header) const {
  if (options_.allowed_hosts.empty()) return true;
  const auto name = host_name(host_header);
  for (const auto& allowed : options_.allowed_hosts) {
    if (name == allowed) return true;
  }
  return false;
}

Response ServerCore::respond(const RequestMessage& message) const {
  const auto target = boost::urls::parse_origin_form(message.target());
  if (!target) {
    return error_response(malformed("the request target \"" + std::string(message.target()) +
                                    "\" is not a valid path and query (it must start with /)"));
  }
  if (!host_allowed(message[Field::host])) {
    return error_response({Status::misdirected_request,
                           "misdirected",
                           "this server does not answer for the host \"" + std::string(message[Field::host]) +
                               "\"; open it at its own address",
                           {}});
  }
  const Request request(message, *target);
  try {
    return handler_(request);
  } catch (const std::exception& e) {
    std::cerr << "smr serve: internal error in " << message.method_string() << " " << message.target() << ": "
              << e.what() << std::endl;
  } catch (...) {
    std::cerr << "smr serve: internal error in " << message.method_string() << " " << message.target() << std::endl;
  }
  return error_response({Status::internal_server_error,
                         "internal",
                         "the server failed to answer this request; the details are in its error output",
                         {}});
}

bool ServerCore::large_body(const RequestMessage& message) const {
  if (message.method() != Verb::post || options_.large_body_paths.empty()) return false;
  std::string_view path = message.target();
  path = path.substr(0, path.find('?'));
  for (const auto& p : options_.large_body_paths) {
    if (path == p) return true;
  }
  return false;
}

void ServerCore::finish(Response& res, unsigned version, bool head, bool keep_alive) {
  res.version(version == 10 ? 10 : 11);
  add_security_headers(res);
  res.set(Field::date, http_date());
  if (res.result() != Status::not_modified) res.prepare_payload();
  res.keep_alive(keep_alive);
  if (head) res.body() = nullptr;  // Content-Length stays the GET's
}

void ServerCore::add(const std::shared_ptr<Connection>& connection) {
  const std::lock_guard lock(mutex_);
  connections_.emplace(connection.get(), connection);
}

void ServerCore::remove(const Connection* connection) {
  std::size_t left = 0;
  {
    const std::lock_guard lock(mutex_);
    connections_.erase(connection);
    left = connections_.size();
  }
  if (on_removed_) on_removed_(left);
}

std::size_t ServerCore::connection_count() const {
  const std::lock_guard lock(mutex_);
  return connections_.size();
}

std::vector<std::shared_ptr<Connection>> ServerCore::connections() const {
  std::vector<std::shared_ptr<Connection>> out;
  const std::lock_guard lock(mutex_);
  out.reserve(connections_.size());
  for (const auto& [raw, weak] : connections_) {
    if (auto c = weak.lock()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace detail

// ---- Server -----------------------------------------------------------------------------------------------

class Server::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, const AccessLog& log)
      : core_(std::move(options), std::move(handler), log),
        threads_(core_.options().threads == 0 ? default_threads() : core_.options().threads),
        ioc_(static_cast<int>(threads_)),
        strand_(net::make_strand(ioc_)),
        acceptor_(strand_),
        signals_(strand_),
        deadline_(strand_),
        retry_(strand_) {
    core_.on_removed([this](std::size_t left) { on_connection_removed(left); });
  }
  // Connections destroyed with the io_context (only if run() did not finish) must not reach the strand.
  ~Impl() { core_.on_removed({}); }

  tl::expected<void, ListenError> listen();
  std::uint16_t port() const { return port_; }
  std::size_t threads() const { return threads_; }
  std::string url() const;
  void add_hook(std::function<void()> hook) { hooks_.push_back(std::move(hook)); }
  void run();
  void stop() {
    net::post(strand_, [this] { begin_shutdown(); });
  }

 private:
  // All on strand_.
  void accept();
  void on_accept(error_code ec, tcp::socket socket);
  void begin_shutdown();
  // Any thread.
  void on_connection_removed(std::size_t left);

  detail::ServerCore core_;
  std::size_t threads_;
  net::io_context ioc_;
  net::strand<net::io_context::executor_type> strand_;  // the acceptor, the signals, the shutdown
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer deadline_;              // the end of the shutdown's grace period
  net::steady_timer retry_;                 // accepting again after running out of file descriptors
  std::atomic<bool> accept_paused_{false};  // max_connections reached; written on strand_ only
  std::uint16_t port_ = 0;
  std::vector<std::function<void()>> hooks_;
};

tl::expected<void, ListenError> Server::Impl::listen() {
  const auto& o = core_.options();
  const auto where =
      (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" + std::to_string(o.port);
  error_code ec;
  tcp::endpoint endpoint;
  const auto address = net::ip::make_address(o.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, o.port);
  } else {
    // Only a host name (letters, digits, '-', '.') is worth asking the resolver about.
    const bool name = !o.host.empty() && o.host.find_first_not_of(
                                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789-.") == std::string::npos;
    tcp::resolver resolver(ioc_);
    const auto results = name ? resolver.resolve(o.host, std::to_string(o.port), ec) : tcp::resolver::results_type{};
    if (!name || ec || results.empty()) {
      return tl::unexpected(ListenError{ListenError::Kind::kBadHost,
                                        "\"" + o.host + "\" is not an IP address or a name this machine knows"});
    }
    endpoint = results.begin()->endpoint();
  }
  const auto fail = [&](const error_code& e) {
    if (e == net::error::address_in_use) {
      return tl::unexpected(ListenError{ListenError::Kind::kAddressInUse, where + " is in use by another program"});
    }
    if (e == boost::system::errc::address_not_available) {
      return tl::unexpected(ListenError{ListenError::Kind::kBadHost, o.host + " is not an address of this machine"});
    }
    if (e == net::error::access_denied) {
      return tl::unexpected(ListenError{ListenError::Kind::kOther, "cannot listen on " + where +
                                                                       ": permission denied (ports below 1024 need "
                                                                       "privileges)"});
    }
    return tl::unexpected(ListenError{ListenError::Kind::kOther, "cannot listen on " + where + ": " + e.message()});
  };
  if (o.allowed_hosts.empty() && endpoint.address().is_loopback()) {
    core_.set_allowed_hosts({"localhost", "127.0.0.1", "::1", lower(o.host)});
  }
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail(ec);
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return fail(ec);
  if (acceptor_.bind(endpoint, ec); ec) return fail(ec);
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return fail(ec);
  port_ = acceptor_.local_endpoint().port();
  if (o.handle_signals) {
    // Registered now, so a signal that arrives before run() is not lost.
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
  }
  return {};
}

std::string Server::Impl::url() const {
  const auto& host = core_.options().host;
  return "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port_) +
         "/";
}

void Server::Impl::run() {
  net::post(strand_, [this] { accept(); });
  if (core_.options().handle_signals) {
    signals_.async_wait([this](error_code ec, int) {
      if (!ec) begin_shutdown();
    });
  }
  const auto work = [this](std::size_t index) {
    t_worker_index = index;
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        std::cerr << "smr serve: internal error: " << e.what() << std::endl;
      }
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t i = 1; i < threads_; ++i) workers.emplace_back(work, i);
  work(0);
  for (auto& t : workers) t.join();
  t_worker_index = 0;
  for (const auto& hook : hooks_) hook();
}

void Server::Impl::accept() {
  if (core_.stopping()) return;
  if (core_.connection_count() >= core_.limits().max_connections) {
    accept_paused_ = true;
    return;
  }
  accept_paused_ = false;
  acceptor_.async_accept(net::make_strand(ioc_),
                         [this](error_code ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

void Server::Impl::on_accept(error_code ec, tcp::socket socket) {
  if (core_.stopping() || ec == net::error::operation_aborted) return;
  if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space) {
    // Out of file descriptors: accepting again at once would spin. Existing connections go on.
    retry_.expires_after(std::chrono::milliseconds(100));
    retry_.async_wait([this](error_code e) {
      if (!e) accept();
    });
    return;
  }
  if (!ec) {
    socket.set_option(tcp::no_delay(true), ec);
    auto connection = std::make_shared<detail::Connection>(std::move(socket), core_);
    core_.add(connection);
    connection->start();
  }
  accept();
}

void Server::Impl::begin_shutdown() {
  if (!core_.begin_stopping()) return;
  error_code ec;
  acceptor_.close(ec);
  signals_.cancel(ec);
  retry_.cancel();
  for (const auto& c : core_.connections()) c->stop_if_idle();
  if (core_.connection_count() == 0) return;
  deadline_.expires_after(core_.limits().shutdown_grace);
  deadline_.async_wait([this](error_code e) {
    if (e) return;  // every connection closed in time
    for (const auto& c : core_.connections()) c->force_close();
  });
}

void Server::Impl::on_connection_removed(std::size_t left) {
  if (core_.stopping()) {
    if (left == 0) net::post(strand_, [this] { deadline_.cancel(); });
  } else if (accept_paused_.load() && left < core_.limits().max_connections) {
    net::post(strand_, [this] {
      if (accept_paused_.load()) accept();
    });
  }
}

// ---- Server's public face ---------------------------------------------------------------------------------

tl::expected<std::unique_ptr<Server>, ListenError> Server::open(ServerOptions options, RequestHandler handler,
                                                                const AccessLog& log) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler), log);
  if (auto listening = impl->listen(); !listening) return tl::unexpected(listening.error());
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;
std::uint16_t Server::port() const { return impl_->port(); }
std::string Server::url() const { return impl_->url(); }
std::size_t Server::threads() const { return impl_->threads(); }
void Server::add_shutdown_hook(std::function<void()> hook) { impl_->add_hook(std::move(hook)); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace smr::http
