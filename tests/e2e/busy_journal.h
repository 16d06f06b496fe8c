#pragma once
// Issue 10, item 4: nothing is lost while the journal is busy. An import of a large journal (`smr import` in
// one process) while a session records check-ins (`smr roll --script` in another) on the same journal: every
// check-in the session made is stored, in order, exactly as the same session stores them on a quiet journal.
// Shared by the SQLite test (busy_journal_test.cc, label e2e) and the PostgreSQL one (journal_postgres_cli_test.cc).

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "process.h"

namespace smr::test {

// Imported sessions' uids start with this (the live session's uid is random), so the live one can be found.
inline constexpr const char* kImportedUidPrefix = "feed";

// A journal in the export format (docs/storage.md) with `sessions` finished daily sessions of the local
// person, each of 5 steps (a step-started and 5 phases each) and 10 check-ins: large enough that its import
// holds the journal's write lock for seconds.
inline std::string large_journal(int sessions) {
  static const char* const kRegions[] = {"calves", "hamstrings", "quadriceps", "glutes", "thoracic-spine"};
  static const char* const kPhases[] = {"locate", "hold", "move", "roll", "check-in"};
  char uid[40];
  auto make_uid = [&](int kind, int session, int item) {
    std::snprintf(uid, sizeof uid, "%s%02x%010x%016x", kImportedUidPrefix, kind, session, item);
    return std::string(uid);
  };
  std::string out = R"({"format": "smr-coach-journal", "version": 1,
  "people": [{"id": 1, "name": "me", "created_ms": 0}], "profiles": [], "routines": [], "custom_exercises": [],
  "sessions": [)";
  const std::int64_t day_ms = 86'400'000;
  const std::int64_t first_ms = 1'500'000'000'000;
  for (int s = 0; s < sessions; ++s) {
    const std::int64_t t0 = first_ms + s * day_ms;
    std::int64_t t = t0;
    if (s > 0) out += ",";
    out += R"({"uid": ")" + make_uid(1, s, 0) + R"(", "person_id": 1, "title": "Imported )" + std::to_string(s) +
           R"(", "started_ms": )" + std::to_string(t0) + R"(, "ended_ms": )" + std::to_string(t0 + 600'000) +
           R"(, "status": "finished", "routine_json": "{}", "events": [)";
    int seq = 0;
    auto event = [&](const std::string& kind, int step, const std::string& data) {
      if (seq > 0) out += ",";
      out += R"({"seq": )" + std::to_string(seq++) + R"(, "at_ms": )" + std::to_string(t) + R"(, "kind": ")" + kind +
             R"(", "step": )" + std::to_string(step) + R"(, "data_json": ")" + data + R"("})";
      t += 20'000;
    };
    event("session-started", -1, "{}");
    for (int step = 0; step < 5; ++step) {
      event("step-started", step,
            std::string(R"({\"region\":\")") + kRegions[(s + step) % 5] + R"(\",\"side\":\"left\"})");
      for (const char* phase : kPhases)
        event("phase-started", step, std::string(R"({\"phase\":\")") + phase + R"(\"})");
    }
    event("session-finished", -1, "{}");
    out += R"(], "check_ins": [)";
    for (int c = 0; c < 10; ++c) {
      if (c > 0) out += ",";
      out += R"({"uid": ")" + make_uid(2, s, c) + R"(", "at_ms": )" + std::to_string(t0 + 30'000 + c * 50'000) +
             R"(, "step": )" + std::to_string(c / 2) + R"(, "exercise": "x", "region": ")" + kRegions[(s + c / 2) % 5] +
             R"(", "side": "left", "intensity": )" + std::to_string((s + c) % 11) +
             R"(, "quality": "pressure", "note": ""})";
    }
    out += R"(], "adaptations": [], "notes": []})";
  }
  out += R"(], "self_tests": [], "settings": []})";
  return out;
}

// A scripted 5-minute session: a check-in every 2 s of session time with intensities 3-6 and qualities that are
// sensation, not pain (so the plan is not adapted and the session is the same on every run).
inline std::string check_in_script() {
  static const char* const kQualities[] = {"pressure", "ache", "good-hurt"};
  std::string out;
  for (int k = 0; k < 150; ++k) {
    out += std::to_string(4 + 2 * k) + " check-in " + std::to_string(3 + k % 4) + " " + kQualities[k % 3] + "\n";
  }
  return out;
}

