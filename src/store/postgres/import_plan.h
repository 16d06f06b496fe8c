#pragma once
// Planning Store::import_journal against what a database holds, without touching it: which records are new,
// which are present, and which error (if any) stops the import — decided exactly as MemoryStore decides
// (the reference behaviour, including the order of the checks and the wording of the errors). A backend
// loads the few existing records the journal can meet, plans, then writes the plan in bulk in one
// transaction. Pure logic: no I/O. Internal to the store backends (only PostgreSQL uses it so far).

#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/journal.h"
#include "core/session_digest.h"
#include "store/store.h"

namespace smr::store::detail {

// The part of a database an import can meet. Each member must hold at least the records named; holding
// more is harmless.
struct ImportExisting {
  std::map<core::PersonId, core::Person> people;                           // every person
  std::map<core::PersonId, core::Profile> profiles;                        // those of the journal's profiles' people
  std::unordered_map<std::string, core::SavedRoutine> routines;            // those whose uid is in import_uids()
  std::unordered_map<std::string, core::CustomExercise> custom_exercises;  // likewise
  std::unordered_map<std::string, core::SelfTest> self_tests;              // likewise
  std::unordered_map<std::string, core::SessionRecord> sessions;           // complete records, likewise
  // uids of stored check-ins, adaptations and notes, likewise (those inside `sessions` may be left out).
  std::unordered_set<std::string> other_uids;
  // The journal's (person, key) pairs that are stored, with their values.
  std::map<std::pair<core::PersonId, std::string>, std::string> settings;
};

// Every well-formed uid the journal names (records' uids and the session uids they refer to), each once.
// Malformed ones are left out: no store holds them.
std::vector<std::string> import_uids(const core::Journal& journal);

// What to write: pointers to records of the journal that was planned, which must outlive the plan. Records
// are in journal order; write the lists in the order of the members (parents before children).
struct ImportPlan {
  ImportSummary summary;
  std::vector<const core::Person*> new_people;
  std::vector<const core::Person*> changed_people;  // the fresh store's local person, taking the imported name
  std::vector<const core::PersonProfile*> new_profiles;
  std::vector<const core::SavedRoutine*> new_routines;
  std::vector<const core::CustomExercise*> new_custom_exercises;
  std::vector<const core::SessionInfo*> new_sessions;  // with their final status and end time
  std::vector<const core::SessionEvent*> new_events;
  std::vector<std::pair<const core::CheckIn*, core::PersonId>> new_check_ins;  // with their session's person
  std::vector<const core::Adaptation*> new_adaptations;
  std::vector<const core::SessionNote*> new_notes;
  std::vector<const core::SelfTest*> new_self_tests;
  std::vector<const core::Setting*> new_settings;
  // The digests (core::digest_session) of the ended sessions the import adds, or adds events or check-ins
  // to, from their records as they will be once the plan is written: stored and new records together. Store
  // them in place of the sessions' stored digests.
  std::vector<core::SessionDigest> digests;
};

// The plan, or the error that makes the whole import fail (kInvalid, kNotFound, kConflict). The plan points
// into `journal`.
Result<ImportPlan> plan_import(ImportExisting existing, const core::Journal& journal);

}  // namespace smr::store::detail
