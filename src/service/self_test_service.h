#pragma once
// Recording self-tests, soreness ratings and workouts (all stored as SelfTest rows: core/progress_soreness.h
// gives the mapping), and reading back a person's self-test progress. Shared by the CLI (`smr test`, `smr
// soreness`, `smr workout`) and, later, the HTTP API.

#include <string>
#include <string_view>
#include <vector>

#include "core/journal.h"
#include "core/progress_self_test.h"
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

}  // namespace smr::service
