#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <exception>
#include <iostream>
#include <thread>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
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

}  // namespace

// The host of a Host header value: "example.com" from "example.com:8080", "::1" from "[::1]:8080", lower case;
// nothing when the value is not a host with an optional port (RFC 9110 7.2: uri-host [ ":" port ]), such as
// "127.0.0.1:80@evil.example" (user information), "a b", "[::1" or "host:http".
std::optional<std::string> host_of(std::string_view value) {
  if (value.empty()) return std::nullopt;
  std::string_view host = value;
  std::string_view port;
  if (value.front() == '[') {
    const auto close = value.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = value.substr(1, close - 1);
    const auto rest = value.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port = rest.substr(1);
    }
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
      return std::nullopt;
    }
  } else {
    if (const auto colon = value.find(':'); colon != std::string_view::npos) {
      host = value.substr(0, colon);
      port = value.substr(colon + 1);
    }
    // A registered name or an IPv4 address: letters, digits, '-', '.' (no user information, no percent
    // escapes: a name this server answers for never needs them).
    if (host.empty() || host.size() > 253 ||
        host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") !=
            std::string_view::npos) {
      return std::nullopt;
    }
  }
  if (value.find(':') != std::string_view::npos && value.front() != '[' && port.empty()) return std::nullopt;
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  return lower(host);
}

namespace {
// The Host names a server bound to `bound` answers for: this machine's loopback names; the bound address (every
// address of this machine when it is 0.0.0.0 or ::) and the name it was given; the machine's host name (and its
// ".local" name for mDNS); and the extra names. Everything else is refused, on every address, so a page of
// another site whose name resolves to this machine (DNS rebinding) cannot read the journal through a browser.
std::vector<std::string> answered_hosts(const net::ip::address& bound, const std::string& given,
                                        const std::vector<std::string>& extra) {
  std::vector<std::string> out = {"localhost", "127.0.0.1", "::1"};
  const auto add = [&out](std::string name) {
    name = lower(name);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  };
  add(given);
  if (bound.is_unspecified()) {
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) == 0) {
      for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
        if (a->ifa_addr == nullptr) continue;
        char text[INET6_ADDRSTRLEN] = {};
        if (a->ifa_addr->sa_family == AF_INET) {
          ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(a->ifa_addr)->sin_addr, text, sizeof text);
        } else if (a->ifa_addr->sa_family == AF_INET6) {
          ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(a->ifa_addr)->sin6_addr, text, sizeof text);
        } else {
          continue;
        }
        add(text);
      }
      ::freeifaddrs(list);
    }
  } else {
    add(bound.to_string());
  }
  if (!bound.is_loopback()) {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0 && name[0] != '\0') {
      add(name);
      if (std::string_view(name).find('.') == std::string_view::npos) add(std::string(name) + ".local");
    }
  }
  for (const auto& e : extra) add(e);
  return out;
}

}  // namespace

namespace {
// TLS 1.2 and 1.3 only; for 1.2, ECDHE key exchange with AEAD ciphers only (Mozilla's "intermediate" list), which
// every browser of the last years speaks; no compression, no renegotiation.
tl::expected<net::ssl::context, std::string> make_tls_context(const TlsConfig& config) {
  if (auto checked = check_tls_config(config); !checked) return tl::unexpected(checked.error().message);
  net::ssl::context context(net::ssl::context::tls_server);
  context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                      net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                      net::ssl::context::no_compression | net::ssl::context::single_dh_use);
  SSL_CTX* native = context.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(native,
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1) {
    return tl::unexpected(std::string("the TLS library refused the cipher list"));
  }
  error_code ec;
  context.use_certificate_chain(net::buffer(config.cert_chain_pem), ec);
  if (ec) return tl::unexpected("the certificate chain cannot be used: " + ec.message());
  context.use_private_key(net::buffer(config.key_pem), net::ssl::context::pem, ec);
  if (ec) return tl::unexpected("the private key cannot be used: " + ec.message());
  return context;
}
}  // namespace

std::size_t default_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

std::size_t worker_index() { return t_worker_index; }

// ---- ServerCore -------------------------------------------------------------------------------------------

