#pragma once
// JSON form of a live session (core/session_engine.h) for the HTTP API: cues, the view, the timeline, the
// engine's refusals; and the inputs a web player posts, parsed with errors that name the field.
// Format: docs/openapi.yaml (components Cue, SessionView, TimelineSegment, SessionInput) and docs/session.md
// ("The HTTP mapping").
//
// Times: every *_ms value is milliseconds on the session clock the caller gave the engine (the HTTP API starts
// each session's clock at 0, so they are offsets from the session start).

#include <string>
#include <vector>

#include <boost/json/value.hpp>
#include <tl/expected.hpp>

#include "core/session_engine.h"

namespace smr::json {

boost::json::value to_json(const core::Cue& c);
boost::json::value to_json(const core::StepView& s);
boost::json::value to_json(const core::SessionView& v);
boost::json::value to_json(const core::Refusal& r);
boost::json::value to_json(const core::ScheduledSegment& s);
// {"cues": [...], "records": N}: the records themselves go to the journal, not to the player.
boost::json::value to_json(const core::SessionUpdate& u);
// The segments as a JSON array, in order.
boost::json::value timeline_json(const std::vector<core::ScheduledSegment>& segments);

// A bad field: `field` is its JSON path ("check_in.intensity"), `message` says what was expected and what came.
struct FieldError {
  std::string field;
  std::string message;

  bool operator==(const FieldError&) const = default;
};

// {"intensity": 0..10, "quality": "pressure" | "ache" | ..., "note"?: string, "red_flag"?: id}, or "qualities":
// [a non-empty list of those] instead of "quality" when the person felt more than one (core::answer_with: the
// most serious leads). `path` prefixes the field names in errors ("" at the top). Unknown fields are refused.
tl::expected<core::CheckInAnswer, FieldError> check_in_from_json(const boost::json::value& v,
                                                                 const std::string& path = "");

// {"kind": "pause" | "resume" | "skip-phase" | "skip-step" | "extend" | "extend-hold" | "back" | "stop" |
//  "check-in" | "red-flag", ...}: a check-in carries "intensity", "quality" (or "qualities") and optionally "note" and
// "red_flag" at the top level; a red flag carries "red_flag" (a catalog id, not checked here). "extend" is
// the short spelling of "extend-hold". Unknown fields, and fields the kind does not take, are refused.
tl::expected<core::SessionInput, FieldError> session_input_from_json(const boost::json::value& v);

// The settings a player may choose: {"breaths_per_min"?: 2..20, "get_ready_s"?: 0..60, "check_in_s"?: 0..60}
// applied over `base`; field names in errors are prefixed with "settings.". Unknown fields are refused.
tl::expected<core::SessionSettings, FieldError> session_settings_from_json(const boost::json::value& v,
                                                                           core::SessionSettings base);

}  // namespace smr::json
