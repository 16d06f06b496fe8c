// Interrupted sessions (issue 16, item 2): a session whose player died is found, taken over (its engine rebuilt
// by replaying the stored events, also when the player died halfway through writing one call's records) and
// played on, or closed as stopped at its last record, with every acknowledged check-in kept.

#include "service/session_recovery.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "catalog/loader.h"
#include "json/plan_json.h"
#include "service/session_service.h"
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

constexpr core::UnixMillis kT0 = 1'800'000'000'000;

// A player on this host whose process is gone (no process has this pid).
std::string dead_player() {
  const std::string me = this_player();  // "host H pid P start S"
  const auto host_end = me.find(" pid ");
  return me.substr(0, host_end) + " pid 999999999 start 1";
}

// A Store that forwards to a memory store and, once `writes_left` session writes have been made, refuses every
// further one: a player that died at that record.
class DyingStore : public store::Store {
 public:
  DyingStore() : inner_(std::move(*store::open_store("memory:"))) {}
  int writes_left = 1'000'000;

  std::string backend() const override { return "memory"; }
  store::Result<store::Health> check_health() override { return inner_->check_health(); }
  store::Result<core::Person> person(core::PersonId id) override { return inner_->person(id); }
  store::Result<std::vector<core::Person>> people() override { return inner_->people(); }
  store::Result<core::Person> add_person(const std::string& n, core::UnixMillis t) override {
    return inner_->add_person(n, t);
  }
  store::Result<std::optional<core::Profile>> profile(core::PersonId id) override { return inner_->profile(id); }
  store::Status save_profile(core::PersonId id, const core::Profile& p) override { return inner_->save_profile(id, p); }
  store::Status save_routine(const core::SavedRoutine& r) override { return inner_->save_routine(r); }
  store::Result<std::vector<core::SavedRoutine>> routines(core::PersonId id) override { return inner_->routines(id); }
  store::Status delete_routine(const std::string& uid) override { return inner_->delete_routine(uid); }
  store::Status save_custom_exercise(const core::CustomExercise& x) override { return inner_->save_custom_exercise(x); }
  store::Result<std::vector<core::CustomExercise>> custom_exercises(core::PersonId id) override {
    return inner_->custom_exercises(id);
  }
  store::Status start_session(const core::SessionInfo& s) override { return inner_->start_session(s); }
  store::Status append_event(const core::SessionEvent& e) override {
    if (auto d = die()) return *d;
    return inner_->append_event(e);
  }
  store::Status record_check_in(const core::CheckIn& c) override {
    if (auto d = die()) return *d;
    return inner_->record_check_in(c);
  }
  store::Status record_adaptation(const core::Adaptation& a) override {
    if (auto d = die()) return *d;
    return inner_->record_adaptation(a);
  }
  store::Status add_note(const core::SessionNote& n) override {
    if (auto d = die()) return *d;
    return inner_->add_note(n);
  }
  store::Status end_session(const std::string& uid, core::UnixMillis t, core::SessionStatus s) override {
    if (auto d = die()) return *d;
    return inner_->end_session(uid, t, s);
  }
  store::Result<core::SessionRecord> session(const std::string& uid) override { return inner_->session(uid); }
  store::Result<std::vector<core::SessionInfo>> sessions(core::PersonId id, core::UnixMillis a,
                                                         core::UnixMillis b) override {
    return inner_->sessions(id, a, b);
  }
  store::Result<std::vector<core::CheckIn>> check_ins(core::PersonId id, core::UnixMillis a,
                                                      core::UnixMillis b) override {
    return inner_->check_ins(id, a, b);
  }
  store::Result<std::vector<core::SessionDigest>> session_digests(core::PersonId id, core::UnixMillis a,
                                                                  core::UnixMillis b) override {
    return inner_->session_digests(id, a, b);
  }
  store::Status record_self_test(const core::SelfTest& t) override { return inner_->record_self_test(t); }
  store::Result<std::vector<core::SelfTest>> self_tests(core::PersonId id) override { return inner_->self_tests(id); }
  store::Result<std::optional<std::string>> setting(core::PersonId id, const std::string& k) override {
    return inner_->setting(id, k);
  }
  store::Status set_setting(const core::Setting& s) override { return inner_->set_setting(s); }
  store::Result<std::vector<core::WeeklyRegionStat>> weekly_region_stats(core::PersonId id, core::UnixMillis a,
                                                                         core::UnixMillis b, int off) override {
    return inner_->weekly_region_stats(id, a, b, off);
  }
  store::Result<core::Journal> export_journal() override { return inner_->export_journal(); }
  store::Result<store::ImportSummary> import_journal(const core::Journal& j) override {
    return inner_->import_journal(j);
  }

