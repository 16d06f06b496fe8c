#include "http/journal_api.h"

#include <string>

#include <boost/json/value.hpp>

#include "http/api_error.h"
#include "http/json_body.h"
#include "json/journal_json.h"
#include "json/pretty.h"
#include "service/journal_service.h"
#include "service/session_summary_json.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

std::string param(const Request& request, std::string_view name) {
  const auto params = request.query();
  const auto it = params.find(name);
  return it == params.end() ? std::string() : std::string((*it).value);
}

}  // namespace

JournalApi::JournalApi(WorkerStores& stores) : stores_(&stores) {}

Response JournalApi::sessions(const Request& request) const {
  const service::SessionListRequest wanted{request.identity().person_id, param(request, "from"), param(request, "to"),
                                           std::nullopt};
  auto summaries = service::list_sessions(*stores_->lease(), wanted);
  if (!summaries) return error_response(from_service_error(summaries.error()));
  bj::array out;
  for (const auto& s : *summaries) out.push_back(service::to_json(s));
  return json_response(Status::ok, json::compact(bj::object{{"sessions", std::move(out)}}));
}

Response JournalApi::session(const Request& request, const PathParams& params) const {
  auto record =
      service::session_detail(*stores_->lease(), request.identity().person_id, std::string(params.get("uid")));
  if (!record) return error_response(from_service_error(record.error()));
  return json_response(Status::ok, json::compact(json::to_json(*record)));
}

// With accounts the journal holds several people's records: a signed-in person exports and imports their own
// only (docs/accounts.md); the whole journal stays on the server (smr export, smr import).
Response JournalApi::export_journal(const Request& request) const {
  auto text = request.identity().signed_in
                  ? service::export_person_json(*stores_->lease(), request.identity().person_id)
                  : service::export_journal_json(*stores_->lease());
  if (!text) return error_response(from_service_error(text.error()));
  return json_response(Status::ok, std::move(*text));
}

Response JournalApi::import_journal(const Request& request) const {
  // Parsed once (the body may be 64 MiB): the value goes to the import as it is.
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto summary = request.identity().signed_in
                     ? service::import_person_value(*stores_->lease(), request.identity().person_id, *body)
                     : service::import_journal_value(*stores_->lease(), *body);
  if (!summary) return error_response(from_service_error(summary.error()));
  return json_response(Status::ok, json::compact(bj::object{{"added", summary->added}, {"present", summary->present}}));
}

}  // namespace smr::http
