#include "service/trainer_service.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <openssl/rand.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/exercise_entry.h"
#include "core/catalog_extend.h"
#include "core/progress_alert.h"
#include "json/plan_json.h"
#include "json/routine_read.h"
#include "service/pairing_service.h"
#include "service/progress_service.h"
#include "service/routine_service.h"

namespace smr::service {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t char_count(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

tl::unexpected<Error> store_failure(const store::Error& e) { return tl::unexpected(from_store(e)); }

// ---- the words of "not yours": the same whether the record is missing or someone else's ----

tl::unexpected<Error> not_a_trainer() {
  return fail(Error::Code::kNotFound, "",
              "only a trainer keeps clients, invitations and templates, and this account is not one; an admin can "
              "give it the trainer role");
}
tl::unexpected<Error> no_client(core::PersonId id, const std::string& field = "id") {
  return tl::unexpected(field_error(Error::Code::kNotFound, field, "no client " + std::to_string(id) + " among yours"));
}
tl::unexpected<Error> no_trainer(core::PersonId id) {
  return tl::unexpected(field_error(Error::Code::kNotFound, "id", "no trainer " + std::to_string(id) + " of yours"));
}
tl::unexpected<Error> no_template(const std::string& uid) {
  return tl::unexpected(field_error(Error::Code::kNotFound, "uid", "no template \"" + uid + "\" of yours"));
}
tl::unexpected<Error> no_assignment(const std::string& uid) {
  return tl::unexpected(field_error(Error::Code::kNotFound, "uid", "no assignment \"" + uid + "\" of yours"));
}

Status require_trainer(store::Store& store, core::PersonId actor) {
  auto account = store.account(actor);
  if (!account) return store_failure(account.error());
  if (!*account || (*account)->role != store::Role::kTrainer || (*account)->disabled_ms) return not_a_trainer();
  return {};
}

Result<std::string> person_name(store::Store& store, core::PersonId id) {
  auto p = store.person(id);
  if (!p) return store_failure(p.error());
  return p->name;
}

// The active link of this pair, nullopt when there is none (none at all, or ended).
Result<std::optional<store::TrainerLink>> active_link(store::Store& store, core::PersonId trainer,
                                                      core::PersonId client) {
  auto link = store.trainer_link(trainer, client);
  if (!link) return store_failure(link.error());
  if (!*link || (*link)->ended_ms) return std::optional<store::TrainerLink>();
  return *link;
}

Result<ClientOfTrainer> client_of(store::Store& store, const store::TrainerLink& link) {
  auto name = person_name(store, link.client_id);
  if (!name) return tl::unexpected(name.error());
  return ClientOfTrainer{link.client_id, std::move(*name), link.created_ms, link.sharing};
}

Result<TrainerOfClient> trainer_of(store::Store& store, const store::TrainerLink& link) {
  auto name = person_name(store, link.trainer_id);
  if (!name) return tl::unexpected(name.error());
  return TrainerOfClient{link.trainer_id, std::move(*name), link.created_ms, link.sharing};
}

// The actor's active client `client` (any sharing), or the words of "no such client".
Result<ClientOfTrainer> linked_client(store::Store& store, core::PersonId actor, core::PersonId client) {
  auto link = active_link(store, actor, client);
  if (!link) return tl::unexpected(link.error());
  if (!*link) return no_client(client);
  return client_of(store, **link);
}

// ---- invitation codes ----

std::string new_invitation_code() {
  std::array<unsigned char, 16> bytes{};  // 128 bits
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // The OS's random source failing is a fault of the machine, not an input.
    throw std::runtime_error("the system's random number generator failed");
  }
  // Base32 over kPairingAlphabet: 26 characters carry 130 bits, the last two always zero.
  std::string code;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      code.push_back(kPairingAlphabet[(buffer >> (bits - 5)) & 31U]);
      bits -= 5;
    }
  }
  if (bits > 0) code.push_back(kPairingAlphabet[(buffer << (5 - bits)) & 31U]);
  return code;
}

// The stored hash of a code as a person gives it, or kInvalid naming "code".
Result<std::string> code_hash(std::string_view code) {
  const std::string clean = normalise_pairing_code(code);
  const bool ok = clean.size() == kInvitationCodeChars && std::all_of(clean.begin(), clean.end(), [](char c) {
                    return kPairingAlphabet.find(c) != std::string_view::npos;
                  });
  if (!ok) {
    return fail_input("code", "expected the invitation's code: " + std::to_string(kInvitationCodeChars) +
                                  " letters and digits as the link ends with it (no 0, 1, I or O)");
  }
  return sha256_hex(clean);
}

