#include "store/memory/memory_store.h"
#include "store/account_util.h"
#include "store/digest_util.h"

#include <algorithm>
#include <tuple>

#include "core/journal_order.h"

namespace smr::store {

namespace {

Status invalid_if(const std::string& problem) {
  if (problem.empty()) return {};
  return fail(Error::Code::kInvalid, problem);
}

tl::unexpected<Error> no_session(const std::string& uid) {
  return fail(Error::Code::kNotFound, "no session has the uid \"" + uid + "\"");
}

tl::unexpected<Error> no_person(core::PersonId id) {
  return fail(Error::Code::kNotFound, "no person has the id " + std::to_string(id));
}

// Imports one record of a session: identical to the stored one that `same` finds → present; different →
// conflict; none → `add` it.
template <typename T, typename Same, typename Add>
Status import_child(const std::vector<T>& stored, const T& item, Same same, Add add, ImportSummary& summary,
                    const std::string& what) {
  const auto it = std::find_if(stored.begin(), stored.end(), same);
  if (it == stored.end()) {
    if (auto s = add(); !s) return s;
    ++summary.added;
  } else if (*it == item) {
    ++summary.present;
  } else {
    return fail(Error::Code::kConflict, what + " exists already with different content; nothing was imported");
  }
  return {};
}

}  // namespace

MemoryStore::MemoryStore() { state_.people[core::kLocalPersonId] = core::Person{core::kLocalPersonId, "me", 0}; }

Result<Health> MemoryStore::check_health() { return Health{0, 0, true, {}}; }

core::SessionRecord* MemoryStore::find_session(const std::string& uid) {
  const auto it = state_.sessions.find(uid);
  return it == state_.sessions.end() ? nullptr : &it->second;
}

bool MemoryStore::uid_taken(const std::string& uid) const {
  if (state_.routines.count(uid) || state_.custom_exercises.count(uid) || state_.sessions.count(uid) ||
      state_.self_tests.count(uid)) {
    return true;
  }
  for (const auto& [id, s] : state_.sessions) {
    for (const auto& c : s.check_ins) {
      if (c.uid == uid) return true;
    }
    for (const auto& a : s.adaptations) {
      if (a.uid == uid) return true;
    }
    for (const auto& n : s.notes) {
      if (n.uid == uid) return true;
    }
  }
  return false;
}

Result<core::Person> MemoryStore::person(core::PersonId id) {
  const auto it = state_.people.find(id);
  if (it == state_.people.end()) return no_person(id);
  return it->second;
}

Result<std::vector<core::Person>> MemoryStore::people() {
  std::vector<core::Person> out;
  for (const auto& [id, p] : state_.people) out.push_back(p);
  return out;
}

Result<core::Person> MemoryStore::add_person(const std::string& name, core::UnixMillis now_ms) {
  if (name.empty()) return fail(Error::Code::kInvalid, "name: must not be empty");
  const core::PersonId id = state_.people.rbegin()->first + 1;
  core::Person p{id, name, now_ms};
  state_.people[id] = p;
  return p;
}

Result<std::optional<core::Profile>> MemoryStore::profile(core::PersonId id) {
  if (!state_.people.count(id)) return no_person(id);
  const auto it = state_.profiles.find(id);
  if (it == state_.profiles.end()) return std::optional<core::Profile>{};
  return std::optional<core::Profile>{it->second};
}

Status MemoryStore::save_profile(core::PersonId id, const core::Profile& profile) {
  if (!state_.people.count(id)) return no_person(id);
  state_.profiles[id] = profile;
  return {};
}

Status MemoryStore::save_routine(const core::SavedRoutine& routine) {
  if (auto s = invalid_if(core::problem_with(routine)); !s) return s;
  if (!state_.people.count(routine.person_id)) return no_person(routine.person_id);
  const auto it = state_.routines.find(routine.uid);
  if (it == state_.routines.end() && uid_taken(routine.uid)) {
    return fail(Error::Code::kConflict, "the uid \"" + routine.uid + "\" is used by another record");
  }
  state_.routines[routine.uid] = routine;  // saving an existing routine replaces it
  return {};
}

Result<std::vector<core::SavedRoutine>> MemoryStore::routines(core::PersonId id) {
  std::vector<core::SavedRoutine> out;
  for (const auto& [uid, r] : state_.routines) {
    if (r.person_id == id) out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.created_ms, a.uid) < std::tie(b.created_ms, b.uid); });
  return out;
}

