// The trainer's day at the size of a studio chain (issue 19, "Done when": the scale benchmark; figures in
// docs/performance.md, "Trainers at scale"): on PostgreSQL, 10 000 people, 200 trainers with 50 clients each
// (every client sharing sessions and trends), 2 years of sessions (3 a week, three places checked in each, pain
// at some clients' calves). Targets: a trainer's dashboard under 50 ms at p99; a sign-in under 300 ms at p99.
//
//   scripts/pg-test-server start /tmp/pgdash
//   build/release/bench/smr_bench_trainer_dashboard --db "$(cat /tmp/pgdash/url)" [--people=10000]
//       [--trainers=200] [--clients=50] [--weeks=104] [--keep] [--benchmark_…]
//   scripts/pg-test-server stop /tmp/pgdash
//
// The journal is written straight into a fresh schema (dropped at the end) in one transaction: people,
// accounts and trainer links by generate_series, the sessions by COPY with their stored digests (what
// Store::session_digests reads; the digests' rows, events and check-ins a real journal also holds are not
// written: nothing the dashboard or a sign-in reads). Benchmarks (per iteration: one trainer or one person,
// cycling through all of them; the p50/p90/p99/max counters are over the iterations' wall times):
//   BM_Dashboard          service::dashboard: every active client in a constant number of queries;
//   BM_DashboardPerClient the same answers the way the dashboard first computed them (each client's whole
//                         progress and recent sessions, one client at a time): what the batched read saves;
//   BM_SignIn             service::sign_in with OWASP argon2id parameters (the hash verification dominates).

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/stream_to>
#include <pqxx/transaction>
#include <random>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <benchmark/benchmark.h>

#include "core/session_digest.h"
#include "service/account_service.h"
#include "service/password_policy.h"
#include "service/progress_service.h"
#include "service/trainer_service.h"
#include "store/digest_util.h"
#include "store/store.h"