// The stored invitation of a code that may be used now: kNotFound, kCodeUsed or kCodeExpired otherwise.
Result<store::Invitation> usable_invitation(store::Store& store, const std::string& hash, core::UnixMillis now_ms) {
  auto found = store.invitation(hash);
  if (!found) return store_failure(found.error());
  if (!*found) {
    return tl::unexpected(field_error(Error::Code::kNotFound, "code",
                                      "no such invitation; check the link, or ask your trainer for a new one"));
  }
  if ((*found)->used_ms) {
    return fail(Error::Code::kCodeUsed, "code",
                "code: this invitation was used already; each link works once, so ask your trainer for a new one");
  }
  if (now_ms >= (*found)->expires_ms) {
    return fail(Error::Code::kCodeExpired, "code",
                "code: this invitation has expired (a link works for 7 days); ask your trainer for a new one");
  }
  return **found;
}

// ---- templates ----

struct CheckedTemplate {
  std::string name;
  std::string note;
  OwnExercises own;
};

Result<std::string> checked_note(std::string_view note) {
  if (char_count(note) > kMaxNoteChars) {
    return fail_input("note", std::to_string(char_count(note)) + " characters is too long; a note is at most " +
                                  std::to_string(kMaxNoteChars) + " characters");
  }
  if (std::any_of(note.begin(), note.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n') || u == 0x7F;
      })) {
    return fail_input("note", "control characters other than a new line are not allowed in a note");
  }
  return std::string(note);
}

// `exercises` and, after them, each exercise of the actor's library that a step names and neither the catalog nor
// `exercises` has: the own exercises a template carries.
Result<boost::json::array> with_library(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                        const core::Routine& routine, boost::json::array exercises) {
  std::vector<std::string> wanted;
  const auto given = [&](const std::string& id) {
    return std::any_of(exercises.begin(), exercises.end(), [&](const boost::json::value& e) {
      const auto* o = e.if_object();
      const auto* x = o != nullptr ? o->if_contains("id") : nullptr;
      return x != nullptr && x->is_string() && x->get_string() == id;
    });
  };
  for (const auto& step : routine.steps) {
    if (catalog.find_exercise(step.exercise) == nullptr && !given(step.exercise) &&
        std::find(wanted.begin(), wanted.end(), step.exercise) == wanted.end()) {
      wanted.push_back(step.exercise);
    }
  }
  if (wanted.empty()) return exercises;
  auto library = store.custom_exercises(actor);
  if (!library) return store_failure(library.error());
  for (const auto& x : *library) {
    auto entry = catalog::exercise_entry(x.toml);
    if (!entry) continue;
    const auto* id = entry->if_contains("id");
    if (id != nullptr && id->is_string() &&
        std::find(wanted.begin(), wanted.end(), std::string_view(id->get_string())) != wanted.end()) {
      exercises.push_back(std::move(*entry));
    }
  }
  return exercises;
}

// The checks of a saved routine (name, steps) in the catalog with the trainer's own exercises, the note's, the
// own exercises' (a catalog's), and a name no other template of the trainer has.
Result<CheckedTemplate> check_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                       std::string_view name, const core::Routine& routine, std::string_view note,
                                       const boost::json::array& exercises, const std::string& own_uid) {
  auto clean = routine_name(name);
  if (!clean) return tl::unexpected(clean.error());
  auto clean_note = checked_note(note);
  if (!clean_note) return tl::unexpected(clean_note.error());
  auto given = with_library(store, catalog, actor, routine, exercises);
  if (!given) return tl::unexpected(given.error());
  auto own = check_own_exercises(catalog, std::move(*given));
  if (!own) return tl::unexpected(own.error());
  if (auto bad = routine_keep_error(catalog_with(catalog, *own), routine)) return tl::unexpected(std::move(*bad));
  auto existing = store.templates(actor);
  if (!existing) return store_failure(existing.error());
  const std::string wanted = lower(*clean);
  for (const auto& t : *existing) {
    if (t.uid != own_uid && lower(t.name) == wanted) {
      return fail(
          Error::Code::kConflict, "name",
          "name: a template called \"" + t.name + "\" exists already; choose another name or change that one instead");
    }
  }
  return CheckedTemplate{std::move(*clean), std::move(*clean_note), std::move(*own)};
}

// A template's or copy's stored routine: the routine as `smr plan --json` prints it, with the trainer's own
// exercises (their entries as written) under "exercises" when there are any.
std::string stored_json(const core::Routine& routine, const OwnExercises& own) {
  auto v = json::to_json(routine);
  if (!own.entries.empty()) v.as_object()["exercises"] = own.entries;
  return boost::json::serialize(v);
}

struct Stored {
  core::Routine routine;
  OwnExercises own;  // entries only; exercises filled by read_stored() when given a catalog
};

// The stored routine and own exercises' entries; with `catalog`, the own exercises read (checked again, as the
// catalog may have changed since). kDamaged naming `what` when either cannot be read.
Result<Stored> read_stored(const std::string& text, const std::string& what, const core::Catalog* catalog = nullptr) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  boost::json::array entries;
  if (!ec && v.is_object()) {
    if (auto* e = v.as_object().if_contains("exercises"); e != nullptr && e->is_array()) {
      entries = std::move(e->as_array());
      v.as_object().erase("exercises");
    }
  }
  auto routine = json::routine_from_json(ec ? text : boost::json::serialize(v));
  if (!routine) {
    return fail(Error::Code::kDamaged, "", what + " cannot be read (" + routine.error().message() + ")");
  }
  Stored out{std::move(*routine), {std::move(entries), {}}};
  if (catalog != nullptr && !out.own.entries.empty()) {
    auto own = check_own_exercises(*catalog, out.own.entries);
    if (!own) return fail(Error::Code::kDamaged, "", what + " cannot be read (" + own.error().message + ")");
    out.own = std::move(*own);
  }
  return out;
}