Status MemoryStore::delete_routine(const std::string& uid) {
  if (state_.routines.erase(uid) == 0) return fail(Error::Code::kNotFound, "no routine has the uid \"" + uid + "\"");
  return {};
}

Status MemoryStore::save_custom_exercise(const core::CustomExercise& exercise) {
  if (auto s = invalid_if(core::problem_with(exercise)); !s) return s;
  if (!state_.people.count(exercise.person_id)) return no_person(exercise.person_id);
  const auto it = state_.custom_exercises.find(exercise.uid);
  if (it == state_.custom_exercises.end() && uid_taken(exercise.uid)) {
    return fail(Error::Code::kConflict, "the uid \"" + exercise.uid + "\" is used by another record");
  }
  state_.custom_exercises[exercise.uid] = exercise;
  return {};
}

Result<std::vector<core::CustomExercise>> MemoryStore::custom_exercises(core::PersonId id) {
  std::vector<core::CustomExercise> out;
  for (const auto& [uid, x] : state_.custom_exercises) {
    if (x.person_id == id) out.push_back(x);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.created_ms, a.uid) < std::tie(b.created_ms, b.uid); });
  return out;
}

Status MemoryStore::start_session(const core::SessionInfo& session) {
  if (auto s = invalid_if(core::problem_with(session)); !s) return s;
  if (!state_.people.count(session.person_id)) return no_person(session.person_id);
  if (uid_taken(session.uid))
    return fail(Error::Code::kConflict, "a record with the uid \"" + session.uid + "\" exists");
  state_.sessions[session.uid] = core::SessionRecord{session, {}, {}, {}, {}};
  return {};
}

Status MemoryStore::append_event(const core::SessionEvent& event) {
  if (auto s = invalid_if(core::problem_with(event)); !s) return s;
  auto* s = find_session(event.session_uid);
  if (!s) return no_session(event.session_uid);
  for (const auto& e : s->events) {
    if (e.seq == event.seq) {
      return fail(Error::Code::kConflict,
                  "session \"" + event.session_uid + "\" already has event " + std::to_string(event.seq));
    }
  }
  s->events.push_back(event);
  return {};
}

Status MemoryStore::record_check_in(const core::CheckIn& check_in) {
  if (auto s = invalid_if(core::problem_with(check_in)); !s) return s;
  auto* s = find_session(check_in.session_uid);
  if (!s) return no_session(check_in.session_uid);
  if (uid_taken(check_in.uid))
    return fail(Error::Code::kConflict, "a record with the uid \"" + check_in.uid + "\" exists");
  s->check_ins.push_back(check_in);
  return {};
}

Status MemoryStore::record_adaptation(const core::Adaptation& adaptation) {
  if (auto s = invalid_if(core::problem_with(adaptation)); !s) return s;
  auto* s = find_session(adaptation.session_uid);
  if (!s) return no_session(adaptation.session_uid);
  if (uid_taken(adaptation.uid)) {
    return fail(Error::Code::kConflict, "a record with the uid \"" + adaptation.uid + "\" exists");
  }
  s->adaptations.push_back(adaptation);
  return {};
}

Status MemoryStore::add_note(const core::SessionNote& note) {
  if (auto s = invalid_if(core::problem_with(note)); !s) return s;
  auto* s = find_session(note.session_uid);
  if (!s) return no_session(note.session_uid);
  if (uid_taken(note.uid)) return fail(Error::Code::kConflict, "a record with the uid \"" + note.uid + "\" exists");
  s->notes.push_back(note);
  return {};
}

