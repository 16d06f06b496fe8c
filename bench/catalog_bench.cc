// Catalog start-up and query costs. Run: build/release/bench/smr_bench_catalog (see docs/performance.md).

#include <benchmark/benchmark.h>

#include "catalog/loader.h"
#include "core/catalog_query.h"

namespace {

void BM_LoadBuiltinCatalog(benchmark::State& state) {
  const auto files = smr::catalog::builtin_catalog_files();
  for (auto _ : state) {
    auto loaded = smr::catalog::load_catalog(files, "<built-in>");
    if (!loaded) state.SkipWithError("built-in catalog is invalid");
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_LoadBuiltinCatalog)->Unit(benchmark::kMillisecond);

void BM_Search(benchmark::State& state) {
  const auto catalog = smr::catalog::load_builtin_catalog();
  if (!catalog) {
    state.SkipWithError("built-in catalog is invalid");
    return;
  }
  const smr::core::SearchIndex index(*catalog);
  for (auto _ : state) {
    auto hits = index.search("calf ball");
    benchmark::DoNotOptimize(hits);
  }
}
BENCHMARK(BM_Search)->Unit(benchmark::kMicrosecond);

void BM_BuildSearchIndex(benchmark::State& state) {
  const auto catalog = smr::catalog::load_builtin_catalog();
  if (!catalog) {
    state.SkipWithError("built-in catalog is invalid");
    return;
  }
  for (auto _ : state) {
    smr::core::SearchIndex index(*catalog);
    benchmark::DoNotOptimize(index);
  }
}
BENCHMARK(BM_BuildSearchIndex)->Unit(benchmark::kMillisecond);

void BM_FilterCallContext(benchmark::State& state) {
  const auto catalog = smr::catalog::load_builtin_catalog();
  if (!catalog) {
    state.SkipWithError("built-in catalog is invalid");
    return;
  }
  smr::core::ExerciseFilter filter;
  filter.context = smr::core::Context::kCall;
  for (auto _ : state) {
    auto found = smr::core::filter_exercises(*catalog, filter);
    benchmark::DoNotOptimize(found);
  }
}
BENCHMARK(BM_FilterCallContext)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
