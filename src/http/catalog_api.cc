#include "http/catalog_api.h"

#include "core/catalog_query.h"
#include "core/suggest.h"
#include "http/api_error.h"
#include "json/catalog_json.h"
#include "json/pretty.h"

namespace smr::http {

namespace {

constexpr std::string_view kCatalogCache = "no-cache";  // revalidate: a new smr may bring a new catalog

StaticResource prepared_json(const boost::json::value& v) {
  return make_static_resource(json::compact(v), std::string(kJsonType), std::string(kCatalogCache));
}

// `message`, then `sentence` as a new sentence.
std::string then(const std::string& message, const std::string& sentence) {
  const bool ended = !message.empty() && (message.back() == '?' || message.back() == '.');
  return message + (ended ? " " : ". ") + sentence;
}

// "; did you mean "x"?" or "".
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& ids) {
  const auto best = core::closest_match(wanted, ids);
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

}  // namespace

template <typename T>
void CatalogApi::add_kind(std::string name, std::string singular, const std::vector<T>& items) {
  Kind kind{std::move(name), std::move(singular), {}, {}};
  for (const auto& item : items) {
    kind.entries.emplace(item.id, prepared_json(json::to_json(item)));
    kind.ids.push_back(item.id);
  }
  kinds_.push_back(std::move(kind));
}

CatalogApi::CatalogApi(const core::Catalog& catalog) : catalog_(&catalog) {
  lists_.emplace("regions", prepared_json(json::to_json_array(catalog.regions())));
  lists_.emplace("tools", prepared_json(json::to_json_array(catalog.tools())));
  lists_.emplace("techniques", prepared_json(json::to_json_array(catalog.techniques())));
  lists_.emplace("exercises", prepared_json(json::to_json_array(catalog.exercises())));
  lists_.emplace("conditions", prepared_json(json::to_json_array(catalog.conditions())));
  lists_.emplace("red-flags", prepared_json(json::to_json_array(catalog.red_flags())));
  lists_.emplace("lifestyle", prepared_json(json::to_json_array(catalog.lifestyle())));
  for (const auto& x : catalog.exercises()) {
    exercise_json_.push_back(json::compact(json::to_json(x)));
    exercise_hash_.push_back(content_hash(exercise_json_.back()));
  }
  add_kind("regions", "region", catalog.regions());
  add_kind("zones", "never-roll zone", catalog.zones());
  add_kind("lines", "myofascial line", catalog.lines());
  add_kind("tools", "tool", catalog.tools());
  add_kind("techniques", "technique", catalog.techniques());
  add_kind("exercises", "exercise", catalog.exercises());
  add_kind("conditions", "condition", catalog.conditions());
  add_kind("red-flags", "red flag", catalog.red_flags());
  add_kind("lifestyle", "lifestyle factor", catalog.lifestyle());
  add_kind("rules", "rule", catalog.rules());
  add_kind("sources", "source", catalog.references());
}

std::vector<std::string> CatalogApi::kinds() const {
  std::vector<std::string> out;
  for (const auto& k : kinds_) out.push_back(k.name);
  return out;
}

Response CatalogApi::list(std::string_view list, const Request& request) const {
  return respond_static(lists_.find(list)->second, request);
}

Response CatalogApi::exercises(const Request& request) const {
  core::ExerciseFilterText text;
  bool any = false;
  for (const auto& param : request.query()) {
    std::string* slot = param.key == "region"    ? &text.region
                        : param.key == "tool"    ? &text.tool
                        : param.key == "context" ? &text.context
                        : param.key == "level"   ? &text.level
                                                 : nullptr;
    if (!slot) {
      return error_response(invalid(
          param.key, "unknown query parameter \"" + param.key + "\"; the filters are region, tool, context and level"));
    }
    if (!slot->empty()) {
      return error_response(invalid(param.key, "give " + param.key + " at most once"));
    }
    *slot = param.value;
    any = any || !param.value.empty();
  }
  if (!any) return respond_static(lists_.find("exercises")->second, request);

  auto filter = core::parse_exercise_filter(*catalog_, text);
  if (!filter) {
    auto e = filter.error();
    if (e.field == "region") e.message = then(e.message, "The regions are listed at /api/catalog/regions");
    if (e.field == "tool") e.message = then(e.message, "The tools are listed at /api/catalog/tools");
    return error_response(invalid(e.field, e.message));
  }
  const auto found = core::filter_exercises(*catalog_, *filter);
  std::string hashes;
  for (const auto* x : found) {
    const auto h = exercise_hash_[static_cast<std::size_t>(x - catalog_->exercises().data())];
    hashes.append(reinterpret_cast<const char*>(&h), sizeof h);
  }
  const auto etag = strong_etag(content_hash(hashes));
  Response res{Status::ok, 11};
  res.set(Field::etag, etag);
  res.set(Field::cache_control, kCatalogCache);
  if (etag_matches(request.header(Field::if_none_match), etag)) {
    res.result(Status::not_modified);
    return res;
  }
  std::string body = "[";
  for (const auto* x : found) {
    if (body.size() > 1) body += ',';
    body += exercise_json_[static_cast<std::size_t>(x - catalog_->exercises().data())];
  }
  body += ']';
  res.set(Field::content_type, kJsonType);
  res.body() = share(std::move(body));
  return res;
}

Response CatalogApi::entry(const Request& request, const PathParams& params) const {
  const auto kind_name = params.get("kind");
  const auto id = params.get("id");
  for (const auto& kind : kinds_) {
    if (kind.name != kind_name) continue;
    if (const auto it = kind.entries.find(id); it != kind.entries.end()) return respond_static(it->second, request);
    auto message = "no " + kind.singular + " has the id \"" + std::string(id) + "\"" + did_you_mean(id, kind.ids);
    if (lists_.count(kind.name) > 0) {
      message = then(message, "The " + kind.name + " are listed at /api/catalog/" + kind.name);
    }
    return error_response(not_found(std::move(message), "id"));
  }
  return error_response(not_found(
      "the catalog has no kind \"" + std::string(kind_name) + "\"; expected " + core::quoted_list(kinds()), "kind"));
}

}  // namespace smr::http
