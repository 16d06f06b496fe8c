#include "store/postgres/import_plan.h"

#include <string_view>

#include "core/journal_order.h"

namespace smr::store::detail {

namespace {

// MemoryStore::import_journal replayed on an ImportExisting. Every check below mirrors a check of
// MemoryStore (memory_store.cc) in the same order with the same message; keep them in step.
//
// For speed with large journals (100 000 check-ins), the planner copies no session children: its indexes
// hold string_views and pointers into the stored records in db_ (whose child lists it never changes) and into
// the journal being imported, which outlives the planner.
class Planner {
 public:
  Planner(ImportExisting existing, const core::Journal& journal) : db_(std::move(existing)) {
    std::size_t children = 0;
    for (const auto& rec : journal.sessions)
      children += rec.check_ins.size() + rec.adaptations.size() + rec.notes.size();
    taken_.reserve(db_.other_uids.size() + journal.sessions.size() + children + 64);
    for (const auto& [uid, r] : db_.routines) taken_.insert(uid);
    for (const auto& [uid, x] : db_.custom_exercises) taken_.insert(uid);
    for (const auto& [uid, t] : db_.self_tests) taken_.insert(uid);
    for (const auto& [uid, s] : db_.sessions) {
      taken_.insert(uid);
      for (const auto& c : s.check_ins) taken_.insert(c.uid);
      for (const auto& a : s.adaptations) taken_.insert(a.uid);
      for (const auto& n : s.notes) taken_.insert(n.uid);
    }
    taken_.insert(db_.other_uids.begin(), db_.other_uids.end());
  }

  Result<ImportPlan> run(const core::Journal& journal) {
    plan_.new_check_ins.reserve(count(journal, &core::SessionRecord::check_ins));
    plan_.new_events.reserve(count(journal, &core::SessionRecord::events));
    if (auto s = import_people(journal); !s) return tl::unexpected(s.error());
    if (auto s = import_profiles(journal); !s) return tl::unexpected(s.error());
    if (auto s = import_routines(journal); !s) return tl::unexpected(s.error());
    if (auto s = import_custom_exercises(journal); !s) return tl::unexpected(s.error());
    for (const auto& rec : journal.sessions) {
      if (auto s = import_session(rec); !s) return tl::unexpected(s.error());
    }
    if (auto s = import_self_tests(journal); !s) return tl::unexpected(s.error());
    if (auto s = import_settings(journal); !s) return tl::unexpected(s.error());
    plan_digests();
    return std::move(plan_);
  }

 private:
  static Status invalid_if(const std::string& problem) {
    if (problem.empty()) return {};
    return fail(Error::Code::kInvalid, problem);
  }
  static tl::unexpected<Error> no_session(const std::string& uid) {
    return fail(Error::Code::kNotFound, "no session has the uid \"" + uid + "\"");
  }
  static tl::unexpected<Error> no_person(core::PersonId id) {
    return fail(Error::Code::kNotFound, "no person has the id " + std::to_string(id));
  }
  static tl::unexpected<Error> conflict(const std::string& what) {
    return fail(Error::Code::kConflict, what + " exists already with different content; nothing was imported");
  }
  static tl::unexpected<Error> uid_exists(const std::string& uid) {
    return fail(Error::Code::kConflict, "a record with the uid \"" + uid + "\" exists");
  }

  bool has_person(core::PersonId id) const { return db_.people.count(id) != 0; }
  core::SessionRecord* find_session(const std::string& uid) {
    const auto it = db_.sessions.find(uid);
    return it == db_.sessions.end() ? nullptr : &it->second;
  }
  // A session known to exist.
  core::SessionRecord& stored_session(const std::string& uid) { return db_.sessions.at(uid); }
  bool uid_taken(std::string_view uid) const { return taken_.count(uid) != 0; }

  template <typename List>
  static std::size_t count(const core::Journal& journal, List core::SessionRecord::*list) {
    std::size_t n = 0;
    for (const auto& rec : journal.sessions) n += (rec.*list).size();
    return n;
  }

