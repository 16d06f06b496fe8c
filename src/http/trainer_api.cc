#include "http/trainer_api.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/catalog_json.h"
#include "json/plan_json.h"
#include "json/pretty.h"
#include "json/progress_json.h"
#include "json/routine_read.h"
#include "service/session_summary_json.h"
#include "service/trainer_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

using service::wall_now_ms;

namespace {

constexpr core::UnixMillis kTwoYearsMs = 2 * 366 * core::kDayMs;

Response ok_json(const bj::value& v, Status status = Status::ok) { return json_response(status, json::compact(v)); }

Response failed(const service::Error& e) { return error_response(from_service_error(e)); }

// A person id in the path: a whole number, or 400 naming "id".
tl::expected<core::PersonId, ApiError> person_id(const PathParams& params) {
  const auto text = params.get("id");
  core::PersonId id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return tl::unexpected(invalid("id", "id: \"" + std::string(text) +
                                            "\" is not a person's id; expected a whole "
                                            "number such as 7"));
  }
  return id;
}

// The body as an object whose keys are all among `known`, or the 400 that says why not.
tl::expected<const bj::object*, ApiError> object_body(const bj::value& body,
                                                      std::initializer_list<std::string_view> known,
                                                      const std::string& shape) {
  const auto* o = body.if_object();
  if (o == nullptr) return tl::unexpected(malformed("the body is not a JSON object; expected " + shape));
  for (const auto& kv : *o) {
    const std::string_view key(kv.key().data(), kv.key().size());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return tl::unexpected(
          invalid(std::string(kv.key()), std::string(kv.key()) + ": unknown field; expected " + shape));
    }
  }
  return o;
}

bj::object sharing_json(const store::Sharing& s) {
  return {{"sessions", s.sessions},
          {"trends", s.trends},
          {"self_tests", s.self_tests},
          {"soreness", s.soreness},
          {"screening", s.screening}};
}

bj::object trainer_json(const service::TrainerOfClient& t) {
  return {{"id", t.trainer_id}, {"name", t.name}, {"since_ms", t.since_ms}, {"sharing", sharing_json(t.sharing)}};
}

bj::object client_json(const service::ClientOfTrainer& c) {
  return {{"id", c.client_id}, {"name", c.name}, {"since_ms", c.since_ms}, {"sharing", sharing_json(c.sharing)}};
}

bj::object template_json(const service::TemplateView& t, bool with_routine) {
  bj::object o{{"uid", t.record.uid},
               {"name", t.record.name},
               {"note", t.record.note},
               {"created_ms", t.record.created_ms},
               {"updated_ms", t.record.updated_ms},
               {"total_s", t.routine.total_s()},
               {"steps", t.routine.steps.size()}};
  if (with_routine) {
    o["routine"] = json::to_json(t.routine);
    o["exercises"] = t.own.entries;  // the trainer's own exercises, as written
    bj::array copies;
    for (const auto& a : t.assignments) {
      bj::object c{
          {"uid", a.uid}, {"client", bj::object{{"id", a.client_id}, {"name", a.client_name}}}, {"started", a.started}};
      if (a.adapted) {
        c["adapted"] = *a.adapted;
      } else {
        c["adapted"] = nullptr;
      }
      if (a.changes) c["safety_changes"] = json::to_json(*a.changes);  // only when the screening is shared
      copies.push_back(std::move(c));
    }
    o["assignments"] = std::move(copies);
  }
  return o;
}

bj::object assignment_json(const service::ClientAssignment& a, bool with_assigned) {
  bj::object o{{"uid", a.record.uid},
               {"name", a.record.name},
               {"from_trainer", bj::object{{"id", a.record.trainer_id}, {"name", a.trainer_name}}},
               {"note", a.record.note},
               {"created_ms", a.record.created_ms},
               {"updated_ms", a.record.updated_ms}};
  if (a.record.started_session_uid) {
    o["started_session_uid"] = *a.record.started_session_uid;
  } else {
    o["started_session_uid"] = nullptr;
  }
  if (a.gated) {
    o["routine"] = json::to_json(a.gated->routine);
    o["safety_changes"] = json::to_json(a.gated->changes);
    o["refused"] = nullptr;
  } else {
    o["routine"] = nullptr;
    o["safety_changes"] = bj::array{};
    bj::object refused{{"code", std::string(core::to_string(a.refused->code))}, {"message", a.refused->message}};
    bj::array stop;
    for (const auto& n : a.refused->stop) stop.push_back(json::to_json(n));
    refused["stop"] = std::move(stop);
    o["refused"] = std::move(refused);
  }
  if (with_assigned) o["assigned"] = json::to_json(a.assigned);
  bj::array own;  // the trainer's own exercises: their instructions, as the catalog's are shown
  for (const auto& x : a.own) own.push_back(json::to_json(x));
  o["exercises"] = std::move(own);
  return o;
}

