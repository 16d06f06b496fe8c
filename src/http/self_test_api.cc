#include "http/self_test_api.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include <boost/json/value.hpp>

#include "core/progress_soreness.h"
#include "core/suggest.h"
#include "http/api_error.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "json/request_json.h"
#include "json/self_test_json.h"
#include "service/self_test_service.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

core::UnixMillis wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const core::SelfTestProgress* progress_of(const std::vector<core::SelfTestProgress>& all, const std::string& test,
                                          core::Side side) {
  const auto it = std::find_if(all.begin(), all.end(),
                               [&](const core::SelfTestProgress& p) { return p.test == test && p.side == side; });
  return it == all.end() ? nullptr : &*it;
}

// The session a body's `session` names (a uid, a unique prefix, or "last"): 404 or 400 naming the field.
tl::expected<std::string, ApiError> session_of(store::Store& store, const std::string& text) {
  if (text.empty()) return std::string();
  auto uid = service::resolve_session_uid(store, core::kLocalPersonId, text);
  if (!uid) {
    auto error = from_store_error(uid.error());
    error.field = "session";
    error.message = "session: " + error.message;
    return tl::unexpected(error);
  }
  return *uid;
}

constexpr core::UnixMillis kFutureSlackMs = 5 * 60'000;

}  // namespace

SelfTestApi::SelfTestApi(const core::Catalog& catalog, WorkerStores& stores) : catalog_(&catalog), stores_(&stores) {}

Response SelfTestApi::list(const Request&) const {
  auto progress = service::self_test_progress(*stores_->lease(), core::kLocalPersonId);
  if (!progress) return error_response(from_store_error(progress.error()));
  bj::array guides;
  for (const auto& g : catalog_->self_tests()) guides.push_back(json::to_json(g));
  bj::array out;
  for (const auto& p : *progress) out.push_back(json::to_json(p));
  return json_response(Status::ok,
                       json::compact(bj::object{{"guides", std::move(guides)}, {"progress", std::move(out)}}));
}

