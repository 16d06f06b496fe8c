#include "json/plan_json.h"

#include <set>

#include <boost/json.hpp>

#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

using detail::strings;

bj::object citation(const core::Citation& c) {
  return bj::object{{"rules", strings(c.rules)}, {"sources", strings(c.sources)}};
}

bj::value why_json(const core::Why& w) {
  return bj::object{{"fact", w.fact}, {"rules", strings(w.rules)}, {"sources", strings(w.sources)}};
}

bj::array whys(const std::vector<core::Why>& ws) {
  bj::array out;
  for (const auto& w : ws) out.push_back(why_json(w));
  return out;
}

template <typename T, typename F>
bj::array array_of(const std::vector<T>& items, F f) {
  bj::array out;
  for (const auto& i : items) out.push_back(f(i));
  return out;
}

std::string kind_of(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "true or false";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

// Lenient reader: missing fields keep their defaults; the first problem wins.
class InputReader {
 public:
  InputReader(const bj::value& v, std::string path, std::string* error, std::set<std::string> known)
      : path_(std::move(path)), error_(error) {
    obj_ = v.if_object();
    if (!obj_) {
      fail_at(path_.empty() ? "the profile" : path_, "expected an object, got " + kind_of(v));
      return;
    }
    for (const auto& kv : *obj_) {
      if (known.count(std::string(kv.key())) == 0) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        fail_at(at(kv.key()), "unknown field; expected one of " + list);
        return;
      }
    }
  }

  std::string str(std::string_view key) {
    const auto* v = get(key);
    if (!v) return {};
    if (const auto* s = v->if_string()) return std::string(*s);
    fail_at(at(key), "expected a string, got " + kind_of(*v));
    return {};
  }

  std::vector<std::string> list(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = get(key);
    if (!v) return out;
    const auto* a = v->if_array();
    if (!a) {
      fail_at(at(key), "expected an array of strings, got " + kind_of(*v));
      return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (const auto* s = (*a)[i].if_string()) {
        out.emplace_back(*s);
      } else {
        fail_at(at(key) + "[" + std::to_string(i) + "]", "expected a string, got " + kind_of((*a)[i]));
      }
    }
    return out;
  }

  template <typename E>
  E enumeration(std::string_view key, E fallback) {
    const auto text = str(key);
    if (text.empty()) return fallback;
    if (auto e = core::parse_enum<E>(text)) return *e;
    fail_at(at(key), "expected " + core::enum_choices<E>() + ", got \"" + text + "\"");
    return fallback;
  }

  template <typename F>
  void each(std::string_view key, F f) {
    const auto* v = get(key);
    if (!v) return;
    const auto* a = v->if_array();
    if (!a) {
      fail_at(at(key), "expected an array, got " + kind_of(*v));
      return;
    }
    for (std::size_t i = 0; i < a->size() && error_->empty(); ++i) f((*a)[i], at(key) + "[" + std::to_string(i) + "]");
  }

 private:
  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  const bj::value* get(std::string_view key) {
    if (!obj_ || !error_->empty()) return nullptr;
    const auto it = obj_->find(key);
    return it == obj_->end() || it->value().is_null() ? nullptr : &it->value();
  }
  void fail_at(const std::string& path, const std::string& message) {
    if (error_->empty()) *error_ = path + ": " + message;
  }

  const bj::object* obj_ = nullptr;
  std::string path_;
  std::string* error_;
};

}  // namespace

bj::value to_json(const core::Notice& n) {
  return bj::object{{"id", n.id},
                    {"message", n.message},
                    {"rules", strings(n.evidence.rules)},
                    {"sources", strings(n.evidence.sources)}};
}

