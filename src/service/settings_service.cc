#include "service/settings_service.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace smr::service {

Result<json::AppSettings> app_settings(store::Store& store, core::PersonId person) {
  auto text = store.setting(person, json::kAppSettingsKey);
  if (!text) return tl::unexpected(from_store(text.error()));
  if (!*text) return json::AppSettings{};
  boost::system::error_code ec;
  const auto v = boost::json::parse(**text, ec);
  if (ec) return json::AppSettings{};
  return json::app_settings_from_json(v, {}).value_or(json::AppSettings{});
}

Result<json::AppSettings> change_app_settings(store::Store& store, core::PersonId person,
                                              const boost::json::value& changes) {
  auto current = app_settings(store, person);
  if (!current) return current;
  auto next = json::app_settings_from_json(changes, *current);
  if (!next) return tl::unexpected(invalid_input({next.error()}));
  const std::string text = boost::json::serialize(json::to_json(*next));
  if (auto s = store.set_setting(core::Setting{person, json::kAppSettingsKey, text}); !s) {
    return tl::unexpected(from_store(s.error()));
  }
  return *next;
}

}  // namespace smr::service
