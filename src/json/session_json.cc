#include "json/session_json.h"

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "core/enum_names.h"
#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

namespace {

// A JSON value as it appears in an error message (short: long values are cut).
std::string shown(const bj::value& v) {
  std::string text = bj::serialize(v);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

std::string_view sv(const bj::string& s) { return {s.data(), s.size()}; }

std::string join(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

tl::unexpected<FieldError> fail(std::string field, std::string message) {
  return tl::unexpected(FieldError{std::move(field), std::move(message)});
}

// The first key of `o` not in `allowed`, if any.
std::optional<std::string> unknown_key(const bj::object& o, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    bool ok = false;
    for (auto a : allowed) ok = ok || kv.key() == a;
    if (!ok) return std::string(kv.key());
  }
  return std::nullopt;
}

// A whole number from lo to hi at o[name]; nullopt when absent.
tl::expected<std::optional<int>, FieldError> whole(const bj::object& o, std::string_view name, const std::string& path,
                                                   int lo, int hi) {
  const auto* v = o.if_contains(name);
  if (!v) return std::optional<int>();
  const std::string field = join(path, name);
  const std::string expected =
      "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", got " + shown(*v);
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64()) {
    n = v->as_uint64() > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(v->as_uint64());
  } else if (v->is_double() && std::trunc(v->as_double()) == v->as_double() && std::abs(v->as_double()) < 1e15) {
    n = static_cast<std::int64_t>(v->as_double());
  } else {
    return fail(field, expected);
  }
  if (n < lo || n > hi) return fail(field, expected);
  return std::optional<int>(static_cast<int>(n));
}

// A string at o[name]; nullopt when absent.
tl::expected<std::optional<std::string>, FieldError> text(const bj::object& o, std::string_view name,
                                                          const std::string& path, std::size_t max_bytes) {
  const auto* v = o.if_contains(name);
  if (!v) return std::optional<std::string>();
  const std::string field = join(path, name);
  if (!v->is_string()) return fail(field, "expected a string, got " + shown(*v));
  if (v->as_string().size() > max_bytes) {
    return fail(field, "expected at most " + std::to_string(max_bytes) + " bytes, got " +
                           std::to_string(v->as_string().size()));
  }
  return std::optional<std::string>(std::string(v->as_string()));
}

constexpr std::size_t kMaxNoteBytes = 1000;
constexpr std::size_t kMaxIdBytes = 100;

// A step or set index, or null for -1 (not about a step, outside a set).
bj::value index_or_null(int index) { return index >= 0 ? bj::value(index) : bj::value(nullptr); }

// The view's current or next step (to_json(StepView)), or null when there is none.
bj::value step_or_null(const std::optional<core::StepView>& step) { return step ? to_json(*step) : bj::value(nullptr); }

// The breathing pacer's state in a hold or breathing phase.
bj::value breath_json(const core::BreathState& b) {
  return bj::object{{"phase", b.phase == core::BreathPhase::kInhale ? "inhale" : "exhale"},
                    {"breath", b.breath},
                    {"remaining_ms", b.remaining_ms},
                    {"progress", b.progress},
                    {"fill", b.fill}};
}

}  // namespace

bj::value to_json(const core::Cue& c) {
  bj::object o;
  o["kind"] = core::to_string(c.kind);
  o["at_ms"] = c.at_ms;
  o["step"] = index_or_null(c.step);
  o["text"] = c.text;
  o["say"] = c.say;
  o["chime"] = c.chime;
  o["rules"] = detail::strings(c.rules);
  return o;
}

bj::value to_json(const core::StepView& s) {
  return bj::object{{"index", s.index},    {"exercise", s.exercise},       {"exercise_name", s.exercise_name},
                    {"region", s.region},  {"region_name", s.region_name}, {"side", core::to_string(s.side)},
                    {"tool", s.tool},      {"tool_name", s.tool_name},     {"sets", s.sets},
                    {"lighter", s.lighter}};
}

