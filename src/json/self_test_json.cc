#include "json/self_test_json.h"

#include <sstream>

#include "json/catalog_json.h"
#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

template <typename T>
bj::value or_null(const std::optional<T>& v) {
  return v ? bj::value(*v) : bj::value(nullptr);
}

// "S44 S45" -> ["S44", "S45"]
bj::array ids(std::string_view text) {
  bj::array out;
  std::istringstream in{std::string(text)};
  for (std::string id; in >> id;) out.emplace_back(id);
  return out;
}

}  // namespace

bj::value to_json(const core::SelfTest& t) {
  return bj::object{{"uid", t.uid},   {"person_id", t.person_id},        {"at_ms", t.at_ms},
                    {"test", t.test}, {"side", core::to_string(t.side)}, {"value", t.value},
                    {"unit", t.unit}, {"session_uid", t.session_uid},    {"phase", t.phase}};
}

bj::value to_json(const core::SelfTestProgress& p, bj::storage_ptr sp) {
  const auto or_null_in = [&](const std::optional<double>& v) {
    return v ? bj::value(*v, sp) : bj::value(nullptr, sp);
  };
  bj::array trials(sp);
  for (const double v : p.baseline_trials) trials.emplace_back(v);
  bj::array sessions(sp);
  sessions.reserve(p.sessions.size());
  for (const auto& s : p.sessions) {
    sessions.push_back(bj::object({{"session_uid", s.session_uid},
                                   {"at_ms", s.at_ms},
                                   {"before", s.before},
                                   {"after", s.after},
                                   {"change", s.change},
                                   {"verdict", core::to_string(s.verdict)}},
                                  sp));
  }
  bj::array history(sp);
  history.reserve(p.history.size());
  for (const auto& h : p.history) {
    history.push_back(
        bj::object({{"at_ms", h.at_ms}, {"value", h.value}, {"phase", h.phase}, {"session_uid", h.session_uid}}, sp));
  }
  return bj::object({{"test", p.test},
                     {"side", core::to_string(p.side)},
                     {"unit", p.unit},
                     {"smallest_real_change", p.smallest_real_change},
                     {"baseline_trials", std::move(trials)},
                     {"baseline", or_null_in(p.baseline)},
                     {"latest", or_null_in(p.latest)},
                     {"latest_at_ms", p.latest ? bj::value(p.latest_at_ms, sp) : bj::value(nullptr, sp)},
                     {"change", or_null_in(p.change)},
                     {"verdict", core::to_string(p.verdict)},
                     {"sessions", std::move(sessions)},
                     {"history", std::move(history)}},
                    sp);
}

bj::value to_json(const core::SelfTestGuide& g) {
  const auto src = core::smallest_real_change(g.id);
  const auto citation = to_json(g.evidence).as_object();
  return bj::object{{"id", g.id},
                    {"name", g.name},
                    {"measures", g.measures},
                    {"unit", core::to_string(g.unit)},
                    {"laterality", core::to_string(g.laterality)},
                    {"min_value", g.min_value},
                    {"max_value", g.max_value},
                    {"setup", g.setup},
                    {"steps", detail::strings(g.steps)},
                    {"reading", g.reading},
                    {"mistakes", detail::strings(g.mistakes)},
                    {"rules", citation.at("rules")},
                    {"sources", citation.at("sources")},
                    {"smallest_real_change", src ? bj::value(src->value) : bj::value(nullptr)},
                    {"smallest_real_change_sources", src ? bj::value(ids(src->sources)) : bj::value(bj::array{})}};
}

}  // namespace smr::json
