#include "http/profile_api.h"

#include <chrono>

#include <boost/json/value.hpp>

#include "core/planner.h"
#include "core/screening.h"
#include "http/json_body.h"
#include "json/journal_json.h"
#include "json/plan_json.h"
#include "json/pretty.h"
#include "json/request_json.h"
#include "service/safety_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

using service::wall_now_ms;

ProfileApi::ProfileApi(const core::Catalog& catalog, WorkerStores& stores) : catalog_(&catalog), stores_(&stores) {}

namespace {

bj::value warnings_json(const std::vector<service::ActiveWarning>& ws) {
  bj::array out;
  for (const auto& w : ws) {
    bj::object o{{"red_flag", w.red_flag}, {"since_ms", w.since_ms}};
    o["session_uid"] = w.session_uid.empty() ? bj::value(nullptr) : bj::value(w.session_uid);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Response ProfileApi::get_profile(const Request& request) const {
  auto saved = stores_->lease()->profile(request.identity().person_id);
  if (!saved) return error_response(from_store_error(saved.error()));
  return json_response(Status::ok, json::compact(json::to_json(saved->value_or(core::Profile{}))));
}

Response ProfileApi::put_profile(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto profile = json::profile_from_input_json(*body);
  if (!profile) return error_response(invalid_at(profile.error()));
  auto saved = service::save_profile(*stores_->lease(), *catalog_, request.identity().person_id, std::move(*profile),
                                     wall_now_ms());
  if (!saved) return error_response(from_service_error(saved.error()));
  return json_response(Status::ok, json::compact(bj::object{{"profile", json::to_json(saved->profile)},
                                                            {"screening", json::to_json(saved->screening)},
                                                            {"warnings", warnings_json(saved->warnings)}}));
}

Response ProfileApi::screening(const Request& request) const {
  auto safety = service::person_safety(*stores_->lease(), *catalog_, request.identity().person_id);
  if (!safety) return error_response(from_service_error(safety.error()));
  return json_response(Status::ok, json::compact(json::to_json(safety->screening)));
}

Response ProfileApi::warnings(const Request& request) const {
  auto ws = service::active_warnings(*stores_->lease(), request.identity().person_id);
  if (!ws) return error_response(from_service_error(ws.error()));
  return json_response(Status::ok, json::compact(bj::object{{"warnings", warnings_json(*ws)}}));
}

Response ProfileApi::clear_warning(const Request& request, const PathParams& params) const {
  const std::string id(params.get("red_flag"));
  (void)request;
  auto store = stores_->lease();
  if (auto cleared = service::clear_warning(*store, *catalog_, request.identity().person_id, id); !cleared) {
    return error_response(from_service_error(cleared.error()));
  }
  auto ws = service::active_warnings(*store, request.identity().person_id);
  if (!ws) return error_response(from_service_error(ws.error()));
  return json_response(Status::ok, json::compact(bj::object{{"warnings", warnings_json(*ws)}}));
}

Response ProfileApi::plan(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto plan_request = json::plan_request_from_json(*body);
  if (!plan_request) return error_response(invalid_at(plan_request.error()));
  auto routine = service::plan(*stores_->lease(), *catalog_, request.identity().person_id, *plan_request);
  if (!routine) return error_response(from_service_error(routine.error()));
  return json_response(Status::ok, json::compact(json::to_json(*routine)));
}

}  // namespace smr::http
