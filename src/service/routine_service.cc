#include "service/routine_service.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <utility>

#include <boost/json/serialize.hpp>

#include "json/plan_json.h"
#include "json/routine_read.h"
#include "service/safety_service.h"

namespace smr::service {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool looks_like_uid(std::string_view s) {
  return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

// Characters, not bytes: UTF-8 continuation bytes are not counted.
std::size_t char_count(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<NamedRoutine> read(const core::SavedRoutine& r) {
  auto routine = json::routine_from_json(r.routine_json);
  if (!routine) {
    return fail(Error::Code::kDamaged, "",
                "the saved routine \"" + r.name + "\" cannot be read (" + routine.error().message() +
                    "); delete it and save it again");
  }
  return NamedRoutine{r.uid, r.name, r.created_ms, std::move(*routine)};
}

// The stored record of the person's routine named `name_or_uid` (by uid, or by name ignoring case).
Result<core::SavedRoutine> find(store::Store& store, core::PersonId person, std::string_view name_or_uid) {
  auto all = store.routines(person);
  if (!all) return tl::unexpected(from_store(all.error()));
  const std::string wanted = lower(name_or_uid);
  for (const auto& r : *all) {
    if (r.uid == name_or_uid || lower(r.name) == wanted) return r;
  }
  std::vector<std::string> names;
  for (const auto& r : *all) names.push_back("\"" + r.name + "\"");
  std::sort(names.begin(), names.end());
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  return fail(Error::Code::kNotFound, "name",
              "name: no saved routine \"" + std::string(name_or_uid) + "\"; " +
                  (names.empty() ? std::string("none is saved yet") : "the saved ones are " + known));
}

}  // namespace

Result<std::string> routine_name(std::string_view name) {
  const auto first = name.find_first_not_of(" \t");
  const auto last = name.find_last_not_of(" \t");
  const std::string trimmed(first == std::string_view::npos ? std::string_view()
                                                            : name.substr(first, last - first + 1));
  const std::string rule =
      "; a name is 1 to " + std::to_string(kMaxRoutineNameChars) + " characters, e.g. \"Desk reset\"";
  if (trimmed.empty()) return fail(Error::Code::kInvalid, "name", "name: missing" + rule);
  if (char_count(trimmed) > kMaxRoutineNameChars) {
    return fail(Error::Code::kInvalid, "name",
                "name: " + std::to_string(char_count(trimmed)) + " characters is too long" + rule);
  }
  if (std::any_of(trimmed.begin(), trimmed.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; })) {
    return fail(Error::Code::kInvalid, "name", "name: control characters (a tab, a new line) are not allowed" + rule);
  }
  if (looks_like_uid(trimmed)) {
    return fail(Error::Code::kInvalid, "name", "name: 32 hex digits look like a uid; choose words" + rule);
  }
  return trimmed;
}

std::optional<Error> routine_keep_error(const core::Catalog& catalog, const core::Routine& routine) {
  if (routine.steps.empty()) {
    return Error{
        Error::Code::kInvalid, "routine.steps", "routine.steps: the routine has no steps; plan one first", {}, {}};
  }
  // The steps must hold together in the catalog; whether this person may play them is the gate's question
  // when the routine is played (an empty screening here, so nothing is refused for a condition).
  if (auto gated = gate(catalog, PersonSafety{}, routine);
      !gated && gated.error().code == Error::Code::kInvalid && gated.error().field.rfind("routine.steps[", 0) == 0) {
    return gated.error();
  }
  return std::nullopt;
}

Result<NamedRoutine> save_routine(store::Store& store, const core::Catalog& catalog, core::PersonId person,
                                  std::string_view name, core::Routine routine, core::UnixMillis now_ms) {
  auto clean = routine_name(name);
  if (!clean) return tl::unexpected(clean.error());
  if (auto bad = routine_keep_error(catalog, routine)) return tl::unexpected(std::move(*bad));
  auto existing = store.routines(person);
  if (!existing) return tl::unexpected(from_store(existing.error()));
  const std::string wanted = lower(*clean);
  for (const auto& r : *existing) {
    if (lower(r.name) == wanted) {
      return fail(
          Error::Code::kConflict, "name",
          "name: a routine called \"" + r.name + "\" is saved already; choose another name or delete that one first");
    }
  }
  core::SavedRoutine record{store::new_uid(), person, *clean, now_ms, boost::json::serialize(json::to_json(routine))};
  if (auto s = store.save_routine(record); !s) return tl::unexpected(from_store(s.error()));
  return NamedRoutine{record.uid, record.name, record.created_ms, std::move(routine)};
}

Result<std::vector<NamedRoutine>> saved_routines(store::Store& store, core::PersonId person) {
  auto all = store.routines(person);
  if (!all) return tl::unexpected(from_store(all.error()));
  std::vector<NamedRoutine> out;
  for (const auto& r : *all) {
    auto named = read(r);
    if (!named) return tl::unexpected(named.error());
    out.push_back(std::move(*named));
  }
  std::sort(out.begin(), out.end(), [](const NamedRoutine& a, const NamedRoutine& b) {
    return std::pair(lower(a.name), a.uid) < std::pair(lower(b.name), b.uid);
  });
  return out;
}

Result<NamedRoutine> saved_routine(store::Store& store, core::PersonId person, std::string_view name_or_uid) {
  auto found = find(store, person, name_or_uid);
  if (!found) return tl::unexpected(found.error());
  return read(*found);
}

Status delete_saved_routine(store::Store& store, core::PersonId person, std::string_view name_or_uid) {
  auto found = find(store, person, name_or_uid);
  if (!found) return tl::unexpected(found.error());
  if (auto s = store.delete_routine(found->uid); !s) return tl::unexpected(from_store(s.error()));
  return {};
}

Result<core::Routine> session_routine(store::Store& store, core::PersonId person, std::string_view session_uid) {
  std::string uid(session_uid);
  if (uid == "last") {
    auto all = store.sessions(person, std::numeric_limits<core::UnixMillis>::min(),
                              std::numeric_limits<core::UnixMillis>::max());
    if (!all) return tl::unexpected(from_store(all.error()));
    if (all->empty()) return fail(Error::Code::kNotFound, "session_uid", "session_uid: no session is recorded yet");
    uid = all->back().uid;
  }
  auto rec = store.session(uid);
  if (!rec && rec.error().code == store::Error::Code::kNotFound) {
    return fail(Error::Code::kNotFound, "session_uid",
                "session_uid: no session \"" + uid + "\"; smr log lists the sessions with their uids");
  }
  if (!rec) return tl::unexpected(from_store(rec.error()));
  if (rec->info.person_id != person) {
    return fail(Error::Code::kNotFound, "session_uid", "session_uid: no session \"" + uid + "\" of this person");
  }
  auto routine = json::routine_from_json(rec->info.routine_json);
  if (!routine || routine->steps.empty()) {
    return fail(Error::Code::kInvalid, "session_uid",
                "session_uid: session \"" + uid +
                    "\" kept no routine that can be played again (it was recorded or imported without one)");
  }
  return std::move(*routine);
}

}  // namespace smr::service
