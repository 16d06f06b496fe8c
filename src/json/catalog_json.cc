#include "json/catalog_json.h"

#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

using detail::strings;

template <typename E>
bj::array enum_strings(const std::vector<E>& items) {
  bj::array out;
  for (const auto e : items) out.emplace_back(core::to_string(e));
  return out;
}

bj::array selectors(const std::vector<core::ToolSelector>& items) {
  bj::array out;
  for (const auto& s : items) out.emplace_back(s.text());
  return out;
}

template <typename T>
void set_optional(bj::object& o, const char* key, const std::optional<T>& v) {
  if (v) o[key] = *v;
}

}  // namespace

bj::value to_json(const core::Citation& c) {
  return bj::object{{"rules", strings(c.rules)}, {"sources", strings(c.sources)}};
}

bj::value to_json(const core::Shape& s) {
  bj::object o{{"view", core::to_string(s.view)}};
  if (s.is_polygon()) {
    bj::array pts;
    for (const auto& p : s.points) pts.push_back(bj::array{p.x, p.y});
    o["points"] = std::move(pts);
  } else {
    o["cx"] = s.centre.x;
    o["cy"] = s.centre.y;
    o["rx"] = s.rx;
    o["ry"] = s.ry;
  }
  return o;
}

bj::value to_json(const core::Region& r) {
  bj::array never_roll;
  for (const auto& nr : r.never_roll) {
    never_roll.push_back(bj::object{{"zone", nr.zone}, {"forbid", selectors(nr.forbid)}});
  }
  return bj::object{{"id", r.id},
                    {"name", r.name},
                    {"group", core::to_string(r.group)},
                    {"laterality", core::to_string(r.laterality)},
                    {"aliases", strings(r.aliases)},
                    {"description", r.description},
                    {"lines", strings(r.lines)},
                    {"map", to_json_array(r.map)},
                    {"never_roll", std::move(never_roll)}};
}

bj::value to_json(const core::Zone& z) {
  return bj::object{
      {"id", z.id}, {"name", z.name}, {"why", z.why}, {"map", to_json_array(z.map)}, {"evidence", to_json(z.evidence)}};
}

bj::value to_json(const core::MyofascialLine& l) {
  return bj::object{{"id", l.id},
                    {"name", l.name},
                    {"support", core::to_string(l.support)},
                    {"path", l.path},
                    {"sources", strings(l.sources)}};
}

bj::value to_json(const core::Tool& t) {
  return bj::object{{"id", t.id},
                    {"name", t.name},
                    {"kind", core::to_string(t.kind)},
                    {"density", core::to_string(t.density)},
                    {"texture", core::to_string(t.texture)},
                    {"vibration", t.vibration},
                    {"diameter_cm", t.diameter_cm},
                    {"contact", core::to_string(t.contact)},
                    {"suits", strings(t.suits)},
                    {"description", t.description},
                    {"evidence", to_json(t.evidence)}};
}

bj::value to_json(const core::Technique& t) {
  bj::object o{{"id", t.id}, {"name", t.name}, {"summary", t.summary}, {"how", strings(t.how)}};
  set_optional(o, "default_s", t.default_s);
  set_optional(o, "min_s", t.min_s);
  set_optional(o, "max_s", t.max_s);
  set_optional(o, "pass_s_min", t.pass_s_min);
  set_optional(o, "pass_s_max", t.pass_s_max);
  set_optional(o, "breaths_per_min", t.breaths_per_min);
  set_optional(o, "breaths_per_min_min", t.breaths_per_min_min);
  set_optional(o, "breaths_per_min_max", t.breaths_per_min_max);
  o["evidence"] = to_json(t.evidence);
  return o;
}

bj::value to_json(const core::Exercise& x) {
  bj::object dose{{"sets", x.dose.sets}, {"set_s", x.dose.set_s}, {"total_s", x.dose.total_s()}};
  set_optional(dose, "hold_s", x.dose.hold_s);
  set_optional(dose, "pass_s", x.dose.pass_s);
  bj::object o{{"id", x.id},
               {"name", x.name},
               {"region", x.region},
               {"tools", strings(x.tools)},
               {"position", core::to_string(x.position)},
               {"level", core::to_string(x.level)},
               {"contexts", enum_strings(x.contexts)},
               {"hands_free", x.hands_free},
               {"summary", x.summary},
               {"steps", strings(x.steps)},
               {"cues", strings(x.cues)},
               {"mistakes", strings(x.mistakes)},
               {"lighter", x.lighter},
               {"stronger", x.stronger},
               {"techniques", strings(x.techniques)},
               {"dose", std::move(dose)}};
  if (x.move) o["move"] = bj::object{{"reps", x.move->reps}, {"cue", x.move->cue}};
  o["unsafe_for"] = strings(x.unsafe_for);
  o["evidence"] = to_json(x.evidence);
  return o;
}

bj::value to_json(const core::Condition& c) {
  bj::array limits;
  for (const auto& l : c.limits) {
    bj::array positions;
    for (const auto p : l.positions) positions.emplace_back(core::to_string(p));
    bj::object lo{
        {"regions", strings(l.regions)}, {"forbid", selectors(l.forbid)}, {"positions", std::move(positions)}};
    set_optional(lo, "intensity_max", l.intensity_max);
    lo["note"] = l.note;
    limits.push_back(std::move(lo));
  }
  return bj::object{{"id", c.id},
                    {"name", c.name},
                    {"question", c.question.empty() ? c.name + "?" : c.question},
                    {"effect", core::to_string(c.effect)},
                    {"message", c.message},
                    {"block_regions", strings(c.block_regions)},
                    {"block_named_area", c.block_named_area},
                    {"limits", std::move(limits)},
                    {"evidence", to_json(c.evidence)}};
}

bj::value to_json(const core::RedFlag& f) {
  return bj::object{{"id", f.id},
                    {"question", f.question},
                    {"urgency", core::to_string(f.urgency)},
                    {"message", f.message},
                    {"evidence", to_json(f.evidence)}};
}

bj::value to_json(const core::LifestyleFactor& f) {
  bj::array regions;
  for (const auto& r : f.regions) regions.push_back(bj::object{{"region", r.region}, {"weight", r.weight}});
  return bj::object{{"id", f.id},
                    {"name", f.name},
                    {"question", f.question},
                    {"activity", f.activity},
                    {"model", f.model},
                    {"regions", std::move(regions)},
                    {"evidence", to_json(f.evidence)}};
}

bj::value to_json(const core::Rule& r) {
  return bj::object{{"id", r.id}, {"summary", r.summary}, {"level", r.level}, {"sources", strings(r.sources)}};
}

bj::value to_json(const core::Reference& r) {
  bj::object o{{"id", r.id}, {"citation", r.citation}};
  if (!r.note.empty()) o["note"] = r.note;
  return o;
}

bj::value to_json(const core::SearchHit& h) {
  return bj::object{{"kind", core::to_string(h.kind)}, {"id", h.id}, {"name", h.name}, {"score", h.score}};
}

}  // namespace smr::json
