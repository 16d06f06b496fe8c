#pragma once
// The routes table: method + path pattern -> handler. Patterns are "/"-separated segments, each a literal
// ("catalog") or a parameter ("{id}", any one non-empty segment). Built once at start-up, then read-only: match()
// and dispatch() may run on any number of threads at once.
//
// Matching: among the routes whose pattern matches the path and whose method is the request's, the most
// specific wins (comparing segment by segment, a literal beats a parameter). HEAD matches GET routes. A path
// that some route matches, but with no route for the method, is 405 with an Allow header; a path no route
// matches is 404.
//
// routes() lists the table, so a test can compare it with docs/openapi.yaml.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace smr::http {

// The values of a route's {parameters}, percent-decoded.
class PathParams {
 public:
  // The value of `name`; "" when the route has no such parameter.
  std::string_view get(std::string_view name) const;
  void add(std::string_view name, std::string value) { values_.emplace_back(name, std::move(value)); }

 private:
  std::vector<std::pair<std::string_view, std::string>> values_;  // names point into the Router's table
};

using Handler = std::function<Response(const Request&, const PathParams&)>;

struct RouteInfo {
  Verb method;
  std::string pattern;  // "/api/catalog/{kind}/{id}"
  std::string summary;  // one line, as docs/openapi.yaml's summary
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern (not starting with "/", an empty segment, "{}", a
  // brace inside a literal) or a route with the same method and the same shape as one already added: both
  // are programming errors, found when the server starts.
  void add(Verb method, std::string pattern, std::string summary, Handler handler);

  struct Found {
    const Handler* handler;
    PathParams params;
  };
  struct NotFound {};
  struct WrongMethod {
    std::vector<Verb> allowed;  // sorted, with HEAD wherever GET is
  };
  using Match = std::variant<Found, NotFound, WrongMethod>;

  Match match(Verb method, const std::vector<std::string>& segments) const;

  // Calls the matching handler; 404 or 405 (with Allow) as JSON errors otherwise.
  Response dispatch(const Request& request) const;

  // Every route, in the order added.
  std::vector<RouteInfo> routes() const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter's name
    bool param = false;
  };
  struct Route {
    RouteInfo info;
    std::vector<Segment> segments;
    Handler handler;
  };
  static bool matches(const Route& route, const std::vector<std::string>& segments);
  // True when `a` is more specific than `b` (both match the same path).
  static bool more_specific(const Route& a, const Route& b);

  std::vector<Route> routes_;
};

// "GET, HEAD, POST": the value of an Allow header.
std::string allow_header(const std::vector<Verb>& methods);

// The 405 response to `method` (its name as sent) where only `allowed` methods are.
Response method_not_allowed(std::string_view method, const std::vector<Verb>& allowed);

}  // namespace smr::http
