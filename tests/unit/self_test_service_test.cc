// Recording self-tests, soreness and workouts in a store: sessions named by uid, prefix or "last"; several
// rows written all or nothing; the workout row read back by core::workouts_from().

#include "service/self_test_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/progress_soreness.h"

namespace smr::service {
namespace {

using Code = store::Error::Code;

std::unique_ptr<store::Store> memory_store() {
  auto s = store::open_store("memory:");
  if (!s) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

void add_session(store::Store& s, const std::string& uid, core::UnixMillis started_ms) {
  core::SessionInfo info;
  info.uid = uid;
  info.title = "Calves";
  info.started_ms = started_ms;
  info.routine_json = "{}";
  ASSERT_TRUE(s.start_session(info));
}

core::SelfTest knee(const std::string& uid, double value, const std::string& session = "") {
  core::SelfTest t;
  t.uid = uid;
  t.at_ms = 1000;
  t.test = "knee-to-wall";
  t.side = core::Side::kLeft;
  t.value = value;
  t.unit = "cm";
  t.session_uid = session;
  t.phase = "baseline";
  return t;
}

TEST(SelfTestServiceTest, ResolvesAFullUidAUniquePrefixAndLast) {
  auto s = memory_store();
  add_session(*s, "aaaa1111aaaa1111aaaa1111aaaa1111", 1000);
  add_session(*s, "aaaa2222aaaa2222aaaa2222aaaa2222", 2000);
  EXPECT_EQ(resolve_session_uid(*s, core::kLocalPersonId, "aaaa1111aaaa1111aaaa1111aaaa1111"),
            "aaaa1111aaaa1111aaaa1111aaaa1111");
  EXPECT_EQ(resolve_session_uid(*s, core::kLocalPersonId, "aaaa2"), "aaaa2222aaaa2222aaaa2222aaaa2222");
  EXPECT_EQ(resolve_session_uid(*s, core::kLocalPersonId, "last"), "aaaa2222aaaa2222aaaa2222aaaa2222");
  const auto ambiguous = resolve_session_uid(*s, core::kLocalPersonId, "aaaa");
  ASSERT_FALSE(ambiguous);
  EXPECT_EQ(ambiguous.error().code, Code::kInvalid);
  EXPECT_EQ(ambiguous.error().message, "\"aaaa\" starts 2 session uids; give more characters");
  const auto unknown = resolve_session_uid(*s, core::kLocalPersonId, "bbbb");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Code::kNotFound);
  EXPECT_EQ(unknown.error().message, "no session has a uid starting with \"bbbb\"");
}

TEST(SelfTestServiceTest, LastNamesNoSessionInAnEmptyJournal) {
  auto s = memory_store();
  const auto last = resolve_session_uid(*s, core::kLocalPersonId, "last");
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code, Code::kNotFound);
}

TEST(SelfTestServiceTest, RecordsSeveralRowsAllOrNothing) {
  auto s = memory_store();
  ASSERT_TRUE(record_self_tests(
      *s, {knee("11111111111111111111111111111111", 9.5), knee("22222222222222222222222222222222", 10)}));
  ASSERT_EQ(s->self_tests(core::kLocalPersonId)->size(), 2u);
  // The second row names a session that does not exist: neither row is stored.
  const auto refused =
      record_self_tests(*s, {knee("33333333333333333333333333333333", 11),
                             knee("44444444444444444444444444444444", 12, "ffffffffffffffffffffffffffffffff")});
  EXPECT_FALSE(refused);
  EXPECT_EQ(s->self_tests(core::kLocalPersonId)->size(), 2u);
}

TEST(SelfTestServiceTest, ProgressComesFromTheStoredRows) {
  auto s = memory_store();
  ASSERT_TRUE(record_self_tests(
      *s, {knee("11111111111111111111111111111111", 9.5), knee("22222222222222222222222222222222", 10)}));
  const auto p = self_test_progress(*s, core::kLocalPersonId);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->size(), 1u);
  EXPECT_EQ(p->front().baseline, 9.75);
}

TEST(SelfTestServiceTest, WorkoutRowFollowsTheSorenessStorageMapping) {
  const auto row = workout_self_test("55555555555555555555555555555555", 1'700'000'000'000);
  EXPECT_EQ(row.test, "workout");
  EXPECT_EQ(row.unit, "event");
  EXPECT_EQ(row.value, 0);
  EXPECT_EQ(row.phase, "check");
  EXPECT_EQ(row.side, core::Side::kCentre);
  EXPECT_TRUE(core::problem_with(row).empty());
  EXPECT_EQ(core::workouts_from({row}),
            (std::vector<core::Workout>{{"55555555555555555555555555555555", 1'700'000'000'000}}));
  EXPECT_TRUE(core::self_test_progress({row}).empty());  // not a range-of-motion test
}

}  // namespace
}  // namespace smr::service
