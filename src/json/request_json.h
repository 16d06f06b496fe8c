#pragma once
// Requests the HTTP API reads from JSON bodies (the CLI reads the same things from flags): a plan request, a
// self-test value and the app's settings. Like profile_from_input_json: missing fields keep their defaults,
// unknown fields are refused, and an error is "JSON.path: what was wrong; what would be right", e.g.
// `focus[1].side: expected "left", "right" or "centre", got "up"`. Ids are not checked here (the core's
// *_problems functions and the services do that). Format: docs/openapi.yaml.

#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "core/planner.h"
#include "core/problem.h"

namespace smr::json {

// {goal, minutes, tools, context, activity, focus: [{region, side}], get_ready_s, check_in_s}: what `smr plan`'s
// flags say. `tools` absent or null: the profile's tools. get_ready_s and check_in_s (0-60, default 10): the
// player's countdown and check-in window, which the plan fits inside the minutes (the phone asks 20 s).
tl::expected<core::PlanRequest, core::Problem> plan_request_from_json(const boost::json::value& v);

// One self-test record as `smr test ID --value V [--side S] [--phase P] [--session UID]` gives it.
struct SelfTestInput {
  std::string test;
  std::string side;     // "" (a test for both sides together), "left" or "right"
  std::string value;    // as typed: a number, "pass" or "fail" (checked by core::parse_test_value)
  std::string phase;    // "" = baseline until the side has one, then check
  std::string session;  // a session uid, a unique prefix, "last" or ""
};
// {test, side, value, phase, session}: `test` and `value` required; `value` a number or a string.
tl::expected<SelfTestInput, core::Problem> self_test_input_from_json(const boost::json::value& v);

// One soreness rating as `smr soreness REGION RATING [--side S] [--phase P] [--session UID]` gives it.
struct SorenessInput {
  std::string region;
  std::string side;  // "" (a midline region), "left" or "right"
  int rating = 0;    // 0-10
  std::string phase = "check";
  std::string session;
};
// {region, rating, side, phase, session}: `region` and `rating` (a whole number 0-10) required.
tl::expected<SorenessInput, core::Problem> soreness_input_from_json(const boost::json::value& v);

// A workout: {at_ms} (Unix ms; absent: now).
tl::expected<std::optional<std::int64_t>, core::Problem> workout_input_from_json(const boost::json::value& v);

// The app's settings (one stored JSON object, key kAppSettingsKey).
struct AppSettings {
  int breaths_per_minute = 6;    // the breathing pace, kMinBreathsPerMinute..kMaxBreathsPerMinute
  bool voice = true;             // spoken cues on or off
  std::string units = "metric";  // "metric" (cm) or "imperial" (in)

  bool operator==(const AppSettings&) const = default;
};
inline constexpr const char* kAppSettingsKey = "app.settings";
inline constexpr int kMinBreathsPerMinute = 4;  // slow breathing (R13)
inline constexpr int kMaxBreathsPerMinute = 10;

boost::json::value to_json(const AppSettings& s);
// Fields absent from `v` keep their values in `base` (a PUT may send only what changes).
tl::expected<AppSettings, core::Problem> app_settings_from_json(const boost::json::value& v, const AppSettings& base);

}  // namespace smr::json
