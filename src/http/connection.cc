#include "http/connection.h"

#include <array>

#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "http/api_error.h"

namespace smr::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using beast::error_code;

namespace {

// Bytes read at once while waiting for a request, and at most discarded while lingering.
constexpr std::size_t kReadChunk = 4096;
constexpr std::size_t kMaxLingerBytes = 1024 * 1024;
// The most bytes offered to one write call (the kernel takes what fits in the socket's buffer).
constexpr std::size_t kMaxWriteChunk = 4 * 1024 * 1024;

// "1 MiB", "16 KiB", "1000 bytes".
std::string size_text(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

bool is_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view or_dash(std::string_view s) { return s.empty() ? std::string_view("-") : s; }

// The response's status line and header fields, as HTTP/1.1 puts them on the wire, into `out` (reused, so
// its capacity is kept from one response to the next). Beast's serializer hands every field to the socket as
// a buffer of its own and walks that sequence several times per write: for the small JSON answers that cost
// more than building the body (docs/performance.md, "HTTP"). The fields are the finished ones (finish() has
// set Content-Length, Connection and the rest), so the header is complete here.
void serialize_header(const Response& response, std::string& out) {
  out.clear();
  out.append(response.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  char code[4];
  const unsigned status = response.result_int();
  code[0] = static_cast<char>('0' + status / 100 % 10);
  code[1] = static_cast<char>('0' + status / 10 % 10);
  code[2] = static_cast<char>('0' + status % 10);
  code[3] = ' ';
  out.append(code, sizeof code);
  out.append(response.reason());
  out.append("\r\n");
  for (const auto& field : response) {
    out.append(field.name_string()).append(": ").append(field.value()).append("\r\n");
  }
  out.append("\r\n");
}

}  // namespace

template <class Stream>
Connection<Stream>::Connection(net::ip::tcp::socket socket, ServerCore& core, net::ssl::context* tls)
    : core_(core),
      stream_(make_stream(std::move(socket), tls)),
      heartbeat_(stream_.get_executor()),
      accepted_at_(Clock::now()) {
  error_code ec;
  const auto peer = tcp().socket().remote_endpoint(ec);
  client_ = ec ? "-" : peer.address().to_string();
  // Unknown (the socket already failed): not this machine, so that nothing is given away by mistake.
  peer_.this_machine = false;
  if (!ec) {
    if (const auto local = tcp().socket().local_endpoint(ec); !ec) {
      peer_ = Peer::of_connection(peer.address(), local.address());
    }
  }
}

template <class Stream>
Connection<Stream>::~Connection() {
  core_.remove(this);
}

template <class Stream>
void Connection<Stream>::start() {
  if constexpr (kTls) {
    state_ = State::kHandshake;
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::sniff, self()));
  } else {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Connection::await_request, self()));
  }
}

template <class Stream>
void Connection<Stream>::stop_if_idle() {
  net::post(stream_.get_executor(), [self = self()] {
    if (self->state_ == State::kStreaming) {
      // An event stream never ends by itself: the server's stop ends it (what is being written is cut).
      self->tls_open_ = false;
      return self->close();
    }
    if (self->state_ != State::kAwaitingRequest) return;
    if constexpr (kTls) {
      // The pending read completes (operation_aborted) and closes with a close_notify: two reads must never be
      // pending on one TLS stream.
      self->tcp().cancel();
    } else {
      self->close();
    }
  });
}

template <class Stream>
void Connection<Stream>::force_close() {
  net::post(stream_.get_executor(), [self = self()] {
    self->tls_open_ = false;
    self->close();
  });
}

// TLS: the client's first bytes decide between the handshake and the plain-HTTP refusal; they stay in buffer_
// and are handed to the handshake.
template <class Stream>
void Connection<Stream>::sniff() {
  if (core_.stopping()) return close();
  tcp().expires_at(accepted_at_ + core_.limits().header_timeout);
  tcp().async_read_some(buffer_.prepare(kReadChunk), beast::bind_front_handler(&Connection::on_sniffed, self()));
}

