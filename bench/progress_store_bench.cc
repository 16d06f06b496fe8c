// bench/progress_store: progress over 10 years of daily sessions computed end to end from a real SQLite
// journal (issue 6: under 20 ms): service::progress reads the session digests, self-tests and settings and
// computes everything `smr progress` shows. Also the CLI's cost of reading the local time zone for 20 years.
//
//   smr_bench_progress_store [--db URL] [google-benchmark flags]
//
// The journal is imported once per process: 3650 daily sessions at 07:00 local time, each playing 5 of 8
// regions (left and right for paired ones) with the events the session engine writes (step-started,
// phase-started locate/hold/move/check-in, session-finished) and a check-in per step; a sit-and-reach and a
// knee-to-wall test every week. Zone: Europe/Berlin as data (bench/progress_data.h). Figures:
// docs/performance.md.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "cli/local_time_zone.h"
#include "core/progress.h"
#include "progress_data.h"
#include "service/progress_service.h"
#include "store/store.h"

namespace {

using smr::core::UnixMillis;

constexpr UnixMillis kDay = smr::core::kDayMs;
constexpr int kDays = smr::bench::kTenYearsDays;
// 06:00 UTC (07:00 or 08:00 in Berlin) on the first day of bench/progress_data.h's ten years.
constexpr UnixMillis kStart = smr::bench::kTenYearsStartMs + 6 * 3'600'000;

std::string g_url;

smr::core::Journal ten_years() {
  static const char* kRegions[] = {"calves",         "hamstrings", "glutes",         "quadriceps",
                                   "thoracic-spine", "lats",       "plantar-fascia", "low-back"};
  static const bool kPaired[] = {true, true, true, true, false, true, true, false};
  std::mt19937 rng(42);
  smr::core::Journal j;
  int n = 0;
  auto uid = [&] {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%032x", ++n);
    return std::string(buf);
  };
  for (int d = 0; d < kDays; ++d) {
    smr::core::SessionRecord s;
    s.info.uid = uid();
    s.info.title = "Daily";
    s.info.started_ms = kStart + d * kDay;
    s.info.status = smr::core::SessionStatus::kFinished;
    s.info.routine_json = "{}";
    UnixMillis t = s.info.started_ms;
    auto add = [&](const char* kind, int step, std::string data) {
      s.events.push_back({s.info.uid, static_cast<std::int64_t>(s.events.size()), t, kind, step, std::move(data)});
    };
    add("session-started", -1, "{}");
    for (int step = 0; step < 5; ++step) {
      const int r = static_cast<int>(rng() % 8);
      const auto side =
          kPaired[r] ? (rng() % 2 ? smr::core::Side::kLeft : smr::core::Side::kRight) : smr::core::Side::kCentre;
      add("step-started", step,
          std::string("{\"region\":\"") + kRegions[r] + "\",\"side\":\"" + std::string(smr::core::to_string(side)) +
              "\",\"exercise\":\"x\"}");
      for (const char* phase : {"locate", "hold", "move"}) {
        add("phase-started", step, std::string("{\"phase\":\"") + phase + "\",\"set\":0}");
        t += 30'000;
      }
      add("phase-started", step, "{\"phase\":\"check-in\",\"set\":0}");
      smr::core::CheckIn c;
      c.uid = uid();
      c.session_uid = s.info.uid;
      c.at_ms = t;
      c.step = step;
      c.exercise = "x";
      c.region = kRegions[r];
      c.side = side;
      c.intensity = static_cast<int>(rng() % 8);
      c.quality = rng() % 20 == 0 ? smr::core::Quality::kSharp : smr::core::Quality::kGoodHurt;
      s.check_ins.push_back(c);
      t += 10'000;
    }
    add("session-finished", -1, "{}");
    s.info.ended_ms = t;
    j.sessions.push_back(std::move(s));
    if (d % 7 == 0) {
      for (const char* test : {"sit-and-reach", "knee-to-wall"}) {
        smr::core::SelfTest st;
        st.uid = uid();
        st.at_ms = kStart + d * kDay + 3'000;
        st.test = test;
        st.side = test[0] == 'k' ? smr::core::Side::kLeft : smr::core::Side::kCentre;
        st.value = 5 + static_cast<double>(rng() % 100) / 10;
        st.unit = "cm";
        st.phase = d == 0 || d == 7 ? "baseline" : "check";
        j.self_tests.push_back(st);
      }
    }
  }
  return j;
}

smr::store::Store& store() {
  static std::unique_ptr<smr::store::Store> s = [] {
    std::string url = g_url;
    if (url.empty()) {
      const auto path =
          std::filesystem::temp_directory_path() / ("smr-bench-progress-" + std::to_string(getpid()) + ".db");
      url = "sqlite:" + path.string();
    }
    auto opened = smr::store::open_store(url);
    if (!opened) {
      std::fprintf(stderr, "cannot open %s: %s\n", url.c_str(), opened.error().message.c_str());
      std::exit(1);
    }
    auto imported = (*opened)->import_journal(ten_years());
    if (!imported) {
      std::fprintf(stderr, "import failed: %s\n", imported.error().message.c_str());
      std::exit(1);
    }
    return std::move(*opened);
  }();
  return *s;
}

void BM_ProgressTenYearsFromStore(benchmark::State& state) {
  auto& s = store();
  smr::service::ProgressQuery q;
  q.now_ms = kStart + kDays * kDay;
  q.tz = smr::bench::ten_years_zone();
  if (!smr::service::progress(s, q)) state.SkipWithError("progress failed");  // warm the page cache
  std::size_t regions = 0;
  for (auto _ : state) {
    auto p = smr::service::progress(s, q);
    if (!p) {
      state.SkipWithError(p.error().message.c_str());
      break;
    }
    regions = p->sensation.size();
    benchmark::DoNotOptimize(p);
  }
  state.counters["sessions"] = kDays;
  state.counters["region_sides"] = static_cast<double>(regions);
}
BENCHMARK(BM_ProgressTenYearsFromStore)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The parts of the above: reading the digests from SQLite, reading the self-tests ...
void BM_SessionDigestsFromStore(benchmark::State& state) {
  auto& s = store();
  const UnixMillis now = kStart + kDays * kDay;
  std::size_t sessions = 0;
  for (auto _ : state) {
    auto digests = s.session_digests(smr::core::kLocalPersonId, 0, now + 1);
    if (!digests) {
      state.SkipWithError(digests.error().message.c_str());
      break;
    }
    sessions = digests->size();
    benchmark::DoNotOptimize(digests);
  }
  state.counters["sessions"] = static_cast<double>(sessions);
}
BENCHMARK(BM_SessionDigestsFromStore)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_SelfTestsFromStore(benchmark::State& state) {
  auto& s = store();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto tests = s.self_tests(smr::core::kLocalPersonId);
    if (!tests) {
      state.SkipWithError(tests.error().message.c_str());
      break;
    }
    rows = tests->size();
    benchmark::DoNotOptimize(tests);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_SelfTestsFromStore)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// ... and computing progress from them (core::compute_progress, the digests read once beforehand).
void BM_ComputeProgressFromStoredDigests(benchmark::State& state) {
  auto& s = store();
  const UnixMillis now = kStart + kDays * kDay;
  smr::core::ProgressInput input;
  input.sessions = s.session_digests(smr::core::kLocalPersonId, 0, now + 1).value();
  input.self_tests = s.self_tests(smr::core::kLocalPersonId).value();
  smr::core::ProgressOptions options;
  options.now_ms = now;
  options.tz = smr::bench::ten_years_zone();
  for (auto _ : state) {
    auto p = smr::core::compute_progress(input, options);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_ComputeProgressFromStoredDigests)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// What `smr progress` adds: the local zone (TZ=Europe/Berlin) for the 20 years it covers.
void BM_LocalTimeZoneTwentyYears(benchmark::State& state) {
  setenv("TZ", "Europe/Berlin", 1);
  const UnixMillis now = kStart + kDays * kDay;
  std::size_t transitions = 0;
  for (auto _ : state) {
    const auto tz = smr::cli::local_time_zone(now - 20LL * 366 * kDay, now + kDay);
    transitions = tz.transitions.size();
    benchmark::DoNotOptimize(tz);
  }
  state.counters["transitions"] = static_cast<double>(transitions);
}
BENCHMARK(BM_LocalTimeZoneTwentyYears)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--db" && i + 1 < argc) {
      g_url = argv[i + 1];
      for (int k = i; k + 2 < argc; ++k) argv[k] = argv[k + 2];
      argc -= 2;
      break;
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (g_url.empty()) {
    const auto path =
        std::filesystem::temp_directory_path() / ("smr-bench-progress-" + std::to_string(getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
  return 0;
}
