#include "http/learn_api.h"

#include "core/learn.h"
#include "core/suggest.h"
#include "http/api_error.h"
#include "json/learn_json.h"
#include "json/pretty.h"

namespace smr::http {

namespace {

StaticResource prepared_json(const boost::json::value& v) {
  // no-cache: revalidate by ETag, since a new smr may bring a new catalog.
  return make_static_resource(json::compact(v), std::string(kJsonType), "no-cache");
}

}  // namespace

LearnApi::LearnApi(const core::Catalog& catalog)
    : index_(prepared_json(json::learn_index_json(catalog))), ids_(core::learn_ids(catalog)) {
  for (const auto& id : ids_) {
    if (const auto page = core::learn_page(catalog, id)) {
      pages_.emplace(id, prepared_json(json::learn_page_json(catalog, *page)));
    }
  }
}

Response LearnApi::index(const Request& request) const { return respond_static(index_, request); }

Response LearnApi::page(const Request& request, const PathParams& params) const {
  const auto id = params.get("id");
  if (const auto it = pages_.find(id); it != pages_.end()) return respond_static(it->second, request);
  const auto best = core::closest_match(id, ids_);
  return error_response(not_found("there is no Learn topic, technique or region \"" + std::string(id) + "\"" +
                                      (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                      " They are listed at /api/learn",
                                  "id"));
}

}  // namespace smr::http