Result<core::Routine> read_routine(const std::string& json, const std::string& what) {
  auto stored = read_stored(json, what);
  if (!stored) return tl::unexpected(stored.error());
  return std::move(stored->routine);
}

// The actor's own template `uid`.
Result<store::RoutineTemplate> own_template(store::Store& store, core::PersonId actor, const std::string& uid) {
  auto t = store.routine_template(uid);
  if (!t) return store_failure(t.error());
  if (!*t || (*t)->trainer_id != actor) return no_template(uid);
  return **t;
}

Result<TemplateView> view_of(const store::RoutineTemplate& t, const core::Catalog* catalog = nullptr) {
  auto stored = read_stored(t.routine_json, "the template \"" + t.name + "\"", catalog);
  if (!stored) return tl::unexpected(stored.error());
  return TemplateView{t, std::move(stored->routine), std::move(stored->own), {}};
}

// What the client's gate changes in `routine`, judged by their conditions only: a warning sign or a symptom is
// none of the trainer's business, and never stops the count. nullopt when the client's screening cannot be read.
std::optional<std::vector<core::GateChange>> client_gate_changes(store::Store& store, const core::Catalog& catalog,
                                                                 core::PersonId client, const core::Routine& routine) {
  auto safety = person_safety(store, catalog, client);
  if (!safety) return std::nullopt;
  PersonSafety conditions_only;
  conditions_only.saved = safety->saved;
  if (conditions_only.saved) conditions_only.saved->symptoms.clear();
  conditions_only.effective = conditions_only.saved.value_or(core::Profile{});
  conditions_only.screening = core::screen(catalog, conditions_only.effective);
  auto gated = gate(catalog, conditions_only, routine);
  if (!gated) return std::nullopt;
  return std::move(gated->changes);
}

Result<std::vector<TemplateAssignment>> copies_of(store::Store& store, const core::Catalog& catalog,
                                                  core::PersonId actor, const store::RoutineTemplate& t) {
  auto all = store.assignments_of_template(t.uid);
  if (!all) return store_failure(all.error());
  std::vector<TemplateAssignment> out;
  for (const auto& a : *all) {
    if (a.trainer_id != actor) continue;
    auto link = active_link(store, actor, a.client_id);
    if (!link) return tl::unexpected(link.error());
    if (!*link) continue;  // a client who left: the trainer keeps nothing of them
    auto client = client_of(store, **link);
    if (!client) return tl::unexpected(client.error());
    TemplateAssignment row{a.uid,        a.client_id, client->name, a.started_session_uid.has_value(),
                           std::nullopt, std::nullopt};
    auto stored = read_stored(a.routine_json, "the assignment \"" + a.name + "\"", &catalog);
    if (stored) {
      if (auto changes = client_gate_changes(store, catalog_with(catalog, stored->own), a.client_id, stored->routine)) {
        row.adapted = static_cast<int>(changes->size());
        if (client->sharing.screening) row.changes = std::move(*changes);
      }
    }
    out.push_back(std::move(row));
  }
  std::sort(out.begin(), out.end(), [](const TemplateAssignment& x, const TemplateAssignment& y) {
    return std::pair(lower(x.client_name), x.uid) < std::pair(lower(y.client_name), y.uid);
  });
  return out;
}

// ---- assignments ----

Result<store::Assignment> own_assignment(store::Store& store, core::PersonId actor, const std::string& uid) {
  auto a = store.assignment(uid);
  if (!a) return store_failure(a.error());
  if (!*a || (*a)->client_id != actor) return no_assignment(uid);
  return **a;
}

