// Issue 10, item 4 on SQLite: an import of a large journal while a session records check-ins stores every
// check-in, in order (tests/e2e/busy_journal.h). SMR_BUSY_SESSIONS sets the imported journal's size (default
// 3000 sessions, about 20 MB of JSON).

#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "busy_journal.h"
#include "process.h"

namespace {

int imported_sessions() {
  const char* n = std::getenv("SMR_BUSY_SESSIONS");
  return n != nullptr && std::atoi(n) > 0 ? std::atoi(n) : 3000;
}

TEST(BusyJournalTest, ImportWhileRecordingKeepsEveryCheckInInOrderOnSqlite_Issue10) {
  const smr::test::TempDir dir("smr-busy-journal");
  smr::test::import_while_recording("sqlite:" + (dir / "journal.db").string(), "sqlite:" + (dir / "quiet.db").string(),
                                    dir.path(), imported_sessions());
}

}  // namespace