Status MemoryStore::end_session(const std::string& uid, core::UnixMillis ended_ms, core::SessionStatus status) {
  auto* s = find_session(uid);
  if (!s) return no_session(uid);
  if (status == core::SessionStatus::kActive) {
    return fail(Error::Code::kInvalid, "status: a session ends as \"finished\" or \"stopped\"");
  }
  if (s->info.status != core::SessionStatus::kActive) {
    return fail(Error::Code::kConflict, "session \"" + uid + "\" has ended already");
  }
  if (ended_ms < s->info.started_ms) return fail(Error::Code::kInvalid, "ended_ms: must not be before started_ms");
  s->info.ended_ms = ended_ms;
  s->info.status = status;
  return {};
}

Result<core::SessionRecord> MemoryStore::session(const std::string& uid) {
  auto* s = find_session(uid);
  if (!s) return no_session(uid);
  core::SessionRecord out = *s;
  core::canonicalize(out);
  return out;
}

Result<std::vector<core::SessionDigest>> MemoryStore::session_digests(core::PersonId id, core::UnixMillis from_ms,
                                                                      core::UnixMillis to_ms) {
  return detail::digests_from_records(*this, id, from_ms, to_ms);
}

Result<std::vector<core::SessionInfo>> MemoryStore::sessions(core::PersonId id, core::UnixMillis from_ms,
                                                             core::UnixMillis to_ms) {
  std::vector<core::SessionInfo> out;
  for (const auto& [uid, s] : state_.sessions) {
    if (s.info.person_id == id && s.info.started_ms >= from_ms && s.info.started_ms < to_ms) out.push_back(s.info);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.started_ms, a.uid) < std::tie(b.started_ms, b.uid); });
  return out;
}

Result<std::vector<core::CheckIn>> MemoryStore::check_ins(core::PersonId id, core::UnixMillis from_ms,
                                                          core::UnixMillis to_ms) {
  std::vector<core::CheckIn> out;
  for (const auto& [uid, s] : state_.sessions) {
    if (s.info.person_id != id) continue;
    for (const auto& c : s.check_ins) {
      if (c.at_ms >= from_ms && c.at_ms < to_ms) out.push_back(c);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.at_ms, a.uid) < std::tie(b.at_ms, b.uid); });
  return out;
}

Status MemoryStore::record_self_test(const core::SelfTest& test) {
  if (auto s = invalid_if(core::problem_with(test)); !s) return s;
  if (!state_.people.count(test.person_id)) return no_person(test.person_id);
  if (!test.session_uid.empty() && !find_session(test.session_uid)) return no_session(test.session_uid);
  if (uid_taken(test.uid)) return fail(Error::Code::kConflict, "a record with the uid \"" + test.uid + "\" exists");
  state_.self_tests[test.uid] = test;
  return {};
}

Result<std::vector<core::SelfTest>> MemoryStore::self_tests(core::PersonId id) {
  std::vector<core::SelfTest> out;
  for (const auto& [uid, t] : state_.self_tests) {
    if (t.person_id == id) out.push_back(t);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.at_ms, a.uid) < std::tie(b.at_ms, b.uid); });
  return out;
}

Result<std::optional<std::string>> MemoryStore::setting(core::PersonId id, const std::string& key) {
  const auto it = state_.settings.find({id, key});
  if (it == state_.settings.end()) return std::optional<std::string>{};
  return std::optional<std::string>{it->second};
}

Status MemoryStore::set_setting(const core::Setting& setting) {
  if (!state_.people.count(setting.person_id)) return no_person(setting.person_id);
  if (setting.key.empty()) return fail(Error::Code::kInvalid, "key: must not be empty");
  state_.settings[{setting.person_id, setting.key}] = setting.value;
  return {};
}

Result<std::vector<core::WeeklyRegionStat>> MemoryStore::weekly_region_stats(core::PersonId id,
                                                                             core::UnixMillis from_ms,
                                                                             core::UnixMillis to_ms,
                                                                             int utc_offset_minutes) {
  auto all = check_ins(id, from_ms, to_ms);
  if (!all) return tl::unexpected(all.error());
  return core::weekly_region_stats(*all, utc_offset_minutes);
}