Result<ClientAssignment> client_view(store::Store& store, const core::Catalog& catalog,
                                     const Result<PersonSafety>& safety, const store::Assignment& a) {
  auto trainer = person_name(store, a.trainer_id);
  if (!trainer) return tl::unexpected(trainer.error());
  auto stored = read_stored(a.routine_json, "the assignment \"" + a.name + "\"", &catalog);
  if (!stored) return tl::unexpected(stored.error());
  ClientAssignment out{a, std::move(*trainer), stored->routine, stored->own.exercises, std::nullopt, std::nullopt};
  if (!safety) {
    out.refused = safety.error();
    return out;
  }
  // The trainer's own exercises are judged as the catalog's: the same gate, in the catalog with them added.
  auto gated = gate(catalog_with(catalog, stored->own), *safety, std::move(stored->routine));
  if (gated) {
    out.gated = std::move(*gated);
  } else {
    out.refused = std::move(gated.error());
  }
  return out;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string alert_reason(const core::PainAlert& a) {
  std::string where;
  if (a.side != core::Side::kCentre) where = std::string(core::to_string(a.side)) + " ";
  for (char c : a.region) where += (c == '-') ? ' ' : c;
  if (a.kind == core::AlertKind::kRisingIntensity) {
    char change[16];
    std::snprintf(change, sizeof change, "%.0f", a.change);
    return "pain alert: the intensity felt at the " + where + " rose by about " + change + " points over the last " +
           std::to_string(core::AlertOptions{}.rising_days) + " days";
  }
  return "pain alert: pain, not just pressure, at the " + where + " in " + std::to_string(a.pain_sessions) +
         " of the last " + plural(a.sessions_considered, "session", "sessions") + " there";
}

Result<OwnExercises> check_own_exercises(const core::Catalog& catalog, boost::json::array entries) {
  if (entries.size() > kMaxOwnExercises) {
    return fail_input("exercises", std::to_string(entries.size()) +
                                       " exercises of your own; a template takes at most " +
                                       std::to_string(kMaxOwnExercises));
  }
  if (entries.empty()) return OwnExercises{};
  auto read = catalog::read_exercises_json(entries, catalog, "exercises");
  if (!read) {
    std::vector<core::Problem> problems;
    for (const auto& e : read.error()) {
      problems.push_back(core::Problem{e.field.empty() ? e.file : e.file + "." + e.field,
                                       e.entry.empty() ? e.message : e.entry + ": " + e.message});
    }
    return tl::unexpected(invalid_input(std::move(problems)));
  }
  return OwnExercises{std::move(entries), std::move(*read)};
}

core::Catalog catalog_with(const core::Catalog& catalog, const OwnExercises& own) {
  return core::with_exercises(catalog, own.exercises);
}

namespace {

tl::unexpected<Error> no_exercise(const std::string& uid) {
  return tl::unexpected(field_error(Error::Code::kNotFound, "uid", "no exercise \"" + uid + "\" of yours"));
}

// The catalog loader's problems with one entry given alone (a request body): fields as in the entry.
Error entry_problems(const std::vector<catalog::CatalogError>& errors) {
  std::vector<core::Problem> problems;
  for (const auto& e : errors) {
    problems.push_back(core::Problem{e.field, e.entry.empty() ? e.message : e.entry + ": " + e.message});
  }
  return invalid_input(std::move(problems));
}

Result<std::vector<core::CustomExercise>> library_of(store::Store& store, core::PersonId actor) {
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  auto all = store.custom_exercises(actor);
  if (!all) return store_failure(all.error());
  return std::move(*all);
}

TrainerExercise library_entry(const core::Catalog& catalog, const core::CustomExercise& x) {
  TrainerExercise out{x.uid, x.created_ms, {}, std::nullopt, ""};
  auto entry = catalog::exercise_entry(x.toml);
  if (!entry) {
    out.problem = "the kept text " + entry.error();
    return out;
  }
  out.entry = std::move(*entry);
  auto read = catalog::read_exercises_json(boost::json::array{out.entry}, catalog, "exercise");
  if (read) {
    out.exercise = std::move(read->front());
  } else {
    out.problem = core::messages(entry_problems(read.error()).problems);
  }
  return out;
}

// Checks `entry` as a new version of library exercise `own_uid` ("" for a new one) and keeps it.
Result<TrainerExercise> keep_trainer_exercise(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                              const std::string& own_uid, const boost::json::value& entry,
                                              core::UnixMillis created_ms) {
  auto library = library_of(store, actor);
  if (!library) return tl::unexpected(library.error());
  if (own_uid.empty() && library->size() >= kMaxLibraryExercises) {
    return fail_input(
        "", "you keep " + std::to_string(library->size()) + " exercises, the most there may be; delete one first");
  }
  std::vector<std::string> taken;
  for (const auto& x : *library) {
    if (x.uid == own_uid) continue;
    auto other = catalog::exercise_entry(x.toml);
    if (!other) continue;
    if (const auto* id = other->if_contains("id"); id != nullptr && id->is_string())
      taken.emplace_back(id->get_string());
  }
  if (!entry.is_object()) {
    return fail_input(
        "", "expected an exercise: an object with the fields of a catalog [[exercise]] entry (docs/catalog.md)");
  }
  auto read = catalog::read_exercises_json(boost::json::array{entry}, catalog, "exercise", "the catalog", taken,
                                           "your exercises");
  if (!read) return tl::unexpected(entry_problems(read.error()));
  core::CustomExercise record{own_uid.empty() ? store::new_uid() : own_uid, actor, created_ms,
                              catalog::exercise_toml(entry.get_object())};
  if (auto s = store.save_custom_exercise(record); !s) return store_failure(s.error());
  return TrainerExercise{record.uid, record.created_ms, entry.get_object(), std::move(read->front()), ""};
}

}  // namespace

Result<std::vector<TrainerExercise>> trainer_exercises(store::Store& store, const core::Catalog& catalog,
                                                       core::PersonId actor) {
  auto library = library_of(store, actor);
  if (!library) return tl::unexpected(library.error());
  std::vector<TrainerExercise> out;
  for (const auto& x : *library) out.push_back(library_entry(catalog, x));
  return out;
}

Result<TrainerExercise> add_trainer_exercise(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                             const boost::json::value& entry, core::UnixMillis now_ms) {
  return keep_trainer_exercise(store, catalog, actor, "", entry, now_ms);
}

Result<TrainerExercise> update_trainer_exercise(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                                const std::string& uid, const boost::json::value& entry) {
  auto library = library_of(store, actor);
  if (!library) return tl::unexpected(library.error());
  const auto it = std::find_if(library->begin(), library->end(), [&](const auto& x) { return x.uid == uid; });
  if (it == library->end()) return no_exercise(uid);
  return keep_trainer_exercise(store, catalog, actor, uid, entry, it->created_ms);
}

bool shares(const store::Sharing& sharing, Category category) {
  switch (category) {
    case Category::kSessions: return sharing.sessions;
    case Category::kTrends: return sharing.trends;
    case Category::kSelfTests: return sharing.self_tests;
    case Category::kSoreness: return sharing.soreness;
    case Category::kScreening: return sharing.screening;
  }
  return false;
}

// ---- invitations ----

Result<NewInvitation> create_invitation(store::Store& store, core::PersonId actor, core::UnixMillis now_ms) {
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  NewInvitation out{new_invitation_code(), now_ms + kInvitationLifetimeMs};
  store::Invitation record{sha256_hex(out.code), actor, now_ms, out.expires_ms, std::nullopt, std::nullopt};
  if (auto s = store.add_invitation(record); !s) return store_failure(s.error());
  return out;
}

Result<InvitationView> invitation(store::Store& store, std::string_view code, core::UnixMillis now_ms) {
  auto hash = code_hash(code);
  if (!hash) return tl::unexpected(hash.error());
  auto found = usable_invitation(store, *hash, now_ms);
  if (!found) return tl::unexpected(found.error());
  auto name = person_name(store, found->trainer_id);
  if (!name) return tl::unexpected(name.error());
  return InvitationView{found->trainer_id, std::move(*name), found->expires_ms};
}

Result<TrainerOfClient> accept_invitation(store::Store& store, core::PersonId actor, std::string_view code,
                                          core::UnixMillis now_ms) {
  auto hash = code_hash(code);
  if (!hash) return tl::unexpected(hash.error());
  auto found = usable_invitation(store, *hash, now_ms);
  if (!found) return tl::unexpected(found.error());
  if (found->trainer_id == actor) {
    return fail_input("code", "this is your own invitation; give the link to the person you invite");
  }
  auto existing = active_link(store, found->trainer_id, actor);
  if (!existing) return tl::unexpected(existing.error());
  auto trainer = person_name(store, found->trainer_id);
  if (!trainer) return tl::unexpected(trainer.error());
  if (*existing) {
    return fail(Error::Code::kConflict, "code",
                "code: you are " + *trainer + "'s client already; what you share is changed under your trainers");
  }
  store::TrainerLink link{found->trainer_id, actor, now_ms, std::nullopt, store::Sharing{}};
  if (auto s = store.accept_invitation(*hash, now_ms, link); !s) {
    if (s.error().code == store::Error::Code::kConflict) {  // a concurrent accept won
      return fail(Error::Code::kCodeUsed, "code",
                  "code: this invitation was used already; each link works once, so ask your trainer for a new one");
    }
    return store_failure(s.error());
  }
  return TrainerOfClient{found->trainer_id, std::move(*trainer), now_ms, store::Sharing{}};
}

// ---- a client and their trainers ----

Result<std::vector<TrainerOfClient>> trainers(store::Store& store, core::PersonId actor) {
  auto links = store.trainers_of(actor);
  if (!links) return store_failure(links.error());
  std::vector<TrainerOfClient> out;
  for (const auto& l : *links) {
    if (l.ended_ms) continue;
    auto t = trainer_of(store, l);
    if (!t) return tl::unexpected(t.error());
    out.push_back(std::move(*t));
  }
  return out;
}

Result<TrainerOfClient> set_sharing(store::Store& store, core::PersonId actor, core::PersonId trainer,
                                    const store::Sharing& sharing) {
  auto link = active_link(store, trainer, actor);
  if (!link) return tl::unexpected(link.error());
  if (!*link) return no_trainer(trainer);
  if (auto s = store.set_sharing(trainer, actor, sharing); !s) return store_failure(s.error());
  (*link)->sharing = sharing;
  return trainer_of(store, **link);
}

Status leave_trainer(store::Store& store, core::PersonId actor, core::PersonId trainer, core::UnixMillis now_ms) {
  auto link = active_link(store, trainer, actor);
  if (!link) return tl::unexpected(link.error());
  if (!*link) return no_trainer(trainer);
  if (auto s = store.end_trainer_link(trainer, actor, now_ms); !s) return store_failure(s.error());
  return {};
}

// ---- a trainer and their clients ----

Result<std::vector<ClientOfTrainer>> clients(store::Store& store, core::PersonId actor) {
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  auto links = store.clients_of(actor);
  if (!links) return store_failure(links.error());
  std::vector<ClientOfTrainer> out;
  for (const auto& l : *links) {
    if (l.ended_ms) continue;
    auto c = client_of(store, l);
    if (!c) return tl::unexpected(c.error());
    out.push_back(std::move(*c));
  }
  std::sort(out.begin(), out.end(), [](const ClientOfTrainer& a, const ClientOfTrainer& b) {
    return std::pair(lower(a.name), a.client_id) < std::pair(lower(b.name), b.client_id);
  });
  return out;
}

Result<ClientOfTrainer> shared_client(store::Store& store, core::PersonId actor, core::PersonId client,
                                      Category category) {
  auto c = linked_client(store, actor, client);
  if (!c) return tl::unexpected(c.error());
  if (!shares(c->sharing, category)) return no_client(client);
  return c;
}

Result<std::vector<DashboardEntry>> dashboard(store::Store& store, core::PersonId actor, core::UnixMillis now_ms,
                                              const core::TimeZone& tz) {
  // A constant number of queries whatever the number of clients: the actor's account, their links, then every
  // active client's name, digests up to now and two settings in one call (Store::people_digests). Of progress
  // only what the reasons read is computed: the alerts (over the whole journal, as progress() does) and the
  // weeks of adherence.
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  auto links = store.clients_of(actor);
  if (!links) return store_failure(links.error());
  std::erase_if(*links, [](const store::TrainerLink& l) { return l.ended_ms.has_value(); });
  std::vector<core::PersonId> ids;
  ids.reserve(links->size());
  for (const auto& l : *links) ids.push_back(l.client_id);
  const std::vector<std::string> keys{std::string(kAcknowledgedAlertsKey), std::string(kSessionsPerWeekKey)};
  auto journals = store.people_digests(ids, std::numeric_limits<core::UnixMillis>::min(), now_ms + 1, keys);
  if (!journals) return store_failure(journals.error());

  std::vector<DashboardEntry> out;
  out.reserve(links->size());
  for (std::size_t i = 0; i < links->size(); ++i) {
    const store::TrainerLink& link = (*links)[i];
    store::PersonDigests& journal = (*journals)[i];
    DashboardEntry e;
    e.client = ClientOfTrainer{link.client_id, std::move(journal.person.name), link.created_ms, link.sharing};
    const bool sessions = e.client.sharing.sessions;
    const bool trends = e.client.sharing.trends;
    if (!sessions && !trends) {
      e.status = ClientStatus::kNotShared;
      e.reasons.push_back({"not-shared", "shares neither sessions nor trends yet: nothing to go by"});
      out.push_back(std::move(e));
      continue;
    }
    const auto& digests = journal.digests;  // started up to now, oldest first
    std::vector<DashboardReason> attention;
    std::vector<std::string> fine;
    if (trends) {  // only from the trends category
      int open = 0;
      for (const auto& a : core::pain_alerts(digests, now_ms, tz, acknowledged_alerts_of(journal.settings[0]))) {
        if (a.acknowledged) continue;
        ++open;
        attention.push_back({"pain-alert", alert_reason(a)});
      }
      if (open == 0) fine.push_back("no open pain alert");
    }
    if (sessions) {  // only from the sessions category
      if (!digests.empty() && digests.back().started_ms >= now_ms - kInactiveAfterMs) {
        e.last_session_ms = digests.back().started_ms;
      }
      if (!e.last_session_ms) {
        attention.push_back(
            {"inactive", "no session in the last " + std::to_string(kInactiveAfterMs / core::kDayMs) + " days"});
      } else {
        core::AdherenceOptions options;
        options.sessions_per_week_target = sessions_per_week_target_of(journal.settings[1]);
        const auto adherence = core::adherence(digests, now_ms, tz, options);
        const auto& weeks = adherence.weeks;
        const auto last_complete =
            std::find_if(weeks.rbegin(), weeks.rend(), [](const core::AdherenceWeek& w) { return !w.in_progress; });
        if (last_complete != weeks.rend() && last_complete->sessions < adherence.target) {
          attention.push_back({"below-target", plural(last_complete->sessions, "session", "sessions") +
                                                   " last week, under their target of " +
                                                   std::to_string(adherence.target) + " a week"});
        } else if (last_complete != weeks.rend()) {
          fine.push_back(plural(last_complete->sessions, "session", "sessions") + " last week (target " +
                         std::to_string(adherence.target) + ")");
        } else {
          fine.push_back("rolling this week");
        }
      }
    }
    if (!attention.empty()) {
      e.status = ClientStatus::kNeedsAttention;
      e.reasons = std::move(attention);
    } else {
      e.status = ClientStatus::kOnTrack;
      std::string text;
      for (const auto& f : fine) text += (text.empty() ? "" : "; ") + f;
      e.reasons.push_back({"on-track", std::move(text)});
    }
    out.push_back(std::move(e));
  }
  // Needs attention first, then on track, then not shared; by name within each (as clients() orders them).
  std::sort(out.begin(), out.end(), [](const DashboardEntry& a, const DashboardEntry& b) {
    return std::tuple(static_cast<int>(a.status), lower(a.client.name), a.client.client_id) <
           std::tuple(static_cast<int>(b.status), lower(b.client.name), b.client.client_id);
  });
  return out;
}

Result<ClientProgress> client_progress(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                       core::PersonId client, core::UnixMillis now_ms, const core::TimeZone& tz) {
  auto c = linked_client(store, actor, client);
  if (!c) return tl::unexpected(c.error());
  ClientProgress out;
  out.client = std::move(*c);
  const auto& s = out.client.sharing;
  if (s.sessions || s.trends || s.self_tests || s.soreness) {
    auto p = progress(store, ProgressQuery{client, now_ms, tz, 0});
    if (!p) return store_failure(p.error());
    if (s.sessions) {
      out.adherence = std::move(p->adherence);
      auto recent = session_summaries(store, client, now_ms - kClientSessionDays * core::kDayMs, now_ms + 1);
      if (!recent) return store_failure(recent.error());
      out.sessions = std::move(*recent);
    }
    if (s.trends) {
      out.sensation = std::move(p->sensation);
      out.alerts = std::move(p->alerts);
    }
    if (s.self_tests) out.self_tests = std::move(p->self_tests);
    if (s.soreness) out.soreness = std::move(p->soreness);
  }
  if (s.screening) {
    auto safety = person_safety(store, catalog, client);
    if (!safety) return tl::unexpected(safety.error());
    out.screening = std::move(safety->screening);
  }
  return out;
}

// ---- templates ----

Result<TemplateView> create_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     std::string_view name, core::Routine routine, std::string_view note,
                                     core::UnixMillis now_ms, const boost::json::array& exercises) {
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  auto checked = check_template(store, catalog, actor, name, routine, note, exercises, "");
  if (!checked) return tl::unexpected(checked.error());
  store::RoutineTemplate record{
      store::new_uid(), actor, std::move(checked->name), stored_json(routine, checked->own), std::move(checked->note),
      now_ms,           now_ms};
  if (auto s = store.save_template(record); !s) return store_failure(s.error());
  return TemplateView{std::move(record), std::move(routine), std::move(checked->own), {}};
}

