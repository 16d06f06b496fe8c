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

namespace {

// With accounts the journal holds several people's records, and export and import are whole-journal: no one
// person may take or overwrite them through the API (docs/accounts.md). Nothing in single-person mode.
std::optional<ApiError> refuse_whole_journal(const Request& request) {
  if (!request.identity().signed_in) return std::nullopt;
  return ApiError{Status::forbidden, "forbidden",
                  "with accounts, the journal holds several people's records, so it is exported and imported "
                  "whole on the server only (smr export, smr import)",
                  std::nullopt};
}

}  // namespace

Response JournalApi::export_journal(const Request& request) const {
  if (auto refused = refuse_whole_journal(request)) return error_response(*refused);
  auto text = service::export_journal_json(*stores_->lease());
  if (!text) return error_response(from_service_error(text.error()));
  return json_response(Status::ok, std::move(*text));
}

Response JournalApi::import_journal(const Request& request) const {
  if (auto refused = refuse_whole_journal(request)) return error_response(*refused);
  // Parsed once (the body may be 64 MiB): the value goes to the import as it is.
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto summary = service::import_journal_value(*stores_->lease(), *body);
  if (!summary) return error_response(from_service_error(summary.error()));
  return json_response(Status::ok, json::compact(bj::object{{"added", summary->added}, {"present", summary->present}}));
}

}  // namespace smr::http
