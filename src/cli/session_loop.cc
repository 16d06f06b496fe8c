#include "cli/session_loop.h"

#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <ctime>

namespace smr::cli {

namespace {

using Clock = std::chrono::steady_clock;

// Session time <-> real time at `speed`.
class SessionClock {
 public:
  SessionClock(double speed, core::MonoMillis from) : speed_(speed), from_(from), origin_(Clock::now()) {}

  core::MonoMillis now() const {
    const double real_ms = std::chrono::duration<double, std::milli>(Clock::now() - origin_).count();
    return from_ + static_cast<core::MonoMillis>(std::floor(real_ms * speed_));
  }
  // The real instant at which session time reaches `at` (rounded up to the nanosecond).
  Clock::time_point real_at(core::MonoMillis at) const {
    const double real_ns = std::ceil(static_cast<double>(at - from_) * 1e6 / speed_);
    return origin_ + std::chrono::nanoseconds(static_cast<std::int64_t>(real_ns));
  }

 private:
  double speed_;
  core::MonoMillis from_;
  Clock::time_point origin_;
};

// Waits until `until` or until `fd` is readable; true when it is readable. `mask`: the signal mask during the
// wait (nullptr: the current one); a signal caught meanwhile ends the wait when `signalled` is set.
bool wait_for(int fd, std::optional<Clock::time_point> until, const sigset_t* mask,
              const volatile std::sig_atomic_t* signalled) {
  for (;;) {
    timespec timeout{};
    timespec* timeout_ptr = nullptr;
    if (until) {
      const auto left = *until - Clock::now();
      if (left <= Clock::duration::zero()) return false;
      const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
      timeout.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
      timeout.tv_nsec = static_cast<long>(ns % 1'000'000'000);
      timeout_ptr = &timeout;
    }
    pollfd p{fd, POLLIN, 0};
    const int n = ppoll(fd >= 0 ? &p : nullptr, fd >= 0 ? 1 : 0, timeout_ptr, mask);
    if (n > 0) return true;
    if (n == 0) {
      if (!until || Clock::now() >= *until) return false;
      continue;  // woke a hair early
    }
    if (errno != EINTR || (signalled != nullptr && *signalled != 0)) return false;
  }
}

// Blocks SIGINT and SIGTERM while a session plays (they are let through only during the waits), and unblocks
// them when it goes.
class SignalBlock {
 public:
  explicit SignalBlock(bool on) : on_(on) {
    if (!on_) return;
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &restore_);
    during_waits_ = restore_;
    sigdelset(&during_waits_, SIGINT);
    sigdelset(&during_waits_, SIGTERM);
  }
  ~SignalBlock() {
    if (on_) sigprocmask(SIG_SETMASK, &restore_, nullptr);
  }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;
  const sigset_t* wait_mask() const { return on_ ? &during_waits_ : nullptr; }

 private:
  bool on_;
  sigset_t during_waits_{};
  sigset_t restore_{};
};

}  // namespace

// How long the end of a session waits for a busy journal to take the records it delayed.
constexpr std::chrono::minutes kSaveWait{2};

std::string_view stop_reason(int signal) { return signal == SIGINT ? "user" : "terminated"; }

store::Result<std::unique_ptr<service::LiveSession>> play_session(std::unique_ptr<service::LiveSession> started,
                                                                  SessionFace& face, const LoopOptions& options) {
  if (auto played = play_live(*started, 0, face, options); !played) return tl::unexpected(played.error());
  return started;
}

store::Status play_live(service::LiveSession& live, core::MonoMillis from, SessionFace& face,
                        const LoopOptions& options) {
  const SignalBlock signals(options.signalled != nullptr);
  const SessionClock clock(options.speed, from);
  core::MonoMillis last = from;  // the latest session time given to the engine
  std::size_t next_input = 0;
  std::optional<store::Error> failure;

  // The face gets the cues before the records are written (no fsync between a deadline and its cue), then
  // the refusal if any and a fresh frame.
  core::MonoMillis sink_at = from;
  const service::CueSink sink = [&](const std::vector<core::Cue>& cues) { face.cues(cues, sink_at); };
  std::size_t unsaved = 0;  // what the face was last told
  auto tell_unsaved = [&](std::size_t now_unsaved) {
    if (now_unsaved != unsaved && (now_unsaved == 0 || unsaved == 0)) face.unsaved(now_unsaved);
    unsaved = now_unsaved;
  };
  auto deliver = [&](store::Result<service::SessionStep> step, core::MonoMillis at) {
    if (!step) {
      failure = step.error();
      return;
    }
    tell_unsaved(step->unsaved);
    if (step->refused) face.refused(*step->refused);
    face.render(live.engine().view(at));
  };
  {
    auto start = live.take_start_cues();  // get-ready, or where an interrupted session was
    if (!start.cues.empty()) face.cues(start.cues, from);
    deliver(std::move(start), from);
  }
  if (options.resume && !live.ended() && !failure) {
    core::SessionInput resume;
    resume.kind = core::InputKind::kResume;
    deliver(live.apply(from, resume, sink), from);
  }
  while (!live.ended() && !failure) {
    if (options.signalled != nullptr && *options.signalled != 0) {
      const core::MonoMillis now = options.script_mode ? last : std::max(last, clock.now());
      auto stopped = live.stop(now, stop_reason(*options.signalled));
      if (stopped && !stopped->cues.empty()) face.cues(stopped->cues, now);
      deliver(std::move(stopped), now);
      break;
    }
    const auto deadline = live.engine().next_deadline();
    std::optional<core::MonoMillis> script_at;
    if (next_input < options.script.size()) script_at = std::max(from + options.script[next_input].at_ms, last);
    // The next session time something must happen at.
    std::optional<core::MonoMillis> due = deadline;
    if (script_at && (!due || *script_at <= *due)) due = script_at;
    std::optional<Clock::time_point> wake;
    if (due) wake = clock.real_at(*due);
    if (options.frame_ms && !options.script_mode) {
      const auto frame = Clock::now() + std::chrono::milliseconds(*options.frame_ms);
      if (!wake || frame < *wake) wake = frame;
    }
    if (!due && !wake && face.input_fd() < 0) break;  // nothing can ever happen (paused with no input)

    const bool readable = wait_for(face.input_fd(), wake, signals.wait_mask(), options.signalled);
    if (options.signalled != nullptr && *options.signalled != 0) continue;  // stopped at the top
    if (options.script_mode) {
      // Virtual time paced by the clock: act exactly at the due time.
      if (!due) break;
      if (Clock::now() < clock.real_at(*due)) continue;  // woken early (a signal): wait again
      const core::MonoMillis at = *due;
      last = std::max(last, at);
      if (script_at && *script_at == at) {
        sink_at = at;
        deliver(live.tick(at, sink), at);
        if (failure || live.ended()) break;
        deliver(live.apply(at, options.script[next_input].input, sink), at);
        ++next_input;
      } else {
        sink_at = at;
        deliver(live.tick(at, sink), at);
      }
      continue;
    }
    const core::MonoMillis now = std::max(last, clock.now());
    last = now;
    sink_at = now;
    if (readable) {
      const auto view = live.engine().view(now);
      for (const auto& input : face.read_input(view)) {
        deliver(live.apply(now, input, sink), now);
        if (failure || live.ended()) break;
      }
      if (!live.ended() && !failure) deliver(live.tick(now, sink), now);
    } else {
      deliver(live.tick(now, sink), now);
    }
  }
  // Records a busy journal delayed are written before the session is reported over: waited for, never dropped.
  if (!failure && live.unsaved() > 0) {
    if (auto saved = live.save_pending(kSaveWait); !saved) failure = saved.error();
    tell_unsaved(live.unsaved());
  }
  if (failure) return tl::unexpected(*failure);
  return {};
}

}  // namespace smr::cli