Result<std::vector<TemplateView>> templates(store::Store& store, core::PersonId actor) {
  if (auto ok = require_trainer(store, actor); !ok) return tl::unexpected(ok.error());
  auto all = store.templates(actor);
  if (!all) return store_failure(all.error());
  std::vector<TemplateView> out;
  for (const auto& t : *all) {
    auto v = view_of(t);
    if (!v) return tl::unexpected(v.error());
    out.push_back(std::move(*v));
  }
  std::sort(out.begin(), out.end(), [](const TemplateView& a, const TemplateView& b) {
    return std::pair(lower(a.record.name), a.record.uid) < std::pair(lower(b.record.name), b.record.uid);
  });
  return out;
}

Result<TemplateView> template_detail(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid) {
  auto t = own_template(store, actor, uid);
  if (!t) return tl::unexpected(t.error());
  auto v = view_of(*t, &catalog);
  if (!v) return tl::unexpected(v.error());
  auto copies = copies_of(store, catalog, actor, *t);
  if (!copies) return tl::unexpected(copies.error());
  v->assignments = std::move(*copies);
  return v;
}

Result<TemplateEdit> update_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid, std::string_view name, core::Routine routine,
                                     std::string_view note, core::UnixMillis now_ms,
                                     const boost::json::array& exercises) {
  auto old = own_template(store, actor, uid);
  if (!old) return tl::unexpected(old.error());
  auto checked = check_template(store, catalog, actor, name, routine, note, exercises, uid);
  if (!checked) return tl::unexpected(checked.error());
  store::RoutineTemplate record = *old;
  record.name = std::move(checked->name);
  record.routine_json = stored_json(routine, checked->own);
  record.note = std::move(checked->note);
  record.updated_ms = now_ms;
  if (auto s = store.save_template(record); !s) return store_failure(s.error());

  TemplateEdit out;
  auto copies = store.assignments_of_template(uid);
  if (!copies) return store_failure(copies.error());
  for (auto a : *copies) {
    if (a.trainer_id != actor || a.started_session_uid) continue;  // started: it stays as it was played
    auto link = active_link(store, actor, a.client_id);
    if (!link) return tl::unexpected(link.error());
    if (!*link) continue;  // a client who left: their copy is theirs now
    a.name = record.name;
    a.routine_json = record.routine_json;
    if (a.note == old->note) a.note = record.note;  // a note given at assignment stays
    a.updated_ms = now_ms;
    if (auto s = store.save_assignment(a); !s) return store_failure(s.error());
    ++out.copies_updated;
  }
  auto detail = template_detail(store, catalog, actor, uid);
  if (!detail) return tl::unexpected(detail.error());
  out.template_view = std::move(*detail);
  return out;
}

