#include "http/routine_api.h"

#include <chrono>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "json/routine_read.h"
#include "service/routine_json.h"
#include "service/routine_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

using service::wall_now_ms;

RoutineApi::RoutineApi(const core::Catalog& catalog, WorkerStores& stores) : catalog_(&catalog), stores_(&stores) {}

Response RoutineApi::list(const Request& request) const {
  auto all = service::saved_routines(*stores_->lease(), request.identity().person_id);
  if (!all) return error_response(from_service_error(all.error()));
  bj::array out;
  for (const auto& r : *all) out.push_back(service::to_json(r));
  return json_response(Status::ok, json::compact(out));
}

Response RoutineApi::save(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  const auto* o = body->if_object();
  if (o == nullptr) return error_response(malformed("the body is not a JSON object; expected {\"name\", \"routine\"}"));
  for (const auto& kv : *o) {
    if (kv.key() != "name" && kv.key() != "routine" && kv.key() != "session_uid") {
      return error_response(invalid(std::string(kv.key()), std::string(kv.key()) +
                                                               ": unknown field; a saved routine has name and "
                                                               "routine (or session_uid)"));
    }
  }
  const auto* name = o->if_contains("name");
  if (name == nullptr || !name->is_string()) {
    return error_response(invalid("name", "name: expected the routine's name, a string such as \"Desk reset\""));
  }
  const auto* routine_value = o->if_contains("routine");
  const auto* session_value = o->if_contains("session_uid");
  if ((routine_value == nullptr) == (session_value == nullptr)) {
    return error_response(invalid("routine",
                                  "routine: give either routine (a plan as POST /api/plan answers it) "
                                  "or session_uid (a past session's uid, or \"last\")"));
  }
  auto store = stores_->lease();
  core::Routine routine;
  if (routine_value != nullptr) {
    if (!routine_value->is_object()) {
      return error_response(
          invalid("routine", "routine: expected a plan (a JSON object) as POST /api/plan answers it"));
    }
    auto parsed = json::routine_from_json(bj::serialize(*routine_value));
    if (!parsed) {
      const auto& problem = parsed.error();
      const std::string field = problem.field.empty() ? "routine" : "routine." + problem.field;
      return error_response(invalid(field, field + ": " + problem.text));
    }
    routine = std::move(*parsed);
  } else {
    if (!session_value->is_string()) {
      return error_response(invalid("session_uid", "session_uid: expected a session's uid (a string), or \"last\""));
    }
    auto again =
        service::session_routine(*store, request.identity().person_id, std::string(session_value->as_string()));
    if (!again) return error_response(from_service_error(again.error()));
    routine = std::move(*again);
  }
  auto saved = service::save_routine(*store, *catalog_, request.identity().person_id, std::string(name->as_string()),
                                     std::move(routine), wall_now_ms());
  if (!saved) return error_response(from_service_error(saved.error()));
  auto response = json_response(Status::created, json::compact(service::to_json(*saved, true)));
  response.set(boost::beast::http::field::location, "/api/routines/" + saved->uid);
  return response;
}

Response RoutineApi::get(const Request& request, const PathParams& params) const {
  auto r = service::saved_routine(*stores_->lease(), request.identity().person_id, params.get("id"));
  if (!r) return error_response(from_service_error(r.error()));
  return json_response(Status::ok, json::compact(service::to_json(*r, true)));
}

Response RoutineApi::remove(const Request& request, const PathParams& params) const {
  auto store = stores_->lease();
  auto r = service::saved_routine(*store, request.identity().person_id, params.get("id"));
  if (!r) return error_response(from_service_error(r.error()));
  if (auto s = service::delete_saved_routine(*store, request.identity().person_id, r->uid); !s) {
    return error_response(from_service_error(s.error()));
  }
  return json_response(Status::ok, json::compact(bj::object{{"deleted", service::to_json(*r)}}));
}

}  // namespace smr::http
