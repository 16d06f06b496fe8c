// What serving a live session from another instance costs (issue 19, item 6; docs/architecture.md, "State and
// instances"; figures in docs/performance.md, "Live sessions across instances"):
//   BM_SessionProgress: the check every input and poll makes (Store::session_progress: one indexed query);
//   BM_Rebuild/N: LiveSession::rebuild of a session with N minutes played (a pause, a resume and a check-in each
//   minute), the replay a copy that is missing or behind the journal pays once.
// Run: build/release/bench/smr_bench_session_rebuild [--db sqlite:PATH | --db postgresql://...] (default: a SQLite
// journal in the temp folder).

#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <benchmark/benchmark.h>

#include "catalog/loader.h"
#include "core/routine.h"
#include "service/safety_service.h"
#include "service/session_service.h"
#include "store/store.h"

namespace {

std::string g_db;  // --db, or a SQLite file in the temp folder

const smr::core::Catalog& catalog() {
  static const auto loaded = smr::catalog::load_builtin_catalog();
  return *loaded;
}

// Steps of locate 15 s, hold 45 s, move 20 s, roll 20 s on alternating sides (as bench/session_bench.cc).
smr::core::Routine routine_of(int minutes) {
  smr::core::Routine r;
  r.goal = "bench";
  const int steps = std::max(1, minutes * 60 / 115);
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

std::unique_ptr<smr::store::Store> open_journal() {
  auto store = smr::store::open_store(g_db);
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

// A session with `minutes` played: every minute a pause, a resume 5 s later and a check-in.
std::string played_session(smr::store::Store& store, int minutes) {
  smr::service::StartRequest start;
  start.routine = routine_of(minutes + 2);
  start.settings.get_ready_s = 5;
  const std::int64_t t0 = 1'700'000'000'000;
  auto started = smr::service::start_session(store, catalog(), std::move(start), 0, t0);
  if (!started) throw std::runtime_error(started.error().message);
  auto& live = *started->live;
  for (int m = 1; m <= minutes; ++m) {
    const std::int64_t at = m * 60'000;
    smr::core::SessionInput in;
    in.kind = smr::core::InputKind::kPause;
    (void)live.apply(at, in);
    in.kind = smr::core::InputKind::kResume;
    (void)live.apply(at + 5'000, in);
    in.kind = smr::core::InputKind::kCheckIn;
    in.check_in.intensity = 4;
    in.check_in.quality = smr::core::Quality::kPressure;
    (void)live.apply(at + 6'000, in);
  }
  (void)live.tick(minutes * 60'000 + 10'000);
  return live.uid();
}

void BM_SessionProgress(benchmark::State& state) {
  auto store = open_journal();
  const std::string uid = played_session(*store, 10);
  for (auto _ : state) {
    auto p = store->session_progress(uid);
    if (!p) state.SkipWithError(p.error().message.c_str());
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_SessionProgress)->Unit(benchmark::kMicrosecond);

void BM_Rebuild(benchmark::State& state) {
  auto store = open_journal();
  const std::string uid = played_session(*store, static_cast<int>(state.range(0)));
  std::size_t events = 0;
  for (auto _ : state) {
    auto r = smr::service::LiveSession::rebuild(*store, catalog(), uid);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      break;
    }
    events = r->live->stored_events();
    benchmark::DoNotOptimize(r);
  }
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_Rebuild)->Arg(5)->Arg(20)->Arg(60)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      g_db = argv[i + 1];
      for (int j = i; j + 2 <= argc; ++j) argv[j] = argv[j + 2];
      argc -= 2;
      break;
    }
  }
  std::filesystem::path temp;
  if (g_db.empty()) {
    temp = std::filesystem::temp_directory_path() / ("smr-bench-rebuild-" + std::to_string(::getpid()) + ".db");
    g_db = "sqlite:" + temp.string();
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (!temp.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(temp.string() + suffix, ec);
  }
  return 0;
}
