#include "service/safety_service.h"

#include <algorithm>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/suggest.h"
#include "json/plan_json.h"

namespace smr::service {

namespace bj = boost::json;

Error from_store(const store::Error& e) {
  using C = store::Error::Code;
  Error out;
  out.message = e.message;
  switch (e.code) {
    case C::kNotFound: out.code = Error::Code::kNotFound; break;
    case C::kConflict: out.code = Error::Code::kConflict; break;
    case C::kInvalid: out.code = Error::Code::kInvalid; break;
    case C::kUnavailable: out.code = Error::Code::kUnavailable; break;
    case C::kBusy: out.code = Error::Code::kBusy; break;
    case C::kFull: out.code = Error::Code::kStorageFull; break;
    case C::kReadOnly: out.code = Error::Code::kReadOnly; break;
    case C::kCorrupt:
    case C::kIncompatible: out.code = Error::Code::kDamaged; break;
    case C::kIo: out.code = Error::Code::kInternal; break;
  }
  return out;
}

namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string warnings_json(const std::vector<ActiveWarning>& ws) {
  bj::array a;
  for (const auto& w : ws) {
    a.push_back(bj::object{{"red_flag", w.red_flag}, {"since_ms", w.since_ms}, {"session_uid", w.session_uid}});
  }
  return bj::serialize(a);
}

// A stored value that cannot be read counts as none, but a flag id in it is kept even when the rest is damaged:
// a warning sign is never silently forgotten.
std::vector<ActiveWarning> warnings_from(const std::string& text) {
  std::vector<ActiveWarning> out;
  boost::system::error_code ec;
  const bj::value v = bj::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.as_array()) {
    const auto* o = item.if_object();
    if (o == nullptr) continue;
    ActiveWarning w;
    if (const auto* f = o->if_contains("red_flag"); f != nullptr && f->is_string()) w.red_flag = f->as_string();
    if (const auto* t = o->if_contains("since_ms"); t != nullptr && t->is_int64()) w.since_ms = t->as_int64();
    if (const auto* s = o->if_contains("session_uid"); s != nullptr && s->is_string()) {
      w.session_uid = s->as_string();
    }
    if (!w.red_flag.empty()) out.push_back(std::move(w));
  }
  return out;
}

Status save_warnings(store::Store& store, core::PersonId person, const std::vector<ActiveWarning>& ws) {
  auto saved = store.set_setting(core::Setting{person, std::string(kActiveWarningsKey), warnings_json(ws)});
  if (!saved) return tl::unexpected(from_store(saved.error()));
  return {};
}

template <typename F>
std::string first_index(const std::string& list, std::size_t n, F bad) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::string field = bad(i);  // "" fine, " " the item itself, ".region" one of its fields
    if (!field.empty()) return list + "[" + std::to_string(i) + "]" + (field == " " ? "" : field);
  }
  return list;
}

// The JSON path of the profile field a core::profile_problems() message is about.
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

// "minutes: 2 is outside 3 to 90" -> "minutes"; the request's fields core::request_problems() names.
std::string request_field(const std::string& problem) {
  const auto colon = problem.find(':');
  const std::string head = problem.substr(0, colon);
  for (const char* f : {"minutes", "focus", "tools", "activity", "goal", "context"}) {
    if (head == f) return head;
  }
  return {};
}

Error stop_error(std::string message, std::vector<core::Notice> stop) {
  Error e;
  e.code = Error::Code::kStop;
  e.field = "profile.warnings";
  e.message = std::move(message);
  e.stop = std::move(stop);
  return e;
}

}  // namespace

Result<std::vector<ActiveWarning>> active_warnings(store::Store& store, core::PersonId person) {
  auto text = store.setting(person, std::string(kActiveWarningsKey));
  if (!text) return tl::unexpected(from_store(text.error()));
  if (!*text) return std::vector<ActiveWarning>{};
  return warnings_from(**text);
}

Status record_warning(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                      const ActiveWarning& w) {
  if (catalog.find_red_flag(w.red_flag) == nullptr) {
    return fail(Error::Code::kInvalid, "red_flag",
                "red_flag: \"" + w.red_flag + "\" is not a warning sign the catalog knows; expected " +
                    core::quoted_list(core::ids_of(catalog.red_flags())));
  }
  auto ws = active_warnings(store, person);
  if (!ws) return tl::unexpected(ws.error());
  const bool present =
      std::any_of(ws->begin(), ws->end(), [&](const ActiveWarning& a) { return a.red_flag == w.red_flag; });
  if (present) return {};
  ws->push_back(w);
  return save_warnings(store, person, *ws);
}

