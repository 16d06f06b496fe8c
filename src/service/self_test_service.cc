#include "service/self_test_service.h"

#include <limits>
#include <utility>

#include "core/progress_soreness.h"

namespace smr::service {

store::Result<std::string> resolve_session_uid(store::Store& store, core::PersonId person, std::string_view text) {
  using Code = store::Error::Code;
  const std::string wanted(text);
  auto all = store.sessions(person, std::numeric_limits<core::UnixMillis>::min(),
                            std::numeric_limits<core::UnixMillis>::max());
  if (!all) return tl::unexpected(all.error());
  if (wanted == "last") {
    if (all->empty()) return store::fail(Code::kNotFound, "there is no session yet, so \"last\" names none");
    return all->back().uid;  // oldest first
  }
  std::vector<std::string> matches;
  for (const auto& s : *all) {
    if (s.uid == wanted) return s.uid;
    if (!wanted.empty() && s.uid.compare(0, wanted.size(), wanted) == 0) matches.push_back(s.uid);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) return store::fail(Code::kNotFound, "no session has a uid starting with \"" + wanted + "\"");
  return store::fail(Code::kInvalid, "\"" + wanted + "\" starts " + std::to_string(matches.size()) +
                                         " session uids; give more characters");
}

core::SelfTest workout_self_test(std::string uid, core::UnixMillis at_ms) {
  core::SelfTest t;
  t.uid = std::move(uid);
  t.at_ms = at_ms;
  t.test = std::string(core::kWorkoutTest);
  t.side = core::Side::kCentre;
  t.value = 0;
  t.unit = "event";
  t.phase = "check";
  return t;
}

store::Status record_self_tests(store::Store& store, const std::vector<core::SelfTest>& rows) {
  if (rows.empty()) return {};
  if (rows.size() == 1) return store.record_self_test(rows.front());
  // The import adds a journal in one transaction, all of it or nothing: the store's way to write several rows
  // atomically. The rows are new (fresh uids), so nothing is "already there".
  core::Journal batch;
  batch.self_tests = rows;
  auto imported = store.import_journal(batch);
  if (!imported) return tl::unexpected(imported.error());
  return {};
}

store::Result<std::vector<core::SelfTestProgress>> self_test_progress(store::Store& store, core::PersonId person) {
  auto rows = store.self_tests(person);
  if (!rows) return tl::unexpected(rows.error());
  return core::self_test_progress(*rows);
}

}  // namespace smr::service
