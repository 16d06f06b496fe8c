#include "service/self_test_service.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "core/progress_soreness.h"
#include "core/suggest.h"

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

namespace {

constexpr std::string_view kSessionHint = "a session uid (or its first characters) from smr log, or \"last\"";

// The session `text` names ("" for none), as an error naming the field "session".
Result<std::string> session_of(store::Store& store, core::PersonId person, const std::string& text) {
  if (text.empty()) return std::string();
  auto uid = resolve_session_uid(store, person, text);
  if (uid) return std::move(*uid);
  const auto code = uid.error().code;
  if (code != store::Error::Code::kNotFound && code != store::Error::Code::kInvalid) {
    return tl::unexpected(from_store(uid.error()));
  }
  return tl::unexpected(
      field_error(code == store::Error::Code::kNotFound ? Error::Code::kNotFound : Error::Code::kInvalid, "session",
                  uid.error().message + "; expected " + std::string(kSessionHint) + ". Nothing was recorded."));
}

// The side of a record: `text` for a paired test or region (required), none for a single one. `paired` and
// `single` say which it is in words ("calves has a left and a right side", "neck is a midline region ...").
Result<core::Side> side_of(const std::string& text, bool is_paired, const std::string& paired,
                           const std::string& single) {
  if (!is_paired) {
    if (text.empty()) return core::Side::kCentre;
    return fail_input("side", single + "; leave out the side");
  }
  if (text.empty()) return fail_input("side", paired + "; expected \"left\" or \"right\"");
  const auto side = core::parse_enum<core::Side>(text);
  if (!side || *side == core::Side::kCentre) {
    return fail_input("side", "\"" + text + "\" is not valid; expected \"left\" or \"right\"");
  }
  return *side;
}

const core::SelfTestProgress* progress_of(const std::vector<core::SelfTestProgress>& all, const std::string& test,
                                          core::Side side) {
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const core::SelfTestProgress& p) { return p.test == test && p.side == side; });
  return it == all.end() ? nullptr : &*it;
}

Status write_rows(store::Store& store, const std::vector<core::SelfTest>& rows) {
  if (auto s = record_self_tests(store, rows); !s) {
    auto e = from_store(s.error());
    e.message = "could not record it: " + e.message + ". Nothing was recorded.";
    return tl::unexpected(std::move(e));
  }
  return {};
}

}  // namespace

