// LiveSession: the session engine wired to a store. Every record is stored as it is emitted; the summary's
// time per region comes from the stored events.

#include "service/session_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "session_fixture.h"
#include "store/store.h"

namespace smr::service {
namespace {

const core::Catalog& builtin() {
  static const core::Catalog catalog = [] {
    auto c = catalog::load_builtin_catalog();
    if (!c) throw std::runtime_error("the built-in catalog does not load");
    return std::move(*c);
  }();
  return catalog;
}

// Two steps on the calves of the built-in catalog (session_fixture.h).
core::Routine calves_routine() { return core::testing::builtin_calves_routine("test"); }

SessionStart start_options() {
  SessionStart how;
  how.title = "Calves";
  how.routine_json = "{}";
  how.settings.get_ready_s = 10;
  how.settings.check_in_s = 5;
  how.settings.kit.owned_tools = {"foam-roller-medium"};
  return how;
}

core::SessionEvent event(std::int64_t seq, core::UnixMillis at, const std::string& kind, int step,
                         const std::string& data) {
  core::SessionEvent e;
  e.seq = seq;
  e.at_ms = at;
  e.kind = kind;
  e.step = step;
  e.data_json = data;
  return e;
}

TEST(LiveSessionTest, StoresTheSessionAndEveryRecordAsItHappens) {
  auto store = store::open_store("memory:");
  ASSERT_TRUE(store);
  auto live = LiveSession::start(**store, builtin(), calves_routine(), start_options(), 0, 1'700'000'000'000);
  ASSERT_TRUE(live) << live.error().message;
  const auto uid = (*live)->uid();
  EXPECT_FALSE((*live)->take_start_cues().cues.empty());

  auto stored = (*store)->session(uid);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->info.status, core::SessionStatus::kActive);
  EXPECT_EQ(stored->info.title, "Calves");
  const auto events_at_start = stored->events.size();
  EXPECT_GE(events_at_start, 2u);  // session-started, phase-started get-ready

  // Into the first hold (10 s get-ready + 5 s transition), then check in during it.
  ASSERT_TRUE((*live)->tick(16'000));
  core::SessionInput in;
  in.kind = core::InputKind::kCheckIn;
  in.check_in.intensity = 5;
  in.check_in.quality = core::Quality::kGoodHurt;
  auto step = (*live)->apply(16'500, in);
  ASSERT_TRUE(step);
  EXPECT_FALSE(step->refused);
  stored = (*store)->session(uid);
  ASSERT_EQ(stored->check_ins.size(), 1u);  // durable the moment it is answered
  EXPECT_EQ(stored->check_ins[0].intensity, 5);
  EXPECT_EQ(stored->check_ins[0].region, "calves");
  EXPECT_EQ(stored->check_ins[0].side, core::Side::kLeft);
  EXPECT_GT(stored->events.size(), events_at_start);

  // To the end.
  ASSERT_TRUE((*live)->tick(10'000'000));
  EXPECT_TRUE((*live)->ended());
  stored = (*store)->session(uid);
  EXPECT_EQ(stored->info.status, core::SessionStatus::kFinished);
  ASSERT_TRUE(stored->info.ended_ms);
  // Everything the engine emitted is stored, in order.
  const auto summary = (*live)->summary();
  EXPECT_EQ(summary.check_ins, stored->check_ins);
  EXPECT_EQ(stored->events.back().kind, "session-finished");
  ASSERT_EQ(summary.regions.size(), 2u);
  EXPECT_EQ(summary.regions[0].region, "calves");
  EXPECT_EQ(summary.regions[0].side, core::Side::kLeft);
  EXPECT_EQ(summary.regions[0].active_ms, 30'000);  // hold 20 s + roll 10 s
  EXPECT_EQ(summary.regions[1].side, core::Side::kRight);
  EXPECT_EQ(summary.regions[1].active_ms, 30'000);
}

TEST(LiveSessionTest, RefusedInputIsReportedNotStored) {
  auto store = store::open_store("memory:");
  ASSERT_TRUE(store);
  auto live = LiveSession::start(**store, builtin(), calves_routine(), start_options(), 0, 1'700'000'000'000);
  ASSERT_TRUE(live);
  const auto before = (*store)->session((*live)->uid())->events.size();
  core::SessionInput resume;
  resume.kind = core::InputKind::kResume;
  auto step = (*live)->apply(1000, resume);
  ASSERT_TRUE(step);
  ASSERT_TRUE(step->refused);
  EXPECT_EQ(step->refused->code, core::RefusalCode::kNotPaused);
  EXPECT_EQ((*store)->session((*live)->uid())->events.size(), before);
}

TEST(LiveSessionTest, StopIsStoredWithItsEndTime) {
  auto store = store::open_store("memory:");
  ASSERT_TRUE(store);
  auto live = LiveSession::start(**store, builtin(), calves_routine(), start_options(), 0, 1'700'000'000'000);
  ASSERT_TRUE(live);
  core::SessionInput stop;
  stop.kind = core::InputKind::kStop;
  ASSERT_TRUE((*live)->apply(20'000, stop));
  const auto stored = (*store)->session((*live)->uid());
  EXPECT_EQ(stored->info.status, core::SessionStatus::kStopped);
  EXPECT_EQ(stored->info.ended_ms, 1'700'000'020'000);
  EXPECT_EQ((*live)->summary().elapsed_ms, 20'000);
}

TEST(RegionTimesTest, CountsActivePhasesAndNotPausesOrTransitions) {
  const std::vector<core::SessionEvent> events{
      event(0, 0, "session-started", -1, "{}"),
      event(1, 0, "step-started", 0, R"({"region":"calves","side":"left"})"),
      event(2, 0, "phase-started", 0, R"({"phase":"transition"})"),
      event(3, 5000, "phase-started", 0, R"({"phase":"hold","set":0})"),
      event(4, 10000, "paused", 0, R"({"phase":"hold"})"),
      event(5, 70000, "resumed", 0, R"({"paused_ms":60000})"),
      event(6, 85000, "phase-started", 0, R"({"phase":"check-in","set":0})"),
      event(7, 90000, "step-started", 1, R"({"region":"glutes","side":"right"})"),
      event(8, 90000, "phase-started", 1, R"({"phase":"roll","set":0})"),
      event(9, 95000, "phase-skipped", 1, R"({"phase":"roll"})"),
      event(10, 95000, "session-finished", -1, "{}"),
  };
  const auto times = region_times(events);
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0].region, "calves");
  EXPECT_EQ(times[0].active_ms, 5000 + 15000);  // hold before and after the pause
  EXPECT_EQ(times[1].region, "glutes");
  EXPECT_EQ(times[1].side, core::Side::kRight);
  EXPECT_EQ(times[1].active_ms, 5000);
}

TEST(RegionTimesTest, NoEventsNoTimes) { EXPECT_TRUE(region_times({}).empty()); }

}  // namespace
}  // namespace smr::service
