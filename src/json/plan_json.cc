#include "json/plan_json.h"

#include <set>

#include <boost/json.hpp>

#include "json/input_reader_internal.h"
#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

using detail::InputReader;
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

}  // namespace

bj::value to_json(const core::Notice& n) {
  return bj::object{{"id", n.id},
                    {"message", n.message},
                    {"rules", strings(n.evidence.rules)},
                    {"sources", strings(n.evidence.sources)}};
}

bj::value to_json(const std::vector<core::GateChange>& changes) {
  bj::array out;
  for (const auto& c : changes) {
    bj::array problems;
    for (const auto& p : c.problems) {
      problems.push_back(
          bj::object{{"rule", core::to_string(p.rule)}, {"reason", p.reason}, {"rules", strings(p.rules)}});
    }
    bj::object o{{"kind", core::to_string(c.kind)},
                 {"step", c.step},
                 {"region", c.region},
                 {"side", core::to_string(c.side)},
                 {"from_exercise", c.from_exercise},
                 {"from_tool", c.from_tool}};
    o["to_exercise"] = c.to_exercise.empty() ? bj::value(nullptr) : bj::value(c.to_exercise);
    o["to_tool"] = c.to_tool.empty() ? bj::value(nullptr) : bj::value(c.to_tool);
    if (c.kind == core::GateChangeKind::kIntensityLowered) {
      o["from_intensity_max"] = c.from_intensity_max;
      o["to_intensity_max"] = c.to_intensity_max;
    }
    o["problems"] = std::move(problems);
    o["rules"] = strings(c.rules);
    o["message"] = c.message;
    out.push_back(std::move(o));
  }
  return out;
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
      {"get_ready_s", r.get_ready_s},
      {"check_in_s", r.check_in_s},
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
      {"context", r.context ? bj::value(core::to_string(*r.context)) : bj::value(nullptr)},
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
                            bj::array positions;
                            for (const auto p : l.positions) positions.emplace_back(core::to_string(p));
                            bj::object o{{"condition", l.condition},
                                         {"regions", strings(l.regions)},
                                         {"forbid", std::move(forbid)},
                                         {"positions", std::move(positions)},
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

tl::expected<core::Profile, core::Problem> profile_from_input_json(const bj::value& v) {
  core::Problem error;
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
  if (!error.text.empty()) return tl::unexpected(error);
  return p;
}

}  // namespace smr::json
