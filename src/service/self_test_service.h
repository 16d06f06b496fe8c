#pragma once
// Recording self-tests, soreness ratings and workouts (all stored as SelfTest rows: core/progress_soreness.h
// gives the mapping), and reading back a person's self-test progress. Shared by the CLI (`smr test`, `smr
// soreness`, `smr workout`) and the HTTP API (POST /api/self-tests, /api/soreness, /api/workouts): the faces
// pass what was typed, the rules are here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/journal.h"
#include "core/progress_self_test.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

// The session a person means by `text`: a full uid, a unique prefix of one (as `smr log` shows 8 characters),
// or "last" for the latest session that started. kNotFound when none matches (or there is no session for
// "last"), kInvalid when a prefix matches several; the message says so in plain words.
store::Result<std::string> resolve_session_uid(store::Store& store, core::PersonId person, std::string_view text);

// A workout at `at_ms` as the SelfTest row core/progress_soreness.h describes (test "workout", unit "event",
// value 0, phase "check"); core::workouts_from() reads it back.
core::SelfTest workout_self_test(std::string uid, core::UnixMillis at_ms);

// Writes all of `rows` or none (one transaction): two baseline trials, or both sides, are never half-stored.
// Each row must have its uid set.
store::Status record_self_tests(store::Store& store, const std::vector<core::SelfTest>& rows);

// The person's self-test progress from every stored row (core::self_test_progress), by test, then side.
store::Result<std::vector<core::SelfTestProgress>> self_test_progress(store::Store& store, core::PersonId person);

// ---- the use cases, one rule set for both faces (errors: service/error.h, each naming the request's field) --

// A self-test value as a person gives it: `smr test ID --side S --value V ...`, POST /api/self-tests.
struct SelfTestRequest {
  core::PersonId person = core::kLocalPersonId;
  std::string test;                 // catalog self-test id
  std::string side;                 // "" (a test of both sides together), "left" or "right"
  std::string phase;                // "": a baseline until the side has one (two trials), then "check"
  std::string session;              // a session uid, its first characters, "last" or ""
  std::vector<std::string> values;  // as typed: one, or the two trials of a baseline; none: a guided take
};

// One side's measurement: its phase and the values to record, in order.
struct SideValues {
  core::Side side = core::Side::kCentre;
  core::SelfTestPhase phase = core::SelfTestPhase::kCheck;
  std::vector<double> values;
};

// A request checked against the catalog and the journal, ready to record.
struct SelfTestTake {
  core::PersonId person = core::kLocalPersonId;
  const core::SelfTestGuide* guide = nullptr;  // the catalog's, which must outlive this
  std::string session_uid;                     // "" for none
  std::vector<SideValues> sides;               // both sides of a paired test when no side and no value is given
};

// Checks everything before anything is written. kInvalid naming "test" (unknown, with "did you mean"), "side"
// (missing for a test measured on each side when a value is given, not left or right, or given for a test of
// both sides together), "phase", "session" (a before/after value without one; a prefix of several), "value"
// (not valid for the test; more than two; two outside a baseline); kNotFound naming "session". Without a
// phase, a side's values are baseline trials until it has a baseline, then one re-test ("check").
Result<SelfTestTake> take_self_test(store::Store& store, const core::Catalog& catalog, const SelfTestRequest& request);

struct RecordedSelfTest {
  std::vector<core::SelfTest> rows;              // as stored, in order
  std::vector<core::SelfTestProgress> progress;  // the test's progress on each side of the take, after it
};
// Writes every value of `take` (one transaction) at `at_ms` (+1 ms per row, keeping their order).
Result<RecordedSelfTest> record_self_test(store::Store& store, const SelfTestTake& take, core::UnixMillis at_ms);
// take_self_test(), then record_self_test(): the one call of a face that has the values.
Result<RecordedSelfTest> record_self_test(store::Store& store, const core::Catalog& catalog,
                                          const SelfTestRequest& request, core::UnixMillis at_ms);

// A soreness rating as a person gives it: `smr soreness REGION RATING ...`, POST /api/soreness.
struct SorenessRequest {
  core::PersonId person = core::kLocalPersonId;
  std::string region;  // catalog region id
  std::string side;    // "" for a midline region, else "left" or "right"
  int rating = 0;      // 0 (none) to 10 (the worst imaginable)
  std::string phase = "check";
  std::string session;  // as SelfTestRequest::session
};
// Records the rating at `at_ms` as a self-test row (core/progress_soreness.h). kInvalid naming "region",
// "side", "rating", "phase" or "session"; kNotFound naming "session"; nothing written then.
Result<core::SelfTest> record_soreness(store::Store& store, const core::Catalog& catalog,
                                       const SorenessRequest& request, core::UnixMillis at_ms);

// A workout more than this after the clock is refused: it has not happened yet (the slack allows for a phone's
// clock a little ahead of the server's).
inline constexpr core::UnixMillis kWorkoutFutureSlackMs = 5 * 60'000;
// Records a workout at `at_ms` (nullopt: `now_ms`). kInvalid naming "at_ms" when it is later than now_ms +
// kWorkoutFutureSlackMs.
Result<core::SelfTest> record_workout(store::Store& store, core::PersonId person, std::optional<core::UnixMillis> at_ms,
                                      core::UnixMillis now_ms);

// The words that refuse an unknown region (with "did you mean" and where the regions are listed), for the
// field a face names.
std::string unknown_region_text(const core::Catalog& catalog, const std::string& id);

}  // namespace smr::service
