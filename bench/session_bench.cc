// bench/session: the session player's loop on a real clock at speed 1 (issue 5).
//
//   smr_bench_session [--minutes N] [--db URL]
//
// Plays a routine of about N minutes (default 10) of real time through cli::play_session — the loop `smr
// roll` runs — with a face that renders every frame (10 Hz) into memory instead of a terminal, and writes
// the session to a store (default: a fresh SQLite file in the temp dir, durable commits, as `smr roll` does).
// Reports:
//   - cue onset error: for every cue, how late the loop handed it to the face compared with its due time on
//     the session clock (real ms); p50, p99, max. Target: p99 < 5 ms.
//   - CPU while waiting in a hold: process CPU time / wall time over all hold phases. Target: < 1 %.
// Figures: docs/performance.md.

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/loader.h"
#include "cli/session_loop.h"
#include "core/routine.h"
#include "service/safety_service.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

class ProbeFace final : public smr::cli::SessionFace {
 public:
  explicit ProbeFace(Clock::time_point origin) : origin_(origin) {}

  void cues(const std::vector<smr::core::Cue>& cues, smr::core::MonoMillis) override {
    const double now_ms = std::chrono::duration<double, std::milli>(Clock::now() - origin_).count();
    for (const auto& c : cues) late_ms.push_back(std::max(0.0, now_ms - static_cast<double>(c.at_ms)));
  }
  void render(const smr::core::SessionView& view) override {
    frame.assign(view.text);  // the work a face does per frame, roughly: copy the texts
    frame += std::to_string(view.remaining_ms);
    const bool holding = view.state == smr::core::SessionState::kHold;
    if (holding && !in_hold_) {
      hold_wall_start_ = Clock::now();
      hold_cpu_start_ = cpu_seconds();
    } else if (!holding && in_hold_) {
      hold_wall_s += std::chrono::duration<double>(Clock::now() - hold_wall_start_).count();
      hold_cpu_s += cpu_seconds() - hold_cpu_start_;
    }
    in_hold_ = holding;
    ++frames;
  }
  void refused(const smr::core::Refusal&) override {}

  std::vector<double> late_ms;
  double hold_wall_s = 0, hold_cpu_s = 0;
  long frames = 0;
  std::string frame;

 private:
  Clock::time_point origin_;
  bool in_hold_ = false;
  Clock::time_point hold_wall_start_;
  double hold_cpu_start_ = 0;
};

// Steps of locate 15 s, hold 45 s, move 20 s, roll 20 s on alternating sides: the shape of a real routine.
smr::core::Routine routine_of(int minutes) {
  smr::core::Routine r;
  r.goal = "bench";
  const int step_s = 5 + 15 + 45 + 20 + 20;
  const int steps = std::max(1, minutes * 60 / (step_s + 10));
  for (int i = 0; i < steps; ++i) {
    smr::core::RoutineStep s;
    s.exercise = "calves-roller";
    s.region = "calves";
    s.side = i % 2 == 0 ? smr::core::Side::kLeft : smr::core::Side::kRight;
    s.tool = "foam-roller-medium";
    s.transition_s = 5;
    s.phases = {{smr::core::PhaseKind::kLocate, 15},
                {smr::core::PhaseKind::kHold, 45},
                {smr::core::PhaseKind::kMove, 20},
                {smr::core::PhaseKind::kRoll, 20}};
    s.move_reps = 5;
    r.steps.push_back(s);
  }
  r.budget_s = minutes * 60;
  return r;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i =
      static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size() - 1), p * static_cast<double>(v.size())));
  return v[i];
}

}  // namespace

int main(int argc, char** argv) {
  int minutes = 10;
  std::string url;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--minutes") == 0 && i + 1 < argc) {
      minutes = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      url = argv[++i];
    } else {
      std::fprintf(stderr, "usage: smr_bench_session [--minutes N] [--db URL]\n");
      return 2;
    }
  }
  if (minutes < 1) {
    std::fprintf(stderr, "--minutes must be at least 1\n");
    return 2;
  }
  std::filesystem::path temp;
  if (url.empty()) {
    temp = std::filesystem::temp_directory_path() / ("smr-bench-session-" + std::to_string(getpid()) + ".db");
    url = "sqlite:" + temp.string();
  }
  auto store = smr::store::open_store(url);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  auto catalog = smr::catalog::load_builtin_catalog();
  if (!catalog) {
    std::fprintf(stderr, "the built-in catalog does not load\n");
    return 1;
  }
  const auto routine = routine_of(minutes);
  smr::service::StartRequest how;
  how.routine = routine;
  how.settings.kit.owned_tools = {"foam-roller-medium"};
  smr::cli::LoopOptions loop;
  loop.speed = 1.0;
  loop.frame_ms = 100;

  const auto origin = Clock::now();
  ProbeFace face(origin);
  const double cpu0 = cpu_seconds();
  auto started = smr::service::start_session(**store, *catalog, std::move(how), 0, 0);
  if (!started) {
    std::fprintf(stderr, "%s\n", started.error().message.c_str());
    return 1;
  }
  auto played = smr::cli::play_session(std::move(started->live), face, loop);
  const double wall_s = std::chrono::duration<double>(Clock::now() - origin).count();
  const double cpu_s = cpu_seconds() - cpu0;
  if (!played) {
    std::fprintf(stderr, "%s\n", played.error().message.c_str());
    return 1;
  }
  std::printf("session: %d steps, %.1f s wall, %ld frames, %zu cues, store %s\n",
              static_cast<int>(routine.steps.size()), wall_s, face.frames, face.late_ms.size(),
              (*store)->backend().c_str());
  std::printf("cue onset error (ms): p50 %.3f  p99 %.3f  max %.3f   target p99 < 5\n", percentile(face.late_ms, 0.5),
              percentile(face.late_ms, 0.99), percentile(face.late_ms, 1.0));
  std::printf("CPU in holds: %.3f %% (%.3f s CPU over %.1f s of holds)   target < 1 %%\n",
              face.hold_wall_s > 0 ? 100.0 * face.hold_cpu_s / face.hold_wall_s : 0.0, face.hold_cpu_s,
              face.hold_wall_s);
  std::printf("CPU overall: %.3f %%\n", 100.0 * cpu_s / wall_s);
  store->reset();
  if (!temp.empty()) {
    std::filesystem::remove(temp);
    std::filesystem::remove(temp.string() + "-wal");
    std::filesystem::remove(temp.string() + "-shm");
  }
  return 0;
}