template <class Stream>
void Connection<Stream>::on_sniffed(error_code ec, std::size_t n) {
  if (ec) return close();
  buffer_.commit(n);
  if constexpr (kTls) {
    // A TLS record of type 22 (handshake) starts every ClientHello; an HTTP request starts with a method's letter.
    const auto* first = static_cast<const unsigned char*>(buffer_.data().data());
    if (first[0] != 0x16) return refuse_plain_http();
    stream_.async_handshake(net::ssl::stream_base::server, buffer_.data(),
                            beast::bind_front_handler(&Connection::on_handshake, self()));
  }
}

template <class Stream>
void Connection<Stream>::on_handshake(error_code ec, std::size_t used) {
  buffer_.consume(used);
  if (ec) {
    // Most often a client that does not trust the certificate (a browser before its person accepts it) or speaks
    // only TLS 1.1 or older: nothing to answer; the access log gets one line ("TLS handshake-failed", status 0)
    // so the person sees why.
    core_.log().write(client_, "TLS", "handshake-failed", 0, 0,
                      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - accepted_at_));
    return close();
  }
  tls_open_ = true;
  await_request();
}

// Plain HTTP sent to the HTTPS port: a plain-text 400 (a browser shows it) that says to use https://, then closed.
template <class Stream>
void Connection<Stream>::refuse_plain_http() {
  state_ = State::kWriting;
  static constexpr std::string_view kBody =
      "This address speaks HTTPS only: open it with https:// instead of http:// (the address smr serve printed).\n";
  header_ = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
            std::to_string(kBody.size()) + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n";
  header_.append(kBody);
  tcp().expires_after(core_.limits().write_timeout);
  net::async_write(tcp(), net::buffer(header_), [self = self()](error_code e, std::size_t) {
    self->core_.log().write(self->client_, "-", "plain-http-to-https-port", 400, kBody.size(),
                            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - self->accepted_at_));
    if (e) return self->close();
    self->linger();
  });
}

template <class Stream>
void Connection<Stream>::await_request() {
  state_ = State::kAwaitingRequest;
  if (core_.stopping()) return close();
  if (buffer_.size() > 0) return read_header();  // the next request was pipelined behind the last one
  if (first_request_) {
    tcp().expires_at(accepted_at_ + core_.limits().header_timeout);
  } else {
    tcp().expires_after(core_.limits().idle_timeout);
    idle_since_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
  }
  stream_.async_read_some(buffer_.prepare(kReadChunk), beast::bind_front_handler(&Connection::on_first_bytes, self()));
}

template <class Stream>
void Connection<Stream>::on_first_bytes(error_code ec, std::size_t n) {
  idle_since_ms_ = -1;
  if (ec) return close();  // idle timeout, the client closed, or the server is stopping
  buffer_.commit(n);
  read_header();
}

template <class Stream>
void Connection<Stream>::read_header() {
  state_ = State::kReadingHeader;
  request_start_ = Clock::now();
  parser_.emplace();
  core_.init_parser(*parser_);  // the body limit is lowered to the request's own in on_header
  // The first request's header is due header_timeout after the accept; a later one's, after its first byte.
  tcp().expires_at((first_request_ ? accepted_at_ : request_start_) + core_.limits().header_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_header, self()));
}

template <class Stream>
void Connection<Stream>::on_header(error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  if (parser_->is_done()) return respond();
  const auto& message = parser_->get();
  if (!core_.apply_body_limit(*parser_)) return on_read_error(bhttp::error::body_limit);
  // One large body (a whole journal to import) in memory at a time: another waits its turn (503, try again).
  if (core_.large_body(message)) {
    if (!core_.begin_large_body()) {
      return send(error_response({Status::service_unavailable,
                                  "busy",
                                  "another journal is being imported; try again when it has finished",
                                  {}}),
                  false, true);
    }
    holding_large_body_ = true;
  }
  if (beast::iequals(message[Field::expect], "100-continue")) {
    continue_.emplace(Status::continue_, message.version());
    tcp().expires_after(core_.limits().write_timeout);
    return bhttp::async_write(stream_, *continue_, beast::bind_front_handler(&Connection::on_continue_sent, self()));
  }
  read_body();
}

template <class Stream>
void Connection<Stream>::on_continue_sent(error_code ec, std::size_t) {
  continue_.reset();
  if (ec) return close();
  read_body();
}