Status delete_template(store::Store& store, core::PersonId actor, const std::string& uid) {
  auto t = own_template(store, actor, uid);
  if (!t) return tl::unexpected(t.error());
  if (auto s = store.delete_template(uid); !s) return store_failure(s.error());
  return {};
}

Result<TemplateView> assign_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid, const std::vector<core::PersonId>& clients,
                                     const std::optional<std::string>& note, core::UnixMillis now_ms) {
  auto t = own_template(store, actor, uid);
  if (!t) return tl::unexpected(t.error());
  if (clients.empty()) return fail_input("clients", "no client given; name at least one of your clients");
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (std::find(clients.begin(), clients.begin() + static_cast<std::ptrdiff_t>(i), clients[i]) !=
        clients.begin() + static_cast<std::ptrdiff_t>(i)) {
      return fail_input("clients", "client " + std::to_string(clients[i]) + " is named twice; name each once");
    }
  }
  std::string the_note = t->note;
  if (note) {
    auto checked = checked_note(*note);
    if (!checked) return tl::unexpected(checked.error());
    the_note = std::move(*checked);
  }
  for (std::size_t i = 0; i < clients.size(); ++i) {  // every client checked before anything is written
    auto link = active_link(store, actor, clients[i]);
    if (!link) return tl::unexpected(link.error());
    if (!*link) return no_client(clients[i], "clients[" + std::to_string(i) + "]");
  }
  for (const auto client : clients) {
    store::Assignment a{store::new_uid(), t->uid,   actor,  client, t->name,
                        t->routine_json,  the_note, now_ms, now_ms, std::nullopt};
    if (auto s = store.save_assignment(a); !s) return store_failure(s.error());
  }
  return template_detail(store, catalog, actor, uid);
}

