// bench/store: the journal's hot paths on a real backend (issue 3).
//
//   smr_bench_store [--db URL] [google-benchmark flags]
//
// Default URL: a fresh SQLite file in the temp dir. For PostgreSQL pass --db postgresql://... (make
// bench-store starts a throwaway server and runs both). Figures: docs/performance.md.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace {

std::string g_url;  // set in main before benchmarks run

std::unique_ptr<smr::store::Store> open_fresh(const std::string& tag) {
  std::string url = g_url;
  if (url.empty()) {
    const auto path =
        std::filesystem::temp_directory_path() / ("smr-bench-" + tag + "-" + std::to_string(getpid()) + ".db");
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    url = "sqlite:" + path.string();
  }
  auto store = smr::store::open_store(url);
  if (!store) {
    std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), store.error().message.c_str());
    std::exit(1);
  }
  return std::move(*store);
}

smr::core::SessionInfo session_at(smr::core::UnixMillis start) {
  smr::core::SessionInfo s;
  s.uid = smr::store::new_uid();
  s.title = "daily";
  s.started_ms = start;
  s.routine_json = "{}";
  return s;
}

smr::core::CheckIn check_in(const std::string& session, smr::core::UnixMillis at, int i) {
  static const char* kRegions[] = {"calves", "hamstrings", "glutes", "thoracic-spine"};
  smr::core::CheckIn c;
  c.uid = smr::store::new_uid();
  c.session_uid = session;
  c.at_ms = at;
  c.step = i % 4;
  c.exercise = "x";
  c.region = kRegions[i % 4];
  c.side = i % 2 ? smr::core::Side::kLeft : smr::core::Side::kRight;
  c.intensity = 3 + i % 5;
  c.quality = i % 9 == 0 ? smr::core::Quality::kSharp : smr::core::Quality::kGoodHurt;
  return c;
}

// Each check-in is its own durable transaction, as in a live session (a check-in is on disk when answered).
void BM_RecordCheckIn(benchmark::State& state) {
  auto store = open_fresh("record");
  const auto s = session_at(1'700'000'000'000);
  if (!store->start_session(s)) state.SkipWithError("start_session failed");
  int i = 0;
  for (auto _ : state) {
    auto r = store->record_check_in(check_in(s.uid, s.started_ms + i, i));
    if (!r) state.SkipWithError(r.error().message.c_str());
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordCheckIn)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// 100 000 check-ins written through import (one transaction; COPY / multi-row on PostgreSQL).
void BM_Import100kCheckIns(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    auto store = open_fresh("import");
    smr::core::Journal j;
    const int sessions = 1000;
    for (int d = 0; d < sessions; ++d) {
      smr::core::SessionRecord rec;
      rec.info = session_at(1'700'000'000'000 + static_cast<smr::core::UnixMillis>(d) * 86'400'000);
      for (int k = 0; k < 100; ++k) rec.check_ins.push_back(check_in(rec.info.uid, rec.info.started_ms + k * 1000, k));
      j.sessions.push_back(std::move(rec));
    }
    state.ResumeTiming();
    auto r = store->import_journal(j);
    if (!r) state.SkipWithError(r.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
}
BENCHMARK(BM_Import100kCheckIns)->Unit(benchmark::kMillisecond)->Iterations(3);

// Weekly per-region aggregation for one person over 10 years of daily sessions (~40 000 check-ins).
void BM_WeeklyRegionStats10Years(benchmark::State& state) {
  auto store = open_fresh("weekly");
  smr::core::Journal j;
  const int days = 3653;
  for (int d = 0; d < days; ++d) {
    smr::core::SessionRecord rec;
    rec.info = session_at(1'500'000'000'000 + static_cast<smr::core::UnixMillis>(d) * 86'400'000);
    for (int k = 0; k < 11; ++k)
      rec.check_ins.push_back(check_in(rec.info.uid, rec.info.started_ms + k * 60'000, d + k));
    j.sessions.push_back(std::move(rec));
  }
  if (auto r = store->import_journal(j); !r) {
    state.SkipWithError(r.error().message.c_str());
    return;
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    auto stats = store->weekly_region_stats(smr::core::kLocalPersonId, 0, 4'000'000'000'000, 60);
    if (!stats) state.SkipWithError(stats.error().message.c_str());
    rows = stats ? stats->size() : 0;
    benchmark::DoNotOptimize(stats);
  }
  state.counters["check_ins"] = days * 11;
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WeeklyRegionStats10Years)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Take --db URL out before Google Benchmark sees the flags.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
      g_url = argv[++i];
    } else {
      rest.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