 private:
  std::optional<store::Status> die() {
    if (writes_left <= 0) return store::Status(store::fail(store::Error::Code::kIo, "the player died"));
    --writes_left;
    return std::nullopt;
  }
  std::unique_ptr<store::Store> inner_;
};

// Three calves steps of two sets with a move phase: room for holds, reps, check-ins and adaptations.
core::Routine routine() {
  core::Routine r = core::testing::builtin_calves_routine("post-workout");
  for (auto& s : r.steps) {
    s.sets = 2;
    s.phases = {{core::PhaseKind::kLocate, 5}, {core::PhaseKind::kHold, 20}, {core::PhaseKind::kRoll, 10}};
  }
  return r;
}

SessionStart start_with(const std::string& player) {
  SessionStart how;
  how.title = "Calves";
  how.routine_json = boost::json::serialize(json::to_json(routine()));
  how.settings.kit.owned_tools = {"foam-roller-medium", "foam-roller-soft"};
  how.settings.player = player;
  return how;
}

core::SessionInput random_input(std::mt19937& rng) {
  static const core::InputKind kinds[] = {
      core::InputKind::kPause,      core::InputKind::kResume,  core::InputKind::kSkipPhase,
      core::InputKind::kExtendHold, core::InputKind::kBack,    core::InputKind::kCheckIn,
      core::InputKind::kCheckIn,    core::InputKind::kCheckIn, core::InputKind::kSkipStep};
  static const core::Quality qualities[] = {core::Quality::kPressure, core::Quality::kGoodHurt, core::Quality::kAche,
                                            core::Quality::kSharp};
  core::SessionInput in;
  in.kind = kinds[std::uniform_int_distribution<std::size_t>(0, std::size(kinds) - 1)(rng)];
  if (in.kind == core::InputKind::kCheckIn) {
    // One quality or several (the phone's pain button: "sharp and aching"), recorded with the check-in's event.
    std::vector<core::Quality> felt(std::uniform_int_distribution<std::size_t>(1, 3)(rng));
    for (auto& q : felt) q = qualities[std::uniform_int_distribution<std::size_t>(0, std::size(qualities) - 1)(rng)];
    in.check_in = core::answer_with(std::uniform_int_distribution<int>(0, 10)(rng), felt);
    in.check_in.note = "note " + std::to_string(in.check_in.intensity);
  }
  return in;
}

