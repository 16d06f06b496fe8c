#include "http_client.h"

#include <stdexcept>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace smr::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using beast::error_code;

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), stream_(ioc_) {
  error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  stream_.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                        [&](error_code ec) { result = ec; });
  ioc_.run();
  if (result) throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port) + ": " + result.message());
}

HttpResponse HttpClient::request(bhttp::verb method, const std::string& target, const Headers& headers,
                                 const std::string& body) {
  bhttp::request<bhttp::string_body> req{method, target, 11};
  req.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == bhttp::verb::post || method == bhttp::verb::put) req.prepare_payload();
  error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  bhttp::async_write(stream_, req, [&](error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("sending " + target + ": " + result.message());
  return read_response(method == bhttp::verb::head);
}

void HttpClient::send_raw(std::string_view bytes) {
  error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  net::async_write(stream_, net::buffer(bytes.data(), bytes.size()), [&](error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("sending raw bytes: " + result.message());
}

HttpResponse HttpClient::read_response(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.skip(head);
  error_code result = net::error::would_block;
  stream_.expires_after(timeout_);
  bhttp::async_read(stream_, buffer_, parser, [&](error_code ec, std::size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  if (result) throw std::runtime_error("reading a response: " + result.message());
  return parser.release();
}

bool HttpClient::closed_within(std::chrono::milliseconds timeout) {
  stream_.expires_after(timeout);
  char scratch[4096];
  for (;;) {
    error_code result = net::error::would_block;
    stream_.async_read_some(net::buffer(scratch), [&](error_code ec, std::size_t) { result = ec; });
    ioc_.restart();
    ioc_.run();
    if (result == beast::error::timeout) return false;
    if (result) return true;  // end of stream, reset
  }
}

std::string HttpClient::read_until(std::string_view marker, std::chrono::milliseconds timeout) {
  std::string got = beast::buffers_to_string(buffer_.data());
  buffer_.consume(buffer_.size());
  stream_.expires_after(timeout);
  char scratch[4096];
  while (got.find(marker) == std::string::npos) {
    error_code result = net::error::would_block;
    std::size_t n = 0;
    stream_.async_read_some(net::buffer(scratch), [&](error_code ec, std::size_t k) {
      result = ec;
      n = k;
    });
    ioc_.restart();
    ioc_.run();
    got.append(scratch, n);
    if (result)
      throw std::runtime_error("reading until \"" + std::string(marker) + "\": " + result.message() + "; got: " + got);
  }
  return got;
}

}  // namespace smr::test
