// bench/store: the journal's hot paths on a real backend (issues 3 and 6).
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
#include <utility>
#include <vector>

#include "store/digest_util.h"
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

// A store in a new SQLite file or PostgreSQL schema; its URL in `*opened_url` if given.
std::unique_ptr<smr::store::Store> open_fresh(const std::string& tag, std::string* opened_url = nullptr) {
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
  if (opened_url) *opened_url = url;
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

// --- session digests (issue 6: progress over 10 years of daily sessions, end to end from the store) ---------

// One day's session as the session engine writes it (core/session_engine.cc): 8 steps over 5 of 8 region-sides,
// each step-started (region, side) then phase-started for transition, locate, hold, move, roll and the check-in
// window; a pause in one hold every third day; 10 check-ins; session-finished, and ended finished.
smr::core::SessionRecord played_day(int d) {
  static const std::pair<const char*, smr::core::Side> kPool[] = {
      {"calves", smr::core::Side::kLeft},           {"calves", smr::core::Side::kRight},
      {"hamstrings", smr::core::Side::kLeft},       {"hamstrings", smr::core::Side::kRight},
      {"glutes", smr::core::Side::kLeft},           {"glutes", smr::core::Side::kRight},
      {"thoracic-spine", smr::core::Side::kCentre}, {"quads", smr::core::Side::kLeft}};
  smr::core::SessionRecord rec;
  rec.info = session_at(1'500'000'000'000 + static_cast<smr::core::UnixMillis>(d) * 86'400'000);
  const std::string& uid = rec.info.uid;
  std::int64_t seq = 0;
  smr::core::UnixMillis at = rec.info.started_ms;
  auto event = [&](const char* kind, int step, std::string data) {
    rec.events.push_back(smr::core::SessionEvent{uid, seq++, at, kind, step, std::move(data)});
  };
  auto phase = [&](int step, const char* name, smr::core::UnixMillis ms) {
    event("phase-started", step, std::string(R"({"phase":")") + name + R"(","planned_ms":)" + std::to_string(ms) + "}");
    at += ms;
  };
  event("session-started", -1, "{}");
  phase(-1, "get-ready", 5'000);
  for (int step = 0; step < 8; ++step) {
    const auto& [region, side] = kPool[(d + step % 5) % 8];
    event("step-started", step,
          std::string(R"({"exercise":")") + region + R"(-roller","region":")" + region + R"(","side":")" +
              std::string(smr::core::to_string(side)) + R"(","tool":"foam-roller-medium","sets":1})");
    phase(step, "transition", 5'000);
    phase(step, "locate", 15'000);
    phase(step, "hold", 20'000);
    if (step == 3 && d % 3 == 0) {
      event("paused", step, "{}");
      at += 30'000;
      event("resumed", step, "{}");
    }
    phase(step, "hold", 25'000);
    phase(step, "move", 20'000);
    phase(step, "roll", 20'000);
    for (int k = 0; k < (step < 2 ? 2 : 1); ++k) {
      smr::core::CheckIn c = check_in(uid, at + k, d + step + k);
      c.region = region;
      c.side = side;
      rec.check_ins.push_back(std::move(c));
    }
    phase(step, "check-in", 10'000);
  }
  event("session-finished", -1, "{}");
  rec.info.ended_ms = at;
  rec.info.status = smr::core::SessionStatus::kFinished;
  return rec;
}

// The journal of ten years of played days, opened again after the import (as a later `smr progress` would):
// what is measured is not helped or hindered by what the import left in this process.
std::unique_ptr<smr::store::Store> ten_years_played_store(benchmark::State& state, const std::string& tag) {
  std::string url;
  auto store = open_fresh(tag, &url);
  smr::core::Journal j;
  for (int d = 0; d < kDays; ++d) j.sessions.push_back(played_day(d));
  if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
  store.reset();
  j = {};
  auto reopened = smr::store::open_store(url);
  if (!reopened) {
    state.SkipWithError(reopened.error().message.c_str());
    return nullptr;
  }
  return std::move(*reopened);
}

void report_digests(benchmark::State& state, const std::vector<smr::core::SessionDigest>& digests) {
  std::size_t regions = 0;
  for (const auto& d : digests) regions += d.regions.size();
  state.counters["sessions"] = static_cast<double>(digests.size());
  state.counters["region_rows"] = static_cast<double>(regions);
}

// Warm: every digest of 10 years of daily sessions (3 653 sessions, 65 events and 10 check-ins each), as
// progress reads them: from the stored digests.
void BM_SessionDigests10Years(benchmark::State& state) {
  auto store = ten_years_played_store(state, "digests");
  if (!store) return;
  std::vector<smr::core::SessionDigest> last;
  if (auto warm = store->session_digests(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo)) {
    last = std::move(*warm);
  } else {
    state.SkipWithError(warm.error().message.c_str());
  }
  for (auto _ : state) {
    auto digests = store->session_digests(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo);
    if (!digests) state.SkipWithError(digests.error().message.c_str());
    benchmark::DoNotOptimize(digests);
  }
  report_digests(state, last);
}
BENCHMARK(BM_SessionDigests10Years)->Unit(benchmark::kMillisecond);

// The first query of a connection (as in `smr progress`, a new process each time): opening the journal
// (untimed) leaves SQLite's page cache empty, the file itself in the OS's cache.
void BM_SessionDigests10YearsFirstQuery(benchmark::State& state) {
  std::string url;
  {
    auto store = open_fresh("digests-first", &url);
    smr::core::Journal j;
    for (int d = 0; d < kDays; ++d) j.sessions.push_back(played_day(d));
    if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
  }
  std::vector<smr::core::SessionDigest> last;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = smr::store::open_store(url);
    if (!store) {
      state.SkipWithError(store.error().message.c_str());
      break;
    }
    state.ResumeTiming();
    auto digests = (*store)->session_digests(smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo);
    if (!digests) state.SkipWithError(digests.error().message.c_str());
    state.PauseTiming();
    if (digests) last = std::move(*digests);
    store->reset();
    state.ResumeTiming();
  }
  report_digests(state, last);
}
BENCHMARK(BM_SessionDigests10YearsFirstQuery)->Unit(benchmark::kMillisecond)->Iterations(20);

// The same digests computed from every session's full record (what session_digests did before schema
// version 4, and what MemoryStore does): the baseline.
void BM_SessionDigests10YearsFromRecords(benchmark::State& state) {
  auto store = ten_years_played_store(state, "digests-records");
  if (!store) return;
  std::vector<smr::core::SessionDigest> last;
  for (auto _ : state) {
    auto digests =
        smr::store::detail::digests_from_records(*store, smr::core::kLocalPersonId, kTenYearsFrom, kTenYearsTo);
    if (!digests) state.SkipWithError(digests.error().message.c_str());
    if (digests) last = std::move(*digests);
  }
  report_digests(state, last);
}
BENCHMARK(BM_SessionDigests10YearsFromRecords)->Unit(benchmark::kMillisecond)->Iterations(3);

// Importing the ten years of played sessions (3 653 sessions, 245 000 events, 36 500 check-ins) into an empty
// journal, as they were played (range 1: ended, so the import computes and stores every digest) or as if every
// session were still active (range 0: no digest to compute): the difference is what digests cost an import.
void BM_ImportTenYearsOfPlayedSessions(benchmark::State& state) {
  smr::core::Journal j;
  for (int d = 0; d < kDays; ++d) {
    j.sessions.push_back(played_day(d));
    if (state.range(0) == 0) {
      j.sessions.back().info.ended_ms.reset();
      j.sessions.back().info.status = smr::core::SessionStatus::kActive;
    }
  }
  for (auto _ : state) {
    state.PauseTiming();
    auto store = open_fresh("import-played");
    state.ResumeTiming();
    if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
    state.PauseTiming();
    store.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_ImportTenYearsOfPlayedSessions)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(2);

// end_session of one played day's session (65 events, 10 check-ins written before, untimed): the end, and the
// digest computed from the session's records and stored, in one durable transaction.
void BM_EndSessionStoringItsDigest(benchmark::State& state) {
  auto store = open_fresh("end-session");
  int d = 0;
  for (auto _ : state) {
    state.PauseTiming();
    smr::core::SessionRecord rec = played_day(d++);
    const auto ended_ms = *rec.info.ended_ms;
    rec.info.ended_ms.reset();
    rec.info.status = smr::core::SessionStatus::kActive;
    smr::core::Journal j;
    j.sessions.push_back(rec);
    if (auto r = store->import_journal(j); !r) state.SkipWithError(r.error().message.c_str());
    state.ResumeTiming();
    if (auto r = store->end_session(rec.info.uid, ended_ms, smr::core::SessionStatus::kFinished); !r) {
      state.SkipWithError(r.error().message.c_str());
    }
  }
}
BENCHMARK(BM_EndSessionStoringItsDigest)->Unit(benchmark::kMicrosecond)->Iterations(200);

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
