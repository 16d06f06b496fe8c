#pragma once
// `smr roll --script FILE`: timed inputs for demos and tests, one per line.
//
//   # comment; blank lines are ignored
//   <seconds> <input> [arguments]
//
// <seconds> is session time since the start (a decimal, e.g. 12 or 12.5; the clock runs --speed times
// faster than real time); lines must be in time order. Inputs:
//   pause | resume | skip-phase | skip-step | extend | back | stop
//   check-in <0-10> [quality]     quality: pressure (default), ache, good-hurt, sharp, burning, stinging,
//                                 stabbing, radiating, numb, tingling; several pain kinds felt at once are
//                                 joined with "+" (burning+stabbing): see pain_check_in
//   red-flag <red-flag id>        e.g. calf-swelling (see `smr catalog show`)
//
// The session runs until it finishes or a `stop`; inputs after the end are refused with a message.

#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/session_engine.h"

namespace smr::cli {

struct ScriptLine {
  core::MonoMillis at_ms = 0;  // session time
  core::SessionInput input;
  int line = 0;  // 1-based, for messages

  bool operator==(const ScriptLine&) const = default;
};

// A check-in of pain felt as one or several kinds at once (issue 11: burning and stabbing). The engine takes
// one quality: the answer's quality is the first nerve-like kind given (numb, tingling or radiating, after
// which the coach offers only the same or a gentler tool), else the first kind; the other kinds are kept in
// the check-in's note ("also stabbing"), so the journal holds all of them. `kinds` must not be empty.
core::CheckInAnswer pain_check_in(int intensity, const std::vector<core::Quality>& kinds);

// Parses the whole script; the error names the line and what would be right
// ("line 3: \"chek-in\" is not an input; use pause, resume, ...").
tl::expected<std::vector<ScriptLine>, std::string> parse_session_script(std::string_view text);

}  // namespace smr::cli
