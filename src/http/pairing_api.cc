#include "http/pairing_api.h"

#include <boost/json.hpp>

#include "http/credential.h"
#include "http/json_body.h"
#include "http/server.h"
#include "json/pretty.h"
#include "service/qr_code.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace {

constexpr int kCookieMaxAgeS = 365 * 24 * 60 * 60;

boost::json::value optional_ms(const std::optional<core::UnixMillis>& ms) {
  return ms ? boost::json::value(*ms) : boost::json::value(nullptr);
}

// A device as the API shows it: never its credential hash.
boost::json::object device_json(const store::PairedDevice& d, bool this_device) {
  return {{"id", d.id},
          {"name", d.name},
          {"created_ms", d.created_ms},
          {"last_used_ms", optional_ms(d.last_used_ms)},
          {"revoked_ms", optional_ms(d.revoked_ms)},
          {"this_device", this_device}};
}

ApiError unpaired_error(std::string message) { return {Status::unauthorized, "unpaired", std::move(message), {}}; }

}  // namespace

std::string device_credential(const Request& request) { return credential(request, kDeviceCookie); }

std::string pairing_url(std::string_view base, std::string_view code) {
  return std::string(base) + "/pair?code=" + std::string(code);
}

PairingApi::PairingApi(WorkerStores& stores, PairingApiOptions options)
    : stores_(&stores), options_(std::move(options)) {}

core::UnixMillis PairingApi::now() const { return options_.clock ? options_.clock() : service::wall_now_ms(); }

std::optional<ApiError> PairingApi::refuse_unpaired(const Request& request) const {
  if (request.from_this_machine()) return std::nullopt;
  const auto credential = device_credential(request);
  if (credential.empty()) {
    return unpaired_error(
        "This device is not paired with SMR Coach. On the computer running SMR Coach, run smr pair and scan the "
        "code it shows (or open the address it prints) to pair this device.");
  }
  auto device = service::authenticate_device(*stores_->lease(), credential, now());
  if (!device) {
    auto e = from_service_error(device.error());
    e.field.reset();
    return e;
  }
  return std::nullopt;
}

Response PairingApi::pair(const Request& request) const {
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  const auto* object = body->if_object();
  const auto text = [&](std::string_view key) -> std::optional<std::string> {
    if (!object) return std::nullopt;
    const auto* v = object->if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return std::string(v->get_string());
  };
  const auto code = text("code");
  if (!code)
    return error_response(invalid("code", "send the pairing code as a string: {\"code\": \"ABCD-EFGH\", ...}"));
  const auto name = text("name");
  if (!name) return error_response(invalid("name", "send a name for this device as a string: {\"name\": \"Phone\"}"));
  const auto peer = service::throttle_key(request.peer().to_string());
  auto pairing = service::redeem_pairing_code(*stores_->lease(), throttle_, peer, *code, *name, now());
  if (!pairing) {
    auto res = error_response(from_service_error(pairing.error()));
    if (pairing.error().code == service::Error::Code::kTooManyAttempts) res.set(Field::retry_after, "60");
    return res;
  }
  auto res = json_response(Status::created, json::compact(device_json(pairing->device, true)));
  res.set(Field::set_cookie,
          std::string(kDeviceCookie) + "=" + pairing->credential +
              "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(kCookieMaxAgeS));
  return res;
}

Response PairingApi::devices(const Request& request) const {
  auto devices = service::paired_devices(*stores_->lease());
  if (!devices) return error_response(from_service_error(devices.error()));
  const auto credential = device_credential(request);
  const auto mine = credential.empty() ? std::string() : service::sha256_hex(credential);
  boost::json::array out;
  for (const auto& d : *devices) out.push_back(device_json(d, !mine.empty() && d.credential_hash == mine));
  return json_response(Status::ok, json::compact(boost::json::object{{"devices", std::move(out)}}));
}

Response PairingApi::revoke(const Request& request, const PathParams& params) const {
  auto device = service::revoke_device(*stores_->lease(), std::string(params.get("id")), now());
  if (!device) return error_response(from_service_error(device.error()));
  const auto credential = device_credential(request);
  const bool mine = !credential.empty() && service::sha256_hex(credential) == device->credential_hash;
  return json_response(Status::ok, json::compact(device_json(*device, mine)));
}

Response PairingApi::new_code(const Request& request) const {
  auto code = service::new_pairing_code(*stores_->lease(), now());
  if (!code) return error_response(from_service_error(code.error()));
  auto bases = options_.base_urls;
  if (bases.empty()) {
    // The address this request was sent to: right for a phone when it was sent from one.
    bases.push_back(std::string(request.scheme()) + "://" + std::string(request.header(Field::host)));
  }
  boost::json::array urls;
  for (const auto& base : bases) {
    const auto url = pairing_url(base, code->code);
    urls.push_back(boost::json::object{{"url", url}, {"qr_svg", service::QrCode::encode(url).to_svg()}});
  }
  return json_response(Status::created,
                       json::compact(boost::json::object{
                           {"code", code->code}, {"expires_ms", code->expires_ms}, {"urls", std::move(urls)}}));
}

}  // namespace smr::http
