// bench/pg_import: what importing a journal of 100 000 check-ins costs on PostgreSQL, with the backend's bulk
// path (PostgresStore::import_journal: one transaction, COPY per table) against row-at-a-time writes.
//
//   scripts/pg-test-server start /tmp/pgbench          # SMR_PG_FSYNC=on for durable commits
//   build/release/bench/smr_bench_pg_import "$(cat /tmp/pgbench/url)" [check-ins] [--bulk-only]
//   scripts/pg-test-server stop /tmp/pgbench
//
// Prints seconds for: the bulk import; the same again with every session ended, so that the import also computes
// and stores each session's digest (schema version 4); the same rows as one INSERT statement each inside one
// transaction (the round trips alone); and the Store API's record_check_in, one committed transaction per
// check-in, on a tenth of the rows (it is the slowest by far), scaled up. --bulk-only stops after the two bulk
// imports. Each run uses a fresh schema, dropped after.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <pqxx/connection>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <string>

#include "core/journal.h"
#include "store/postgres/postgres_store.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string hex_uid(unsigned n) {
  std::string out(32, '0');
  for (std::size_t i = out.size(); n > 0 && i > 0; --i, n /= 16) out[i - 1] = "0123456789abcdef"[n % 16];
  return out;
}

// `check_ins` check-ins spread over sessions of 1000 each.
smr::core::Journal journal_of(int check_ins) {
  smr::core::Journal j;
  unsigned uid = 1;
  for (int i = 0; i < check_ins; ++i) {
    if (i % 1000 == 0) {
      smr::core::SessionRecord s;
      s.info.uid = hex_uid(uid++);
      s.info.title = "Recover from leg day, 20 min";
      s.info.started_ms = 1'700'000'000'000 + static_cast<smr::core::UnixMillis>(i) * 10'000;
      s.info.routine_json = R"({"steps": []})";
      j.sessions.push_back(s);
    }
    auto& s = j.sessions.back();
    smr::core::CheckIn c;
    c.uid = hex_uid(uid++);
    c.session_uid = s.info.uid;
    c.at_ms = s.info.started_ms + (i % 1000) * 1000;
    c.step = i % 12;
    c.exercise = "calf-roll";
    c.region = i % 3 == 0 ? "calves" : "upper-back";
    c.side = static_cast<smr::core::Side>(i % 3);
    c.intensity = i % 11;
    c.quality = static_cast<smr::core::Quality>(i % 10);
    c.note = "a bit tight";
    s.check_ins.push_back(c);
  }
  return j;
}

// A store in a new schema `name` of the database at `url`.
std::unique_ptr<smr::store::Store> fresh_store(const std::string& url, const std::string& name) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  tx.exec("CREATE SCHEMA " + name);
  auto store = smr::store::open_postgres_store(url + "?options=-csearch_path%3D" + name);
  if (!store) {
    std::fprintf(stderr, "smr_bench_pg_import: %s\n", store.error().message.c_str());
    std::exit(1);
  }
  return std::move(*store);
}

void drop(const std::string& url, const std::string& name) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: smr_bench_pg_import POSTGRESQL_URL [CHECK_INS]\n");
    return 2;
  }
  const std::string url = argv[1];
  const int n = argc > 2 ? std::atoi(argv[2]) : 100'000;
  const bool bulk_only = argc > 3 && std::string(argv[3]) == "--bulk-only";
  const smr::core::Journal journal = journal_of(n);
  const std::string prefix = "bench_" + std::to_string(::getpid());

  {  // The bulk path.
    auto store = fresh_store(url, prefix + "_copy");
    const auto start = Clock::now();
    const auto summary = store->import_journal(journal);
    const double s = seconds_since(start);
    if (!summary) {
      std::fprintf(stderr, "import failed: %s\n", summary.error().message.c_str());
      return 1;
    }
    std::printf("import_journal (COPY, one transaction): %d records in %.2f s\n", summary->added, s);
    const auto export_start = Clock::now();
    const auto exported = store->export_journal();
    std::printf("export_journal: %.2f s (sessions and check-ins %s)\n", seconds_since(export_start),
                exported && exported->sessions == journal.sessions ? "identical" : "DIFFERENT");
    store.reset();
    drop(url, prefix + "_copy");
  }

  {  // The bulk path with every session ended: the import also computes and stores their digests.
    smr::core::Journal ended = journal;
    for (auto& s : ended.sessions) {
      s.info.ended_ms = s.check_ins.back().at_ms;
      s.info.status = smr::core::SessionStatus::kFinished;
    }
    auto store = fresh_store(url, prefix + "_ended");
    const auto start = Clock::now();
    const auto summary = store->import_journal(ended);
    const double s = seconds_since(start);
    if (!summary) {
      std::fprintf(stderr, "import failed: %s\n", summary.error().message.c_str());
      return 1;
    }
    std::printf("import_journal, every session ended (and digested): %d records in %.2f s\n", summary->added, s);
    store.reset();
    drop(url, prefix + "_ended");
  }
  if (bulk_only) return 0;

  {  // Row at a time in one transaction: the same rows, one INSERT round trip each.
    auto store = fresh_store(url, prefix + "_rows");
    store.reset();
    pqxx::connection conn(url + "?options=-csearch_path%3D" + prefix + "_rows");
    const auto start = Clock::now();
    pqxx::work tx(conn);
    for (const auto& s : journal.sessions) {
      tx.exec_params(
          "INSERT INTO sessions (uid, person_id, title, started_ms, ended_ms, status, routine_json) "
          "VALUES ($1, 1, $2, $3, NULL, 'active', $4)",
          s.info.uid, s.info.title, s.info.started_ms, s.info.routine_json);
    }
    for (const auto& s : journal.sessions) {
      for (const auto& c : s.check_ins) {
        tx.exec_params(
            "INSERT INTO check_ins (uid, session_uid, person_id, at_ms, step, exercise, region, side, intensity, "
            "quality, note) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10)",
            c.uid, c.session_uid, c.at_ms, c.step, c.exercise, c.region, std::string(smr::core::to_string(c.side)),
            c.intensity, std::string(smr::core::to_string(c.quality)), c.note);
      }
    }
    tx.commit();
    std::printf("row-at-a-time INSERTs, one transaction: %d check-ins in %.2f s\n", n, seconds_since(start));
    drop(url, prefix + "_rows");
  }

  {  // The Store API, one committed transaction per check-in, on a tenth of the rows.
    auto store = fresh_store(url, prefix + "_api");
    const int sample = n / 10;
    const auto start = Clock::now();
    int done = 0;
    for (const auto& s : journal.sessions) {
      if (done >= sample) break;
      if (!store->start_session(s.info)) return 1;
      for (const auto& c : s.check_ins) {
        if (done++ >= sample) break;
        if (!store->record_check_in(c)) return 1;
      }
    }
    const double s = seconds_since(start);
    std::printf("record_check_in, one transaction each: %d check-ins in %.2f s (x%d = %.1f s for %d)\n", sample, s,
                n / sample, s * n / sample, n);
    store.reset();
    drop(url, prefix + "_api");
  }
  return 0;
}
