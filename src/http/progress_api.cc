#include "http/progress_api.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "core/suggest.h"
#include "http/api_error.h"
#include "http/gzip.h"
#include "http/static_resource.h"
#include "json/pretty.h"
#include "json/progress_json.h"
#include "service/journal_service.h"
#include "service/progress_service.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

constexpr core::UnixMillis kTwentyYearsMs = 20LL * 366 * core::kDayMs;

core::UnixMillis wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::string> param(const Request& request, std::string_view name) {
  const auto params = request.query();
  const auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return std::string((*it).value);
}

struct Query {
  service::ProgressQuery query;
  std::string zone_name;
};

// The query the parameters ask for (as cli/progress_query.cc for the flags), or the error naming the parameter.
// `now_ms`: the wall clock's, used unless as_of is given.
tl::expected<Query, ApiError> read_query(const Request& request, const LocalZone& local, core::UnixMillis now_ms) {
  Query out;
  auto& q = out.query;
  const auto tz_name = param(request, "tz");
  std::optional<core::TimeZone> named;
  if (tz_name) {
    auto tz = read_zoneinfo(*tz_name);
    if (!tz) return tl::unexpected(invalid("tz", "tz: " + tz.error()));
    named = std::move(*tz);
    out.zone_name = *tz_name;
  }
  auto zone_around = [&](core::UnixMillis from_ms, core::UnixMillis to_ms) {
    if (named) return *named;
    return local.zone ? local.zone(from_ms, to_ms) : core::TimeZone::fixed(0);
  };
  q.now_ms = now_ms;
  if (const auto as_of = param(request, "as_of")) {
    const std::string bad = "as_of: \"" + *as_of +
                            "\" is not a local date or time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. "
                            "2026-11-21T18:30";
    const auto day_utc = service::parse_date_utc(as_of->substr(0, 10));
    if (!day_utc) return tl::unexpected(invalid("as_of", bad));
    const core::LocalDay day = *day_utc / core::kDayMs;
    const auto tz = zone_around(*day_utc - 2 * core::kDayMs, *day_utc + 2 * core::kDayMs);
    if (as_of->size() == 10) {
      q.now_ms = core::local_midnight_ms(day + 1, tz) - 1;
    } else {
      int h = -1, m = -1;
      char tail = 0;
      if (as_of->size() != 16 || ((*as_of)[10] != ' ' && (*as_of)[10] != 'T') ||
          std::sscanf(as_of->c_str() + 11, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
        return tl::unexpected(invalid("as_of", bad));
      }
      q.now_ms = core::local_midnight_ms(day, tz) + (h * 60 + m) * 60'000LL;
    }
  }
  q.tz = zone_around(q.now_ms - kTwentyYearsMs, q.now_ms + core::kDayMs);
  if (!tz_name) out.zone_name = local.name ? local.name(q.now_ms) : "UTC";
  if (const auto since = param(request, "since")) {
    const auto day_utc = service::parse_date_utc(*since);
    if (!day_utc) {
      return tl::unexpected(
          invalid("since", "since: \"" + *since + "\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01"));
    }
    q.since_ms = core::local_midnight_ms(*day_utc / core::kDayMs, q.tz);
  }
  return out;
}

Response with_vary(Response res) {
  res.set(Field::vary, "Accept-Encoding");
  return res;
}

}  // namespace

ProgressApi::ProgressApi(const core::Catalog& catalog, WorkerStores& stores, LocalZone local)
    : catalog_(&catalog), stores_(&stores), local_(std::move(local)), caches_(stores.slots()) {}

Response ProgressApi::progress(const Request& request) const {
  const auto region = param(request, "region").value_or("");
  if (!region.empty() && !catalog_->find_region(region)) {
    const auto best = core::closest_match(region, core::ids_of(catalog_->regions()));
    return error_response(invalid("region", "region: unknown region \"" + region + "\"" +
                                                (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                                " The regions are listed by GET /api/catalog/regions"));
  }
  const core::UnixMillis now_ms = wall_now_ms() / 60'000 * 60'000 + 59'999;  // the end of this minute: see the .h
  // What the answer depends on besides the journal: the parameters as given, and the second unless as_of is
  // given (without tz, the zone is the server's, the same for the whole process). Built from the raw text, so
  // that a kept answer is found without reading a zone file or probing the local zone over twenty years.
  const auto as_of = param(request, "as_of");
  std::string key = region;
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
  const auto query = read_query(request, local_, now_ms);
  if (!query) return error_response(query.error());
  const auto& q = query->query;
  auto p = service::progress(*lease, q);
  if (!p) return error_response(from_store_error(p.error()));
  if (!region.empty()) service::keep_region(*p, region);
  bj::object doc;
  doc["as_of_ms"] = q.now_ms;
  doc["time_zone"] = query->zone_name;
  doc["utc_offset_minutes"] = q.tz.offset_minutes_at(q.now_ms);
  doc["since_ms"] = q.since_ms;
  if (!region.empty()) doc["region"] = region;
  doc["progress"] = json::to_json(*p);
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
  const auto query = read_query(request, local_, wall_now_ms());
  if (!query) return error_response(query.error());
  const std::string id(params.get("id"));
  if (auto s = service::acknowledge_alert(*stores_->lease(), query->query, id); !s) {
    if (s.error().code == store::Error::Code::kNotFound) {
      return error_response(
          not_found("no alert \"" + id + "\" is in force; GET /api/progress lists the alerts and their ids", "id"));
    }
    return error_response(from_store_error(s.error()));
  }
  return json_response(Status::ok, json::compact(bj::object{{"acknowledged", id}}));
}

}  // namespace smr::http
