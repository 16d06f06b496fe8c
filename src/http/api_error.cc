#include "http/api_error.h"

#include <cstdio>

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

namespace {

// A fault on the server's side: the person gets a plain message; the details (the journal's path, the SQL, the
// connection) go to the server's error output only, never into a response (docs/architecture.md "Hardening").
ApiError server_side(Status status, std::string code, const std::string& detail) {
  std::fprintf(stderr, "smr serve: %s: %s\n", code.c_str(), detail.c_str());
  std::string message;
  if (code == "busy") {
    message = "the journal is busy (another program is writing to it); nothing was lost, try again in a moment";
  } else if (code == "unavailable") {
    message = "the journal cannot be reached just now; try again, and if it goes on, see the server's output";
  } else if (code == "storage_full") {
    message = "the disk that holds the journal is full, so nothing was stored; free some space and try again";
  } else if (code == "read_only") {
    message =
        "the journal cannot be written (it is on read-only media or its file is read-only), so nothing was "
        "stored; the details are in the server's output";
  } else if (code == "damaged") {
    message =
        "the journal is damaged or was written by a newer SMR Coach; see the server's output "
        "(smr doctor on the server's machine tells more)";
  } else {
    message = "the server failed to answer this request; the details are in its error output";
  }
  return {status, std::move(code), std::move(message), {}};
}

}  // namespace

ApiError from_store_error(const store::Error& error) {
  using Code = store::Error::Code;
  switch (error.code) {
    case Code::kNotFound: return {Status::not_found, "not_found", error.message, {}};
    case Code::kInvalid: return {Status::bad_request, "invalid", error.message, {}};
    case Code::kConflict: return {Status::conflict, "conflict", error.message, {}};
    case Code::kUnavailable: return server_side(Status::service_unavailable, "unavailable", error.message);
    case Code::kBusy: return server_side(Status::service_unavailable, "busy", error.message);
    case Code::kFull: return server_side(Status::insufficient_storage, "storage_full", error.message);
    case Code::kReadOnly: return server_side(Status::service_unavailable, "read_only", error.message);
    case Code::kCorrupt:
    case Code::kIncompatible: return server_side(Status::internal_server_error, "damaged", error.message);
    case Code::kIo: break;
  }
  return server_side(Status::internal_server_error, "internal", error.message);
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
    case Code::kUnavailable: return server_side(Status::service_unavailable, code, error.message);
    case Code::kStorageFull: return server_side(Status::insufficient_storage, code, error.message);
    case Code::kReadOnly: return server_side(Status::service_unavailable, code, error.message);
    case Code::kCodeExpired: return {Status::gone, code, error.message, field};
    case Code::kCodeUsed: return {Status::conflict, code, error.message, field};
    case Code::kTooManyAttempts: return {Status::too_many_requests, code, error.message, field};
    case Code::kUnpaired:
    case Code::kSignedOut: return {Status::unauthorized, code, error.message, field};
    case Code::kForbidden: return {Status::forbidden, code, error.message, field};
    case Code::kDamaged:
    case Code::kInternal: break;
  }
  return server_side(Status::internal_server_error, code, error.message);
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
