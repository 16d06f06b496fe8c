#pragma once
// Internal to src/http: one client connection, the state machine described in server.h.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/event_stream.h"
#include "http/server_internal.h"

namespace smr::http::detail {

// What the server's registry sees of a connection, whatever its stream (plain TCP or TLS).
class ConnectionBase : public std::enable_shared_from_this<ConnectionBase> {
 public:
  virtual ~ConnectionBase() = default;
  virtual void start() = 0;
  // The server is stopping: an idle connection closes now; one with a request in flight finishes it first.
  virtual void stop_if_idle() = 0;
  // The shutdown deadline has passed: close, whatever the state.
  virtual void force_close() = 0;
  // Since when (steady clock, in ms) the connection waits for the next request of a keep-alive connection; -1
  // while a request is in flight or before the first one. Any thread. At the connection cap the server closes
  // the connection idle the longest (stop_if_idle) to make room for a new one.
  std::int64_t idle_since_ms() const { return idle_since_ms_.load(std::memory_order_relaxed); }

 protected:
  std::atomic<std::int64_t> idle_since_ms_{-1};
};

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// One state machine for both streams (connection.cc instantiates Connection<PlainStream> and
// Connection<TlsStream>). Over TLS, a connection first reads the client's first bytes: a TLS ClientHello goes on
// to the handshake (kHandshake, due within header_timeout of the accept, like a first request's header); anything
// else is plain HTTP sent to the HTTPS port, which gets a plain 400 naming the https:// address form and is
// closed. A TLS connection closing after a complete exchange sends its close_notify (async_shutdown, at most
// linger_timeout) before closing the socket.
//
// Lives as long as an operation of it is pending (each completion handler holds a shared_ptr). Every member
// function but the constructor and destructor runs on the connection's strand; the public ones post
// themselves there, so any thread may call them.
template <class Stream>
class Connection final : public ConnectionBase {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  enum class State {
    kHandshake,        // TLS only: the client's first bytes, then the TLS handshake
    kAwaitingRequest,  // no byte of the next request yet: a new connection, or keep-alive between requests
    kReadingHeader,    // the request line and headers are arriving
    kReadingBody,      // the body is arriving (after a 100 Continue if the client asked for one)
    kWriting,          // the response is being written
    kLingering,        // an error response was sent; discarding input until the client closes
    kStreaming,        // an event stream's header was sent; writing its events as they come (event_stream.h)
    kShuttingDown,     // TLS only: close_notify being exchanged
    kClosed,
  };

  // `socket` must have been accepted on its own strand (boost::asio::make_strand). `tls`: the context, for a
  // TlsStream only (null for a PlainStream).
  Connection(boost::asio::ip::tcp::socket socket, ServerCore& core, boost::asio::ssl::context* tls = nullptr);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start() override;
  void stop_if_idle() override;
  void force_close() override;

 private:
  using Clock = std::chrono::steady_clock;

  std::shared_ptr<Connection> self() { return std::static_pointer_cast<Connection>(shared_from_this()); }
  boost::beast::tcp_stream& tcp() { return boost::beast::get_lowest_layer(stream_); }
  static Stream make_stream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls) {
    if constexpr (kTls) {
      return Stream(std::move(socket), *tls);
    } else {
      (void)tls;
      return Stream(std::move(socket));
    }
  }

  void sniff();
  void on_sniffed(boost::beast::error_code ec, std::size_t n);
  void on_handshake(boost::beast::error_code ec, std::size_t used);
  void refuse_plain_http();
  void await_request();
  void on_first_bytes(boost::beast::error_code ec, std::size_t n);
  void read_header();
  void on_header(boost::beast::error_code ec, std::size_t n);
  void on_continue_sent(boost::beast::error_code ec, std::size_t n);
  void read_body();
  void on_body(boost::beast::error_code ec, std::size_t n);
  // A read failed: a protocol error gets its JSON error response, anything else (timeout, reset) closes.
  void on_read_error(boost::beast::error_code ec);
  void respond();
  // Writes `response`; `unread_input`: the request was not read to its end, so close by lingering.
  void send(Response response, bool keep_alive, bool unread_input);
  void on_sent(boost::beast::error_code ec, std::size_t n);
  void linger();
  void on_linger(boost::beast::error_code ec, std::size_t n);
  // An event stream (event_stream.h): writes what is queued, or waits for more with a heartbeat.
  void stream_events();
  void on_stream_written(boost::beast::error_code ec, std::size_t n);
  void on_stream_wake();
  void on_heartbeat(boost::beast::error_code ec);
  void write_stream(std::string text);
  // Closes: over an open TLS session, after sending close_notify (the peer's awaited for at most linger_timeout).
  void close();
  void close_socket();
  // Gives back the server's one large-body slot if this connection holds it.
  void release_large_body();

  ServerCore& core_;
  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
  boost::asio::steady_timer heartbeat_;  // an event stream's: a comment after Limits::event_heartbeat of quiet
  std::shared_ptr<EventStream> events_;  // the event stream this connection carries (kWriting, kStreaming)
  std::string events_out_;               // what is being written of it
  bool events_writing_ = false;
  Response response_;   // the one being written
  std::string header_;  // its status line and fields, serialised (see serialize_header in connection.cc)
  State state_ = State::kAwaitingRequest;
  bool first_request_ = true;
  bool keep_alive_ = false;    // of the response being written
  bool unread_input_ = false;  // of the response being written
  std::size_t lingered_bytes_ = 0;
  bool tls_open_ = false;            // the TLS handshake has completed and no close_notify was sent
  bool holding_large_body_ = false;  // this request holds the server's one large-body slot
  Clock::time_point accepted_at_;
  Clock::time_point request_start_;  // the request's first byte
  std::string client_;               // the peer's address, for the access log
  Peer peer_;                        // who is at the other end (Request::peer())
};

}  // namespace smr::http::detail
