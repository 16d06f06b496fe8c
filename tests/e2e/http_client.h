#pragma once
// A small synchronous HTTP/1.1 client (Boost.Beast) for end-to-end tests of `smr serve`: one keep-alive
// connection to 127.0.0.1:PORT, every operation bounded by a timeout (a hung server fails the test instead of
// hanging it). Raw sends for protocol tests (slow clients, malformed requests).

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

namespace smr::test {

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
using Headers = std::vector<std::pair<std::string, std::string>>;

class HttpClient {
 public:
  // Connects; throws std::runtime_error when it cannot.
  explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(5));

  // Sends a request (Host: 127.0.0.1:PORT unless `headers` sets Host) and reads its response. Throws on a
  // timeout or a closed connection.
  HttpResponse request(boost::beast::http::verb method, const std::string& target, const Headers& headers = {},
                       const std::string& body = "");
  HttpResponse get(const std::string& target, const Headers& headers = {}) {
    return request(boost::beast::http::verb::get, target, headers);
  }

  // Writes bytes as they are.
  void send_raw(std::string_view bytes);
  // Reads one response (for a HEAD request: `head`, no body follows).
  HttpResponse read_response(bool head = false);
  // True when the server closes the connection (end of stream or reset) within `timeout`; what it sends
  // meanwhile is discarded.
  bool closed_within(std::chrono::milliseconds timeout);
  // Reads raw bytes (a response still arriving, an event stream) until `marker` has arrived, then returns
  // everything read so far from where the last call stopped. Throws on a timeout or a closed connection, with
  // what had arrived.
  std::string read_until(std::string_view marker, std::chrono::milliseconds timeout);

  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace smr::test