template <class Stream>
void Connection<Stream>::read_body() {
  state_ = State::kReadingBody;
  tcp().expires_after(core_.large_body(parser_->get()) ? core_.limits().large_body_timeout
                                                       : core_.limits().body_timeout);
  bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Connection::on_body, self()));
}

template <class Stream>
void Connection<Stream>::on_body(error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  respond();
}

template <class Stream>
void Connection<Stream>::on_read_error(error_code ec) {
  const auto& limits = core_.limits();
  if (ec == bhttp::error::header_limit) {
    return send(error_response({Status::request_header_fields_too_large,
                                "headers_too_large",
                                "the request line and headers are larger than " + size_text(limits.header_bytes),
                                {}}),
                false, true);
  }
  if (ec == bhttp::error::body_limit) {
    return send(error_response({Status::payload_too_large,
                                "body_too_large",
                                "the request body is larger than " + size_text(core_.body_limit(parser_->get())) +
                                    " (the limit for " + std::string(parser_->get().method_string()) + " " +
                                    std::string(path_of(parser_->get().target())) + ")",
                                {}}),
                false, true);
  }
  // A client that closes between requests, or half-way through one, gets no answer; neither does one that
  // was too slow (beast::error::timeout) or was cut off by the shutdown.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || !is_parse_error(ec)) {
    return close();
  }
  send(error_response(malformed("the request is not valid HTTP/1.1 (" + ec.message() + ")")), false, true);
}

template <class Stream>
void Connection<Stream>::respond() {
  auto& message = parser_->get();
  auto response = core_.respond(message, peer_, kTls);
  if (holding_large_body_) {
    // Answered: the body is no longer needed, and the next import may come in as soon as the client reads this.
    std::string().swap(message.body());
    release_large_body();
  }
  send(std::move(response), message.keep_alive() && !core_.stopping(), false);
}

template <class Stream>
void Connection<Stream>::send(Response response, bool keep_alive, bool unread_input) {
  state_ = State::kWriting;
  const auto& message = parser_->get();
  keep_alive_ = keep_alive && !unread_input;
  unread_input_ = unread_input;
  const bool head = !unread_input && message.method() == Verb::head;
  response_ = std::move(response);
  events_ = EventStream::claim(response_);
  if (events_ && (head || unread_input || message.version() < 11)) {
    events_->end();  // answered, but not streamed
    events_.reset();
  }
  if (events_) keep_alive_ = false;  // the stream's body ends when the connection closes
  ServerCore::finish(response_, unread_input ? 11 : message.version(), head, keep_alive_);
  if (events_) response_.erase(Field::content_length);
  serialize_header(response_, header_);
  const auto& body = response_.body();
  const bool bodiless = response_.result() == Status::not_modified || response_.result() == Status::no_content;
  const std::array<net::const_buffer, 2> buffers{net::buffer(header_),
                                                 body && !bodiless ? net::buffer(*body) : net::const_buffer()};
  tcp().expires_after(core_.limits().write_timeout);
  // All of it, in as few writes as the socket takes: Asio's transfer_all would hand the kernel at most 64 KiB a
  // call, six calls and six trips through the reactor for a 390 KB progress answer.
  if constexpr (kTls) {
    // Over TLS, one buffer: with the header and the body as two buffers, beast::ssl_stream sent the header and
    // reported the whole write done without the body (any body over one TLS record; the browser test and
    // ServeTlsTest.LargeResponsesArriveWhole). The copy costs less than encrypting it.
    if (buffers[1].size() > 0) header_.append(static_cast<const char*>(buffers[1].data()), buffers[1].size());
    net::async_write(stream_, net::buffer(header_), beast::bind_front_handler(&Connection::on_sent, self()));
  } else {
    net::async_write(
        stream_, buffers, [](const error_code& ec, std::size_t) -> std::size_t { return ec ? 0 : kMaxWriteChunk; },
        beast::bind_front_handler(&Connection::on_sent, self()));
  }
}

template <class Stream>
void Connection<Stream>::release_large_body() {
  if (holding_large_body_) core_.end_large_body();
  holding_large_body_ = false;
}