// {name, routine, note, exercises} of a template.
struct TemplateInput {
  std::string name;
  core::Routine routine;
  std::string note;
  bj::array exercises;
};
tl::expected<TemplateInput, ApiError> template_input(const Request& request) {
  auto body = json_body(request);
  if (!body) return tl::unexpected(body.error());
  const std::string shape = "{\"name\", \"routine\", \"note\", \"exercises\"}";
  auto o = object_body(*body, {"name", "routine", "note", "exercises"}, shape);
  if (!o) return tl::unexpected(o.error());
  TemplateInput in;
  const auto* name = (*o)->if_contains("name");
  if (name == nullptr || !name->is_string()) {
    return tl::unexpected(invalid("name", "name: expected the template's name, a string such as \"Desk reset\""));
  }
  in.name = std::string(name->as_string());
  if (const auto* note = (*o)->if_contains("note")) {
    if (!note->is_string()) return tl::unexpected(invalid("note", "note: expected text for the client (a string)"));
    in.note = std::string(note->as_string());
  }
  if (const auto* exercises = (*o)->if_contains("exercises")) {
    if (!exercises->is_array()) {
      return tl::unexpected(invalid("exercises",
                                    "exercises: expected a list of your own exercises, each an object with the fields "
                                    "of a catalog exercise (docs/catalog.md)"));
    }
    in.exercises = exercises->as_array();
  }
  const auto* routine = (*o)->if_contains("routine");
  if (routine == nullptr || !routine->is_object()) {
    return tl::unexpected(
        invalid("routine", "routine: expected a routine (a JSON object) as POST /api/plan answers it"));
  }
  auto parsed = json::routine_from_json(bj::serialize(*routine));
  if (!parsed) {
    const auto& problem = parsed.error();
    const std::string field = problem.field.empty() ? "routine" : "routine." + problem.field;
    return tl::unexpected(invalid(field, field + ": " + problem.text));
  }
  in.routine = std::move(*parsed);
  return in;
}

}  // namespace

TrainerApi::TrainerApi(const core::Catalog& catalog, WorkerStores& stores, LocalZone local)
    : catalog_(&catalog), stores_(&stores), local_(std::move(local)) {}

core::TimeZone TrainerApi::zone_now(core::UnixMillis now_ms) const {
  return local_.zone ? local_.zone(now_ms - kTwoYearsMs, now_ms + core::kDayMs) : core::TimeZone::fixed(0);
}

Response TrainerApi::invite(const Request& request) const {
  auto inv = service::create_invitation(*stores_->lease(), actor(request), wall_now_ms());
  if (!inv) return failed(inv.error());
  auto response = ok_json(bj::object{{"code", inv->code},
                                     {"path", std::string(service::kInvitationPathPrefix) + inv->code},
                                     {"expires_ms", inv->expires_ms}},
                          Status::created);
  response.set(Field::location, "/api/invitations/" + inv->code);
  return response;
}

Response TrainerApi::invitation(const Request&, const PathParams& params) const {
  auto v = service::invitation(*stores_->lease(), params.get("code"), wall_now_ms());
  if (!v) return failed(v.error());
  return ok_json(bj::object{{"trainer", bj::object{{"id", v->trainer_id}, {"name", v->trainer_name}}},
                            {"expires_ms", v->expires_ms}});
}

Response TrainerApi::accept(const Request& request, const PathParams& params) const {
  auto t = service::accept_invitation(*stores_->lease(), actor(request), params.get("code"), wall_now_ms());
  if (!t) return failed(t.error());
  return ok_json(bj::object{{"trainer", trainer_json(*t)}}, Status::created);
}

Response TrainerApi::trainers(const Request& request) const {
  auto all = service::trainers(*stores_->lease(), actor(request));
  if (!all) return failed(all.error());
  bj::array out;
  for (const auto& t : *all) out.push_back(trainer_json(t));
  return ok_json(out);
}