Status clear_warning(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                     const std::string& red_flag) {
  auto ws = active_warnings(store, person);
  if (!ws) return tl::unexpected(ws.error());
  const auto it = std::find_if(ws->begin(), ws->end(), [&](const ActiveWarning& a) { return a.red_flag == red_flag; });
  auto saved = store.profile(person);
  if (!saved) return tl::unexpected(from_store(saved.error()));
  const bool in_profile = *saved && contains((*saved)->symptoms, red_flag);
  if (it == ws->end() && !in_profile) {
    std::vector<std::string> active;
    for (const auto& a : *ws) active.push_back(a.red_flag);
    std::string msg = "no active warning sign \"" + red_flag + "\"";
    if (catalog.find_red_flag(red_flag) == nullptr) {
      msg += "; the catalog's warning signs are " + core::quoted_list(core::ids_of(catalog.red_flags()));
    }
    msg += active.empty() ? "; none is active" : "; the active ones are " + core::quoted_list(active);
    return fail(Error::Code::kNotFound, "red_flag", msg);
  }
  if (in_profile) {
    core::Profile p = **saved;
    std::erase(p.symptoms, red_flag);
    if (auto s = store.save_profile(person, p); !s) return tl::unexpected(from_store(s.error()));
  }
  if (it != ws->end()) {
    ws->erase(it);
    return save_warnings(store, person, *ws);
  }
  return {};
}

Result<PersonSafety> person_safety(store::Store& store, const core::Catalog& catalog, core::PersonId person) {
  PersonSafety out;
  auto saved = store.profile(person);
  if (!saved) return tl::unexpected(from_store(saved.error()));
  out.saved = *saved;
  if (out.saved) {
    if (const auto problems = core::profile_problems(catalog, *out.saved); !problems.empty()) {
      return fail(Error::Code::kConflict, "profile",
                  "your saved profile no longer matches the catalog (" + problems.front() + "); screen again");
    }
  }
  auto ws = active_warnings(store, person);
  if (!ws) return tl::unexpected(ws.error());
  out.warnings = std::move(*ws);
  out.effective = out.saved.value_or(core::Profile{});
  for (const auto& w : out.warnings) {
    // A flag this catalog does not know still stops (it was a warning sign when reported).
    if (!contains(out.effective.symptoms, w.red_flag)) out.effective.symptoms.push_back(w.red_flag);
  }
  out.screening = core::screen(catalog, out.effective);
  for (const auto& w : out.warnings) {
    if (catalog.find_red_flag(w.red_flag) == nullptr) {
      out.screening.may_roll = false;
      out.screening.stop.push_back(core::Notice{w.red_flag,
                                                "A warning sign (\"" + w.red_flag +
                                                    "\") was reported and has not been cleared: stop, and get it "
                                                    "checked before you roll again.",
                                                core::Citation{{"R12"}, {}}});
    }
  }
  return out;
}

std::optional<Error> profile_error(const core::Catalog& catalog, const core::Profile& profile) {
  const auto problems = core::profile_problems(catalog, profile);
  if (problems.empty()) return std::nullopt;
  std::string message;
  for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
  return Error{Error::Code::kInvalid, profile_problem_field(catalog, profile, problems.front()), message, {}};
}

Result<SavedProfile> save_profile(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                                  core::Profile profile, core::UnixMillis now_ms) {
  if (auto e = profile_error(catalog, profile)) return tl::unexpected(std::move(*e));
  profile.updated_ms = now_ms;
  if (auto s = store.save_profile(person, profile); !s) return tl::unexpected(from_store(s.error()));
  for (const auto& flag : profile.symptoms) {
    if (auto r = record_warning(store, catalog, person, ActiveWarning{flag, now_ms, ""}); !r) {
      return tl::unexpected(r.error());
    }
  }
  auto safety = person_safety(store, catalog, person);
  if (!safety) return tl::unexpected(safety.error());
  return SavedProfile{std::move(profile), std::move(safety->screening), std::move(safety->warnings)};
}

