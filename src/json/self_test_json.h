#pragma once
// JSON form of self-tests: the stored rows (the same fields as in the export file, docs/storage.md), a test's
// progress (core/progress_self_test.h) and the guides (catalog/self_tests.toml, fields as in the TOML). For
// `smr test --json` and, later, the HTTP API. Missing values (no baseline yet) are null.

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include "core/journal.h"
#include "core/progress_self_test.h"
#include "core/self_test_guide.h"

namespace smr::json {

// {uid, person_id, at_ms, test, side, value, unit, session_uid, phase}
boost::json::value to_json(const core::SelfTest& t);

// {test, side, unit, smallest_real_change, baseline_trials, baseline, latest, latest_at_ms, change, verdict,
//  sessions: [{session_uid, at_ms, before, after, change, verdict}], history: [{at_ms, value, phase,
//  session_uid}]}
boost::json::value to_json(const core::SelfTestProgress& p, boost::json::storage_ptr sp = {});

// The guide's TOML fields, plus smallest_real_change (its value, null for a test without one) and
// smallest_real_change_sources (the ids behind that value).
boost::json::value to_json(const core::SelfTestGuide& g);

}  // namespace smr::json