  Status import_people(const core::Journal& journal) {
    for (const auto& p : journal.people) {
      const auto it = db_.people.find(p.id);
      if (it == db_.people.end()) {
        db_.people[p.id] = p;
        plan_.new_people.push_back(&p);
        ++plan_.summary.added;
      } else if (it->second == p || (p.id == core::kLocalPersonId && it->second.created_ms == 0)) {
        if (!(it->second == p)) plan_.changed_people.push_back(&p);
        it->second = p;
        ++plan_.summary.present;
      } else {
        return conflict("person " + std::to_string(p.id));
      }
    }
    return {};
  }

  Status import_profiles(const core::Journal& journal) {
    for (const auto& pp : journal.profiles) {
      const auto it = db_.profiles.find(pp.person_id);
      if (it == db_.profiles.end()) {
        if (!has_person(pp.person_id)) return no_person(pp.person_id);
        db_.profiles[pp.person_id] = pp.profile;
        plan_.new_profiles.push_back(&pp);
        ++plan_.summary.added;
      } else if (it->second == pp.profile) {
        ++plan_.summary.present;
      } else {
        return conflict("the profile of person " + std::to_string(pp.person_id));
      }
    }
    return {};
  }

  Status import_routines(const core::Journal& journal) {
    for (const auto& r : journal.routines) {
      const auto it = db_.routines.find(r.uid);
      if (it != db_.routines.end()) {
        if (!(it->second == r)) return conflict("routine \"" + r.uid + "\"");
        ++plan_.summary.present;
        continue;
      }
      if (auto s = invalid_if(core::problem_with(r)); !s) return s;
      if (!has_person(r.person_id)) return no_person(r.person_id);
      if (uid_taken(r.uid)) {
        return fail(Error::Code::kConflict, "the uid \"" + r.uid + "\" is used by another record");
      }
      db_.routines[r.uid] = r;
      taken_.insert(r.uid);
      plan_.new_routines.push_back(&r);
      ++plan_.summary.added;
    }
    return {};
  }

  Status import_custom_exercises(const core::Journal& journal) {
    for (const auto& x : journal.custom_exercises) {
      const auto it = db_.custom_exercises.find(x.uid);
      if (it != db_.custom_exercises.end()) {
        if (!(it->second == x)) return conflict("custom exercise \"" + x.uid + "\"");
        ++plan_.summary.present;
        continue;
      }
      if (auto s = invalid_if(core::problem_with(x)); !s) return s;
      if (!has_person(x.person_id)) return no_person(x.person_id);
      if (uid_taken(x.uid)) {
        return fail(Error::Code::kConflict, "the uid \"" + x.uid + "\" is used by another record");
      }
      db_.custom_exercises[x.uid] = x;
      taken_.insert(x.uid);
      plan_.new_custom_exercises.push_back(&x);
      ++plan_.summary.added;
    }
    return {};
  }

  // A session's children by seq or uid: the stored ones (in db_) and those added by this import (in the
  // journal). Built on first use from the stored lists, then kept up to date.
  struct ChildIndex {
    std::unordered_map<std::int64_t, const core::SessionEvent*> events;
    std::unordered_map<std::string_view, const core::CheckIn*> check_ins;
    std::unordered_map<std::string_view, const core::Adaptation*> adaptations;
    std::unordered_map<std::string_view, const core::SessionNote*> notes;
  };
  ChildIndex& index_of(const core::SessionRecord& s) {
    auto [it, added] = children_.try_emplace(s.info.uid);
    if (added) {
      for (const auto& e : s.events) it->second.events.emplace(e.seq, &e);
      for (const auto& c : s.check_ins) it->second.check_ins.emplace(c.uid, &c);
      for (const auto& a : s.adaptations) it->second.adaptations.emplace(a.uid, &a);
      for (const auto& n : s.notes) it->second.notes.emplace(n.uid, &n);
    }
    return it->second;
  }

  template <typename Map, typename Key>
  static auto lookup(const Map& map, const Key& key) -> typename Map::mapped_type {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
  }

  // MemoryStore's import_child: the record `found` in the imported session is identical -> present,
  // different -> conflict (`what` names it); none -> `add` it, as a single write would.
  template <typename T, typename Add, typename What>
  Status import_child(const T* found, const T& item, Add add, What what) {
    if (!found) {
      if (auto s = add(); !s) return s;
      ++plan_.summary.added;
    } else if (*found == item) {
      ++plan_.summary.present;
    } else {
      return conflict(what());
    }
    return {};
  }

