#pragma once
// Safety use cases, one home for both faces: the person's current screening (saved answers plus active warning
// signs), saving a profile, planning, the safety gate every routine passes before it is played, and starting a
// session through it. docs/architecture.md, "The safety gate".

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/planner.h"
#include "core/safety_gate.h"
#include "core/screening.h"
#include "service/error.h"
#include "service/session_service.h"
#include "store/store.h"

namespace smr::service {

// A warning sign (a catalog red flag) reported in a session or answered in screening, in force until the
// person says it was checked and cleared (clear_warning). While one is active there is no routine and no session.
struct ActiveWarning {
  std::string red_flag;           // catalog red-flag id
  core::UnixMillis since_ms = 0;  // when it was first reported
  std::string session_uid;        // the session it was reported in; "" from screening

  bool operator==(const ActiveWarning&) const = default;
};

// Where they are kept: a person setting (JSON array), so export and import carry them.
inline constexpr std::string_view kActiveWarningsKey = "safety.active-warnings";

Result<std::vector<ActiveWarning>> active_warnings(store::Store& store, core::PersonId person);
// Records `w` as active (a flag already active keeps its first time). kInvalid for an unknown red flag.
Status record_warning(store::Store& store, const core::Catalog& catalog, core::PersonId person, const ActiveWarning& w);
// The person says the warning sign was checked and cleared. kNotFound when it is not active (the message
// lists the active ones). Also drops the flag from the saved profile's symptoms, so it does not come back.
Status clear_warning(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                     const std::string& red_flag);

// The person's safety as of now: the saved profile (nullopt before the first screening), the active
// warnings, and the screening of the profile with the warnings counted as present symptoms.
struct PersonSafety {
  std::optional<core::Profile> saved;
  core::Profile effective;  // the saved profile (or an empty one) with active warnings among its symptoms
  std::vector<ActiveWarning> warnings;
  core::ScreeningResult screening;
};

// kConflict when the saved profile names something the catalog no longer has (field "profile").
Result<PersonSafety> person_safety(store::Store& store, const core::Catalog& catalog, core::PersonId person);

// What is wrong with a profile: kInvalid, every problem one a line (unknown ids list the valid ones), the field
// of the first ("tools[1]", "aches[0].side"). nullopt when the profile is valid.
std::optional<Error> profile_error(const core::Catalog& catalog, const core::Profile& profile);

// Saves the person's screening answers (validated: kInvalid with the field of the first problem, storing
// nothing). Symptoms answered "yes" become active warnings. Returns the saved profile and its screening.
struct SavedProfile {
  core::Profile profile;
  core::ScreeningResult screening;
  std::vector<ActiveWarning> warnings;
};
Result<SavedProfile> save_profile(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                                  core::Profile profile, core::UnixMillis now_ms);

// Plans for the person. With `profile_override` (smr plan --profile FILE) that profile is used instead of the
// saved one; active warnings apply either way. Errors: kInvalid with the request's field ("minutes",
// "focus", "tools", "activity"), kStop with the advice, kConflict for a saved profile that no longer fits.
Result<core::Routine> plan(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                           const core::PlanRequest& request,
                           const std::optional<core::Profile>& profile_override = std::nullopt);

// Passes `routine` through the safety gate for the person as of now (core/safety_gate.h). Errors: kInvalid
// naming the step that does not hold together, kStop (red flag or active warning), kInvalid with field
// "routine.steps" when nothing in it is safe.
Result<core::GateResult> gate(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                              core::Routine routine);
// The same with a safety already read.
Result<core::GateResult> gate(const core::Catalog& catalog, const PersonSafety& safety, core::Routine routine);

// Starting a session: the routine passes the gate, the session's kit (tools, screening, context) comes from
// the person's current safety, and the gate's changes are returned for the face to show.
struct StartRequest {
  core::PersonId person = core::kLocalPersonId;
  core::Routine routine;
  core::SessionSettings settings;  // the kit is filled in here
};
struct Started {
  std::unique_ptr<LiveSession> live;
  std::vector<core::GateChange> changes;
  core::Routine routine;  // as played (after the gate)
  std::vector<core::Notice> clearance_needed;
  std::vector<core::Notice> warnings;
};
Result<Started> start_session(store::Store& store, const core::Catalog& catalog, StartRequest request,
                              core::MonoMillis now, core::UnixMillis wall_now_ms);

}  // namespace smr::service