// The live session's check-ins in `smr export` of `db` (the one session whose uid is not an imported one), each
// as "+offset_ms step exercise region side intensity quality", in the export's order.
inline std::vector<std::string> live_check_ins(const std::string& db) {
  const auto exported = run_process({SMR_BINARY, "--db", db, "export"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  std::vector<std::string> out;
  int live_sessions = 0;
  const auto journal = boost::json::parse(exported.out);
  for (const auto& sv : journal.at("sessions").as_array()) {
    const auto& s = sv.as_object();
    if (std::string(s.at("uid").as_string()).rfind(kImportedUidPrefix, 0) == 0) continue;
    ++live_sessions;
    EXPECT_EQ(s.at("status").as_string(), "finished");
    const std::int64_t started = s.at("started_ms").as_int64();
    for (const auto& cv : s.at("check_ins").as_array()) {
      const auto& c = cv.as_object();
      out.push_back("+" + std::to_string(c.at("at_ms").as_int64() - started) + " " +
                    std::to_string(c.at("step").as_int64()) + " " + std::string(c.at("exercise").as_string()) + " " +
                    std::string(c.at("region").as_string()) + " " + std::string(c.at("side").as_string()) + " " +
                    std::to_string(c.at("intensity").as_int64()) + " " + std::string(c.at("quality").as_string()));
    }
  }
  EXPECT_EQ(live_sessions, 1);
  return out;
}

// The test itself, on `db` (empty), with files in `dir`; `quiet_db` is an empty journal for the reference run.
// `sessions`: the size of the imported journal.
inline void import_while_recording(const std::string& db, const std::string& quiet_db, const std::filesystem::path& dir,
                                   int sessions) {
  using Clock = std::chrono::steady_clock;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  };
  const auto plan = run_process({SMR_BINARY, "--db", quiet_db, "plan", "--goal", "post-workout", "--activity",
                                 "leg-day", "--minutes", "5", "--tools", "foam-roller-medium", "--json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto plan_file = write("plan.json", plan.out);
  const auto script = write("check-ins.txt", check_in_script());
  const auto journal = write("large.json", large_journal(sessions));
  const std::vector<std::string> roll_args{"roll",    "--plan", plan_file,     "--script", script,
                                           "--speed", "20",     "--get-ready", "3"};

  // The reference: the same scripted session on a quiet journal.
  std::vector<std::string> quiet{SMR_BINARY, "--db", quiet_db};
  quiet.insert(quiet.end(), roll_args.begin(), roll_args.end());
  const auto reference_run = run_process(quiet);
  ASSERT_EQ(reference_run.exit_code, 0) << reference_run.err;
  const auto reference = live_check_ins(quiet_db);
  ASSERT_GE(reference.size(), 100u) << "the script's check-ins should mostly be taken";

  // The import, and the session recording meanwhile, on a journal created (and migrated) beforehand.
  // (A reading command creates no journal, issue 11: an empty export imported creates and migrates it.)
  const std::string empty = (dir / "empty.json").string();
  std::ofstream(empty)
      << R"({"format":"smr-coach-journal","version":1,"people":[{"id":1,"name":"me","created_ms":0}],)"
         R"("profiles":[],"routines":[],"custom_exercises":[],"sessions":[],"self_tests":[],"settings":[]})";
  const auto created = run_process({SMR_BINARY, "--db", db, "import", empty});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const auto t0 = Clock::now();
  ChildProcess import({SMR_BINARY, "--db", db, "import", journal});
  std::vector<std::string> busy{SMR_BINARY, "--db", db};
  busy.insert(busy.end(), roll_args.begin(), roll_args.end());
  ChildProcess roll(busy);
  const int import_exit = import.wait(std::chrono::minutes(5));
  const auto import_done = Clock::now();
  const int roll_exit = roll.wait(std::chrono::minutes(5));
  const auto roll_done = Clock::now();
  ASSERT_EQ(import_exit, 0) << import.err();
  ASSERT_EQ(roll_exit, 0) << roll.err() << "\n" << roll.out();
  // The session ran across the import: it was still recording when the import ended.
  EXPECT_GT(roll_done, import_done) << "the session ended before the import; make the session longer";
  const auto ms = [&](Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t - t0).count();
  };
  std::printf("import of %d sessions: %lld ms; session: %lld ms; the session saw the journal busy: %s\n", sessions,
              static_cast<long long>(ms(import_done)), static_cast<long long>(ms(roll_done)),
              roll.out().find("journal: busy") != std::string::npos ? "yes" : "no");

  // Every check-in, in order, as on the quiet journal; and the whole import.
  EXPECT_EQ(live_check_ins(db), reference);
  const auto exported = run_process({SMR_BINARY, "--db", db, "export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(boost::json::parse(exported.out).at("sessions").as_array().size(), static_cast<std::size_t>(sessions) + 1);
}

}  // namespace smr::test