  // MemoryStore::append_event, record_check_in, record_adaptation and add_note. `item` is the journal's.
  Status add_event(const core::SessionEvent& e) {
    if (auto s = invalid_if(core::problem_with(e)); !s) return s;
    auto* s = find_session(e.session_uid);
    if (!s) return no_session(e.session_uid);
    if (!index_of(*s).events.emplace(e.seq, &e).second) {
      return fail(Error::Code::kConflict,
                  "session \"" + e.session_uid + "\" already has event " + std::to_string(e.seq));
    }
    touch(e.session_uid);
    plan_.new_events.push_back(&e);
    return {};
  }
  Status add_check_in(const core::CheckIn& c) {
    if (auto s = invalid_if(core::problem_with(c)); !s) return s;
    auto* s = find_session(c.session_uid);
    if (!s) return no_session(c.session_uid);
    if (!taken_.insert(c.uid).second) return uid_exists(c.uid);
    index_of(*s).check_ins.emplace(c.uid, &c);
    touch(c.session_uid);
    plan_.new_check_ins.emplace_back(&c, s->info.person_id);
    return {};
  }
  Status add_adaptation(const core::Adaptation& a) {
    if (auto s = invalid_if(core::problem_with(a)); !s) return s;
    auto* s = find_session(a.session_uid);
    if (!s) return no_session(a.session_uid);
    if (!taken_.insert(a.uid).second) return uid_exists(a.uid);
    index_of(*s).adaptations.emplace(a.uid, &a);
    plan_.new_adaptations.push_back(&a);
    return {};
  }
  Status add_note(const core::SessionNote& n) {
    if (auto s = invalid_if(core::problem_with(n)); !s) return s;
    auto* s = find_session(n.session_uid);
    if (!s) return no_session(n.session_uid);
    if (!taken_.insert(n.uid).second) return uid_exists(n.uid);
    index_of(*s).notes.emplace(n.uid, &n);
    plan_.new_notes.push_back(&n);
    return {};
  }

  // The session, and each of its events (by seq), check-ins, adaptations and notes (by uid), is recognised
  // on its own: a session exported again later, with more recorded in it, adds what is new.
  Status import_session(const core::SessionRecord& rec) {
    const std::string& uid = rec.info.uid;
    const bool is_new = find_session(uid) == nullptr;
    if (is_new) {
      if (auto s = invalid_if(core::problem_with(rec.info)); !s) return s;
      // start_session(active): the active copy is valid whenever rec.info is.
      if (!has_person(rec.info.person_id)) return no_person(rec.info.person_id);
      if (uid_taken(uid)) return uid_exists(uid);
      core::SessionInfo active = rec.info;
      active.status = core::SessionStatus::kActive;
      active.ended_ms.reset();
      db_.sessions[uid] = core::SessionRecord{active, {}, {}, {}, {}};
      taken_.insert(uid);
      touch(uid);
      ++plan_.summary.added;
    } else if (!(stored_session(uid).info == rec.info)) {
      return conflict("session \"" + uid + "\"");
    } else {
      ++plan_.summary.present;
    }
    ChildIndex& index = index_of(stored_session(uid));  // stable: children_ is node-based
    const auto in_session = [&] { return " of session \"" + uid + "\""; };
    for (const auto& e : rec.events) {
      const auto s = import_child(
          lookup(index.events, e.seq), e, [&] { return add_event(e); },
          [&] { return "event " + std::to_string(e.seq) + in_session(); });
      if (!s) return s;
    }
    for (const auto& c : rec.check_ins) {
      const auto s = import_child(
          lookup(index.check_ins, std::string_view(c.uid)), c, [&] { return add_check_in(c); },
          [&] { return "check-in \"" + c.uid + "\""; });
      if (!s) return s;
    }
    for (const auto& a : rec.adaptations) {
      const auto s = import_child(
          lookup(index.adaptations, std::string_view(a.uid)), a, [&] { return add_adaptation(a); },
          [&] { return "adaptation \"" + a.uid + "\""; });
      if (!s) return s;
    }
    for (const auto& n : rec.notes) {
      const auto s = import_child(
          lookup(index.notes, std::string_view(n.uid)), n, [&] { return add_note(n); },
          [&] { return "note \"" + n.uid + "\""; });
      if (!s) return s;
    }
    if (is_new) {
      stored_session(uid).info = rec.info;
      plan_.new_sessions.push_back(&rec.info);
    }
    return {};
  }