bj::value to_json(const core::SessionView& v) {
  bj::object o;
  o["state"] = core::to_string(v.state);
  if (v.state == core::SessionState::kPaused) {
    o["resumes_to"] = core::to_string(v.resumes_to);
  } else {
    o["resumes_to"] = nullptr;
  }
  o["segment"] = core::to_string(v.segment);
  o["step"] = step_or_null(v.step);
  o["next"] = step_or_null(v.next);
  o["steps"] = v.steps;
  o["set"] = index_or_null(v.set);
  o["segment_ms"] = v.segment_ms;
  o["elapsed_ms"] = v.elapsed_ms;
  o["remaining_ms"] = v.remaining_ms;
  o["progress"] = v.progress;
  o["breath"] = v.breath ? breath_json(*v.breath) : bj::value(nullptr);
  o["rep"] = v.rep;
  o["reps"] = v.reps;
  o["pass"] = v.pass;
  o["text"] = v.text;
  o["session_elapsed_ms"] = v.session_elapsed_ms;
  o["session_remaining_ms"] = v.session_remaining_ms;
  o["paused_ms"] = v.paused_ms;
  o["skipped_regions"] = detail::strings(v.skipped_regions);
  return o;
}

bj::value to_json(const core::Refusal& r) {
  return bj::object{{"code", core::to_string(r.code)}, {"message", r.message}};
}

bj::value to_json(const core::ScheduledSegment& s) {
  bj::object o;
  o["kind"] = core::to_string(s.segment.kind);
  o["step"] = index_or_null(s.segment.step);
  o["set"] = index_or_null(s.segment.set);
  o["start_ms"] = s.start_ms;
  o["end_ms"] = s.end_ms;
  return o;
}

bj::value to_json(const core::SessionUpdate& u) {
  bj::array cues;
  cues.reserve(u.cues.size());
  for (const auto& c : u.cues) cues.push_back(to_json(c));
  return bj::object{{"cues", std::move(cues)}, {"records", u.records.size()}};
}

bj::value timeline_json(const std::vector<core::ScheduledSegment>& segments) {
  bj::array out;
  out.reserve(segments.size());
  for (const auto& s : segments) {
    if (s.segment.skipped) continue;  // never played
    out.push_back(to_json(s));
  }
  return out;
}

tl::expected<core::CheckInAnswer, FieldError> check_in_from_json(const bj::value& v, const std::string& path) {
  const auto* o = v.if_object();
  if (!o) return fail(path.empty() ? "check_in" : path, "expected an object, got " + shown(v));
  if (auto k = unknown_key(*o, {"intensity", "quality", "qualities", "note", "red_flag"})) {
    return fail(join(path, *k), "unknown field; a check-in has intensity, quality (or qualities), note and red_flag");
  }
  auto intensity = whole(*o, "intensity", path, 0, 10);
  if (!intensity) return tl::unexpected(intensity.error());
  if (!*intensity) return fail(join(path, "intensity"), "missing; expected a whole number from 0 to 10");
  // One quality ("quality") or several ("qualities", the person felt more than one): the rules act on the most
  // serious (core::lead_quality), the others are recorded beside it.
  const auto* q = o->if_contains("quality");
  const auto* qs = o->if_contains("qualities");
  if (q && qs) return fail(join(path, "qualities"), "give quality or qualities, not both");
  if (!q && !qs) return fail(join(path, "quality"), "missing; expected " + core::enum_choices<core::Quality>());
  std::vector<core::Quality> felt;
  if (q) {
    const auto quality = q->is_string() ? core::parse_enum<core::Quality>(sv(q->as_string())) : std::nullopt;
    if (!quality) {
      return fail(join(path, "quality"), "expected " + core::enum_choices<core::Quality>() + ", got " + shown(*q));
    }
    felt.push_back(*quality);
  } else {
    const auto* list = qs->if_array();
    if (!list || list->empty()) {
      return fail(join(path, "qualities"),
                  "expected a non-empty list of " + core::enum_choices<core::Quality>() + ", got " + shown(*qs));
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& item = (*list)[i];
      const auto quality = item.is_string() ? core::parse_enum<core::Quality>(sv(item.as_string())) : std::nullopt;
      if (!quality) {
        return fail(join(path, "qualities") + "[" + std::to_string(i) + "]",
                    "expected " + core::enum_choices<core::Quality>() + ", got " + shown(item));
      }
      felt.push_back(*quality);
    }
  }
  core::CheckInAnswer a = core::answer_with(**intensity, felt);
  auto note = text(*o, "note", path, kMaxNoteBytes);
  if (!note) return tl::unexpected(note.error());
  if (*note) a.note = std::move(**note);
  auto flag = text(*o, "red_flag", path, kMaxIdBytes);
  if (!flag) return tl::unexpected(flag.error());
  if (*flag) a.red_flag = std::move(**flag);
  return a;
}

