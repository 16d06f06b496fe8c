#include "json/routine_read.h"

#include <initializer_list>
#include <optional>

#include <boost/json.hpp>

namespace smr::json {

namespace bj = boost::json;

namespace {

// Thrown inside this file only, with the message for the caller.
using Bad = core::Problem;  // thrown by the readers below, caught once in routine_from_json

std::string kind_of(const bj::value& v) {
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return v.as_bool() ? "true" : "false";
    case bj::kind::int64: return std::to_string(v.as_int64());
    case bj::kind::uint64: return std::to_string(v.as_uint64());
    case bj::kind::double_: return "a fraction";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

class Fields {
 public:
  Fields(const bj::value& v, std::string path, std::initializer_list<std::string_view> known) : path_(std::move(path)) {
    obj_ = v.if_object();
    if (obj_ == nullptr) {
      if (path_.empty()) throw Bad{"", "the plan: expected an object, got " + kind_of(v)};
      throw Bad{path_, "expected an object, got " + kind_of(v)};
    }
    for (const auto& kv : *obj_) {
      bool ok = false;
      for (const auto k : known) ok = ok || kv.key() == k;
      if (!ok) throw Bad{at(kv.key()), "unknown field"};
    }
  }

  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const bj::value* find(std::string_view key) const {
    const auto* v = obj_->if_contains(key);
    return v != nullptr && !v->is_null() ? v : nullptr;
  }
  const bj::value& need(std::string_view key) const {
    const auto* v = find(key);
    if (v == nullptr) throw Bad{at(key), "missing"};
    return *v;
  }

  std::string str(std::string_view key, bool required = true) const {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return {};
    if (!v->is_string()) throw Bad{at(key), "expected a string, got " + kind_of(*v)};
    return std::string(v->as_string());
  }

  int integer(std::string_view key, int lo, int hi, std::optional<int> fallback = std::nullopt) const {
    const auto* v = fallback ? find(key) : &need(key);
    if (v == nullptr) return *fallback;
    std::optional<std::int64_t> n;
    if (v->is_int64()) n = v->as_int64();
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
      n = static_cast<std::int64_t>(v->as_uint64());
    }
    if (!n || *n < lo || *n > hi) {
      throw Bad{at(key), "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " +
                             (v->is_string() ? "a string" : kind_of(*v))};
    }
    return static_cast<int>(*n);
  }

  bool boolean(std::string_view key) const {
    const auto* v = find(key);
    if (v == nullptr) return false;
    if (!v->is_bool()) throw Bad{at(key), "expected true or false, got " + kind_of(*v)};
    return v->as_bool();
  }

  template <typename E>
  E enumeration(std::string_view key) const {
    const std::string text = str(key);
    if (auto e = core::parse_enum<E>(text)) return *e;
    throw Bad{at(key), "expected " + core::enum_choices<E>() + ", got \"" + text + "\""};
  }

  const bj::array* array(std::string_view key, bool required) const {
    const auto* v = required ? &need(key) : find(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) throw Bad{at(key), "expected an array, got " + kind_of(*v)};
    return &v->as_array();
  }

  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> out;
    const auto* a = array(key, false);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) {
        throw Bad{at(key) + "[" + std::to_string(i) + "]", "expected a string, got " + kind_of((*a)[i])};
      }
      out.emplace_back((*a)[i].as_string());
    }
    return out;
  }

 private:
  const bj::object* obj_ = nullptr;
  std::string path_;
};

core::Why why_of(const bj::value& v, const std::string& path) {
  Fields f(v, path, {"fact", "rules", "sources"});
  return core::Why{f.strings("rules"), f.strings("sources"), f.str("fact", false)};
}

core::Notice notice_of(const bj::value& v, const std::string& path) {
  Fields f(v, path, {"id", "message", "rules", "sources"});
  return core::Notice{f.str("id", false), f.str("message"), core::Citation{f.strings("rules"), f.strings("sources")}};
}

std::vector<core::Notice> notices(const Fields& f, std::string_view key) {
  std::vector<core::Notice> out;
  if (const auto* a = f.array(key, false)) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      out.push_back(notice_of((*a)[i], f.at(key) + "[" + std::to_string(i) + "]"));
    }
  }
  return out;
}

