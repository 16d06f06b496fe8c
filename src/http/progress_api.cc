#include "http/progress_api.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "http/api_error.h"
#include "http/gzip.h"
#include "http/static_resource.h"
#include "json/pretty.h"
#include "json/progress_json.h"
#include "service/progress_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

using service::wall_now_ms;

std::optional<std::string> param(const Request& request, std::string_view name) {
  const auto params = request.query();
  const auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

// The progress request the parameters give, as typed (service/progress_service.h reads them).
service::ProgressRequest progress_request(const Request& request) {
  service::ProgressRequest r;
  r.person = request.identity().person_id;
  r.region = param(request, "region").value_or("");
  r.since = param(request, "since").value_or("");
  r.as_of = param(request, "as_of").value_or("");
  return r;
}

// The zone `tz` names, or the server's; and its name for the answer. 400 naming tz when there is no such zone.
struct Zone {
  service::ZoneAround around;
  std::function<std::string(core::UnixMillis)> name;
};
tl::expected<Zone, ApiError> zone_of(const Request& request, const LocalZone& local) {
  if (const auto tz_name = param(request, "tz")) {
    auto tz = read_zoneinfo(*tz_name);
    if (!tz) return tl::unexpected(invalid("tz", "tz: " + tz.error()));
    return Zone{[named = std::move(*tz)](core::UnixMillis, core::UnixMillis) { return named; },
                [name = *tz_name](core::UnixMillis) { return name; }};
  }
  Zone z;
  z.around = [zone = local.zone](core::UnixMillis from_ms, core::UnixMillis to_ms) {
    return zone ? zone(from_ms, to_ms) : core::TimeZone::fixed(0);
  };
  z.name = [name = local.name](core::UnixMillis at_ms) { return name ? name(at_ms) : std::string("UTC"); };
  return z;
}

Response with_vary(Response res) {
  res.set(Field::vary, "Accept-Encoding");
  return res;
}

}  // namespace

ProgressApi::ProgressApi(const core::Catalog& catalog, WorkerStores& stores, LocalZone local)
    : catalog_(&catalog), stores_(&stores), local_(std::move(local)), caches_(stores.slots()) {}

Response ProgressApi::progress(const Request& request) const {
  const auto wanted = progress_request(request);
  const auto& region = wanted.region;
  const core::UnixMillis now_ms = wall_now_ms() / 60'000 * 60'000 + 59'999;  // the end of this minute: see the .h
  // What the answer depends on besides the journal: the parameters as given, and the second unless as_of is
  // given (without tz, the zone is the server's, the same for the whole process). Built from the raw text, so
  // that a kept answer is found without reading a zone file or probing the local zone over twenty years.
  const auto as_of = param(request, "as_of");
  std::string key = std::to_string(wanted.person) + '\n' + region;  // each person's own answers
  for (const char* name : {"tz", "since"}) key.append(1, '\n').append(param(request, name).value_or("-"));
  key.append(1, '\n').append(as_of ? "as_of=" + *as_of : std::to_string(now_ms));

  auto lease = stores_->lease();
  const auto stamp = lease->change_stamp();
  Cache& cache = caches_[lease.slot()];
  const bool gzip = accepts_gzip(request.header(Field::accept_encoding));
  auto answer = [gzip](Cached& c) {
    if (!gzip) return with_vary(json_response(Status::ok, c.body));
    if (!c.gzip_body) c.gzip_body = share(gzip_compress(*c.body, 6));
    auto res = with_vary(json_response(Status::ok, c.gzip_body));
    res.set(Field::content_encoding, "gzip");
    return res;
  };
  if (stamp && *stamp) {
    for (auto& c : cache.entries) {
      if (c.stamp == **stamp && c.key == key) return answer(c);
    }
  }
  const auto zone = zone_of(request, local_);
  if (!zone) return error_response(zone.error());
  auto v = service::progress_view(*lease, *catalog_, wanted, now_ms, zone->around);
  if (!v) return error_response(from_service_error(v.error()));
  const auto& q = v->query;
  bj::object doc;
  doc["as_of_ms"] = q.now_ms;
  doc["time_zone"] = zone->name(q.now_ms);
  doc["utc_offset_minutes"] = q.tz.offset_minutes_at(q.now_ms);
  doc["since_ms"] = q.since_ms;
  if (!v->region.empty()) doc["region"] = v->region;
  doc["progress"] = json::to_json(v->progress);
  Cached entry{std::move(key), stamp && *stamp ? **stamp : 0, share(json::compact(doc)), nullptr};
  if (!entry.stamp) return answer(entry);  // the backend cannot tell when it changes: not kept
  if (cache.entries.size() < Cache::kEntries) {
    cache.entries.push_back(std::move(entry));
    return answer(cache.entries.back());
  }
  Cached& slot = cache.entries[cache.next];
  cache.next = (cache.next + 1) % Cache::kEntries;
  slot = std::move(entry);
  return answer(slot);
}

Response ProgressApi::acknowledge(const Request& request, const PathParams& params) const {
  const auto zone = zone_of(request, local_);
  if (!zone) return error_response(zone.error());
  const std::string id(params.get("id"));
  if (auto s = service::acknowledge_alert(*stores_->lease(), *catalog_, progress_request(request), id, wall_now_ms(),
                                          zone->around);
      !s) {
    return error_response(from_service_error(s.error()));
  }
  return json_response(Status::ok, json::compact(bj::object{{"acknowledged", id}}));
}

}  // namespace smr::http
