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

namespace smr::http {

namespace bj = boost::json;

namespace {

core::UnixMillis wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The saved profile, or an empty one before the first screening.
tl::expected<core::Profile, ApiError> saved_profile(store::Store& store) {
  auto saved = store.profile(core::kLocalPersonId);
  if (!saved) return tl::unexpected(from_store_error(saved.error()));
  return saved->value_or(core::Profile{});
}

template <typename F>
std::string first_index(const std::string& list, std::size_t n, F bad) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::string field = bad(i);  // "" fine, " " the item itself, ".region" one of its fields
    if (!field.empty()) return list + "[" + std::to_string(i) + "]" + (field == " " ? "" : field);
  }
  return list;
}

}  // namespace

std::string profile_problem_field(const core::Catalog& catalog, const core::Profile& p, const std::string& problem) {
  const auto list = problem.substr(0, problem.find(':'));
  auto region_field = [&](const std::string& id, core::Side side) -> std::string {
    const auto* r = catalog.find_region(id);
    if (!r) return ".region";
    if (!r->paired() && side != core::Side::kCentre) return ".side";
    return "";
  };
  if (list == "conditions") {
    return first_index(list, p.conditions.size(),
                       [&](std::size_t i) { return catalog.find_condition(p.conditions[i]) ? "" : std::string(" "); });
  }
  if (list == "symptoms") {
    return first_index(list, p.symptoms.size(),
                       [&](std::size_t i) { return catalog.find_red_flag(p.symptoms[i]) ? "" : std::string(" "); });
  }
  if (list == "tools") {
    return first_index(list, p.tools.size(),
                       [&](std::size_t i) { return catalog.find_tool(p.tools[i]) ? "" : std::string(" "); });
  }
  if (list == "lifestyle") {
    return first_index(list, p.lifestyle.size(),
                       [&](std::size_t i) { return catalog.find_lifestyle(p.lifestyle[i]) ? "" : std::string(" "); });
  }
  if (list == "aches") {
    return first_index(list, p.aches.size(),
                       [&](std::size_t i) { return region_field(p.aches[i].region, p.aches[i].side); });
  }
  if (list == "named_areas") {
    return first_index(list, p.named_areas.size(), [&](std::size_t i) -> std::string {
      const auto& a = p.named_areas[i];
      const auto* c = catalog.find_condition(a.condition);
      if (!c || !c->block_named_area) return ".condition";
      return region_field(a.region, a.side);
    });
  }
  return list;
}

ProfileApi::ProfileApi(const core::Catalog& catalog, WorkerStores& stores) : catalog_(&catalog), stores_(&stores) {}

Response ProfileApi::get_profile(const Request&) const {
  auto profile = saved_profile(*stores_->lease());
  if (!profile) return error_response(profile.error());
  return json_response(Status::ok, json::compact(json::to_json(*profile)));
}

Response ProfileApi::put_profile(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto profile = json::profile_from_input_json(*body);
  if (!profile) return error_response(invalid_at(profile.error()));
  const auto problems = core::profile_problems(*catalog_, *profile);
  if (!problems.empty()) {
    return error_response(invalid(profile_problem_field(*catalog_, *profile, problems.front()), problems.front()));
  }
  profile->updated_ms = wall_now_ms();
  if (auto saved = stores_->lease()->save_profile(core::kLocalPersonId, *profile); !saved) {
    return error_response(from_store_error(saved.error()));
  }
  return json_response(Status::ok,
                       json::compact(bj::object{{"profile", json::to_json(*profile)},
                                                {"screening", json::to_json(core::screen(*catalog_, *profile))}}));
}

Response ProfileApi::screening(const Request&) const {
  auto profile = saved_profile(*stores_->lease());
  if (!profile) return error_response(profile.error());
  return json_response(Status::ok, json::compact(json::to_json(core::screen(*catalog_, *profile))));
}

Response ProfileApi::plan(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto plan_request = json::plan_request_from_json(*body);
  if (!plan_request) return error_response(invalid_at(plan_request.error()));
  auto profile = saved_profile(*stores_->lease());
  if (!profile) return error_response(profile.error());
  if (const auto problems = core::profile_problems(*catalog_, *profile); !problems.empty()) {
    return error_response({Status::conflict, "conflict",
                           "your saved profile no longer matches the catalog (" + problems.front() +
                               "); save it again with PUT /api/profile",
                           "profile"});
  }
  // "minutes: ...", "focus: ...", "tools: ...", "activity: ...": the request's field at fault.
  if (const auto problems = core::request_problems(*catalog_, *profile, *plan_request); !problems.empty()) {
    return error_response(invalid_at(problems.front()));
  }
  auto routine = core::plan(*catalog_, *profile, *plan_request);
  if (!routine) {
    if (routine.error().kind == core::PlanError::Kind::kStop) {
      std::string message = "no routine: stop, do not roll now.";
      for (const auto& n : routine.error().stop) message += " " + n.message;
      return error_response({Status::conflict, "conflict", message, "profile.symptoms"});
    }
    return error_response(invalid_at(routine.error().message));
  }
  return json_response(Status::ok, json::compact(json::to_json(*routine)));
}

}  // namespace smr::http