std::string unknown_region_text(const core::Catalog& catalog, const std::string& id) {
  const auto best = core::closest_match(id, core::ids_of(catalog.regions()));
  return "unknown region \"" + id + "\"" + (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
         " The regions are listed by smr catalog regions";
}

Result<SelfTestTake> take_self_test(store::Store& store, const core::Catalog& catalog, const SelfTestRequest& request) {
  const auto* guide = catalog.find_self_test(request.test);
  if (guide == nullptr) {
    const auto ids = core::ids_of(catalog.self_tests());
    const auto best = core::closest_match(request.test, ids);
    return fail_input(
        "test", "unknown self-test \"" + request.test + "\"" +
                    (best.empty() ? "" : "; did you mean \"" + best + "\"?") + " The tests are " +
                    (ids.empty() ? std::string("none (the catalog has no [[self_test]])") : core::quoted_list(ids)) +
                    " (smr test)");
  }
  SelfTestTake take;
  take.person = request.person;
  take.guide = guide;
  std::vector<core::Side> sides;
  if (guide->paired() && request.side.empty() && request.values.empty()) {
    sides = {core::Side::kLeft, core::Side::kRight};  // a guided take of both sides
  } else {
    auto side = side_of(request.side, guide->paired(), guide->id + " is measured on each side",
                        guide->id + " gives one value for both sides together");
    if (!side) return tl::unexpected(side.error());
    sides = {*side};
  }
  std::optional<core::SelfTestPhase> phase;
  if (!request.phase.empty()) {
    phase = core::parse_enum<core::SelfTestPhase>(request.phase);
    if (!phase) {
      return fail_input(
          "phase", "\"" + request.phase + "\" is not valid; expected " + core::enum_choices<core::SelfTestPhase>());
    }
  }
  if ((phase == core::SelfTestPhase::kBefore || phase == core::SelfTestPhase::kAfter) && request.session.empty()) {
    return fail_input(
        "session", "the \"" + request.phase +
                       "\" phase needs the rolling session the value was taken around: " + std::string(kSessionHint));
  }
  std::vector<double> values;
  for (const auto& text : request.values) {
    const auto v = core::parse_test_value(*guide, text);
    if (!v) return fail_input("value", v.error());
    values.push_back(*v);
  }
  if (values.size() > static_cast<std::size_t>(core::kBaselineTrials)) {
    return fail_input("value",
                      "give one value, or two for the two trials of a baseline; got " + std::to_string(values.size()));
  }
  if (values.size() > 1 && phase && *phase != core::SelfTestPhase::kBaseline) {
    return fail_input("value", "a \"" + request.phase + "\" takes one value; only a baseline takes two trials");
  }
  auto session = session_of(store, request.person, request.session);
  if (!session) return tl::unexpected(session.error());
  take.session_uid = std::move(*session);
  const auto before = self_test_progress(store, request.person);
  if (!before) return tl::unexpected(from_store(before.error()));
  for (const auto side : sides) {
    const auto* p = progress_of(*before, guide->id, side);
    const bool has_baseline = p != nullptr && p->baseline;
    take.sides.push_back(
        {side, phase.value_or(has_baseline ? core::SelfTestPhase::kCheck : core::SelfTestPhase::kBaseline), {}});
  }
  if (values.size() > 1 && take.sides.front().phase != core::SelfTestPhase::kBaseline) {
    return fail_input("value",
                      "this side has its baseline already, so this is a re-test, which takes one value; give the "
                      "phase \"baseline\" to add baseline trials");
  }
  take.sides.front().values = std::move(values);
  return take;
}

Result<RecordedSelfTest> record_self_test(store::Store& store, const SelfTestTake& take, core::UnixMillis at_ms) {
  RecordedSelfTest out;
  for (const auto& sv : take.sides) {
    for (const double v : sv.values) {
      core::SelfTest t;
      t.uid = store::new_uid();
      t.person_id = take.person;
      t.at_ms = at_ms + static_cast<core::UnixMillis>(out.rows.size());  // keeps the order of trials and sides
      t.test = take.guide->id;
      t.side = sv.side;
      t.value = v;
      t.unit = std::string(core::to_string(take.guide->unit));
      t.session_uid = take.session_uid;
      t.phase = std::string(core::to_string(sv.phase));
      out.rows.push_back(std::move(t));
    }
  }
  if (auto s = write_rows(store, out.rows); !s) return tl::unexpected(s.error());
  const auto after = self_test_progress(store, take.person);
  if (!after) return tl::unexpected(from_store(after.error()));
  for (const auto& sv : take.sides) {
    if (const auto* p = progress_of(*after, take.guide->id, sv.side)) out.progress.push_back(*p);
  }
  return out;
}

Result<RecordedSelfTest> record_self_test(store::Store& store, const core::Catalog& catalog,
                                          const SelfTestRequest& request, core::UnixMillis at_ms) {
  if (request.values.empty()) return fail_input("value", "missing; expected the measured value");
  auto take = take_self_test(store, catalog, request);
  if (!take) return tl::unexpected(take.error());
  return record_self_test(store, *take, at_ms);
}

Result<core::SelfTest> record_soreness(store::Store& store, const core::Catalog& catalog,
                                       const SorenessRequest& request, core::UnixMillis at_ms) {
  const auto* region = catalog.find_region(request.region);
  if (region == nullptr) return fail_input("region", unknown_region_text(catalog, request.region));
  auto side = side_of(request.side, region->paired(), region->id + " has a left and a right side",
                      region->id + " is a midline region with no left or right side");
  if (!side) return tl::unexpected(side.error());
  if (request.rating < 0 || request.rating > 10) {
    return fail_input("rating", std::to_string(request.rating) +
                                    " is not valid; expected a whole number from 0 (no soreness) to 10 (the worst "
                                    "imaginable)");
  }
  const auto phase = core::parse_enum<core::SorenessPhase>(request.phase);
  if (!phase) {
    return fail_input("phase",
                      "\"" + request.phase + "\" is not valid; expected " + core::enum_choices<core::SorenessPhase>());
  }
  if (*phase != core::SorenessPhase::kCheck && request.session.empty()) {
    return fail_input(
        "session", "the \"" + request.phase +
                       "\" phase needs the rolling session the rating was taken around: " + std::string(kSessionHint));
  }
  auto session = session_of(store, request.person, request.session);
  if (!session) return tl::unexpected(session.error());
  core::SorenessRating r;
  r.at_ms = at_ms;
  r.region = region->id;
  r.side = *side;
  r.rating = request.rating;
  r.session_uid = std::move(*session);
  r.phase = *phase;
  core::SelfTest row = core::to_self_test(r);
  row.uid = store::new_uid();
  row.person_id = request.person;
  if (auto s = write_rows(store, {row}); !s) return tl::unexpected(s.error());
  return row;
}

Result<core::SelfTest> record_workout(store::Store& store, core::PersonId person, std::optional<core::UnixMillis> at_ms,
                                      core::UnixMillis now_ms) {
  if (at_ms && *at_ms > now_ms + kWorkoutFutureSlackMs) {
    return fail_input("at_ms", "the workout is in the future; record a workout once it has happened");
  }
  auto row = workout_self_test(store::new_uid(), at_ms.value_or(now_ms));
  row.person_id = person;
  if (auto s = write_rows(store, {row}); !s) return tl::unexpected(s.error());
  return row;
}

}  // namespace smr::service
