// bench/store: the journal's hot paths on a real backend (issue 3).
//
//   smr_bench_store [--db URL] [google-benchmark flags]
//
// Default URL: a fresh SQLite file in the temp dir. For PostgreSQL pass --db postgresql://... : every
// benchmark then gets a fresh schema in that database (dropped at the end), so none sees another's rows.
// Figures: docs/performance.md.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <memory>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <string>
#include <vector>

#include "store/store.h"

namespace {

std::string g_url;                         // set in main before benchmarks run
std::vector<std::string> g_bench_schemas;  // PostgreSQL schemas made for the benchmarks, dropped in main

void pg_exec(const std::string& sql) {
  pqxx::connection conn(g_url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec(sql);
}

std::unique_ptr<smr::store::Store> open_fresh(const std::string& tag) {
  std::string url = g_url;
  if (url.rfind("postgresql://", 0) == 0) {
    const std::string schema = "smr_bench_" + std::to_string(getpid()) + "_" + std::to_string(g_bench_schemas.size());
    pg_exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
    g_bench_schemas.push_back(schema);
    url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("options=-csearch_path%3D") + schema;
  } else if (url.empty()) {
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

// The same, once the person's weekly statistics have been asked for at `state.range(0)` UTC offsets: each
// check-in then also updates that many weekly aggregates, in its transaction.
void BM_RecordCheckInWithWeeklyStats(benchmark::State& state) {
  auto store = open_fresh("record-weekly");
  const auto s = session_at(1'700'000'000'000);
  if (!store->start_session(s)) state.SkipWithError("start_session failed");
  for (int k = 0; k < state.range(0); ++k) {
    if (!store->weekly_region_stats(smr::core::kLocalPersonId, 0, 4'000'000'000'000, 60 * k)) {
      state.SkipWithError("weekly_region_stats failed");
    }
  }
  int i = 0;
  for (auto _ : state) {
    auto r = store->record_check_in(check_in(s.uid, s.started_ms + i, i));
    if (!r) state.SkipWithError(r.error().message.c_str());
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordCheckInWithWeeklyStats)->Arg(1)->Arg(4)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

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
constexpr int kDays = 3653;
constexpr int kCheckInsADay = 11;
constexpr smr::core::UnixMillis kTenYearsFrom = 0, kTenYearsTo = 4'000'000'000'000;
constexpr int kOffset = 60;

std::unique_ptr<smr::store::Store> ten_years_store(benchmark::State& state, const std::string& tag) {
  auto store = open_fresh(tag);
  smr::core::Journal j;
  for (int d = 0; d < kDays; ++d) {
    smr::core::SessionRecord rec;
    rec.info = session_at(1'500'000'000'000 + static_cast<smr::core::UnixMillis>(d) * 86'400'000);
    for (int k = 0; k < kCheckInsADay; ++k)
      rec.check_ins.push_back(check_in(rec.info.uid, rec.info.started_ms + k * 60'000, d + k));
    j.sessions.push_back(std::move(rec));
  }
  if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
  return store;
}

// Warm: the query as a person's progress chart makes it again and again. One query before timing builds
// the weekly aggregate at the offset (that first query is BM_WeeklyRegionStats10YearsCold).
void BM_WeeklyRegionStats10Years(benchmark::State& state) {
  auto store = ten_years_store(state, "weekly");
  if (!store->weekly_region_stats(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo, kOffset)) {
    state.SkipWithError("warm-up query failed");
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    auto stats = store->weekly_region_stats(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo, kOffset);
    if (!stats) state.SkipWithError(stats.error().message.c_str());
    rows = stats ? stats->size() : 0;
    benchmark::DoNotOptimize(stats);
  }
  state.counters["check_ins"] = kDays * kCheckInsADay;
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WeeklyRegionStats10Years)->Unit(benchmark::kMillisecond);

// Cold: the first query at an offset, which builds the aggregate from all of the person's check-ins. Before
// each (untimed) an import of one more check-in drops the person's aggregates, as any import adding
// check-ins does.
void BM_WeeklyRegionStats10YearsCold(benchmark::State& state) {
  auto store = ten_years_store(state, "weekly-cold");
  std::size_t rows = 0;
  int n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    smr::core::Journal j;
    smr::core::SessionRecord rec;
    rec.info = session_at(1'500'000'000'000 + static_cast<smr::core::UnixMillis>(n) * 86'400'000 + 43'200'000);
    rec.check_ins.push_back(check_in(rec.info.uid, rec.info.started_ms, n++));
    j.sessions.push_back(std::move(rec));
    if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
    state.ResumeTiming();
    auto stats = store->weekly_region_stats(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo, kOffset);
    if (!stats) state.SkipWithError(stats.error().message.c_str());
    rows = stats ? stats->size() : 0;
    benchmark::DoNotOptimize(stats);
  }
  state.counters["check_ins"] = kDays * kCheckInsADay;
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_WeeklyRegionStats10YearsCold)->Unit(benchmark::kMillisecond)->Iterations(10);

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
  for (const auto& schema : g_bench_schemas) pg_exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  return 0;
}