// ---- the client's assignments ----

Result<std::vector<ClientAssignment>> assignments(store::Store& store, const core::Catalog& catalog,
                                                  core::PersonId actor) {
  auto all = store.assignments_of_client(actor);
  if (!all) return store_failure(all.error());
  const auto safety = person_safety(store, catalog, actor);
  std::vector<ClientAssignment> out;
  for (const auto& a : *all) {
    auto v = client_view(store, catalog, safety, a);
    if (!v) return tl::unexpected(v.error());
    out.push_back(std::move(*v));
  }
  return out;
}

Result<ClientAssignment> assignment(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                    const std::string& uid) {
  auto a = own_assignment(store, actor, uid);
  if (!a) return tl::unexpected(a.error());
  return client_view(store, catalog, person_safety(store, catalog, actor), *a);
}

Result<core::Routine> assignment_routine(store::Store& store, core::PersonId actor, const std::string& uid) {
  auto a = own_assignment(store, actor, uid);
  if (!a) return tl::unexpected(a.error());
  return read_routine(a->routine_json, "the assignment \"" + a->name + "\"");
}

Status mark_assignment_started(store::Store& store, core::PersonId actor, const std::string& uid,
                               const std::string& session_uid, core::UnixMillis now_ms) {
  auto a = own_assignment(store, actor, uid);
  if (!a) return tl::unexpected(a.error());
  if (a->started_session_uid) return {};  // the first session is kept
  a->started_session_uid = session_uid;
  a->updated_ms = now_ms;
  if (auto s = store.save_assignment(*a); !s) return store_failure(s.error());
  return {};
}

