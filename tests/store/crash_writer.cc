// smr_crash_writer DB_PATH FIRST_AT_MS: opens the SQLite journal at DB_PATH, starts a session, asks for the
// weekly statistics at UTC (which builds the weekly aggregate the first time, so that every check-in also
// updates it) and records check-ins (at FIRST_AT_MS, FIRST_AT_MS + 1, ...) until it is killed. After each
// record_check_in returns, it writes the check-in's uid on its own line to stdout (one write(2) per line, unbuffered):
// a printed uid is one the store has acknowledged, so it must survive the kill. Every kCheckInsASession check-ins
// it plays a step (events), ends the session (which stores its digest), writes one more event to the ended
// session (which rewrites the digest) and starts the next session. Used by sqlite_crash_test.cc.
//
// Exit status: 1 when the store refuses something (the reason on stderr), 2 for bad usage. It stops on its
// own after 60 s in case nobody kills it.

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace {

bool write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

constexpr int kCheckInsASession = 7;

int refused(const char* what, const smr::store::Error& e) {
  std::fprintf(stderr, "smr_crash_writer: %s: %s\n", what, e.message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: smr_crash_writer DB_PATH FIRST_AT_MS\n");
    return 2;
  }
  const smr::core::UnixMillis first_at_ms = std::stoll(argv[2]);
  auto store = smr::store::open_sqlite_store(argv[1]);
  if (!store) return refused("open", store.error());

  smr::core::SessionInfo session;
  session.uid = smr::store::new_uid();
  session.title = "crash test";
  session.started_ms = first_at_ms;
  session.routine_json = "{}";
  if (auto s = (*store)->start_session(session); !s) return refused("start_session", s.error());
  auto event = [&](std::int64_t seq, smr::core::UnixMillis at, const char* kind, const char* data) {
    return (*store)->append_event(smr::core::SessionEvent{session.uid, seq, at, kind, 0, data});
  };
  if (auto s =
          (*store)->weekly_region_stats(smr::core::kLocalPersonId, std::numeric_limits<smr::core::UnixMillis>::min(),
                                        std::numeric_limits<smr::core::UnixMillis>::max(), 0);
      !s) {
    return refused("weekly_region_stats", s.error());
  }

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (int i = 0; std::chrono::steady_clock::now() < deadline; ++i) {
    smr::core::CheckIn c;
    c.uid = smr::store::new_uid();
    c.session_uid = session.uid;
    c.at_ms = first_at_ms + i;
    c.step = i;
    c.exercise = "calves-roller";
    c.region = "calves";
    c.side = (i % 2 == 0) ? smr::core::Side::kLeft : smr::core::Side::kRight;
    c.intensity = i % 11;
    if (auto s = (*store)->record_check_in(c); !s) return refused("record_check_in", s.error());
    if (!write_all(c.uid + "\n")) return 1;
    if (i % kCheckInsASession != kCheckInsASession - 1) continue;
    const smr::core::UnixMillis at = c.at_ms;
    if (auto s = event(0, session.started_ms, "step-started", R"({"region":"calves","side":"left"})"); !s) {
      return refused("append_event", s.error());
    }
    if (auto s = event(1, session.started_ms, "phase-started", R"({"phase":"hold"})"); !s) {
      return refused("append_event", s.error());
    }
    if (auto s = (*store)->end_session(session.uid, at, smr::core::SessionStatus::kFinished); !s) {
      return refused("end_session", s.error());
    }
    if (auto s = event(2, at, "session-finished", "{}"); !s) return refused("append_event", s.error());
    session.uid = smr::store::new_uid();
    session.started_ms = at + 1;
    if (auto s = (*store)->start_session(session); !s) return refused("start_session", s.error());
  }
  return 0;
}
