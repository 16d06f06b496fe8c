#pragma once
// Self-tests as text a person reads in a terminal (`smr test`): the list of tests, a test's guide, what was
// recorded, and the progress of one test and side against its smallest real change (R15).

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress_self_test.h"
#include "core/self_test_guide.h"

namespace smr::cli {

// ID, NAME, UNIT, SIDES and SMALLEST REAL CHANGE of every guided test.
std::string self_tests_table(const core::Catalog& catalog);

// The smallest real change in words: "1 cm", "4 cm (provisional)" when one of its sources is not yet in the
// catalog's evidence, "a change of verdict" for a pass-fail test.
std::string smallest_change_text(const core::Catalog& catalog, const core::SelfTestGuide& guide);

// What the test measures, its sides, unit and accepted values, the smallest real change, the evidence and the
// safety note: what to know before starting.
std::string guide_header(const core::Catalog& catalog, const core::SelfTestGuide& guide);

// The whole guide: header, set-up, numbered steps, how to read the value, common mistakes.
std::string guide_text(const core::Catalog& catalog, const core::SelfTestGuide& guide);

// "Recorded knee-to-wall, left side, baseline: 9.5 cm, 10 cm." for the rows of one side (same phase and
// session).
std::string recorded_text(const core::SelfTestGuide& guide, const std::vector<core::SelfTest>& rows);

// The progress of one test and side: baseline (or the trials still needed), latest, change and whether it is
// beyond the smallest real change; with `session_uid`, that session's before -> after change too.
std::string progress_text(const core::Catalog& catalog, const core::SelfTestGuide& guide,
                          const core::SelfTestProgress& progress, const std::string& session_uid = "");

// Said with every guide: a test measures, it does not diagnose, and it is not a stretch to push.
inline constexpr const char* kSelfTestNote =
    "A self-test tracks your own range of motion; it is general guidance, not a diagnosis. Move within "
    "comfort: a test is a measurement, not a stretch to push. Stop if anything feels sharp or painful.";

}  // namespace smr::cli
