#pragma once
// The Learn routes' handlers: GET /api/learn (every page, by kind) and GET /api/learn/{id} (one topic,
// technique or region page), in the JSON of `smr learn --json` (src/json/learn_json.h), compact.
//
// The catalog never changes while the server runs, so every answer is prepared once at construction (ETag,
// gzip); immutable afterwards and shared by every worker thread without a lock.

#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_resource.h"

namespace smr::http {

class LearnApi {
 public:
  explicit LearnApi(const core::Catalog& catalog);

  // GET /api/learn
  Response index(const Request& request) const;
  // GET /api/learn/{id}: 404 naming "id" (with the closest id when one is near) for an unknown id.
  Response page(const Request& request, const PathParams& params) const;

 private:
  StaticResource index_;
  std::map<std::string, StaticResource, std::less<>> pages_;  // by id
  std::vector<std::string> ids_;                              // for "did you mean"
};

}  // namespace smr::http
