#pragma once
// Pairing devices (docs/pairing.md; use cases in service/pairing_service.h), and the check that every API
// request from another machine comes from a paired device:
//   POST   /api/pair             {code, name}: the device; sets the cookie __Host-smr_device (the credential)
//   GET    /api/devices          {devices: [...]}: every paired device, revoked ones too
//   DELETE /api/devices/{id}     revoke one; answers it
//   POST   /api/pairing-codes    a new code, when it expires, and the URLs to open with it (each with its QR
//                                code as SVG)
// A request carries its device credential in the cookie (browsers) or as "Authorization: Bearer <credential>"
// (other clients). Thread-safe (the throttle guards its own state).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/journal.h"
#include "http/api_error.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"
#include "service/pairing_service.h"

namespace smr::http {

inline constexpr std::string_view kDeviceCookie = "__Host-smr_device";

struct PairingApiOptions {
  // The clock (Unix ms); the wall clock when empty.
  std::function<core::UnixMillis()> clock;
  // Where a phone can reach this server, without a trailing slash ("http://192.168.1.20:8080"): the pairing
  // URLs of POST /api/pairing-codes. Empty: the address the request was sent to (its scheme and Host) is used.
  std::vector<std::string> base_urls;
};

class PairingApi {
 public:
  PairingApi(WorkerStores& stores, PairingApiOptions options);  // `stores` must outlive this

  Response pair(const Request& request) const;
  Response devices(const Request& request) const;
  Response revoke(const Request& request, const PathParams& params) const;
  Response new_code(const Request& request) const;

  // For a request from another machine: the error to answer (401 "unpaired", or the journal's error) unless
  // it carries the credential of a paired, unrevoked device. Nothing for a request from this machine.
  std::optional<ApiError> refuse_unpaired(const Request& request) const;

  // Before the server runs only: the pairing URLs' bases (PairingApiOptions::base_urls).
  void set_base_urls(std::vector<std::string> urls) { options_.base_urls = std::move(urls); }

 private:
  core::UnixMillis now() const;

  WorkerStores* stores_;
  PairingApiOptions options_;
  mutable service::PairingThrottle throttle_;
};

// The device credential a request carries: credential(request, kDeviceCookie) (http/credential.h: the cookie
// __Host-smr_device, else an "Authorization: Bearer" token; "" when it has neither).
std::string device_credential(const Request& request);

// The pairing page's URL for a code: "<base>/pair?code=<code>".
std::string pairing_url(std::string_view base, std::string_view code);

}  // namespace smr::http
