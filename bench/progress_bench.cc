// bench/progress (issue 6): compute_progress() over ten years of daily session digests, the pure part of the
// issue's 20 ms budget for `smr progress` end to end (reading the digests from SQLite is measured separately).
//
// Run: build/release/bench/smr_bench_progress (or `make bench-progress`); figures in docs/progress.md ("Cost").
// Data: bench/progress_data.h (3 650 sessions x 6 regions and sides, 20 DST changes).

#include <benchmark/benchmark.h>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>

#include "core/progress.h"
#include "json/progress_json.h"
#include "progress_data.h"

namespace {

using smr::bench::kTenYearsNowMs;
using smr::bench::ten_years_of_digests;
using smr::bench::ten_years_zone;

smr::core::ProgressInput ten_years_input() {
  smr::core::ProgressInput in;
  in.sessions = ten_years_of_digests(42);
  return in;
}

smr::core::ProgressOptions ten_years_options() {
  smr::core::ProgressOptions o;
  o.now_ms = kTenYearsNowMs;
  o.tz = ten_years_zone();
  return o;
}

void BM_ComputeProgressTenYears(benchmark::State& state) {
  const auto in = ten_years_input();
  const auto o = ten_years_options();
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::compute_progress(in, o));
  state.counters["sessions"] = static_cast<double>(in.sessions.size());
}
BENCHMARK(BM_ComputeProgressTenYears)->Unit(benchmark::kMillisecond);

// The same without freeing the result (a face frees it after printing).
void BM_ComputeProgressTenYearsKeepResult(benchmark::State& state) {
  const auto in = ten_years_input();
  const auto o = ten_years_options();
  for (auto _ : state) {
    auto p = smr::core::compute_progress(in, o);
    benchmark::DoNotOptimize(p);
    state.PauseTiming();
    p = {};
    state.ResumeTiming();
  }
}
BENCHMARK(BM_ComputeProgressTenYearsKeepResult)->Unit(benchmark::kMillisecond);

// The last four weeks of the same history (`smr progress --since`): the index still covers ten years.
void BM_ComputeProgressTenYearsSinceFourWeeks(benchmark::State& state) {
  const auto in = ten_years_input();
  auto o = ten_years_options();
  o.since_ms = o.now_ms - 28 * smr::core::kDayMs;
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::compute_progress(in, o));
}
BENCHMARK(BM_ComputeProgressTenYearsSinceFourWeeks)->Unit(benchmark::kMillisecond);

// Pain at the left calves in every session: a repeated-pain episode ten years long (the longest episode search).
void BM_ComputeProgressTenYearsOfPain(benchmark::State& state) {
  auto in = ten_years_input();
  for (auto& s : in.sessions) s.regions[0].pain_check_ins = 1;
  const auto o = ten_years_options();
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::compute_progress(in, o));
}
BENCHMARK(BM_ComputeProgressTenYearsOfPain)->Unit(benchmark::kMillisecond);

void BM_SensationTenYears(benchmark::State& state) {
  const auto in = ten_years_input();
  const auto o = ten_years_options();
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::sensation_by_region(in.sessions, o.now_ms, o.tz));
}
BENCHMARK(BM_SensationTenYears)->Unit(benchmark::kMillisecond);

void BM_AdherenceTenYears(benchmark::State& state) {
  const auto in = ten_years_input();
  const auto o = ten_years_options();
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::adherence(in.sessions, o.now_ms, o.tz));
}
BENCHMARK(BM_AdherenceTenYears)->Unit(benchmark::kMillisecond);

void BM_AlertsTenYears(benchmark::State& state) {
  const auto in = ten_years_input();
  const auto o = ten_years_options();
  for (auto _ : state) benchmark::DoNotOptimize(smr::core::pain_alerts(in.sessions, o.now_ms, o.tz, {}));
}
BENCHMARK(BM_AlertsTenYears)->Unit(benchmark::kMillisecond);

// What `smr progress --json` adds: the JSON value and its text for ten years.
void BM_ProgressJsonTenYears(benchmark::State& state) {
  const auto p = smr::core::compute_progress(ten_years_input(), ten_years_options());
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = boost::json::serialize(smr::json::to_json(p));
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ProgressJsonTenYears)->Unit(benchmark::kMillisecond);

// Of which building the value.
void BM_ProgressJsonValueTenYears(benchmark::State& state) {
  const auto p = smr::core::compute_progress(ten_years_input(), ten_years_options());
  for (auto _ : state) benchmark::DoNotOptimize(smr::json::to_json(p));
}
BENCHMARK(BM_ProgressJsonValueTenYears)->Unit(benchmark::kMillisecond);

// The JSON text again, the value built in a monotonic resource (what a face that prints at once can do).
void BM_ProgressJsonMonotonicTenYears(benchmark::State& state) {
  const auto p = smr::core::compute_progress(ten_years_input(), ten_years_options());
  for (auto _ : state) {
    boost::json::monotonic_resource mr;
    const std::string text = boost::json::serialize(smr::json::to_json(p, &mr));
    benchmark::DoNotOptimize(text.data());
  }
}
BENCHMARK(BM_ProgressJsonMonotonicTenYears)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
