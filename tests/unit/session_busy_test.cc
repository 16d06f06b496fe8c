// A busy journal (issue 10, item 4): a LiveSession whose store refuses writes as busy (another writer, e.g. an
// import, held the journal) keeps the records queued, in order, says how many are unsaved, and writes them when
// the journal is free: the journal then holds exactly what a session on a quiet journal holds.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
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

// A Store that forwards to a memory store, but refuses every write as busy while `busy` is set (each refused
// write is counted).
class BusyStore : public store::Store {
 public:
  BusyStore() : inner_(std::move(*store::open_store("memory:"))) {}
  bool busy = false;
  int refused = 0;

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
  store::Status start_session(const core::SessionInfo& s) override {
    if (auto b = refuse()) return *b;
    return inner_->start_session(s);
  }
  store::Status append_event(const core::SessionEvent& e) override {
    if (auto b = refuse()) return *b;
    return inner_->append_event(e);
  }
  store::Status record_check_in(const core::CheckIn& c) override {
    if (auto b = refuse()) return *b;
    return inner_->record_check_in(c);
  }
  store::Status record_adaptation(const core::Adaptation& a) override {
    if (auto b = refuse()) return *b;
    return inner_->record_adaptation(a);
  }
  store::Status add_note(const core::SessionNote& n) override {
    if (auto b = refuse()) return *b;
    return inner_->add_note(n);
  }
  store::Status end_session(const std::string& uid, core::UnixMillis t, core::SessionStatus s) override {
    if (auto b = refuse()) return *b;
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
  store::Status set_setting(const core::Setting& s) override {
    if (auto b = refuse()) return *b;
    return inner_->set_setting(s);
  }
  store::Result<std::vector<core::WeeklyRegionStat>> weekly_region_stats(core::PersonId id, core::UnixMillis a,
                                                                         core::UnixMillis b, int off) override {
    return inner_->weekly_region_stats(id, a, b, off);
  }
  store::Result<core::Journal> export_journal() override { return inner_->export_journal(); }
  store::Result<store::ImportSummary> import_journal(const core::Journal& j) override {
    return inner_->import_journal(j);
  }

 private:
  std::optional<store::Status> refuse() {
    if (!busy) return std::nullopt;
    ++refused;
    return store::Status(store::fail(store::Error::Code::kBusy, "journal.db is busy: another program is writing"));
  }
  std::unique_ptr<store::Store> inner_;
};

core::Routine routine() {
  core::Routine r = core::testing::builtin_calves_routine("post-workout");
  for (auto& s : r.steps) {
    s.sets = 2;
    s.phases = {{core::PhaseKind::kLocate, 5}, {core::PhaseKind::kHold, 20}, {core::PhaseKind::kRoll, 10}};
  }
  return r;
}

SessionStart how() {
  SessionStart h;
  h.title = "Calves";
  h.routine_json = boost::json::serialize(json::to_json(routine()));
  h.settings.kit.owned_tools = {"foam-roller-medium", "foam-roller-soft"};
  h.settings.player = "test";
  return h;
}

core::SessionInput random_input(std::mt19937& rng) {
  static const core::InputKind kinds[] = {
      core::InputKind::kPause,   core::InputKind::kResume,  core::InputKind::kSkipPhase, core::InputKind::kCheckIn,
      core::InputKind::kCheckIn, core::InputKind::kCheckIn, core::InputKind::kRedFlag};
  static const core::Quality qualities[] = {core::Quality::kPressure, core::Quality::kGoodHurt, core::Quality::kAche,
                                            core::Quality::kSharp};
  core::SessionInput in;
  in.kind = kinds[std::uniform_int_distribution<std::size_t>(0, std::size(kinds) - 1)(rng)];
  if (in.kind == core::InputKind::kRedFlag && std::uniform_int_distribution<int>(0, 9)(rng) != 0) {
    in.kind = core::InputKind::kCheckIn;  // a red flag ends the session: rarely
  }
  if (in.kind == core::InputKind::kRedFlag) in.red_flag = builtin().red_flags().front().id;
  if (in.kind == core::InputKind::kCheckIn) {
    in.check_in.intensity = std::uniform_int_distribution<int>(0, 10)(rng);
    in.check_in.quality = qualities[std::uniform_int_distribution<std::size_t>(0, std::size(qualities) - 1)(rng)];
    in.check_in.note = "note " + std::to_string(in.check_in.intensity);
  }
  return in;
}

// A record without its uids (random per run), to compare two runs of the same session.
std::vector<std::string> comparable(const core::SessionRecord& r) {
  std::vector<std::string> out;
  out.push_back("status " + std::string(core::to_string(r.info.status)) + " ended " +
                std::to_string(r.info.ended_ms.value_or(-1) - r.info.started_ms));
  for (const auto& e : r.events) {
    out.push_back("event " + std::to_string(e.seq) + " +" + std::to_string(e.at_ms - r.info.started_ms) + " " + e.kind +
                  " " + std::to_string(e.step) + " " + e.data_json);
  }
  for (const auto& c : r.check_ins) {
    out.push_back("check-in +" + std::to_string(c.at_ms - r.info.started_ms) + " " + std::to_string(c.step) + " " +
                  c.exercise + " " + std::to_string(c.intensity) + " " + std::string(core::to_string(c.quality)) + " " +
                  c.note);
  }
  for (const auto& a : r.adaptations) {
    out.push_back("adaptation +" + std::to_string(a.at_ms - r.info.started_ms) + " " + a.kind + " " + a.reason);
  }
  for (const auto& n : r.notes) out.push_back("note +" + std::to_string(n.at_ms - r.info.started_ms) + " " + n.text);
  return out;
}

// One scripted session: the same inputs at the same times; `busy_percent` of the calls find the journal busy.
struct RunResult {
  std::vector<std::string> stored;
  std::vector<std::string> acknowledged_check_ins;  // calls that returned with nothing unsaved
  std::size_t max_unsaved = 0;
  int refused = 0;
};

RunResult run(unsigned seed, int busy_percent) {
  std::mt19937 script(seed);
  std::mt19937 weather(seed * 7919U + 1U);  // when the journal is busy: independent of the script
  auto busy_now = [&] { return std::uniform_int_distribution<int>(0, 99)(weather) < busy_percent; };
  BusyStore store;
  RunResult out;
  store.busy = busy_now();
  auto live = LiveSession::start(store, builtin(), routine(), how(), 0, kT0);
  EXPECT_TRUE(live) << live.error().message;
  if (!live) return out;
  core::MonoMillis t = 0;
  auto note = [&](const store::Result<SessionStep>& step) {
    EXPECT_TRUE(step) << step.error().message;  // busy is never an error
    if (!step) return;
    out.max_unsaved = std::max(out.max_unsaved, step->unsaved);
    EXPECT_EQ(step->unsaved, (*live)->unsaved());
    if (step->unsaved == 0) {
      out.acknowledged_check_ins.clear();
      for (const auto& c : (*live)->summary().check_ins) out.acknowledged_check_ins.push_back(c.uid);
    }
  };
  for (int i = 0; i < 30 && !(*live)->ended(); ++i) {
    t += std::uniform_int_distribution<int>(0, 15'000)(script);
    store.busy = busy_now();
    note((*live)->apply(t, random_input(script)));
    store.busy = busy_now();
    note((*live)->tick(t + 1));
  }
  if (!(*live)->ended()) {  // paused, perhaps: stopped where it is (a session that only ticks may never end)
    t += 60'000;
    store.busy = busy_now();
    core::SessionInput stop;
    stop.kind = core::InputKind::kStop;
    note((*live)->apply(t, stop));
  }
  EXPECT_TRUE((*live)->ended());
  store.busy = false;  // the import is over
  EXPECT_TRUE((*live)->save_pending(std::chrono::milliseconds(0)));
  EXPECT_EQ((*live)->unsaved(), 0u);
  auto rec = store.session((*live)->uid());
  EXPECT_TRUE(rec) << rec.error().message;
  if (!rec) return out;
  out.stored = comparable(*rec);
  out.refused = store.refused;
  // Every acknowledged check-in is in the journal, by uid.
  for (const auto& uid : out.acknowledged_check_ins) {
    EXPECT_TRUE(std::any_of(rec->check_ins.begin(), rec->check_ins.end(), [&](const auto& c) { return c.uid == uid; }))
        << "acknowledged check-in " << uid << " is not stored";
  }
  // And what the session says it stored is what is stored.
  EXPECT_EQ(rec->check_ins, (*live)->summary().check_ins);
  return out;
}

// Property: whenever the journal is busy, and for how long, the session's records end up in the journal exactly
// as on a quiet journal (same events with the same seq, same check-ins, adaptations and notes, same end).
TEST(SessionBusyTest, ABusyJournalDelaysRecordsButStoresThemAllInOrder_Issue10) {
  int busy_runs = 0;
  for (unsigned seed = 0; seed < 200; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RunResult quiet = run(seed, 0);
    const RunResult busy = run(seed, static_cast<int>(10 + seed % 80));
    ASSERT_FALSE(quiet.stored.empty());
    EXPECT_EQ(quiet.max_unsaved, 0u);
    EXPECT_EQ(busy.stored, quiet.stored);
    if (busy.max_unsaved > 0) ++busy_runs;
  }
  EXPECT_GT(busy_runs, 150) << "the busy journal should delay records in most runs";
}

TEST(SessionBusyTest, UnsavedRecordsAreReportedAndKeptUntilTheJournalIsFree_Issue10) {
  BusyStore store;
  auto live = LiveSession::start(store, builtin(), routine(), how(), 0, kT0);
  ASSERT_TRUE(live) << live.error().message;
  ASSERT_TRUE((*live)->tick(30'000));  // past get-ready and the transition: holding on the first step
  ASSERT_EQ((*live)->unsaved(), 0u);

  store.busy = true;
  core::SessionInput in;
  in.kind = core::InputKind::kCheckIn;
  in.check_in.intensity = 5;
  in.check_in.quality = core::Quality::kPressure;
  auto step = (*live)->apply(32'000, in);
  ASSERT_TRUE(step) << step.error().message;
  EXPECT_FALSE(step->refused) << step->refused->message;
  EXPECT_GT(step->unsaved, 0u);
  EXPECT_TRUE((*live)->summary().check_ins.empty()) << "a check-in is not reported stored before it is";
  const int refused = store.refused;
  // Within the backoff (100 ms of session time) the busy journal is not tried again.
  ASSERT_TRUE((*live)->tick(32'050));
  EXPECT_EQ(store.refused, refused);
  // Still busy: save_pending gives up after its wait, saying how many records wait, and keeps them.
  const auto gave_up = (*live)->save_pending(std::chrono::milliseconds(250));
  ASSERT_FALSE(gave_up);
  EXPECT_EQ(gave_up.error().code, store::Error::Code::kBusy);
  EXPECT_EQ(gave_up.error().message,
            std::to_string((*live)->unsaved()) + " record(s) of session " + (*live)->uid() +
                " are not in the journal yet: it stayed busy (another program is writing to it) for 0 s; they are "
                "kept, so let that program finish and try again");
  EXPECT_GT(store.refused, refused + 1) << "save_pending retries";

  store.busy = false;
  step = (*live)->tick(33'000);
  ASSERT_TRUE(step) << step.error().message;
  EXPECT_EQ(step->unsaved, 0u);
  ASSERT_EQ((*live)->summary().check_ins.size(), 1u);
  auto rec = store.session((*live)->uid());
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->check_ins.size(), 1u);
  EXPECT_EQ(rec->check_ins[0].intensity, 5);
  for (std::size_t i = 0; i < rec->events.size(); ++i) EXPECT_EQ(rec->events[i].seq, static_cast<std::int64_t>(i));
}

TEST(SessionBusyTest, ASessionStartedOnABusyJournalIsWrittenWhenItIsFree_Issue10) {
  BusyStore store;
  store.busy = true;
  auto live = LiveSession::start(store, builtin(), routine(), how(), 0, kT0);
  ASSERT_TRUE(live) << live.error().message;
  EXPECT_GT((*live)->unsaved(), 0u);
  EXPECT_FALSE(store.session((*live)->uid())) << "not written while busy";
  store.busy = false;
  ASSERT_TRUE((*live)->tick(1'000));
  EXPECT_EQ((*live)->unsaved(), 0u);
  auto rec = store.session((*live)->uid());
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->info.status, core::SessionStatus::kActive);
  ASSERT_FALSE(rec->events.empty());
  EXPECT_EQ(rec->events.front().kind, "session-started");
}

}  // namespace
}  // namespace smr::service