Result<Started> start_assignment(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                 const std::string& uid, core::SessionSettings settings, core::MonoMillis now,
                                 core::UnixMillis wall_now_ms) {
  auto a = own_assignment(store, actor, uid);
  if (!a) return tl::unexpected(a.error());
  auto stored = read_stored(a->routine_json, "the assignment \"" + a->name + "\"");
  if (!stored) return tl::unexpected(stored.error());
  // A live session is judged and rebuilt (on any instance) by the catalog alone, so a step with the trainer's own
  // exercise cannot be played live yet: said plainly rather than as an unknown exercise (docs/accounts.md).
  if (!stored->own.entries.empty()) {
    return fail_input("assignment",
                      "\"" + a->name +
                          "\" uses your trainer's own exercises, which the live player cannot play yet; follow "
                          "their instructions shown with the assignment, or ask your trainer for a version with "
                          "catalog exercises only");
  }
  StartRequest request;
  request.person = actor;
  request.routine = std::move(stored->routine);
  request.settings = std::move(settings);
  auto started = start_session(store, catalog, std::move(request), now, wall_now_ms);
  if (!started) return tl::unexpected(started.error());
  if (auto s = mark_assignment_started(store, actor, uid, started->live->uid(), wall_now_ms); !s) {
    return tl::unexpected(s.error());
  }
  return started;
}

}  // namespace smr::service