// Property: whatever the inputs and wherever the player dies (between two calls, or halfway through writing a
// call's records), the session is found, taken over with every stored record kept (in order) and every
// acknowledged check-in, continues from where it was, and plays to its end.
TEST(SessionRecoveryTest, ASessionCutAnywhereIsTakenOverAndPlaysToItsEnd) {
  int taken_over = 0;
  for (unsigned seed = 0; seed < 150; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    DyingStore store;
    auto live = LiveSession::start(store, builtin(), routine(), start_with(dead_player()), 0, kT0);
    ASSERT_TRUE(live) << live.error().message;
    const std::string uid = (*live)->uid();
    // A few inputs, then the player dies: at a random write when `torn`, else between two calls.
    const bool torn = seed % 2 == 1;
    std::vector<core::CheckIn> acknowledged;
    core::MonoMillis t = 0;
    const int inputs = std::uniform_int_distribution<int>(0, 12)(rng);
    if (torn) store.writes_left = std::uniform_int_distribution<int>(0, 40)(rng);
    bool died = false;
    for (int i = 0; i < inputs && !died && !(*live)->ended(); ++i) {
      t += std::uniform_int_distribution<int>(0, 25'000)(rng);
      const auto step = (*live)->apply(t, random_input(rng));
      if (!step) {
        died = true;
        break;
      }
      acknowledged = (*live)->summary().check_ins;  // the call returned: its check-in is acknowledged
    }
    if (!died && !(*live)->ended()) {
      t += std::uniform_int_distribution<int>(0, 20'000)(rng);
      died = !(*live)->tick(t);
    }
    const bool ended_before = (*live)->ended() && !died;
    live->reset();  // the player is gone
    store.writes_left = 1'000'000;
    auto before = store.session(uid);
    ASSERT_TRUE(before);
    if (ended_before || before->info.status != core::SessionStatus::kActive) continue;

    auto found = find_interrupted(store, core::kLocalPersonId, kT0 + t + 1000);
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(found->front().info.uid, uid);

    auto taken = LiveSession::take_over(store, builtin(), uid, this_player());
    ASSERT_TRUE(taken) << taken.error().message;
    ++taken_over;
    auto after = store.session(uid);
    ASSERT_TRUE(after);
    // Nothing stored is changed or lost; what the dead player had not written yet may have been added.
    ASSERT_GE(after->events.size(), before->events.size());
    for (std::size_t i = 0; i < before->events.size(); ++i) EXPECT_EQ(after->events[i], before->events[i]);
    for (const auto& c : acknowledged) {
      EXPECT_NE(std::find(after->check_ins.begin(), after->check_ins.end(), c), after->check_ins.end())
          << "check-in at " << c.at_ms << " lost";
    }
    if ((*taken)->ended()) {
      // The player died writing the records of the call that ended the session: the take-over wrote the rest,
      // and the session is stored as ended (nothing left to play).
      EXPECT_TRUE(after->events.back().kind == "session-finished" || after->events.back().kind == "session-stopped")
          << after->events.back().kind;
      EXPECT_NE(after->info.status, core::SessionStatus::kActive);
      continue;
    }
    EXPECT_EQ(after->events.back().kind, "interrupted");
    EXPECT_EQ((*taken)->engine().state(), core::SessionState::kPaused);
    // No longer interrupted: this process plays it now.
    auto again = find_interrupted(store, core::kLocalPersonId, kT0 + t + 2000);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->empty());

    // Resumed later, it plays to its end, the downtime counted as paused.
    const core::MonoMillis at = after->events.back().at_ms - kT0 + 60'000;
    core::SessionInput resume;
    resume.kind = core::InputKind::kResume;
    ASSERT_TRUE((*taken)->apply(at, resume));
    for (int guard = 0; guard < 10'000 && !(*taken)->ended(); ++guard) {
      const auto due = (*taken)->engine().next_deadline();
      ASSERT_TRUE(due.has_value());
      ASSERT_TRUE((*taken)->tick(*due));
    }
    EXPECT_EQ((*taken)->engine().state(), core::SessionState::kFinished);
    auto done = store.session(uid);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->info.status, core::SessionStatus::kFinished);
    for (std::size_t i = 0; i < done->events.size(); ++i) EXPECT_EQ(done->events[i].seq, static_cast<int>(i));
  }
  EXPECT_GT(taken_over, 50) << "too few sessions were still running when their player died";
}

TEST(SessionRecoveryTest, TheRebuiltEngineIsWhereTheDeadOneWas) {
  for (unsigned seed = 0; seed < 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed + 1000);
    auto store = store::open_store("memory:");
    ASSERT_TRUE(store);
    auto live = LiveSession::start(**store, builtin(), routine(), start_with(dead_player()), 0, kT0);
    ASSERT_TRUE(live);
    core::MonoMillis t = 0;
    for (int i = 0; i < 10 && !(*live)->ended(); ++i) {
      t += std::uniform_int_distribution<int>(0, 20'000)(rng);
      ASSERT_TRUE((*live)->apply(t, random_input(rng)));
    }
    if ((*live)->ended()) continue;
    const auto& dead = (*live)->engine();
    auto taken = LiveSession::take_over(**store, builtin(), (*live)->uid(), this_player());
    ASSERT_TRUE(taken) << taken.error().message;
    const auto& rebuilt = (*taken)->engine();
    EXPECT_EQ(rebuilt.routine(), dead.routine());  // adaptations included
    EXPECT_EQ(rebuilt.timeline(), dead.timeline());
    EXPECT_EQ(rebuilt.current_segment(), dead.current_segment());
    EXPECT_EQ(rebuilt.view(t).resumes_to,
              dead.state() == core::SessionState::kPaused ? dead.view(t).resumes_to : dead.state());
    EXPECT_EQ(rebuilt.view(t).skipped_regions, dead.view(t).skipped_regions);
  }
}

