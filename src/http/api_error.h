#pragma once
// The one shape of every error the server answers, for the API and for protocol errors alike:
//   {"error": {"code": "not_found", "message": "...", "field": "region"}}   ("field": null when no field)
// `message` is for a person: what was wrong and what would be right. `code` is for programs; the codes and
// their statuses:
//   malformed (400)          the request cannot be parsed (request line, header, target, JSON body)
//   invalid (400)            a value breaks a rule; `field` names it (a query parameter, a path parameter, or
//                            the JSON path of a body field)
//   forbidden (403)          a change sent by a page of another site (http/write_guard.h)
//   not_found (404)          no such route, or no such entry (`field` names the path parameter)
//   method_not_allowed (405) the path exists, the method does not; the response's Allow header lists them
//   conflict (409)           the change conflicts with stored data
//   body_too_large (413)     the body is larger than the limit
//   headers_too_large (431)  the request line and headers are larger than the limit
//   stop (409)               a red flag or an active warning sign: no routine, no session
//   busy (503)               the journal is busy; try again
//   storage_full (507)       the disk is full
//   unavailable (503)        the journal cannot be reached
//   internal (500)           a fault in the server (logged on stderr)
//   unpaired (401)           a request from another machine without a valid paired device's credential
//                            (docs/pairing.md)
//   code_expired (410)       a pairing code past its 10 minutes
//   code_used (409)          a pairing code used already
//   too_many_attempts (429)  too many wrong pairing codes from this address in the last minute, or too many
//                            failed sign-ins (Retry-After says when to try again)
//   signed_out (401)         accounts mode (smr serve --accounts): the request needs a signed-in session, or a
//                            sign-in failed (docs/accounts.md)
//   forbidden (403)          also: the account may not do this (an admin's route, a disabled account)

#include <optional>
#include <string>

#include "http/response.h"
#include "service/error.h"
#include "store/store.h"

namespace smr::http {

struct ApiError {
  Status status = Status::internal_server_error;
  std::string code;
  std::string message;
  std::optional<std::string> field;
};

ApiError malformed(std::string message);
ApiError invalid(std::string field, std::string message);
ApiError not_found(std::string message, std::optional<std::string> field = std::nullopt);

// The status and code for a store's error (kNotFound 404, kInvalid 400, kConflict 409, kUnavailable and kBusy 503,
// anything else 500), with the store's message.
ApiError from_store_error(const store::Error& error);

// The status for a use case's error (service/error.h): invalid 400, not_found 404, conflict and stop 409, busy
// and unavailable 503, storage_full 507, damaged and internal 500; the code and field as the service gave them.
ApiError from_service_error(const service::Error& error);

std::string error_json(const ApiError& error);

// The error as a JSON response (Cache-Control: no-store).
Response error_response(const ApiError& error);

}  // namespace smr::http
