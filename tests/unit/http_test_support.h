#pragma once
// Builds http::Request values for handler and router tests (no server, no socket).

#include <cctype>
#include <fstream>
#include <optional>
#include <set>
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

#ifdef SMR_SOURCE_DIR
// "GET /api/health", ... from the paths of docs/openapi.yaml (path keys at two spaces, methods at four).
inline std::set<std::string> documented_routes() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/openapi.yaml");
  std::set<std::string> out;
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;  // the next top-level key
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      auto method = line.substr(4, line.size() - 5);
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + path);
    }
  }
  return out;
}
#endif

}  // namespace smr::http::test
