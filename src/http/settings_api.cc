#include "http/settings_api.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "json/request_json.h"

namespace smr::http {

namespace {

// The stored settings; the defaults when none are stored (or the stored text cannot be read).
store::Result<json::AppSettings> stored(store::Store& store) {
  auto text = store.setting(core::kLocalPersonId, json::kAppSettingsKey);
  if (!text) return tl::unexpected(text.error());
  if (!*text) return json::AppSettings{};
  boost::system::error_code ec;
  const auto v = boost::json::parse(**text, ec);
  if (ec) return json::AppSettings{};
  return json::app_settings_from_json(v, {}).value_or(json::AppSettings{});
}

}  // namespace

SettingsApi::SettingsApi(WorkerStores& stores) : stores_(&stores) {}

Response SettingsApi::get(const Request&) const {
  auto s = stored(*stores_->lease());
  if (!s) return error_response(from_store_error(s.error()));
  return json_response(Status::ok, json::compact(json::to_json(*s)));
}

Response SettingsApi::put(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto store = stores_->lease();
  auto current = stored(*store);
  if (!current) return error_response(from_store_error(current.error()));
  auto next = json::app_settings_from_json(*body, *current);
  if (!next) return error_response(invalid_at(next.error()));
  const auto text = json::compact(json::to_json(*next));
  if (auto s = store->set_setting(core::Setting{core::kLocalPersonId, json::kAppSettingsKey, text}); !s) {
    return error_response(from_store_error(s.error()));
  }
  return json_response(Status::ok, text);
}

}  // namespace smr::http
