#include "json/request_json.h"

#include <charconv>

#include <boost/json.hpp>

#include "json/input_reader_internal.h"

namespace smr::json {

namespace bj = boost::json;
using detail::InputReader;

tl::expected<core::PlanRequest, core::Problem> plan_request_from_json(const bj::value& v) {
  core::Problem error;
  core::PlanRequest q;
  InputReader r(v, "", &error,
                {"goal", "minutes", "tools", "context", "activity", "focus", "get_ready_s", "check_in_s"},
                "the plan request");
  q.goal = r.enumeration("goal", core::Goal::kDailyMobility);
  q.minutes = static_cast<int>(r.integer("minutes", 10, core::kMinMinutes, core::kMaxMinutes));
  if (r.has("tools")) q.tools = r.list("tools");
  q.context = r.enumeration("context", core::Context::kFloor);
  q.activity = r.str("activity");
  q.get_ready_s = static_cast<int>(r.integer("get_ready_s", 10, 0, core::kMaxSessionOverhead_s));
  q.check_in_s = static_cast<int>(r.integer("check_in_s", 10, 0, core::kMaxSessionOverhead_s));
  r.each("focus", [&](const bj::value& item, const std::string& path) {
    InputReader f(item, path, &error, {"region", "side"});
    if (!f.require("region", "a region id, e.g. \"calves\"")) return;
    core::Focus focus;
    focus.region = f.str("region");
    const auto side = f.enumeration("side", core::Side::kCentre);
    if (side != core::Side::kCentre) focus.side = side;
    q.focus.push_back(std::move(focus));
  });
  if (!error.text.empty()) return tl::unexpected(error);
  return q;
}

tl::expected<SelfTestInput, core::Problem> self_test_input_from_json(const bj::value& v) {
  core::Problem error;
  SelfTestInput in;
  InputReader r(v, "", &error, {"test", "side", "value", "phase", "session"}, "the self-test");
  if (r.require("test", "a self-test id, e.g. \"knee-to-wall\"")) in.test = r.str("test");
  in.side = r.str("side");
  if (r.require("value", "the measured value: a number, or \"pass\" or \"fail\"")) {
    const auto* obj = v.if_object();
    const auto& value = obj->at("value");
    if (value.is_string()) {
      in.value = std::string(value.get_string());
    } else if (value.is_double()) {
      char text[64];
      const auto end = std::to_chars(text, text + sizeof text, value.get_double()).ptr;  // shortest: "9.5"
      in.value.assign(text, end);
    } else if (value.is_number()) {
      in.value = bj::serialize(value);
    } else {
      r.fail_at("value", "expected a number, or \"pass\" or \"fail\", got " + detail::kind_of(value));
    }
  }
  in.phase = r.str("phase");
  in.session = r.str("session");
  if (!error.text.empty()) return tl::unexpected(error);
  return in;
}

tl::expected<SorenessInput, core::Problem> soreness_input_from_json(const bj::value& v) {
  core::Problem error;
  SorenessInput in;
  InputReader r(v, "", &error, {"region", "rating", "side", "phase", "session"}, "the soreness rating");
  if (r.require("region", "a region id, e.g. \"calves\"")) in.region = r.str("region");
  if (r.require("rating", "how sore, a whole number from 0 (not at all) to 10")) {
    in.rating = static_cast<int>(r.integer("rating", 0, 0, 10));
  }
  in.side = r.str("side");
  if (r.has("phase")) in.phase = r.str("phase");
  in.session = r.str("session");
  if (!error.text.empty()) return tl::unexpected(error);
  return in;
}

tl::expected<std::optional<std::int64_t>, core::Problem> workout_input_from_json(const bj::value& v) {
  core::Problem error;
  InputReader r(v, "", &error, {"at_ms"}, "the workout");
  std::optional<std::int64_t> at;
  if (r.has("at_ms")) at = r.integer("at_ms", 0, 0);
  if (!error.text.empty()) return tl::unexpected(error);
  return at;
}

bj::value to_json(const AppSettings& s) {
  return bj::object{{"breaths_per_minute", s.breaths_per_minute}, {"voice", s.voice}, {"units", s.units}};
}

tl::expected<AppSettings, core::Problem> app_settings_from_json(const bj::value& v, const AppSettings& base) {
  core::Problem error;
  AppSettings s = base;
  InputReader r(v, "", &error, {"breaths_per_minute", "voice", "units"}, "the settings");
  s.breaths_per_minute = static_cast<int>(
      r.integer("breaths_per_minute", base.breaths_per_minute, kMinBreathsPerMinute, kMaxBreathsPerMinute));
  s.voice = r.boolean("voice", base.voice);
  if (r.has("units")) {
    s.units = r.str("units");
    if (error.text.empty() && s.units != "metric" && s.units != "imperial") {
      r.fail_at("units", "expected \"metric\" or \"imperial\", got \"" + s.units + "\"");
    }
  }
  if (!error.text.empty()) return tl::unexpected(error);
  return s;
}

}  // namespace smr::json
