#include "http/self_test_api.h"

#include <chrono>

#include <boost/json/value.hpp>

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "json/request_json.h"
#include "json/self_test_json.h"
#include "service/self_test_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

using service::wall_now_ms;

SelfTestApi::SelfTestApi(const core::Catalog& catalog, WorkerStores& stores) : catalog_(&catalog), stores_(&stores) {}

Response SelfTestApi::list(const Request& request) const {
  auto progress = service::self_test_progress(*stores_->lease(), request.identity().person_id);
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
  service::SelfTestRequest wanted;
  wanted.person = request.identity().person_id;
  wanted.test = in->test;
  wanted.side = in->side;
  wanted.phase = in->phase;
  wanted.session = in->session;
  wanted.values = {in->value};
  const auto recorded = service::record_self_test(*stores_->lease(), *catalog_, wanted, wall_now_ms());
  if (!recorded) return error_response(from_service_error(recorded.error()));
  bj::object out{{"recorded", json::to_json(recorded->rows.front())}};
  if (!recorded->progress.empty()) {
    out["progress"] = json::to_json(recorded->progress.front());
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
  service::SorenessRequest wanted;
  wanted.person = request.identity().person_id;
  wanted.region = in->region;
  wanted.side = in->side;
  wanted.rating = in->rating;
  wanted.phase = in->phase;
  wanted.session = in->session;
  const auto row = service::record_soreness(*stores_->lease(), *catalog_, wanted, wall_now_ms());
  if (!row) return error_response(from_service_error(row.error()));
  return json_response(Status::created, json::compact(bj::object{{"recorded", json::to_json(*row)}}));
}

Response SelfTestApi::workout(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto at = json::workout_input_from_json(*body);
  if (!at) return error_response(invalid_at(at.error()));
  const auto row = service::record_workout(*stores_->lease(), request.identity().person_id, *at, wall_now_ms());
  if (!row) return error_response(from_service_error(row.error()));
  return json_response(Status::created, json::compact(bj::object{{"recorded", json::to_json(*row)}}));
}

}  // namespace smr::http