Response TrainerApi::share(const Request& request, const PathParams& params) const {
  auto id = person_id(params);
  if (!id) return error_response(id.error());
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  const std::string shape = "{\"sessions\", \"trends\", \"self_tests\", \"soreness\", \"screening\"} (true or false)";
  auto o = object_body(*body, {"sessions", "trends", "self_tests", "soreness", "screening"}, shape);
  if (!o) return error_response(o.error());
  store::Sharing sharing;
  const std::pair<const char*, bool*> fields[] = {{"sessions", &sharing.sessions},
                                                  {"trends", &sharing.trends},
                                                  {"self_tests", &sharing.self_tests},
                                                  {"soreness", &sharing.soreness},
                                                  {"screening", &sharing.screening}};
  for (const auto& [name, slot] : fields) {
    const auto* v = (*o)->if_contains(name);
    if (v == nullptr || !v->is_bool()) {
      return error_response(
          invalid(name, std::string(name) + ": expected true or false; give every category: " + shape));
    }
    *slot = v->as_bool();
  }
  auto t = service::set_sharing(*stores_->lease(), actor(request), *id, sharing);
  if (!t) return failed(t.error());
  return ok_json(trainer_json(*t));
}

Response TrainerApi::leave(const Request& request, const PathParams& params) const {
  auto id = person_id(params);
  if (!id) return error_response(id.error());
  if (auto s = service::leave_trainer(*stores_->lease(), actor(request), *id, wall_now_ms()); !s) {
    return failed(s.error());
  }
  return ok_json(bj::object{{"left", bj::object{{"id", *id}}}});
}

Response TrainerApi::clients(const Request& request) const {
  const auto now = wall_now_ms();
  auto d = service::dashboard(*stores_->lease(), actor(request), now, zone_now(now));
  if (!d) return failed(d.error());
  bj::array out;
  for (const auto& e : *d) {
    bj::object o = client_json(e.client);
    o["status"] = std::string(core::to_string(e.status));
    bj::array reasons;
    for (const auto& r : e.reasons) reasons.push_back(bj::object{{"kind", r.kind}, {"text", r.text}});
    o["reasons"] = std::move(reasons);
    if (e.last_session_ms) o["last_session_ms"] = *e.last_session_ms;  // only when sessions are shared
    out.push_back(std::move(o));
  }
  return ok_json(out);
}

Response TrainerApi::client(const Request& request, const PathParams& params) const {
  auto id = person_id(params);
  if (!id) return error_response(id.error());
  const auto now = wall_now_ms();
  auto p = service::client_progress(*stores_->lease(), *catalog_, actor(request), *id, now, zone_now(now));
  if (!p) return failed(p.error());
  bj::object o = client_json(p->client);
  // Only what is shared is in the answer at all.
  if (p->adherence) o["adherence"] = json::to_json(*p->adherence);
  if (p->sessions) {
    bj::array sessions;
    for (const auto& s : *p->sessions) sessions.push_back(service::to_json(s));
    o["sessions"] = std::move(sessions);
  }
  if (p->sensation) {
    bj::array a;
    for (const auto& r : *p->sensation) a.push_back(json::to_json(r));
    o["sensation"] = std::move(a);
  }
  if (p->alerts) {
    bj::array a;
    for (const auto& r : *p->alerts) a.push_back(json::to_json(r));
    o["alerts"] = std::move(a);
  }
  if (p->self_tests) {
    bj::array a;
    for (const auto& r : *p->self_tests) a.push_back(json::to_json(r));
    o["self_tests"] = std::move(a);
  }
  if (p->soreness) o["soreness"] = json::to_json(*p->soreness);
  if (p->screening) o["screening"] = json::to_json(*p->screening);
  return ok_json(o);
}

Response TrainerApi::templates(const Request& request) const {
  auto all = service::templates(*stores_->lease(), actor(request));
  if (!all) return failed(all.error());
  bj::array out;
  for (const auto& t : *all) out.push_back(template_json(t, false));
  return ok_json(out);
}

Response TrainerApi::create_template(const Request& request) const {
  auto in = template_input(request);
  if (!in) return error_response(in.error());
  auto t = service::create_template(*stores_->lease(), *catalog_, actor(request), in->name, std::move(in->routine),
                                    in->note, wall_now_ms(), in->exercises);
  if (!t) return failed(t.error());
  auto response = ok_json(template_json(*t, true), Status::created);
  response.set(Field::location, "/api/templates/" + t->record.uid);
  return response;
}

