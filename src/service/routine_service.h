#pragma once
// Routines people keep (issue 10, item 6): a routine saved under a name, listed, shown and deleted, and the
// routine to play again from a saved one or from a past session. Playing one goes through start_session
// (safety_service.h) like any routine, so it passes the safety gate of the person as they are *now*; nothing
// here plays or gates.
//
// Storage: the journal's `routines` table (Store::save_routine, docs/storage.md), so export and import carry
// saved routines. A saved routine is the routine as `smr plan --json` prints it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/journal.h"
#include "core/routine.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::service {

struct NamedRoutine {
  std::string uid;
  std::string name;
  core::UnixMillis created_ms = 0;
  core::Routine routine;
};

// A name: 1 to 60 characters once spaces at the ends are trimmed, no control characters, not 32 hex digits
// (that is how a uid looks). Names are unique per person, ignoring case.
inline constexpr std::size_t kMaxRoutineNameChars = 60;

// The trimmed name, or kInvalid (field "name") saying what a name may be.
Result<std::string> routine_name(std::string_view name);

// Why `routine` cannot be kept (saved, or made a trainer's template): kInvalid with field "routine.steps" for no
// steps, or "routine.steps[i]..." for steps that do not hold together in the catalog (unknown exercise, a tool the
// exercise does not take). nullopt when it can. Whether a person may play it is the gate's question, later.
std::optional<Error> routine_keep_error(const core::Catalog& catalog, const core::Routine& routine);

// Saves `routine` under `name` for the person. kInvalid (field "name") for a bad name; kConflict (field "name")
// when the person has a routine of that name already; kInvalid (field "routine", "routine.steps" or
// "routine.steps[i]...") for a routine without steps or whose steps do not hold together in the catalog (unknown
// exercise, a tool the exercise does not take). A routine the person may not play today is still saved: the
// gate decides when it is played.
Result<NamedRoutine> save_routine(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                                  std::string_view name, core::Routine routine, core::UnixMillis now_ms);

// The person's saved routines, by name (ignoring case). kDamaged when a stored routine cannot be read.
Result<std::vector<NamedRoutine>> saved_routines(store::Store& store, core::PersonId person);

// One saved routine, by name (ignoring case) or uid. kNotFound (field "name") listing the saved names.
Result<NamedRoutine> saved_routine(store::Store& store, core::PersonId person, std::string_view name_or_uid);

// Deletes one saved routine (by name or uid); kNotFound as saved_routine. Sessions played from it keep theirs.
Status delete_saved_routine(store::Store& store, core::PersonId person, std::string_view name_or_uid);

// The routine a past session played, to play it again: by uid, or "last" for the person's latest session.
// kNotFound (field "session_uid") for no such session of the person; kInvalid (field "session_uid") when the
// session kept no routine it can play again (imported ones may not).
Result<core::Routine> session_routine(store::Store& store, core::PersonId person, std::string_view session_uid);

}  // namespace smr::service