template <class Stream>
void Connection<Stream>::on_sent(error_code ec, std::size_t) {
  release_large_body();
  const auto& message = parser_->get();
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - request_start_);
  const auto bytes = SharedBody::size(response_.body());
  core_.log().write(client_, or_dash(message.method_string()), or_dash(message.target()), response_.result_int(), bytes,
                    elapsed);
  response_ = {};
  if (ec) return close();
  if (events_) {
    state_ = State::kStreaming;
    tcp().expires_never();  // each write sets its own timeout; between them the stream may be quiet
    events_->attach([weak = std::weak_ptr<ConnectionBase>(self())] {
      if (auto c = weak.lock()) {
        auto self = std::static_pointer_cast<Connection>(c);
        net::post(self->stream_.get_executor(), [self] { self->on_stream_wake(); });
      }
    });
    return stream_events();
  }
  if (unread_input_) return linger();
  if (!keep_alive_) return close();
  first_request_ = false;
  parser_.reset();
  await_request();
}

template <class Stream>
void Connection<Stream>::stream_events() {
  if (state_ != State::kStreaming || !events_) return;
  bool closing = false;
  std::string text = events_->take(closing);
  if (!text.empty()) return write_stream(std::move(text));
  if (closing || core_.stopping()) return close();
  heartbeat_.expires_after(core_.limits().event_heartbeat);
  heartbeat_.async_wait(beast::bind_front_handler(&Connection::on_heartbeat, self()));
}

template <class Stream>
void Connection<Stream>::write_stream(std::string text) {
  heartbeat_.cancel();
  events_writing_ = true;
  events_out_ = std::move(text);
  tcp().expires_after(core_.limits().write_timeout);
  net::async_write(stream_, net::buffer(events_out_),
                   beast::bind_front_handler(&Connection::on_stream_written, self()));
}

template <class Stream>
void Connection<Stream>::on_stream_written(error_code ec, std::size_t) {
  events_writing_ = false;
  events_out_.clear();
  if (state_ != State::kStreaming) return;
  if (ec) {
    tls_open_ = false;  // the client is gone: no close_notify to exchange
    return close();
  }
  tcp().expires_never();
  stream_events();
}

template <class Stream>
void Connection<Stream>::on_stream_wake() {
  if (state_ != State::kStreaming || events_writing_) return;  // the write's completion takes what came
  stream_events();
}

template <class Stream>
void Connection<Stream>::on_heartbeat(error_code ec) {
  if (ec || state_ != State::kStreaming || events_writing_) return;
  // A comment line (the format's keep-alive): finds a client that has gone, keeps proxies from timing out.
  write_stream(": \n\n");
}

template <class Stream>
void Connection<Stream>::linger() {
  state_ = State::kLingering;
  tls_open_ = false;  // the response was the last; what follows is discarded unread, TLS or not
  error_code ec;
  tcp().socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  if (ec) return close();
  buffer_.clear();
  tcp().expires_after(core_.limits().linger_timeout);
  tcp().async_read_some(buffer_.prepare(kReadChunk), beast::bind_front_handler(&Connection::on_linger, self()));
}

template <class Stream>
void Connection<Stream>::on_linger(error_code ec, std::size_t n) {
  lingered_bytes_ += n;
  if (ec || lingered_bytes_ > kMaxLingerBytes) return close();
  tcp().async_read_some(buffer_.prepare(kReadChunk), beast::bind_front_handler(&Connection::on_linger, self()));
}

template <class Stream>
void Connection<Stream>::close() {
  release_large_body();
  if (events_) {
    events_->end();
    events_.reset();
    heartbeat_.cancel();
  }
  if (state_ == State::kClosed || state_ == State::kShuttingDown) return;
  if constexpr (kTls) {
    if (tls_open_ && tcp().socket().is_open()) {
      // No operation is pending here (every caller runs from a completion), so the shutdown is the only one.
      state_ = State::kShuttingDown;
      tls_open_ = false;
      tcp().expires_after(core_.limits().linger_timeout);
      stream_.async_shutdown([self = self()](error_code) { self->close_socket(); });
      return;
    }
  }
  close_socket();
}

template <class Stream>
void Connection<Stream>::close_socket() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  error_code ec;
  tcp().socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  tcp().close();
}

template class Connection<PlainStream>;
template class Connection<TlsStream>;

}  // namespace smr::http::detail
