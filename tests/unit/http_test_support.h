#pragma once
// Builds http::Request values for handler and router tests (no server, no socket).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/url/parse.hpp>

#include "http/request.h"
#include "http/response.h"

namespace smr::http::test {

// A request message and its parsed target, which the Request views: not copyable or movable.
class TestRequest {
 public:
  // `peer`: who sends it (by default this machine).
  TestRequest(Verb method, const std::string& target, const std::vector<std::pair<Field, std::string>>& headers = {},
              std::string body = "", Peer peer = {})
      : message_(method, target, 11) {
    for (const auto& [field, value] : headers) message_.set(field, value);
    message_.body() = std::move(body);
    url_ = *boost::urls::parse_origin_form(message_.target());
    request_.emplace(message_, url_, std::move(peer));
  }
  TestRequest(const TestRequest&) = delete;
  TestRequest& operator=(const TestRequest&) = delete;

  const Request& operator*() const { return *request_; }
  operator const Request&() const { return *request_; }  // NOLINT: lets tests pass a TestRequest as a Request

 private:
  RequestMessage message_;
  boost::urls::url_view url_;
  std::optional<Request> request_;
};

inline std::string body_of(const Response& r) { return r.body() ? *r.body() : std::string(); }
inline std::string header_of(const Response& r, Field f) { return std::string(r[f]); }

}  // namespace smr::http::test