Result<core::Journal> MemoryStore::export_journal() {
  core::Journal j;
  for (const auto& [id, p] : state_.people) j.people.push_back(p);
  for (const auto& [id, p] : state_.profiles) j.profiles.push_back(core::PersonProfile{id, p});
  for (const auto& [uid, r] : state_.routines) j.routines.push_back(r);
  for (const auto& [uid, x] : state_.custom_exercises) j.custom_exercises.push_back(x);
  for (const auto& [uid, s] : state_.sessions) j.sessions.push_back(s);
  for (const auto& [uid, t] : state_.self_tests) j.self_tests.push_back(t);
  for (const auto& [key, value] : state_.settings) j.settings.push_back(core::Setting{key.first, key.second, value});
  core::canonicalize(j);
  return j;
}

Result<ImportSummary> MemoryStore::import_journal(const core::Journal& journal) {
  // Work on a copy: on any failure the original state is untouched.
  MemoryStore scratch;
  scratch.state_ = state_;
  ImportSummary summary;
  auto conflict = [](const std::string& what) {
    return fail(Error::Code::kConflict, what + " exists already with different content; nothing was imported");
  };

  for (const auto& p : journal.people) {
    const auto it = scratch.state_.people.find(p.id);
    if (it == scratch.state_.people.end()) {
      scratch.state_.people[p.id] = p;
      ++summary.added;
    } else if (it->second == p || (p.id == core::kLocalPersonId && it->second.created_ms == 0)) {
      // The local person of a fresh store is recognised whatever its name.
      it->second = p;
      ++summary.present;
    } else {
      return conflict("person " + std::to_string(p.id));
    }
  }
  for (const auto& pp : journal.profiles) {
    const auto it = scratch.state_.profiles.find(pp.person_id);
    if (it == scratch.state_.profiles.end()) {
      if (auto s = scratch.save_profile(pp.person_id, pp.profile); !s) return tl::unexpected(s.error());
      ++summary.added;
    } else if (it->second == pp.profile) {
      ++summary.present;
    } else {
      return conflict("the profile of person " + std::to_string(pp.person_id));
    }
  }
  for (const auto& r : journal.routines) {
    const auto it = scratch.state_.routines.find(r.uid);
    if (it != scratch.state_.routines.end()) {
      if (!(it->second == r)) return conflict("routine \"" + r.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = scratch.save_routine(r); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  for (const auto& x : journal.custom_exercises) {
    const auto it = scratch.state_.custom_exercises.find(x.uid);
    if (it != scratch.state_.custom_exercises.end()) {
      if (!(it->second == x)) return conflict("custom exercise \"" + x.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = scratch.save_custom_exercise(x); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  for (const auto& rec : journal.sessions) {
    // The session, and each of its events (by seq), check-ins, adaptations and notes (by uid), is recognised
    // on its own: a session exported again later, with more recorded in it, adds what is new.
    const bool is_new = scratch.find_session(rec.info.uid) == nullptr;
    if (is_new) {
      core::SessionInfo active = rec.info;
      active.status = core::SessionStatus::kActive;
      active.ended_ms.reset();
      if (auto s = invalid_if(core::problem_with(rec.info)); !s) return tl::unexpected(s.error());
      if (auto s = scratch.start_session(active); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
    core::SessionRecord* session = scratch.find_session(rec.info.uid);
    if (!session) return fail(Error::Code::kIo, "session \"" + rec.info.uid + "\" vanished during the import");
    if (!is_new) {
      if (!(session->info == rec.info)) return conflict("session \"" + rec.info.uid + "\"");
      ++summary.present;
    }
    const std::string in_session = " of session \"" + rec.info.uid + "\"";
    for (const auto& e : rec.events) {
      const auto s = import_child(
          session->events, e, [&](const core::SessionEvent& x) { return x.seq == e.seq; },
          [&] { return scratch.append_event(e); }, summary, "event " + std::to_string(e.seq) + in_session);
      if (!s) return tl::unexpected(s.error());
    }
    for (const auto& c : rec.check_ins) {
      const auto s = import_child(
          session->check_ins, c, [&](const core::CheckIn& x) { return x.uid == c.uid; },
          [&] { return scratch.record_check_in(c); }, summary, "check-in \"" + c.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
    for (const auto& a : rec.adaptations) {
      const auto s = import_child(
          session->adaptations, a, [&](const core::Adaptation& x) { return x.uid == a.uid; },
          [&] { return scratch.record_adaptation(a); }, summary, "adaptation \"" + a.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
    for (const auto& n : rec.notes) {
      const auto s = import_child(
          session->notes, n, [&](const core::SessionNote& x) { return x.uid == n.uid; },
          [&] { return scratch.add_note(n); }, summary, "note \"" + n.uid + "\"");
      if (!s) return tl::unexpected(s.error());
    }
    if (is_new) session->info = rec.info;
  }
  for (const auto& t : journal.self_tests) {
    const auto it = scratch.state_.self_tests.find(t.uid);
    if (it != scratch.state_.self_tests.end()) {
      if (!(it->second == t)) return conflict("self-test \"" + t.uid + "\"");
      ++summary.present;
    } else {
      if (auto s = scratch.record_self_test(t); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  for (const auto& st : journal.settings) {
    const auto it = scratch.state_.settings.find({st.person_id, st.key});
    if (it != scratch.state_.settings.end()) {
      if (it->second != st.value) return conflict("setting \"" + st.key + "\"");
      ++summary.present;
    } else {
      if (auto s = scratch.set_setting(st); !s) return tl::unexpected(s.error());
      ++summary.added;
    }
  }
  state_ = std::move(scratch.state_);
  return summary;
}

// ---- paired devices ----

Status MemoryStore::add_pairing_code(const PairingCode& code) {
  if (!state_.pairing_codes.emplace(code.code_hash, code).second) {
    return fail(Error::Code::kConflict, "a pairing code with this hash is stored already");
  }
  return {};
}

Result<std::optional<PairingCode>> MemoryStore::pairing_code(const std::string& code_hash) {
  const auto it = state_.pairing_codes.find(code_hash);
  if (it == state_.pairing_codes.end()) return std::optional<PairingCode>{};
  return it->second;
}

Status MemoryStore::redeem_pairing_code(const std::string& code_hash, core::UnixMillis used_ms,
                                        const PairedDevice& device) {
  const auto it = state_.pairing_codes.find(code_hash);
  if (it == state_.pairing_codes.end()) return fail(Error::Code::kNotFound, "no such pairing code");
  if (it->second.used_ms) return fail(Error::Code::kConflict, "this pairing code was used already");
  for (const auto& d : state_.devices) {
    if (d.id == device.id || d.credential_hash == device.credential_hash) {
      return fail(Error::Code::kConflict, "a device with this id or credential is paired already");
    }
  }
  it->second.used_ms = used_ms;
  state_.devices.push_back(device);
  return {};
}

Result<std::vector<PairedDevice>> MemoryStore::paired_devices() {
  auto out = state_.devices;
  std::stable_sort(out.begin(), out.end(), [](const PairedDevice& a, const PairedDevice& b) {
    return std::tie(a.created_ms, a.id) < std::tie(b.created_ms, b.id);
  });
  return out;
}

Result<std::optional<PairedDevice>> MemoryStore::device_by_credential(const std::string& credential_hash) {
  for (const auto& d : state_.devices) {
    if (d.credential_hash == credential_hash) return std::optional<PairedDevice>(d);
  }
  return std::optional<PairedDevice>{};
}

Status MemoryStore::touch_device(const std::string& id, core::UnixMillis used_ms) {
  for (auto& d : state_.devices) {
    if (d.id == id) {
      d.last_used_ms = used_ms;
      return {};
    }
  }
  return fail(Error::Code::kNotFound, "no paired device has the id \"" + id + "\"");
}

Status MemoryStore::revoke_device(const std::string& id, core::UnixMillis revoked_ms) {
  for (auto& d : state_.devices) {
    if (d.id == id) {
      if (!d.revoked_ms) d.revoked_ms = revoked_ms;
      return {};
    }
  }
  return fail(Error::Code::kNotFound, "no paired device has the id \"" + id + "\"");
}

// ---- accounts, trainers and clients ----

Result<Account> MemoryStore::add_account(const std::string& person_name, const Account& account) {
  if (auto s = invalid_if(detail::problem_with_login(account.login)); !s) return tl::unexpected(s.error());
  for (const auto& [id, a] : state_.accounts) {
    if (a.login == account.login) return detail::login_taken(account.login);
  }
  Account out = account;
  if (account.person_id == 0) {
    auto p = add_person(person_name, account.created_ms);
    if (!p) return tl::unexpected(p.error());
    out.person_id = p->id;
  } else {
    if (!state_.people.count(account.person_id)) return detail::no_person_with(account.person_id);
    if (state_.accounts.count(account.person_id)) return detail::has_account(account.person_id);
    if (!person_name.empty()) state_.people[account.person_id].name = person_name;
  }
  state_.accounts[out.person_id] = out;
  return out;
}

Result<std::optional<Account>> MemoryStore::account(core::PersonId person) {
  const auto it = state_.accounts.find(person);
  if (it == state_.accounts.end()) return std::optional<Account>{};
  return std::optional<Account>(it->second);
}

Result<std::optional<Account>> MemoryStore::account_by_login(const std::string& login) {
  for (const auto& [id, a] : state_.accounts) {
    if (a.login == login) return std::optional<Account>(a);
  }
  return std::optional<Account>{};
}

Result<std::vector<Account>> MemoryStore::accounts() {
  std::vector<Account> out;
  for (const auto& [id, a] : state_.accounts) out.push_back(a);
  return out;
}

Status MemoryStore::update_account(const Account& account) {
  if (auto s = invalid_if(detail::problem_with_login(account.login)); !s) return s;
  const auto it = state_.accounts.find(account.person_id);
  if (it == state_.accounts.end()) return detail::no_account(account.person_id);
  for (const auto& [id, a] : state_.accounts) {
    if (id != account.person_id && a.login == account.login) return detail::login_taken(account.login);
  }
  it->second = account;
  return {};
}

Status MemoryStore::add_auth_session(const AuthSession& session) {
  if (!state_.accounts.count(session.person_id)) return detail::no_account(session.person_id);
  for (const auto& [id, s] : state_.auth_sessions) {
    if (id == session.id || s.token_hash == session.token_hash) return detail::auth_session_taken();
  }
  state_.auth_sessions[session.id] = session;
  return {};
}

Result<std::optional<AuthSession>> MemoryStore::auth_session_by_token(const std::string& token_hash) {
  for (const auto& [id, s] : state_.auth_sessions) {
    if (s.token_hash == token_hash) return std::optional<AuthSession>(s);
  }
  return std::optional<AuthSession>{};
}

Result<std::vector<AuthSession>> MemoryStore::auth_sessions(core::PersonId person) {
  std::vector<AuthSession> out;
  for (const auto& [id, s] : state_.auth_sessions) {
    if (s.person_id == person && !s.ended_ms) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const AuthSession& a, const AuthSession& b) {
    return std::tie(a.created_ms, a.id) > std::tie(b.created_ms, b.id);
  });
  return out;
}

Status MemoryStore::touch_auth_session(const std::string& id, core::UnixMillis used_ms) {
  const auto it = state_.auth_sessions.find(id);
  if (it == state_.auth_sessions.end()) return detail::no_auth_session(id);
  it->second.last_used_ms = used_ms;
  return {};
}

Status MemoryStore::end_auth_session(const std::string& id, core::UnixMillis ended_ms) {
  const auto it = state_.auth_sessions.find(id);
  if (it == state_.auth_sessions.end()) return detail::no_auth_session(id);
  if (!it->second.ended_ms) it->second.ended_ms = ended_ms;
  return {};
}

Result<int> MemoryStore::end_auth_sessions(core::PersonId person, core::UnixMillis ended_ms,
                                           const std::optional<std::string>& keep_id) {
  int ended = 0;
  for (auto& [id, s] : state_.auth_sessions) {
    if (s.person_id != person || s.ended_ms || (keep_id && id == *keep_id)) continue;
    s.ended_ms = ended_ms;
    ++ended;
  }
  return ended;
}

Result<int> MemoryStore::count_attempt(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  if (auto s = invalid_if(detail::problem_with_window(window_ms)); !s) return tl::unexpected(s.error());
  auto& w = state_.attempts[key];
  if (w.count == 0 || !detail::window_holds(w.window_start_ms, now_ms, window_ms)) w = AttemptWindow{now_ms, 0};
  return ++w.count;
}

Result<int> MemoryStore::attempts(const std::string& key, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  if (auto s = invalid_if(detail::problem_with_window(window_ms)); !s) return tl::unexpected(s.error());
  const auto it = state_.attempts.find(key);
  if (it == state_.attempts.end() || !detail::window_holds(it->second.window_start_ms, now_ms, window_ms)) return 0;
  return it->second.count;
}

Status MemoryStore::clear_attempts(const std::string& key) {
  state_.attempts.erase(key);
  return {};
}

Status MemoryStore::add_invitation(const Invitation& invitation) {
  if (!state_.people.count(invitation.trainer_id)) return detail::no_person_with(invitation.trainer_id);
  if (invitation.used_by && !state_.people.count(*invitation.used_by))
    return detail::no_person_with(*invitation.used_by);
  if (state_.invitations.count(invitation.code_hash)) return detail::invitation_taken();
  state_.invitations[invitation.code_hash] = invitation;
  return {};
}

Result<std::optional<Invitation>> MemoryStore::invitation(const std::string& code_hash) {
  const auto it = state_.invitations.find(code_hash);
  if (it == state_.invitations.end()) return std::optional<Invitation>{};
  return std::optional<Invitation>(it->second);
}

Status MemoryStore::accept_invitation(const std::string& code_hash, core::UnixMillis used_ms, const TrainerLink& link) {
  const auto it = state_.invitations.find(code_hash);
  if (it == state_.invitations.end()) return detail::no_invitation();
  if (it->second.used_ms) return detail::invitation_used();
  if (link.trainer_id != it->second.trainer_id) return detail::wrong_trainer(it->second.trainer_id, link.trainer_id);
  if (!state_.people.count(link.client_id)) return detail::no_person_with(link.client_id);
  const auto key = std::make_pair(link.trainer_id, link.client_id);
  if (const auto l = state_.links.find(key); l != state_.links.end() && !l->second.ended_ms) {
    return detail::link_active(link.trainer_id, link.client_id);
  }
  it->second.used_ms = used_ms;
  it->second.used_by = link.client_id;
  state_.links[key] = link;
  return {};
}

Result<std::vector<TrainerLink>> MemoryStore::clients_of(core::PersonId trainer) {
  std::vector<TrainerLink> out;
  for (const auto& [key, l] : state_.links) {
    if (l.trainer_id == trainer) out.push_back(l);
  }
  std::sort(out.begin(), out.end(), [](const TrainerLink& a, const TrainerLink& b) {
    return std::tie(a.created_ms, a.client_id) < std::tie(b.created_ms, b.client_id);
  });
  return out;
}

Result<std::vector<TrainerLink>> MemoryStore::trainers_of(core::PersonId client) {
  std::vector<TrainerLink> out;
  for (const auto& [key, l] : state_.links) {
    if (l.client_id == client) out.push_back(l);
  }
  std::sort(out.begin(), out.end(), [](const TrainerLink& a, const TrainerLink& b) {
    return std::tie(a.created_ms, a.trainer_id) < std::tie(b.created_ms, b.trainer_id);
  });
  return out;
}

Result<std::optional<TrainerLink>> MemoryStore::trainer_link(core::PersonId trainer, core::PersonId client) {
  const auto it = state_.links.find({trainer, client});
  if (it == state_.links.end()) return std::optional<TrainerLink>{};
  return std::optional<TrainerLink>(it->second);
}

Status MemoryStore::set_sharing(core::PersonId trainer, core::PersonId client, const Sharing& sharing) {
  const auto it = state_.links.find({trainer, client});
  if (it == state_.links.end() || it->second.ended_ms) return detail::no_active_link(trainer, client);
  it->second.sharing = sharing;
  return {};
}

Status MemoryStore::end_trainer_link(core::PersonId trainer, core::PersonId client, core::UnixMillis ended_ms) {
  const auto it = state_.links.find({trainer, client});
  if (it == state_.links.end() || it->second.ended_ms) return detail::no_active_link(trainer, client);
  it->second.ended_ms = ended_ms;
  return {};
}

Status MemoryStore::save_template(const RoutineTemplate& routine_template) {
  if (!state_.people.count(routine_template.trainer_id)) return detail::no_person_with(routine_template.trainer_id);
  const auto it = state_.templates.find(routine_template.uid);
  if (it != state_.templates.end() && it->second.trainer_id != routine_template.trainer_id) {
    return detail::template_of_other_trainer(routine_template.uid);
  }
  state_.templates[routine_template.uid] = routine_template;
  return {};
}

Result<std::optional<RoutineTemplate>> MemoryStore::routine_template(const std::string& uid) {
  const auto it = state_.templates.find(uid);
  if (it == state_.templates.end()) return std::optional<RoutineTemplate>{};
  return std::optional<RoutineTemplate>(it->second);
}

Result<std::vector<RoutineTemplate>> MemoryStore::templates(core::PersonId trainer) {
  std::vector<RoutineTemplate> out;
  for (const auto& [uid, t] : state_.templates) {
    if (t.trainer_id == trainer) out.push_back(t);
  }
  std::sort(out.begin(), out.end(), [](const RoutineTemplate& a, const RoutineTemplate& b) {
    return std::tie(a.name, a.uid) < std::tie(b.name, b.uid);
  });
  return out;
}

Status MemoryStore::delete_template(const std::string& uid) {
  if (state_.templates.erase(uid) == 0) return detail::no_template(uid);
  return {};
}

Status MemoryStore::save_assignment(const Assignment& assignment) {
  if (!state_.people.count(assignment.trainer_id)) return detail::no_person_with(assignment.trainer_id);
  if (!state_.people.count(assignment.client_id)) return detail::no_person_with(assignment.client_id);
  state_.assignments[assignment.uid] = assignment;
  return {};
}

Result<std::optional<Assignment>> MemoryStore::assignment(const std::string& uid) {
  const auto it = state_.assignments.find(uid);
  if (it == state_.assignments.end()) return std::optional<Assignment>{};
  return std::optional<Assignment>(it->second);
}

namespace {
std::vector<Assignment> newest_first(std::vector<Assignment> out) {
  std::sort(out.begin(), out.end(), [](const Assignment& a, const Assignment& b) {
    return std::tie(a.created_ms, a.uid) > std::tie(b.created_ms, b.uid);
  });
  return out;
}
}  // namespace

Result<std::vector<Assignment>> MemoryStore::assignments_of_client(core::PersonId client) {
  std::vector<Assignment> out;
  for (const auto& [uid, a] : state_.assignments) {
    if (a.client_id == client) out.push_back(a);
  }
  return newest_first(std::move(out));
}

Result<std::vector<Assignment>> MemoryStore::assignments_of_template(const std::string& template_uid) {
  std::vector<Assignment> out;
  for (const auto& [uid, a] : state_.assignments) {
    if (a.template_uid == template_uid) out.push_back(a);
  }
  return newest_first(std::move(out));
}

}  // namespace smr::store