namespace detail {

bool ServerCore::host_allowed(std::string_view name) const {
  if (options_.allowed_hosts.empty()) return true;
  for (const auto& allowed : options_.allowed_hosts) {
    if (name == allowed) return true;
  }
  return false;
}

namespace {
// Every occurrence of a header, joined with ", " (RFC 9110 5.3).
std::string joined(const RequestMessage& message, std::string_view name) {
  std::string out;
  for (auto [it, end] = message.equal_range(name); it != end; ++it) {
    if (!out.empty()) out += ", ";
    out.append(it->value());
  }
  return out;
}
}  // namespace

Response ServerCore::respond(const RequestMessage& message, const Peer& peer, bool tls) const {
  const auto target = boost::urls::parse_origin_form(message.target());
  if (!target) {
    return error_response(malformed("the request target \"" + std::string(message.target()) +
                                    "\" is not a valid path and query (it must start with /)"));
  }
  // RFC 9112 3.2: exactly one Host field, and a valid one; otherwise 400.
  if (message.count(Field::host) != 1) {
    return error_response(malformed(message.count(Field::host) == 0
                                        ? "the request has no Host header; send the address you opened"
                                        : "the request has more than one Host header; send exactly one"));
  }
  const auto host_value = message[Field::host];
  const auto host = host_of(host_value);
  if (!host) {
    return error_response(malformed("the Host header \"" + std::string(host_value.substr(0, 100)) +
                                    "\" is not a host name or address with an optional port"));
  }
  if (!host_allowed(*host)) {
    return error_response(
        {Status::misdirected_request,
         "misdirected",
         "this server does not answer for the host \"" + std::string(host_value) + "\"; open it at its own address",
         {}});
  }
  ClientView client;
  const auto peer_text = peer.address.to_string();
  if (options_.trusted_proxies.empty()) {
    client.address = peer_text;
    client.scheme = tls ? "https" : "http";
    client.host = host_value;
  } else {
    const auto forwarded = joined(message, "Forwarded");
    const auto xff = joined(message, "X-Forwarded-For");
    const auto proto = joined(message, "X-Forwarded-Proto");
    const auto forwarded_host = joined(message, "X-Forwarded-Host");
    client =
        resolve_client({peer_text, tls, host_value, forwarded, xff, proto, forwarded_host}, options_.trusted_proxies);
  }
  // Behind a trusted proxy the client is the one it forwarded, and it is this machine only if that address is.
  Peer client_peer = peer;
  if (client.via_proxy) {
    boost::system::error_code ec;
    const auto forwarded_address = boost::asio::ip::make_address(client.address, ec);
    client_peer = ec ? Peer{peer.address, false} : Peer::of_address(forwarded_address);
  }
  const Request request(message, *target, client_peer, &client);
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

void ServerCore::init_parser(RequestParser& parser) const {
  parser.header_limit(static_cast<std::uint32_t>(options_.limits.header_bytes));
  parser.body_limit(max_body_limit());
}

bool ServerCore::apply_body_limit(RequestParser& parser) const {
  // The parser has checked Content-Length against the largest limit; this request's own may be smaller.
  const std::size_t limit = body_limit(parser.get());
  if (const auto length = parser.content_length(); length && *length > limit) return false;
  parser.body_limit(limit);
  return true;
}

void ServerCore::finish(Response& res, unsigned version, bool head, bool keep_alive) {
  res.version(version == 10 ? 10 : 11);
  add_security_headers(res);
  res.set(Field::date, http_date());
  if (res.result() != Status::not_modified) res.prepare_payload();
  res.keep_alive(keep_alive);
  if (head) res.body() = nullptr;  // Content-Length stays the GET's
}

void ServerCore::add(const std::shared_ptr<ConnectionBase>& connection) {
  const std::lock_guard lock(mutex_);
  connections_.emplace(connection.get(), connection);
}

void ServerCore::remove(const ConnectionBase* connection) {
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

std::vector<std::shared_ptr<ConnectionBase>> ServerCore::connections() const {
  std::vector<std::shared_ptr<ConnectionBase>> out;
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
  // The keep-alive connection waiting the longest for its next request; null when none waits.
  std::shared_ptr<detail::ConnectionBase> oldest_idle() const;
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
  std::optional<net::ssl::context> tls_;    // with ServerOptions::tls
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
  if (o.tls) {
    auto context = make_tls_context(*o.tls);
    if (!context) return tl::unexpected(ListenError{ListenError::Kind::kTls, context.error()});
    tls_.emplace(std::move(*context));
  }
  core_.set_allowed_hosts(answered_hosts(endpoint.address(), o.host, o.allowed_hosts));
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
  return (tls_ ? "https://" : "http://") + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port_) + "/";
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
  // Full: accept on only when a keep-alive connection sits idle, which then makes room (on_accept); otherwise new
  // connections wait in the kernel's backlog until one closes.
  if (core_.connection_count() >= core_.limits().max_connections && !oldest_idle()) {
    accept_paused_ = true;
    return;
  }
  accept_paused_ = false;
  acceptor_.async_accept(net::make_strand(ioc_),
                         [this](error_code ec, tcp::socket socket) { on_accept(ec, std::move(socket)); });
}

std::shared_ptr<detail::ConnectionBase> Server::Impl::oldest_idle() const {
  std::shared_ptr<detail::ConnectionBase> oldest;
  std::int64_t oldest_since = 0;
  for (auto& c : core_.connections()) {
    const auto since = c->idle_since_ms();
    if (since >= 0 && (!oldest || since < oldest_since)) {
      oldest = std::move(c);
      oldest_since = since;
    }
  }
  return oldest;
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
    std::shared_ptr<detail::ConnectionBase> connection;
    if (tls_) {
      connection = std::make_shared<detail::Connection<detail::TlsStream>>(std::move(socket), core_, &*tls_);
    } else {
      connection = std::make_shared<detail::Connection<detail::PlainStream>>(std::move(socket), core_);
    }
    core_.add(connection);
    connection->start();
    // Over the cap: the keep-alive connection idle the longest goes (a browser keeps several open for nothing).
    if (core_.connection_count() > core_.limits().max_connections) {
      if (auto idle = oldest_idle()) idle->stop_if_idle();
    }
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