Result<core::Routine> plan(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                           const core::PlanRequest& request, const std::optional<core::Profile>& profile_override) {
  auto safety = person_safety(store, catalog, person);
  if (!safety) {
    if (!(profile_override && safety.error().code == Error::Code::kConflict)) return tl::unexpected(safety.error());
    auto ws = active_warnings(store, person);
    if (!ws) return tl::unexpected(ws.error());
    safety = PersonSafety{std::nullopt, core::Profile{}, std::move(*ws), {}};
  }
  if (!safety->screening.may_roll) {
    // A red flag or an active warning sign comes before anything wrong with the request.
    std::string message = "no routine: stop, do not roll now.";
    for (const auto& n : safety->screening.stop) message += " " + n.message;
    return tl::unexpected(stop_error(std::move(message), safety->screening.stop));
  }
  core::Profile profile = safety->effective;
  if (profile_override) {
    if (auto e = profile_error(catalog, *profile_override)) {
      e->field = "profile." + e->field;
      return tl::unexpected(std::move(*e));
    }
    profile = *profile_override;
    for (const auto& w : safety->warnings) {
      if (!contains(profile.symptoms, w.red_flag) && catalog.find_red_flag(w.red_flag) != nullptr) {
        profile.symptoms.push_back(w.red_flag);
      }
    }
  }
  if (const auto problems = core::request_problems(catalog, profile, request); !problems.empty()) {
    std::string message;  // every problem, one a line; the field is the first one's
    for (const auto& p : problems) message += (message.empty() ? "" : "\n") + p;
    return fail(Error::Code::kInvalid, request_field(problems.front()), message);
  }
  auto routine = core::plan(catalog, profile, request);
  if (!routine) {
    if (routine.error().kind == core::PlanError::Kind::kStop) {
      std::string message = "no routine: stop, do not roll now.";
      for (const auto& n : routine.error().stop) message += " " + n.message;
      return tl::unexpected(stop_error(std::move(message), routine.error().stop));
    }
    return fail(Error::Code::kInvalid, request_field(routine.error().message), routine.error().message);
  }
  return std::move(*routine);
}

Result<core::GateResult> gate(const core::Catalog& catalog, const PersonSafety& safety, core::Routine routine) {
  core::GatePolicy policy;
  policy.context = routine.context;
  if (safety.saved) policy.owned_tools = safety.saved->tools;
  auto gated = core::gate_routine(catalog, safety.screening, policy, std::move(routine));
  if (!gated) {
    auto& r = gated.error();
    switch (r.kind) {
      case core::GateRefusal::Kind::kStop: return tl::unexpected(stop_error(r.message, r.stop));
      case core::GateRefusal::Kind::kIncoherent:
      case core::GateRefusal::Kind::kNothingSafe: return fail(Error::Code::kInvalid, r.field, r.message);
    }
  }
  return std::move(*gated);
}

Result<core::GateResult> gate(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                              core::Routine routine) {
  auto safety = person_safety(store, catalog, person);
  if (!safety) return tl::unexpected(safety.error());
  return gate(catalog, *safety, std::move(routine));
}

Result<Started> start_session(store::Store& store, const core::Catalog& catalog, StartRequest request,
                              core::MonoMillis now, core::UnixMillis wall_now_ms) {
  if (request.routine.steps.empty()) {
    return fail(Error::Code::kInvalid, "routine.steps", "routine.steps: the plan has no steps to play");
  }
  auto safety = person_safety(store, catalog, request.person);
  if (!safety) return tl::unexpected(safety.error());
  auto gated = gate(catalog, *safety, std::move(request.routine));
  if (!gated) return tl::unexpected(gated.error());

  core::SessionSettings settings = std::move(request.settings);
  settings.kit.screening = safety->screening;
  settings.kit.context = gated->routine.context;
  settings.kit.owned_tools = safety->saved ? safety->saved->tools : std::vector<std::string>{};
  if (settings.kit.owned_tools.empty()) {
    for (const auto& s : gated->routine.steps) {
      if (!contains(settings.kit.owned_tools, s.tool)) settings.kit.owned_tools.push_back(s.tool);
    }
  }

  SessionStart how;
  how.person = request.person;
  how.routine_json = bj::serialize(json::to_json(gated->routine));  // the routine as played
  how.title = core::session_title(gated->routine.goal, gated->routine.total_s());
  how.settings = std::move(settings);
  Started out;
  out.routine = gated->routine;
  out.changes = std::move(gated->changes);
  out.clearance_needed = gated->routine.clearance_needed;
  out.warnings = gated->routine.warnings;
  auto live = LiveSession::start(store, catalog, std::move(gated->routine), std::move(how), now, wall_now_ms);
  if (!live) return tl::unexpected(from_store(live.error()));
  out.live = std::move(*live);
  return out;
}

}  // namespace smr::service
