#pragma once
// The real-time loop that plays a LiveSession: sleeps until the engine's next deadline, a frame or an input
// (ppoll on the input's file descriptor, nanosecond timeouts: no busy loop), then ticks or applies, and hands
// the cues and a fresh view to a face (the ncurses screen, plain text lines, or a benchmark's probe).
//
// Session time runs `speed` times faster than the monotonic clock and starts at 0 when the loop starts the
// session. Interactive faces get the measured time; with a script, every tick and input happens at exactly
// its due time (the clock only paces it), so a scripted run records the same session every time.

#include <chrono>
#include <csignal>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "cli/session_script.h"
#include "core/session_engine.h"
#include "service/session_service.h"

namespace smr::cli {

class SessionFace {
 public:
  virtual ~SessionFace() = default;
  // Cues that fell due, in order (each stamped with its due session time; `session_now` is when they are
  // delivered).
  virtual void cues(const std::vector<core::Cue>& cues, core::MonoMillis session_now) = 0;
  // Called after every change and at least every LoopOptions::frame_ms while the session runs.
  virtual void render(const core::SessionView& view) = 0;
  // The engine refused an input (e.g. "Nothing to resume"): show it.
  virtual void refused(const core::Refusal& refusal) = 0;
  // The number of records not in the journal yet changed (it is busy: another program is writing to it, e.g. an
  // import); 0 when they are all saved again. They are kept and written in order (service/session_service.h).
  virtual void unsaved(std::size_t count) { (void)count; }
  // The descriptor to wait on for input, or -1 for none.
  virtual int input_fd() const { return -1; }
  // Reads what is pending on input_fd() (called when it is readable) and returns the inputs it makes, in order.
  virtual std::vector<core::SessionInput> read_input(const core::SessionView& view) {
    (void)view;
    return {};
  }
};

struct LoopOptions {
  double speed = 1.0;                 // session ms per real ms
  std::optional<int> frame_ms = 100;  // real ms between renders while nothing else happens; nullopt: only on changes
  std::vector<ScriptLine> script;     // timed inputs; with a script, ticks happen at their due times exactly
  bool script_mode = false;
  // Set by the caller's SIGINT/SIGTERM handler to the signal's number (0 while none): the loop then stops the
  // session (reason "user" for SIGINT, "terminated" for SIGTERM), records it and returns. While the loop runs,
  // those two signals are blocked but during its waits (ppoll's mask), so none is missed.
  const volatile std::sig_atomic_t* signalled = nullptr;
  // play_live(): resume the session first (it was taken over after an interruption, paused).
  bool resume = false;
};

// The reason a session stopped by `signal` records: "user" (SIGINT, Ctrl+C) or "terminated".
std::string_view stop_reason(int signal);

// Plays a session started by service::start_session (which passed it through the safety gate) to the end.
// Returns the LiveSession (ended, or still active when a store write failed: then the error).
store::Result<std::unique_ptr<service::LiveSession>> play_session(std::unique_ptr<service::LiveSession> started,
                                                                  SessionFace& face, const LoopOptions& options);

// Plays a session already started (or taken over: LiveSession::take_over) to the end, from session time
// `from` (script times count from there). A store failure is the error.
store::Status play_live(service::LiveSession& live, core::MonoMillis from, SessionFace& face,
                        const LoopOptions& options);

}  // namespace smr::cli