core::RoutineStep step_of(const bj::value& v, const std::string& path) {
  Fields f(v, path,
           {"exercise", "region", "side", "tool", "position", "transition_s", "transition", "phases", "sets", "set_s",
            "total_s", "intensity_min", "intensity_target_max", "intensity_max", "pass_s", "move_reps", "move_cue",
            "extra", "why"});
  core::RoutineStep s;
  s.exercise = f.str("exercise");
  s.region = f.str("region");
  s.side = f.enumeration<core::Side>("side");
  s.tool = f.str("tool");
  s.position = f.find("position") != nullptr ? f.enumeration<core::Position>("position") : core::Position::kFloorBack;
  s.transition_s = f.integer("transition_s", 0, 600, 0);
  s.transition = f.str("transition", false);
  const auto* phases = f.array("phases", true);
  if (phases->empty()) throw Bad{f.at("phases"), "expected at least one phase"};
  for (std::size_t i = 0; i < phases->size(); ++i) {
    Fields p((*phases)[i], f.at("phases") + "[" + std::to_string(i) + "]", {"kind", "seconds"});
    s.phases.push_back({p.enumeration<core::PhaseKind>("kind"), p.integer("seconds", 0, 3600)});
  }
  s.sets = f.integer("sets", 1, 20);
  s.intensity_min = f.integer("intensity_min", 0, 10, 4);
  s.intensity_target_max = f.integer("intensity_target_max", 0, 10, 6);
  s.intensity_max = f.integer("intensity_max", 0, 10, 7);
  if (!(s.intensity_min <= s.intensity_target_max && s.intensity_target_max <= s.intensity_max)) {
    throw Bad{path, "expected intensity_min <= intensity_target_max <= intensity_max"};
  }
  s.pass_s = f.integer("pass_s", 1, 10, 3);
  s.move_reps = f.integer("move_reps", 0, 100, 0);
  s.move_cue = f.str("move_cue", false);
  s.extra = f.boolean("extra");
  if (const auto* why = f.array("why", false)) {
    for (std::size_t i = 0; i < why->size(); ++i) {
      s.why.push_back(why_of((*why)[i], f.at("why") + "[" + std::to_string(i) + "]"));
    }
  }
  return s;
}

}  // namespace

tl::expected<core::Routine, core::Problem> routine_from_json(std::string_view text) {
  boost::system::error_code ec;
  const bj::value v = bj::parse(text, ec);
  if (ec) return tl::unexpected(core::Problem{"", "not valid JSON (" + ec.message() + ")"});
  try {
    Fields f(v, "",
             {"goal", "budget_s", "total_s", "get_ready_s", "check_in_s", "breaths_per_minute", "clearance_needed",
              "warnings", "steps", "left_out", "notes", "context"});
    core::Routine r;
    r.goal = f.str("goal", false);
    r.budget_s = f.integer("budget_s", 0, 24 * 3600, 0);
    r.breaths_per_minute = f.integer("breaths_per_minute", 2, 20, 6);
    // A plan written before issue 16 has neither: the windows it was played with then.
    r.get_ready_s = f.integer("get_ready_s", 0, core::kMaxSessionOverhead_s, 10);
    r.check_in_s = f.integer("check_in_s", 0, core::kMaxSessionOverhead_s, 10);
    r.clearance_needed = notices(f, "clearance_needed");
    r.warnings = notices(f, "warnings");
    r.notes = notices(f, "notes");
    if (f.find("context") != nullptr) r.context = f.enumeration<core::Context>("context");
    const auto* steps = f.array("steps", true);
    for (std::size_t i = 0; i < steps->size(); ++i) {
      r.steps.push_back(step_of((*steps)[i], "steps[" + std::to_string(i) + "]"));
    }
    if (const auto* left = f.array("left_out", false)) {
      for (std::size_t i = 0; i < left->size(); ++i) {
        const std::string path = "left_out[" + std::to_string(i) + "]";
        Fields l((*left)[i], path, {"region", "side", "reason", "why"});
        core::LeftOut lo;
        lo.region = l.str("region");
        lo.side = l.enumeration<core::Side>("side");
        lo.reason = l.str("reason", false);
        if (const auto* w = l.find("why")) lo.why = why_of(*w, l.at("why"));
        r.left_out.push_back(std::move(lo));
      }
    }
    return r;
  } catch (const Bad& bad) {
    return tl::unexpected(bad);
  }
}

}  // namespace smr::json