namespace {

namespace core = smr::core;
namespace service = smr::service;
namespace store = smr::store;

using Clock = std::chrono::steady_clock;

struct Sizes {
  int people = 10'000;
  int trainers = 200;
  int clients = 50;
  int weeks = 104;
};

Sizes g_sizes;
bool g_keep = false;   // --keep: leave the schema for a look with psql (its name is printed)
std::string g_url;     // the server's URL (--db)
std::string g_schema;  // the fresh schema the journal is written to
std::unique_ptr<store::Store> g_store;
constexpr core::UnixMillis kNow = 1'796'644'800'000;  // Mon 2026-12-07 12:00 UTC
constexpr char kPassword[] = "correct horse battery staple";

core::PersonId trainer_id(int t) { return 2 + t; }  // person 1 is the journal's first person
int client_count() { return g_sizes.people - 1 - g_sizes.trainers; }
core::PersonId client_id(int c) { return 2 + g_sizes.trainers + c; }

std::string hex_uid(std::uint64_t n) {
  std::string out(32, '0');
  for (std::size_t i = out.size(); n > 0 && i > 0; --i, n /= 16) out[i - 1] = "0123456789abcdef"[n % 16];
  return out;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Writes the studio into the schema the store was opened on (migrated, empty but for person 1).
void populate(pqxx::connection& conn) {
  const auto start = Clock::now();
  const std::string hash = [] {
    auto h = service::hash_password(kPassword);
    if (!h) throw std::runtime_error(h.error().message);
    return *h;
  }();
  pqxx::work tx(conn);
  tx.exec("SET search_path TO " + g_schema);
  tx.exec_params("INSERT INTO people (id, name, created_ms) SELECT g, 'Person ' || g, 0 FROM generate_series(2, $1) g",
                 g_sizes.people);
  tx.exec_params(
      "INSERT INTO accounts (person_id, login, password_hash, role, created_ms, password_changed_ms) "
      "SELECT g, 'p' || g, $1, CASE WHEN g < $2 THEN 'trainer' ELSE 'person' END, 0, 0 "
      "FROM generate_series(2, $3) g",
      hash, 2 + g_sizes.trainers, g_sizes.people);
  // Trainer t's clients: the 50 clients from t * 50 on, round the list (some clients have two trainers).
  tx.exec_params(
      "INSERT INTO trainer_links (trainer_id, client_id, created_ms, share_sessions, share_trends, "
      "share_self_tests, share_soreness, share_screening) "
      "SELECT 2 + t, 2 + $1 + (t * $2 + k) % $3, 0, true, true, false, false, false "
      "FROM generate_series(0, $1 - 1) t, generate_series(0, $2 - 1) k",
      g_sizes.trainers, g_sizes.clients, client_count());
  // A weekly target for a third of the clients.
  tx.exec_params(
      "INSERT INTO settings (person_id, key, value) SELECT 2 + $1 + c, $2, (2 + c % 5)::text "
      "FROM generate_series(0, $3 - 1) c WHERE c % 3 = 0",
      g_sizes.trainers, std::string(service::kSessionsPerWeekKey), client_count());
  const double people_s = seconds_since(start);

  std::mt19937_64 rng(19);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  const char* const regions[] = {"calves",     "quads",      "hamstrings", "glutes",
                                 "upper-back", "lower-back", "it-band",    "feet"};
  const core::Side sides[] = {core::Side::kLeft, core::Side::kRight, core::Side::kCentre};
  const core::UnixMillis first_monday = kNow - 12 * 3'600'000LL - g_sizes.weeks * core::kWeekMs;
  std::uint64_t uid = 1;
  std::size_t sessions = 0;
  {
    pqxx::stream_to stream(tx, "sessions",
                           std::vector<std::string>{"uid", "person_id", "title", "started_ms", "ended_ms", "status",
                                                    "routine_json", "digest"});
    for (int c = 0; c < client_count(); ++c) {
      // A tenth stopped 3-6 weeks ago; a tenth feel pain at their left calf now and then.
      const int stop_weeks = c % 10 == 3 ? 3 + pick(4) : 0;
      const bool painful = c % 10 == 7;
      for (int w = 0; w < g_sizes.weeks - stop_weeks; ++w) {
        for (const int day : {0, 2, 4}) {
          const core::UnixMillis at = first_monday + w * core::kWeekMs + day * core::kDayMs +
                                      (7 + pick(12)) * 3'600'000LL + pick(3'600) * 1000LL;
          if (at > kNow) continue;
          std::vector<core::RegionDigest> digest;
          for (int r = 0; r < 3; ++r) {
            core::RegionDigest d;
            d.region = regions[painful && r == 0 ? 0 : pick(8)];
            d.side = painful && r == 0 ? core::Side::kLeft : sides[pick(3)];
            d.active_ms = 60'000 + pick(60) * 1000;
            d.check_ins = 1 + pick(2);
            d.intensity_max = 3 + pick(5);
            d.intensity_sum = d.intensity_max * d.check_ins - pick(2);
            d.pain_check_ins = painful && r == 0 && pick(3) == 0 ? 1 : 0;
            d.first_check_in_ms = at + (r + 1) * 120'000;
            d.last_check_in_ms = d.first_check_in_ms + (d.check_ins - 1) * 30'000;
            d.last_intensity = d.intensity_max - pick(2);
            digest.push_back(d);
          }
          std::sort(digest.begin(), digest.end(), [](const core::RegionDigest& a, const core::RegionDigest& b) {
            return std::tie(a.region, a.side) < std::tie(b.region, b.side);
          });
          digest.erase(std::unique(digest.begin(), digest.end(),
                                   [](const core::RegionDigest& a, const core::RegionDigest& b) {
                                     return a.region == b.region && a.side == b.side;
                                   }),
                       digest.end());
          stream << std::make_tuple(hex_uid(uid++), client_id(c), std::string("Daily mobility, 15 min"), at,
                                    at + 15 * 60'000, std::string("finished"), std::string(R"({"steps": []})"),
                                    store::detail::digest_text(digest));
          ++sessions;
        }
      }
    }
    stream.complete();
  }
  tx.commit();
  const double sessions_s = seconds_since(start) - people_s;
  pqxx::nontransaction(conn).exec("ANALYZE");
  std::printf(
      "populated in %.1f s: %d people, %d trainers x %d clients, %zu sessions over %d weeks "
      "(people, accounts, links %.1f s; sessions %.1f s; ANALYZE %.1f s)\n",
      seconds_since(start), g_sizes.people, g_sizes.trainers, g_sizes.clients, sessions, g_sizes.weeks, people_s,
      sessions_s, seconds_since(start) - people_s - sessions_s);
}

// Wall-time percentiles over the iterations, as counters (milliseconds).
class Percentiles {
 public:
  void add(Clock::time_point start) {
    ms_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  void report(benchmark::State& state) {
    if (ms_.empty()) return;
    std::sort(ms_.begin(), ms_.end());
    const auto at = [&](double q) {
      return ms_[std::min(ms_.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms_.size())))];
    };
    state.counters["p50_ms"] = at(0.50);
    state.counters["p90_ms"] = at(0.90);
    state.counters["p99_ms"] = at(0.99);
    state.counters["max_ms"] = ms_.back();
    state.counters["n"] = static_cast<double>(ms_.size());
  }

 private:
  std::vector<double> ms_;
};

void BM_Dashboard(benchmark::State& state) {
  Percentiles p;
  int t = 0;
  std::size_t attention = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto d = service::dashboard(*g_store, trainer_id(t), kNow, core::TimeZone{});
    p.add(start);
    if (!d) throw std::runtime_error(d.error().message);
    if (d->size() != static_cast<std::size_t>(g_sizes.clients)) throw std::runtime_error("not every client listed");
    for (const auto& e : *d) attention += e.status == service::ClientStatus::kNeedsAttention ? 1U : 0U;
    t = (t + 1) % g_sizes.trainers;
  }
  p.report(state);
  state.counters["attention_per_dashboard"] =
      static_cast<double>(attention) / static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
}
BENCHMARK(BM_Dashboard)->Unit(benchmark::kMillisecond)->Iterations(400)->UseRealTime();

// The reasons the way the dashboard first found them (see the test TheDashboardAnswersWhatEachClients...).
std::size_t dashboard_per_client(core::PersonId trainer) {
  auto all = service::clients(*g_store, trainer);
  if (!all) throw std::runtime_error(all.error().message);
  std::size_t attention = 0;
  for (const auto& c : *all) {
    auto p = service::progress(*g_store, service::ProgressQuery{c.client_id, kNow, core::TimeZone{}, 0});
    if (!p) throw std::runtime_error(p.error().message);
    auto recent = g_store->sessions(c.client_id, kNow - service::kInactiveAfterMs, kNow + 1);
    if (!recent) throw std::runtime_error(recent.error().message);
    bool open = false;
    for (const auto& a : p->alerts) open = open || !a.acknowledged;
    const auto& weeks = p->adherence.weeks;
    const bool below = weeks.size() >= 2 && weeks[weeks.size() - 2].sessions < p->adherence.target;
    attention += open || recent->empty() || below ? 1U : 0U;
  }
  return attention;
}

void BM_DashboardPerClient(benchmark::State& state) {
  Percentiles p;
  int t = 0;
  std::size_t attention = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    attention += dashboard_per_client(trainer_id(t));
    p.add(start);
    t = (t + 1) % g_sizes.trainers;
  }
  p.report(state);
  state.counters["attention_per_dashboard"] =
      static_cast<double>(attention) / static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
}
BENCHMARK(BM_DashboardPerClient)->Unit(benchmark::kMillisecond)->Iterations(40)->UseRealTime();