  Status import_self_tests(const core::Journal& journal) {
    for (const auto& t : journal.self_tests) {
      const auto it = db_.self_tests.find(t.uid);
      if (it != db_.self_tests.end()) {
        if (!(it->second == t)) return conflict("self-test \"" + t.uid + "\"");
        ++plan_.summary.present;
        continue;
      }
      if (auto s = invalid_if(core::problem_with(t)); !s) return s;
      if (!has_person(t.person_id)) return no_person(t.person_id);
      if (!t.session_uid.empty() && !find_session(t.session_uid)) return no_session(t.session_uid);
      if (uid_taken(t.uid)) return uid_exists(t.uid);
      db_.self_tests[t.uid] = t;
      taken_.insert(t.uid);
      plan_.new_self_tests.push_back(&t);
      ++plan_.summary.added;
    }
    return {};
  }

  Status import_settings(const core::Journal& journal) {
    for (const auto& st : journal.settings) {
      const auto it = db_.settings.find({st.person_id, st.key});
      if (it != db_.settings.end()) {
        if (it->second != st.value) return conflict("setting \"" + st.key + "\"");
        ++plan_.summary.present;
        continue;
      }
      if (!has_person(st.person_id)) return no_person(st.person_id);
      if (st.key.empty()) return fail(Error::Code::kInvalid, "key: must not be empty");
      db_.settings[{st.person_id, st.key}] = st.value;
      plan_.new_settings.push_back(&st);
      ++plan_.summary.added;
    }
    return {};
  }

  // A session whose digest the import changes (new, or given an event or a check-in).
  void touch(const std::string& session_uid) {
    if (touched_set_.insert(session_uid).second) touched_.push_back(session_uid);
  }

  // The digests of the touched sessions that end up ended, from all their events and check-ins (the stored
  // ones and the planned ones, which their ChildIndex holds), in the order session() lists them.
  void plan_digests() {
    for (const auto& uid : touched_) {
      const core::SessionRecord& stored = stored_session(uid);
      if (stored.info.status == core::SessionStatus::kActive) continue;
      core::SessionRecord record;
      record.info = stored.info;
      if (const auto it = children_.find(uid); it != children_.end()) {
        record.events.reserve(it->second.events.size());
        for (const auto& [seq, e] : it->second.events) record.events.push_back(*e);
        record.check_ins.reserve(it->second.check_ins.size());
        for (const auto& [id, c] : it->second.check_ins) record.check_ins.push_back(*c);
      }
      core::canonicalize(record);
      plan_.digests.push_back(core::digest_session(record));
    }
  }

  ImportExisting db_;  // the database as the import goes on: existing records plus those planned so far
  // Every uid in db_ or added from the journal, of any kind (views of strings in db_ or the journal).
  std::unordered_set<std::string_view> taken_;
  std::unordered_map<std::string, ChildIndex> children_;  // session uid -> its children
  std::vector<std::string> touched_;                      // sessions whose digest changes, in order of first touch
  std::unordered_set<std::string> touched_set_;
  ImportPlan plan_;
};

}  // namespace

std::vector<std::string> import_uids(const core::Journal& journal) {
  std::unordered_set<std::string_view> seen;
  std::vector<std::string> out;
  auto add = [&](const std::string& uid) {
    if (core::is_uid(uid) && seen.insert(uid).second) out.push_back(uid);
  };
  for (const auto& r : journal.routines) add(r.uid);
  for (const auto& x : journal.custom_exercises) add(x.uid);
  for (const auto& s : journal.sessions) {
    add(s.info.uid);
    for (const auto& e : s.events) add(e.session_uid);
    for (const auto& c : s.check_ins) {
      add(c.uid);
      add(c.session_uid);
    }
    for (const auto& a : s.adaptations) {
      add(a.uid);
      add(a.session_uid);
    }
    for (const auto& n : s.notes) {
      add(n.uid);
      add(n.session_uid);
    }
  }
  for (const auto& t : journal.self_tests) {
    add(t.uid);
    add(t.session_uid);
  }
  return out;
}

Result<ImportPlan> plan_import(ImportExisting existing, const core::Journal& journal) {
  return Planner(std::move(existing), journal).run(journal);
}

}  // namespace smr::store::detail
