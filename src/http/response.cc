#include "http/response.h"

namespace smr::http {

Response json_response(Status status, std::string json) { return json_response(status, share(std::move(json))); }

Response json_response(Status status, SharedBody::value_type json) {
  Response res{status, 11};
  res.set(Field::content_type, kJsonType);
  res.set(Field::cache_control, "no-store");
  res.body() = std::move(json);
  return res;
}

}  // namespace smr::http