tl::expected<core::SessionInput, FieldError> session_input_from_json(const bj::value& v) {
  const auto* o = v.if_object();
  if (!o) return fail("", "expected a JSON object with a \"kind\", got " + shown(v));
  const auto* k = o->if_contains("kind");
  const std::string choices =
      "\"pause\", \"resume\", \"skip-phase\", \"skip-step\", \"extend\", \"back\", \"stop\", "
      "\"check-in\" or \"red-flag\"";
  if (!k) return fail("kind", "missing; expected " + choices);
  std::optional<core::InputKind> kind;
  if (k->is_string()) {
    const auto name = sv(k->as_string());
    kind = name == "extend" ? core::InputKind::kExtendHold : core::parse_enum<core::InputKind>(name);
  }
  if (!kind) return fail("kind", "expected " + choices + ", got " + shown(*k));
  core::SessionInput input;
  input.kind = *kind;
  switch (*kind) {
    case core::InputKind::kCheckIn: {
      bj::object answer;
      for (const auto& kv : *o) {
        if (kv.key() != "kind") answer.emplace(kv.key(), kv.value());
      }
      auto a = check_in_from_json(answer);
      if (!a) return tl::unexpected(a.error());
      input.check_in = std::move(*a);
      return input;
    }
    case core::InputKind::kRedFlag: {
      if (auto u = unknown_key(*o, {"kind", "red_flag"})) {
        return fail(*u, "unknown field; a red flag has kind and red_flag");
      }
      auto flag = text(*o, "red_flag", "", kMaxIdBytes);
      if (!flag) return tl::unexpected(flag.error());
      if (!*flag || (*flag)->empty()) {
        return fail("red_flag", "missing; expected the id of a catalog red flag (a warning sign)");
      }
      input.red_flag = std::move(**flag);
      return input;
    }
    default:
      if (auto u = unknown_key(*o, {"kind"})) {
        return fail(*u, "unknown field; \"" + std::string(sv(k->as_string())) + "\" takes no other field");
      }
      return input;
  }
}

tl::expected<core::SessionSettings, FieldError> session_settings_from_json(const bj::value& v,
                                                                           core::SessionSettings base) {
  const auto* o = v.if_object();
  if (!o) return fail("settings", "expected an object, got " + shown(v));
  if (auto k = unknown_key(*o, {"breaths_per_min", "get_ready_s", "check_in_s"})) {
    return fail("settings." + *k, "unknown field; settings are breaths_per_min, get_ready_s and check_in_s");
  }
  auto breaths = whole(*o, "breaths_per_min", "settings", 2, 20);
  if (!breaths) return tl::unexpected(breaths.error());
  if (*breaths) base.breaths_per_minute = **breaths;
  auto get_ready = whole(*o, "get_ready_s", "settings", 0, 60);
  if (!get_ready) return tl::unexpected(get_ready.error());
  if (*get_ready) base.get_ready_s = **get_ready;
  auto check_in = whole(*o, "check_in_s", "settings", 0, 60);
  if (!check_in) return tl::unexpected(check_in.error());
  if (*check_in) base.check_in_s = **check_in;
  return base;
}

}  // namespace smr::json
