#include "http/json_body.h"

#include <boost/json/parse.hpp>

namespace smr::http {

tl::expected<boost::json::value, ApiError> json_body(const Request& request) {
  const auto type = request.header(Field::content_type);
  const auto media = type.substr(0, type.find(';'));
  if (media != kJsonType) {
    return tl::unexpected(
        invalid("Content-Type", "the body must be JSON: send Content-Type: application/json" +
                                    std::string(type.empty() ? "" : ", not \"" + std::string(type) + "\"")));
  }
  boost::system::error_code ec;
  auto value = boost::json::parse(request.body(), ec);
  if (ec) return tl::unexpected(malformed("the body is not valid JSON (" + ec.message() + ")"));
  return value;
}

ApiError invalid_at(const core::Problem& problem) {
  auto error = invalid(problem.field, problem.message());
  if (problem.field.empty()) error.field.reset();
  return error;
}

}  // namespace smr::http
