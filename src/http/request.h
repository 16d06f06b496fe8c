#pragma once
// What a handler sees of a request: the method, the decoded path and query, the headers and the body. A view
// of the server's parsed message: valid during the handler's call only.

#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/url_view.hpp>

#include "http/forwarded.h"

namespace smr::http {

using Verb = boost::beast::http::verb;
using Field = boost::beast::http::field;
using Status = boost::beast::http::status;
using RequestMessage = boost::beast::http::request<boost::beast::http::string_body>;

class Request {
 public:
  // `target` is the message's target parsed as an origin-form URL (boost::urls::parse_origin_form); both must
  // outlive the Request.
  // `client`: who sent it (the server's resolve_client, forwarded.h); must outlive the Request too. Without it
  // peer() is "" and scheme() "http" (handlers tested on their own).
  Request(const RequestMessage& message, boost::urls::url_view target, const ClientView* client = nullptr);

  Verb method() const { return message_->method(); }
  // As sent ("GET", or an unknown method's text, for which method() is Verb::unknown).
  std::string_view method_name() const { return message_->method_string(); }
  // The target as sent, e.g. "/api/catalog/exercises?region=calves".
  std::string_view target() const { return message_->target(); }
  // The percent-decoded path segments: "/api/catalog/regions" is {"api", "catalog", "regions"}, "/" is {}.
  const std::vector<std::string>& segments() const { return segments_; }
  // The percent-decoded query parameters, in order (a name may occur more than once).
  boost::urls::params_view query() const { return target_.params(); }
  // The header's value, "" when absent.
  std::string_view header(Field field) const { return (*message_)[field]; }
  // A header Beast has no Field for ("Sec-Fetch-Site"), by name, case-insensitive; "" when absent.
  std::string_view header(std::string_view name) const { return (*message_)[name]; }
  // How many times the header occurs.
  std::size_t header_count(Field field) const { return message_->count(field); }
  const std::string& body() const { return message_->body(); }
  // The client's address: the socket's peer, or behind a trusted proxy (--trust-proxy) the address it forwarded.
  std::string_view peer() const { return client_ ? std::string_view(client_->address) : std::string_view(); }
  // "https" over TLS, or when a trusted proxy says so; "http" otherwise.
  std::string_view scheme() const { return client_ ? std::string_view(client_->scheme) : std::string_view("http"); }
  // The peer is a trusted proxy that forwarded the client's address.
  bool via_proxy() const { return client_ && client_->via_proxy; }

 private:
  const RequestMessage* message_;
  boost::urls::url_view target_;
  std::vector<std::string> segments_;
  const ClientView* client_ = nullptr;
};

}  // namespace smr::http
