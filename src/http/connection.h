#pragma once
// Internal to src/http: one client connection, the state machine described in server.h.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/server_internal.h"

namespace smr::http::detail {

// Lives as long as an operation of it is pending (each completion handler holds a shared_ptr). Every member
// function but the constructor and destructor runs on the connection's strand; the public ones post
// themselves there, so any thread may call them.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  enum class State {
    kAwaitingRequest,  // no byte of the next request yet: a new connection, or keep-alive between requests
    kReadingHeader,    // the request line and headers are arriving
    kReadingBody,      // the body is arriving (after a 100 Continue if the client asked for one)
    kWriting,          // the response is being written
    kLingering,        // an error response was sent; discarding input until the client closes
    kClosed,
  };

  // `socket` must have been accepted on its own strand (boost::asio::make_strand).
  Connection(boost::asio::ip::tcp::socket socket, ServerCore& core);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();
  // The server is stopping: an idle connection closes now; one with a request in flight finishes it first.
  void stop_if_idle();
  // The shutdown deadline has passed: close, whatever the state.
  void force_close();
  // Since when (steady clock, in ms) the connection waits for the next request of a keep-alive connection; -1
  // while a request is in flight or before the first one. Any thread. At the connection cap the server closes
  // the connection idle the longest (stop_if_idle) to make room for a new one.
  std::int64_t idle_since_ms() const { return idle_since_ms_.load(std::memory_order_relaxed); }

 private:
  using Clock = std::chrono::steady_clock;

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
  void close();
  // Gives back the server's one large-body slot if this connection holds it.
  void release_large_body();

  ServerCore& core_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
  Response response_;   // the one being written
  std::string header_;  // its status line and fields, serialised (see serialize_header in connection.cc)
  State state_ = State::kAwaitingRequest;
  bool first_request_ = true;
  bool keep_alive_ = false;    // of the response being written
  bool unread_input_ = false;  // of the response being written
  std::size_t lingered_bytes_ = 0;
  std::atomic<std::int64_t> idle_since_ms_{-1};
  bool holding_large_body_ = false;  // this request holds the server's one large-body slot
  Clock::time_point accepted_at_;
  Clock::time_point request_start_;  // the request's first byte
  std::string client_;               // the peer's address, for the access log
  Peer peer_;                        // who is at the other end (Request::peer())
};

}  // namespace smr::http::detail
