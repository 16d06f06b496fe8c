#include "http/settings_api.h"

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "service/settings_service.h"

namespace smr::http {

SettingsApi::SettingsApi(WorkerStores& stores) : stores_(&stores) {}

Response SettingsApi::get(const Request& request) const {
  auto s = service::app_settings(*stores_->lease(), request.identity().person_id);
  if (!s) return error_response(from_service_error(s.error()));
  return json_response(Status::ok, json::compact(json::to_json(*s)));
}

Response SettingsApi::put(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto s = service::change_app_settings(*stores_->lease(), request.identity().person_id, *body);
  if (!s) return error_response(from_service_error(s.error()));
  return json_response(Status::ok, json::compact(json::to_json(*s)));
}

}  // namespace smr::http