bj::value to_json(const core::Routine& r) {
  bj::array steps;
  for (const auto& s : r.steps) {
    bj::array phases;
    for (const auto& p : s.phases)
      phases.push_back(bj::object{{"kind", core::to_string(p.kind)}, {"seconds", p.seconds}});
    steps.push_back(bj::object{
        {"exercise", s.exercise},
        {"region", s.region},
        {"side", core::to_string(s.side)},
        {"tool", s.tool},
        {"position", core::to_string(s.position)},
        {"transition_s", s.transition_s},
        {"transition", s.transition},
        {"phases", std::move(phases)},
        {"sets", s.sets},
        {"set_s", s.set_s()},
        {"total_s", s.total_s()},
        {"intensity_min", s.intensity_min},
        {"intensity_target_max", s.intensity_target_max},
        {"intensity_max", s.intensity_max},
        {"pass_s", s.pass_s},
        {"move_reps", s.move_reps},
        {"move_cue", s.move_cue},
        {"extra", s.extra},
        {"why", whys(s.why)},
    });
  }
  auto notices = [](const std::vector<core::Notice>& ns) {
    return array_of(ns, [](const core::Notice& n) { return to_json(n); });
  };
  return bj::object{
      {"goal", r.goal},
      {"budget_s", r.budget_s},
      {"total_s", r.total_s()},
      {"breaths_per_minute", r.breaths_per_minute},
      {"clearance_needed", notices(r.clearance_needed)},
      {"warnings", notices(r.warnings)},
      {"steps", std::move(steps)},
      {"left_out", array_of(r.left_out,
                            [](const core::LeftOut& l) {
                              return bj::object{{"region", l.region},
                                                {"side", core::to_string(l.side)},
                                                {"reason", l.reason},
                                                {"why", why_json(l.why)}};
                            })},
      {"notes", notices(r.notes)},
  };
}

bj::value to_json(const core::ScreeningResult& s) {
  auto notices = [](const std::vector<core::Notice>& ns) {
    return array_of(ns, [](const core::Notice& n) { return to_json(n); });
  };
  bj::object out{
      {"may_roll", s.may_roll},
      {"stop", notices(s.stop)},
      {"clearance_needed", notices(s.clearance_needed)},
      {"cautions", notices(s.cautions)},
      {"blocked_regions", array_of(s.blocked_regions,
                                   [](const core::BlockedRegion& b) {
                                     bj::object o{{"region", b.region},
                                                  {"side", core::to_string(b.side)},
                                                  {"condition", b.condition},
                                                  {"reason", b.reason}};
                                     for (auto& [k, v] : citation(b.evidence)) o[k] = v;
                                     return o;
                                   })},
      {"blocked_tools", array_of(s.blocked_tools,
                                 [](const core::BlockedTool& b) {
                                   bj::object o{{"tool", b.tool},
                                                {"regions", strings(b.regions)},
                                                {"condition", b.condition},
                                                {"reason", b.reason}};
                                   for (auto& [k, v] : citation(b.evidence)) o[k] = v;
                                   return o;
                                 })},
      {"limits", array_of(s.limits,
                          [](const core::CautionLimit& l) {
                            bj::array forbid;
                            for (const auto& f : l.forbid) forbid.emplace_back(f.text());
                            bj::object o{{"condition", l.condition},
                                         {"regions", strings(l.regions)},
                                         {"forbid", std::move(forbid)},
                                         {"note", l.note}};
                            if (l.intensity_max) {
                              o["intensity_max"] = *l.intensity_max;
                            } else {
                              o["intensity_max"] = nullptr;
                            }
                            for (auto& [k, v] : citation(l.evidence)) o[k] = v;
                            return o;
                          })},
  };
  return out;
}

tl::expected<core::Profile, std::string> profile_from_input_json(const bj::value& v) {
  std::string error;
  core::Profile p;
  InputReader r(v, "", &error,
                {"conditions", "named_areas", "symptoms", "experience", "tools", "lifestyle", "aches", "updated_ms"});
  p.conditions = r.list("conditions");
  r.each("named_areas", [&](const bj::value& item, const std::string& path) {
    InputReader a(item, path, &error, {"condition", "region", "side"});
    p.named_areas.push_back({a.str("condition"), a.str("region"), a.enumeration("side", core::Side::kCentre)});
  });
  p.symptoms = r.list("symptoms");
  p.experience = r.enumeration("experience", core::Experience::kNew);
  p.tools = r.list("tools");
  p.lifestyle = r.list("lifestyle");
  r.each("aches", [&](const bj::value& item, const std::string& path) {
    InputReader a(item, path, &error, {"region", "side", "note"});
    p.aches.push_back({a.str("region"), a.enumeration("side", core::Side::kCentre), a.str("note")});
  });
  if (!error.empty()) return tl::unexpected(error);
  return p;
}

}  // namespace smr::json