void BM_SignIn(benchmark::State& state) {
  Percentiles p;
  std::mt19937 rng(7);
  for (auto _ : state) {
    const core::PersonId who = client_id(static_cast<int>(rng() % static_cast<unsigned>(client_count())));
    service::SignInRequest request{"p" + std::to_string(who), kPassword, "192.0.2." + std::to_string(rng() % 250),
                                   "bench"};
    const auto start = Clock::now();
    auto signed_in = service::sign_in(*g_store, request, kNow);
    p.add(start);
    if (!signed_in) throw std::runtime_error(signed_in.error().message);
  }
  p.report(state);
}
BENCHMARK(BM_SignIn)->Unit(benchmark::kMillisecond)->Iterations(40)->UseRealTime();

bool flag(const char* arg, const char* name, int* out) {
  const std::string prefix = std::string(name) + "=";
  if (std::strncmp(arg, prefix.c_str(), prefix.size()) != 0) return false;
  *out = std::atoi(arg + prefix.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--db" && i + 1 < argc) {
      g_url = argv[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      g_url = a.substr(5);
    } else if (a == "--keep") {
      g_keep = true;
    } else if (!flag(argv[i], "--people", &g_sizes.people) && !flag(argv[i], "--trainers", &g_sizes.trainers) &&
               !flag(argv[i], "--clients", &g_sizes.clients) && !flag(argv[i], "--weeks", &g_sizes.weeks)) {
      std::fprintf(stderr, "smr_bench_trainer_dashboard: unknown argument \"%s\"\n", argv[i]);
      return 2;
    }
  }
  if (g_url.rfind("postgresql://", 0) != 0) {
    std::fprintf(stderr,
                 "smr_bench_trainer_dashboard: needs --db postgresql://... (a throwaway server: "
                 "scripts/pg-test-server start DIR, then --db \"$(cat DIR/url)\")\n");
    return 2;
  }
  if (g_sizes.trainers < 1 || g_sizes.clients < 1 || g_sizes.weeks < 1 ||
      g_sizes.people < 1 + g_sizes.trainers + g_sizes.clients) {
    std::fprintf(stderr,
                 "smr_bench_trainer_dashboard: --people must hold person 1, the trainers and at least one trainer's "
                 "clients (people >= 1 + trainers + clients), and every size must be at least 1\n");
    return 2;
  }
  g_schema = "smr_dash_" + std::to_string(getpid());
  pqxx::connection admin(g_url);
  pqxx::nontransaction(admin).exec("DROP SCHEMA IF EXISTS " + g_schema + " CASCADE; CREATE SCHEMA " + g_schema);
  int status = 0;
  try {
    const std::string url =
        g_url + (g_url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + g_schema;
    auto opened = store::open_store(url);
    if (!opened) throw std::runtime_error(opened.error().message);
    g_store = std::move(*opened);
    populate(admin);
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "smr_bench_trainer_dashboard: %s\n", e.what());
    status = 1;
  }
  g_store.reset();
  if (g_keep) {
    std::printf("kept the schema %s\n", g_schema.c_str());
  } else {
    pqxx::nontransaction(admin).exec("DROP SCHEMA IF EXISTS " + g_schema + " CASCADE");
  }
  benchmark::Shutdown();
  return status;
}
