#include "http/journal_api.h"

#include <limits>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "core/time_zone.h"
#include "http/api_error.h"
#include "http/json_body.h"
#include "json/journal_json.h"
#include "json/pretty.h"
#include "service/journal_service.h"
#include "service/session_summary_json.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

// The query parameter `name` as a UTC day's first instant; nullopt when absent.
tl::expected<std::optional<core::UnixMillis>, ApiError> day_param(const Request& request, std::string_view name) {
  const auto params = request.query();
  const auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  const std::string text((*it).value);
  const auto day = service::parse_date_utc(text);
  if (!day) {
    return tl::unexpected(invalid(std::string(name), std::string(name) + ": \"" + text +
                                                         "\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01"));
  }
  return day;
}

}  // namespace

JournalApi::JournalApi(WorkerStores& stores) : stores_(&stores) {}

Response JournalApi::sessions(const Request& request) const {
  const auto from = day_param(request, "from");
  if (!from) return error_response(from.error());
  const auto to = day_param(request, "to");
  if (!to) return error_response(to.error());
  const auto from_ms = from->value_or(std::numeric_limits<core::UnixMillis>::min());
  const auto to_ms = *to ? **to + core::kDayMs : std::numeric_limits<core::UnixMillis>::max();
  if (from_ms >= to_ms) {
    return error_response(invalid("to", "to: the last day comes before from; expected a day on or after from"));
  }
  auto summaries = service::session_summaries(*stores_->lease(), core::kLocalPersonId, from_ms, to_ms);
  if (!summaries) return error_response(from_store_error(summaries.error()));
  bj::array out;
  for (const auto& s : *summaries) out.push_back(service::to_json(s));
  return json_response(Status::ok, json::compact(bj::object{{"sessions", std::move(out)}}));
}

Response JournalApi::session(const Request&, const PathParams& params) const {
  const std::string uid(params.get("uid"));
  auto record = stores_->lease()->session(uid);
  if (!record) {
    auto error = from_store_error(record.error());
    if (error.status == Status::not_found) {
      error = not_found("there is no session \"" + uid + "\"; GET /api/sessions lists them", "uid");
    }
    return error_response(error);
  }
  return json_response(Status::ok, json::compact(json::to_json(*record)));
}

Response JournalApi::export_journal(const Request&) const {
  auto text = service::export_journal_json(*stores_->lease());
  if (!text) return error_response(from_store_error(text.error()));
  return json_response(Status::ok, std::move(*text));
}

Response JournalApi::import_journal(const Request& request) const {
  // Parsed once (the body may be 64 MiB): the value goes to the import as it is.
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto summary = service::import_journal_value(*stores_->lease(), *body);
  if (!summary) {
    if (summary.error().code == store::Error::Code::kInvalid)
      return error_response(invalid_at(summary.error().message));
    return error_response(from_store_error(summary.error()));
  }
  return json_response(Status::ok, json::compact(bj::object{{"added", summary->added}, {"present", summary->present}}));
}

}  // namespace smr::http
