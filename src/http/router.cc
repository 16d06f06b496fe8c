#include "http/router.h"

#include <algorithm>
#include <stdexcept>

#include "http/api_error.h"

namespace smr::http {

std::string_view PathParams::get(std::string_view name) const {
  for (const auto& [n, v] : values_) {
    if (n == name) return v;
  }
  return {};
}

// Parameter names in PathParams point into routes_: add() is only called before the first match().
void Router::add(Verb method, std::string pattern, std::string summary, Handler handler) {
  const auto fail = [&](const std::string& why) {
    throw std::invalid_argument("route " + std::string(boost::beast::http::to_string(method)) + " " + pattern + ": " +
                                why);
  };
  if (pattern.empty() || pattern.front() != '/') fail("a pattern starts with /");
  Route route{{method, pattern, std::move(summary)}, {}, std::move(handler)};
  if (pattern != "/") {
    std::size_t start = 1;
    while (start <= pattern.size()) {
      std::size_t end = pattern.find('/', start);
      if (end == std::string::npos) end = pattern.size();
      const std::string_view text(pattern.data() + start, end - start);
      if (text.empty()) fail("empty segment");
      const bool param = text.front() == '{';
      if (param && (text.size() < 3 || text.back() != '}')) fail("a parameter is {name}");
      const auto name = param ? text.substr(1, text.size() - 2) : text;
      if (name.find_first_of("{}") != std::string_view::npos) fail("brace inside a segment");
      route.segments.push_back({std::string(name), param});
      start = end + 1;
    }
  }
  for (const auto& other : routes_) {
    if (other.info.method != method || other.segments.size() != route.segments.size()) continue;
    bool same_shape = true;
    for (std::size_t i = 0; i < route.segments.size() && same_shape; ++i) {
      const auto& a = route.segments[i];
      const auto& b = other.segments[i];
      same_shape = a.param == b.param && (a.param || a.text == b.text);
    }
    if (same_shape) fail("same method and shape as " + other.info.pattern);
  }
  routes_.push_back(std::move(route));
}

bool Router::matches(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& s = route.segments[i];
    if (s.param ? segments[i].empty() : s.text != segments[i]) return false;
  }
  return true;
}

bool Router::more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].param != b.segments[i].param) return !a.segments[i].param;
  }
  return false;
}

Router::Match Router::match(Verb method, const std::vector<std::string>& segments) const {
  const Verb wanted = method == Verb::head ? Verb::get : method;
  const Route* best = nullptr;
  const Route* best_head = nullptr;  // an explicit HEAD route beats GET's
  std::vector<Verb> allowed;
  for (const auto& route : routes_) {
    if (!matches(route, segments)) continue;
    allowed.push_back(route.info.method);
    if (route.info.method == Verb::get) allowed.push_back(Verb::head);
    if (method == Verb::head && route.info.method == Verb::head) {
      if (!best_head || more_specific(route, *best_head)) best_head = &route;
    } else if (route.info.method == wanted) {
      if (!best || more_specific(route, *best)) best = &route;
    }
  }
  if (best_head) best = best_head;
  if (best) {
    Found found{&best->handler, {}};
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (best->segments[i].param) found.params.add(best->segments[i].text, segments[i]);
    }
    return found;
  }
  if (allowed.empty()) return NotFound{};
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  return WrongMethod{std::move(allowed)};
}

Response Router::dispatch(const Request& request) const {
  auto m = match(request.method(), request.segments());
  if (auto* found = std::get_if<Found>(&m)) return (*found->handler)(request, found->params);
  if (auto* wrong = std::get_if<WrongMethod>(&m)) return method_not_allowed(request.method_name(), wrong->allowed);
  return error_response(not_found("there is no API route " +
                                  std::string(request.target().substr(0, request.target().find('?'))) +
                                  "; the routes are described in docs/openapi.yaml"));
}

std::vector<RouteInfo> Router::routes() const {
  std::vector<RouteInfo> out;
  out.reserve(routes_.size());
  for (const auto& r : routes_) out.push_back(r.info);
  return out;
}

std::string allow_header(const std::vector<Verb>& methods) {
  std::string out;
  for (const auto m : methods) {
    if (!out.empty()) out += ", ";
    out += boost::beast::http::to_string(m);
  }
  return out;
}

Response method_not_allowed(std::string_view method, const std::vector<Verb>& allowed) {
  const auto allow = allow_header(allowed);
  auto res = error_response({Status::method_not_allowed,
                             "method_not_allowed",
                             std::string(method) + " is not allowed here; use " + allow,
                             {}});
  res.set(Field::allow, allow);
  return res;
}

}  // namespace smr::http