Response TrainerApi::get_template(const Request& request, const PathParams& params) const {
  auto t = service::template_detail(*stores_->lease(), *catalog_, actor(request), std::string(params.get("uid")));
  if (!t) return failed(t.error());
  return ok_json(template_json(*t, true));
}

Response TrainerApi::update_template(const Request& request, const PathParams& params) const {
  auto in = template_input(request);
  if (!in) return error_response(in.error());
  auto e = service::update_template(*stores_->lease(), *catalog_, actor(request), std::string(params.get("uid")),
                                    in->name, std::move(in->routine), in->note, wall_now_ms(), in->exercises);
  if (!e) return failed(e.error());
  bj::object o = template_json(e->template_view, true);
  o["copies_updated"] = e->copies_updated;
  return ok_json(o);
}

namespace {

bj::object exercise_json(const service::TrainerExercise& x) {
  bj::object o{{"uid", x.uid}, {"created_ms", x.created_ms}, {"entry", x.entry}};
  if (x.exercise) {
    o["exercise"] = json::to_json(*x.exercise);
    o["problem"] = nullptr;
  } else {
    o["exercise"] = nullptr;
    o["problem"] = x.problem;
  }
  return o;
}

}  // namespace

Response TrainerApi::exercises(const Request& request) const {
  auto all = service::trainer_exercises(*stores_->lease(), *catalog_, actor(request));
  if (!all) return failed(all.error());
  bj::array out;
  for (const auto& x : *all) out.push_back(exercise_json(x));
  return ok_json(out);
}

Response TrainerApi::add_exercise(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto x = service::add_trainer_exercise(*stores_->lease(), *catalog_, actor(request), *body, wall_now_ms());
  if (!x) return failed(x.error());
  auto response = ok_json(exercise_json(*x), Status::created);
  response.set(Field::location, "/api/trainer-exercises/" + x->uid);
  return response;
}

Response TrainerApi::update_exercise(const Request& request, const PathParams& params) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto x = service::update_trainer_exercise(*stores_->lease(), *catalog_, actor(request),
                                            std::string(params.get("uid")), *body);
  if (!x) return failed(x.error());
  return ok_json(exercise_json(*x));
}

Response TrainerApi::delete_template(const Request& request, const PathParams& params) const {
  auto store = stores_->lease();
  const std::string uid(params.get("uid"));
  auto t = service::template_detail(*store, *catalog_, actor(request), uid);
  if (!t) return failed(t.error());
  if (auto s = service::delete_template(*store, actor(request), uid); !s) return failed(s.error());
  return ok_json(bj::object{{"deleted", template_json(*t, false)}});
}

Response TrainerApi::assign(const Request& request, const PathParams& params) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  const std::string shape = "{\"clients\": [client ids], \"note\"}";
  auto o = object_body(*body, {"clients", "note"}, shape);
  if (!o) return error_response(o.error());
  std::vector<core::PersonId> clients;
  const auto* list = (*o)->if_contains("clients");
  if (list == nullptr || !list->is_array()) {
    return error_response(invalid("clients", "clients: expected a list of your clients' ids, e.g. [7, 9]"));
  }
  for (std::size_t i = 0; i < list->as_array().size(); ++i) {
    const auto& v = list->as_array()[i];
    if (!v.is_int64() || v.as_int64() <= 0) {
      const std::string field = "clients[" + std::to_string(i) + "]";
      return error_response(invalid(field, field + ": expected a client's id (a whole number)"));
    }
    clients.push_back(v.as_int64());
  }
  std::optional<std::string> note;
  if (const auto* n = (*o)->if_contains("note")) {
    if (!n->is_string()) return error_response(invalid("note", "note: expected text for the clients (a string)"));
    note = std::string(n->as_string());
  }
  auto t = service::assign_template(*stores_->lease(), *catalog_, actor(request), std::string(params.get("uid")),
                                    clients, note, wall_now_ms());
  if (!t) return failed(t.error());
  return ok_json(template_json(*t, true), Status::created);
}

Response TrainerApi::assignments(const Request& request) const {
  auto all = service::assignments(*stores_->lease(), *catalog_, actor(request));
  if (!all) return failed(all.error());
  bj::array out;
  for (const auto& a : *all) out.push_back(assignment_json(a, false));
  return ok_json(out);
}

Response TrainerApi::assignment(const Request& request, const PathParams& params) const {
  auto a = service::assignment(*stores_->lease(), *catalog_, actor(request), std::string(params.get("uid")));
  if (!a) return failed(a.error());
  return ok_json(assignment_json(*a, true));
}

}  // namespace smr::http
