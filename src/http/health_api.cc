#include "http/health_api.h"

#include <boost/json/value.hpp>

#include "http/api_error.h"
#include "json/pretty.h"

namespace smr::http {

std::string_view smr_version() { return SMR_VERSION; }

HealthApi::HealthApi(WorkerStores& stores, JournalInfo journal)
    : stores_(&stores),
      ok_json_(json::compact(boost::json::object{{"status", "ok"},
                                                 {"version", smr_version()},
                                                 {"backend", stores.backend()},
                                                 {"schema_version", journal.schema_version},
                                                 {"latest_schema_version", journal.latest_schema_version},
                                                 {"integrity_ok", journal.integrity_ok}})) {}

Response HealthApi::health(const Request&) const {
  auto probe = stores_->lease()->person(core::kLocalPersonId);
  if (!probe) {
    auto error = from_store_error(probe.error());
    error.status = Status::service_unavailable;
    error.code = "unavailable";
    return error_response(error);
  }
  return json_response(Status::ok, ok_json_);
}

}  // namespace smr::http
