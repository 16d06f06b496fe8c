#pragma once
// The catalog routes' handlers: the catalog as JSON, in the same mapping as `smr catalog ... --json`
// (src/json/catalog_json.h), compact.
//
// The catalog never changes while the server runs, so every list and every entry is serialised, hashed (ETag)
// and gzip-compressed once, at construction; a request only picks its prepared response (or 304). A filtered
// exercise list is joined from the exercises' prepared JSON, with an ETag derived from theirs, and sent
// uncompressed (it is short). Immutable after construction: shared by every worker thread without a lock.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_resource.h"

namespace smr::http {

class CatalogApi {
 public:
  explicit CatalogApi(const core::Catalog& catalog);  // `catalog` must outlive this

  // GET /api/catalog/regions, /tools, /techniques, /exercises, /conditions, /red-flags (`list` names one).
  Response list(std::string_view list, const Request& request) const;
  // GET /api/catalog/exercises[?region=&tool=&context=&level=]: the filters of `smr catalog exercises`; an
  // empty value is no filter; an unknown or repeated parameter, or a value the catalog does not know, is 400
  // naming the parameter as the field.
  Response exercises(const Request& request) const;
  // GET /api/catalog/{kind}/{id}: one entry in full, as `smr catalog show ID --json`. 404 naming "kind" or
  // "id" (with the closest id when one is near).
  Response entry(const Request& request, const PathParams& params) const;

  // The kinds {kind} may name, in order: "regions", "zones", "lines", "tools", "techniques", "exercises",
  // "conditions", "red-flags", "rules", "sources".
  std::vector<std::string> kinds() const;

 private:
  struct Kind {
    std::string name;                                            // "red-flags"
    std::string singular;                                        // "red flag"
    std::map<std::string, StaticResource, std::less<>> entries;  // by id
    std::vector<std::string> ids;                                // in catalog order, for "did you mean"
  };
  template <typename T>
  void add_kind(std::string name, std::string singular, const std::vector<T>& items);

  const core::Catalog* catalog_;
  std::map<std::string, StaticResource, std::less<>> lists_;  // "regions", "tools", "techniques", "exercises"
  std::vector<Kind> kinds_;
  std::vector<std::string> exercise_json_;  // compact JSON of catalog.exercises()[i]
  std::vector<std::uint64_t> exercise_hash_;
};

}  // namespace smr::http