TEST(SessionRecoveryTest, AClosedSessionIsStoppedAtItsLastRecordWithItsPlayedTime) {
  auto store = store::open_store("memory:");
  ASSERT_TRUE(store);
  auto live = LiveSession::start(**store, builtin(), routine(), start_with(dead_player()), 0, kT0);
  ASSERT_TRUE(live);
  core::SessionInput check_in;
  check_in.kind = core::InputKind::kCheckIn;
  check_in.check_in.intensity = 5;
  check_in.check_in.quality = core::Quality::kGoodHurt;
  core::SessionInput pause;
  pause.kind = core::InputKind::kPause;
  core::SessionInput resume;
  resume.kind = core::InputKind::kResume;
  ASSERT_TRUE((*live)->apply(25'000, check_in));
  ASSERT_TRUE((*live)->apply(27'000, pause));
  ASSERT_TRUE((*live)->apply(37'000, resume));  // 10 s paused
  ASSERT_TRUE((*live)->tick(41'000));
  const std::string uid = (*live)->uid();
  const auto last = (*store)->session(uid)->events.back().at_ms;
  live->reset();

  ASSERT_TRUE(close_interrupted(**store, builtin(), uid));
  const auto rec = (*store)->session(uid);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->info.status, core::SessionStatus::kStopped);
  EXPECT_EQ(rec->info.ended_ms, last);
  EXPECT_EQ(rec->check_ins.size(), 1u);
  const auto& stopped = rec->events.back();
  EXPECT_EQ(stopped.kind, "session-stopped");
  EXPECT_EQ(stopped.data_json,
            "{\"reason\":\"interrupted\",\"elapsed_ms\":" + std::to_string(last - kT0 - 10'000) + "}");
  EXPECT_EQ(played_ms(*rec), last - kT0 - 10'000);
  auto found = find_interrupted(**store, core::kLocalPersonId, kT0 + 100'000);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->empty());
}

TEST(SessionRecoveryTest, OnlySessionsWhosePlayerIsGoneAreInterrupted) {
  auto store = store::open_store("memory:");
  ASSERT_TRUE(store);
  auto mine = LiveSession::start(**store, builtin(), routine(), start_with(""), 0, kT0);  // this process
  auto dead = LiveSession::start(**store, builtin(), routine(), start_with(dead_player()), 0, kT0 + 1);
  auto far = LiveSession::start(**store, builtin(), routine(), start_with("host elsewhere pid 1 start 1"), 0, kT0 + 2);
  ASSERT_TRUE(mine && dead && far);
  auto found = find_interrupted(**store, core::kLocalPersonId, kT0 + 60'000);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().info.uid, (*dead)->uid());
  // A player on another host cannot be probed: taken for gone once silent for kSilentForMs.
  found = find_interrupted(**store, core::kLocalPersonId, kT0 + 2 + kSilentForMs + 1);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ(found->front().info.uid, (*far)->uid());  // newest first
  // An ended session is not interrupted.
  core::SessionInput stop;
  stop.kind = core::InputKind::kStop;
  ASSERT_TRUE((*dead)->apply(1000, stop));
  found = find_interrupted(**store, core::kLocalPersonId, kT0 + 60'000);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->empty());
}

TEST(SessionRecoveryTest, PlayerStateTellsThisProcessFromAGoneOne) {
  EXPECT_EQ(player_state(this_player()), PlayerState::kAlive);
  EXPECT_EQ(player_state(dead_player()), PlayerState::kGone);
  EXPECT_EQ(player_state(""), PlayerState::kGone);
  EXPECT_EQ(player_state("not a player"), PlayerState::kGone);
  EXPECT_EQ(player_state("host elsewhere pid 1 start 1"), PlayerState::kUnknown);
  // This pid with another start time: the pid was reused by another process.
  const std::string me = this_player();
  EXPECT_EQ(player_state(me.substr(0, me.rfind(' ')) + " 1"), PlayerState::kGone);
}

}  // namespace
}  // namespace smr::service
