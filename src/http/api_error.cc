#include "http/api_error.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace smr::http {

ApiError malformed(std::string message) { return {Status::bad_request, "malformed", std::move(message), {}}; }

ApiError invalid(std::string field, std::string message) {
  return {Status::bad_request, "invalid", std::move(message), std::move(field)};
}

ApiError not_found(std::string message, std::optional<std::string> field) {
  return {Status::not_found, "not_found", std::move(message), std::move(field)};
}

ApiError from_store_error(const store::Error& error) {
  using Code = store::Error::Code;
  switch (error.code) {
    case Code::kNotFound: return {Status::not_found, "not_found", error.message, {}};
    case Code::kInvalid: return {Status::bad_request, "invalid", error.message, {}};
    case Code::kConflict: return {Status::conflict, "conflict", error.message, {}};
    case Code::kUnavailable: return {Status::service_unavailable, "unavailable", error.message, {}};
    case Code::kBusy: return {Status::service_unavailable, "busy", error.message, {}};
    case Code::kFull: return {Status::insufficient_storage, "storage_full", error.message, {}};
    case Code::kReadOnly: return {Status::service_unavailable, "read_only", error.message, {}};
    case Code::kCorrupt:
    case Code::kIncompatible:
    case Code::kIo: break;
  }
  return {Status::internal_server_error, "internal", error.message, {}};
}

ApiError from_service_error(const service::Error& error) {
  using Code = service::Error::Code;
  std::optional<std::string> field;
  if (!error.field.empty()) field = error.field;
  const std::string code(core::to_string(error.code));
  switch (error.code) {
    case Code::kInvalid: return {Status::bad_request, code, error.message, field};
    case Code::kNotFound: return {Status::not_found, code, error.message, field};
    case Code::kConflict:
    case Code::kStop: return {Status::conflict, code, error.message, field};
    case Code::kBusy:
    case Code::kUnavailable: return {Status::service_unavailable, code, error.message, field};
    case Code::kStorageFull: return {Status::insufficient_storage, code, error.message, field};
    case Code::kReadOnly: return {Status::service_unavailable, code, error.message, field};
    case Code::kDamaged:
    case Code::kInternal: break;
  }
  return {Status::internal_server_error, code, error.message, field};
}

std::string error_json(const ApiError& error) {
  boost::json::object inner{{"code", error.code}, {"message", error.message}};
  if (error.field) {
    inner["field"] = *error.field;
  } else {
    inner["field"] = nullptr;
  }
  return boost::json::serialize(boost::json::object{{"error", std::move(inner)}});
}

Response error_response(const ApiError& error) { return json_response(error.status, error_json(error)); }

}  // namespace smr::http