Response SelfTestApi::record(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto in = json::self_test_input_from_json(*body);
  if (!in) return error_response(invalid_at(in.error()));

  // Everything is checked before the journal is written: bad input writes nothing.
  const auto* guide = catalog_->find_self_test(in->test);
  if (!guide) {
    const auto ids = core::ids_of(catalog_->self_tests());
    const auto best = core::closest_match(in->test, ids);
    return error_response(invalid("test", "test: unknown self-test \"" + in->test + "\"" +
                                              (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                              " The tests are " + core::quoted_list(ids)));
  }
  core::Side side = core::Side::kCentre;
  if (guide->paired()) {
    const auto s = core::parse_enum<core::Side>(in->side);
    if (!s || *s == core::Side::kCentre) {
      return error_response(invalid("side", "side: " + guide->id +
                                                " is measured on each side; expected \"left\" or \"right\"" +
                                                (in->side.empty() ? "" : ", got \"" + in->side + "\"")));
    }
    side = *s;
  } else if (!in->side.empty()) {
    return error_response(
        invalid("side", "side: " + guide->id + " gives one value for both sides together; leave out side"));
  }
  std::optional<core::SelfTestPhase> phase;
  if (!in->phase.empty()) {
    phase = core::parse_enum<core::SelfTestPhase>(in->phase);
    if (!phase) {
      return error_response(invalid(
          "phase", "phase: expected " + core::enum_choices<core::SelfTestPhase>() + ", got \"" + in->phase + "\""));
    }
  }
  if ((phase == core::SelfTestPhase::kBefore || phase == core::SelfTestPhase::kAfter) && in->session.empty()) {
    return error_response(invalid("session", "session: a \"" + in->phase +
                                                 "\" value needs the rolling session it was taken around (a uid "
                                                 "from GET /api/sessions, or \"last\")"));
  }
  const auto value = core::parse_test_value(*guide, in->value);
  if (!value) return error_response(invalid("value", "value: " + value.error()));

  auto store = stores_->lease();
  const auto session = session_of(*store, in->session);
  if (!session) return error_response(session.error());
  const std::string session_uid = *session;
  const auto before = service::self_test_progress(*store, core::kLocalPersonId);
  if (!before) return error_response(from_store_error(before.error()));
  if (!phase) {
    const auto* p = progress_of(*before, guide->id, side);
    phase = p && p->baseline ? core::SelfTestPhase::kCheck : core::SelfTestPhase::kBaseline;
  }
  core::SelfTest t;
  t.uid = store::new_uid();
  t.at_ms = wall_now_ms();
  t.test = guide->id;
  t.side = side;
  t.value = *value;
  t.unit = std::string(core::to_string(guide->unit));
  t.session_uid = session_uid;
  t.phase = std::string(core::to_string(*phase));
  if (auto s = service::record_self_tests(*store, {t}); !s) return error_response(from_store_error(s.error()));
  const auto after = service::self_test_progress(*store, core::kLocalPersonId);
  if (!after) return error_response(from_store_error(after.error()));
  bj::object out{{"recorded", json::to_json(t)}};
  if (const auto* p = progress_of(*after, guide->id, side)) {
    out["progress"] = json::to_json(*p);
  } else {
    out["progress"] = nullptr;
  }
  return json_response(Status::created, json::compact(out));
}

Response SelfTestApi::soreness(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto in = json::soreness_input_from_json(*body);
  if (!in) return error_response(invalid_at(in.error()));
  const auto* region = catalog_->find_region(in->region);
  if (!region) {
    const auto best = core::closest_match(in->region, core::ids_of(catalog_->regions()));
    return error_response(invalid("region", "region: unknown region \"" + in->region + "\"" +
                                                (best.empty() ? "" : "; did you mean \"" + best + "\"?") +
                                                " The regions are listed by GET /api/catalog/regions"));
  }
  core::Side side = core::Side::kCentre;
  if (region->paired()) {
    const auto s = core::parse_enum<core::Side>(in->side);
    if (!s || *s == core::Side::kCentre) {
      return error_response(invalid("side", "side: " + region->id + " is on both sides of the body; expected " +
                                                "\"left\" or \"right\"" +
                                                (in->side.empty() ? "" : ", got \"" + in->side + "\"")));
    }
    side = *s;
  } else if (!in->side.empty()) {
    return error_response(
        invalid("side", "side: " + region->id + " is in the middle of the body; it has no side (leave side out)"));
  }
  const auto phase = core::parse_enum<core::SorenessPhase>(in->phase);
  if (!phase) {
    return error_response(invalid(
        "phase", "phase: expected " + core::enum_choices<core::SorenessPhase>() + ", got \"" + in->phase + "\""));
  }
  if (*phase != core::SorenessPhase::kCheck && in->session.empty()) {
    return error_response(invalid("session", "session: a \"" + in->phase +
                                                 "\" rating needs the rolling session it was taken around (a uid "
                                                 "from GET /api/sessions, or \"last\")"));
  }
  auto store = stores_->lease();
  const auto session = session_of(*store, in->session);
  if (!session) return error_response(session.error());
  core::SorenessRating r;
  r.at_ms = wall_now_ms();
  r.region = region->id;
  r.side = side;
  r.rating = in->rating;
  r.session_uid = *session;
  r.phase = *phase;
  core::SelfTest row = core::to_self_test(r);
  row.uid = store::new_uid();
  if (auto s = service::record_self_tests(*store, {row}); !s) return error_response(from_store_error(s.error()));
  return json_response(Status::created, json::compact(bj::object{{"recorded", json::to_json(row)}}));
}

Response SelfTestApi::workout(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto at = json::workout_input_from_json(*body);
  if (!at) return error_response(invalid_at(at.error()));
  const auto now = wall_now_ms();
  if (*at && **at > now + kFutureSlackMs) {
    return error_response(
        invalid("at_ms", "at_ms: the workout is in the future; record a workout once it has happened"));
  }
  const auto row = service::workout_self_test(store::new_uid(), at->value_or(now));
  if (auto s = service::record_self_tests(*stores_->lease(), {row}); !s) {
    return error_response(from_store_error(s.error()));
  }
  return json_response(Status::created, json::compact(bj::object{{"recorded", json::to_json(row)}}));
}

}  // namespace smr::http
