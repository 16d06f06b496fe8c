#include "http/account_api.h"

#include <charconv>

#include <boost/json.hpp>

#include "http/credential.h"
#include "http/json_body.h"
#include "json/pretty.h"
#include "service/pairing_service.h"
#include "service/wall_clock.h"

namespace smr::http {

namespace bj = boost::json;

namespace {

bj::value optional_ms(const std::optional<core::UnixMillis>& ms) { return ms ? bj::value(*ms) : bj::value(nullptr); }

// An account as the API shows it: never its password hash.
bj::object account_json(const store::Account& a) {
  return {{"person_id", a.person_id},
          {"login", a.login},
          {"role", core::to_string(a.role)},
          {"created_ms", a.created_ms},
          {"password_changed_ms", a.password_changed_ms},
          {"disabled_ms", optional_ms(a.disabled_ms)}};
}

// A signed-in session as the API shows it: never its token hash.
bj::object session_json(const store::AuthSession& s, const std::string& current_id) {
  return {{"id", s.id},
          {"agent", s.agent},
          {"created_ms", s.created_ms},
          {"last_used_ms", s.last_used_ms},
          {"expires_ms", s.expires_ms},
          {"current", s.id == current_id}};
}

std::string cookie_header(const std::string& token, core::UnixMillis max_age_ms) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_ms / 1000);
}

// A string member of the body, or the 400 naming it.
tl::expected<std::string, ApiError> text_field(const bj::value& body, std::string_view key, std::string_view example,
                                               bool required = true) {
  const auto* object = body.if_object();
  const auto* v = object ? object->if_contains(key) : nullptr;
  if (!v && !required) return std::string();
  if (!v || !v->is_string()) {
    return tl::unexpected(invalid(std::string(key), std::string(key) + ": expected a string, such as {\"" +
                                                        std::string(key) + "\": \"" + std::string(example) + "\"}"));
  }
  return std::string(v->get_string());
}

Response service_error_response(const service::Error& e) {
  if (e.code == service::Error::Code::kBusy && !e.field.empty()) {
    // The cap on password hashing (service::HashingGate), not a busy journal: a few seconds' wait is enough.
    auto res = error_response({Status::service_unavailable, "busy", e.message, e.field});
    res.set(Field::retry_after, std::to_string(kHashingBusyRetrySeconds));
    return res;
  }
  auto res = error_response(from_service_error(e));
  if (e.code == service::Error::Code::kTooManyAttempts) {
    res.set(Field::retry_after, std::to_string(service::kSignInWindowMs / 1000));
  }
  if (e.code == service::Error::Code::kSignedOut) res.set(Field::www_authenticate, "Bearer realm=\"smr\"");
  return res;
}

}  // namespace

std::string session_token(const Request& request) { return credential(request, kSessionCookie); }

std::string describe_agent(std::string_view ua) {
  if (ua.empty()) return "unknown client";
  const auto has = [&](std::string_view s) { return ua.find(s) != std::string_view::npos; };
  std::string browser;
  if (has("Firefox/"))
    browser = "Firefox";
  else if (has("Edg/"))
    browser = "Edge";
  else if (has("Chrome/") || has("Chromium/"))
    browser = has("Chromium/") ? "Chromium" : "Chrome";
  else if (has("Safari/"))
    browser = "Safari";
  else if (ua.starts_with("curl/"))
    return "curl";
  else if (ua.starts_with("smr"))
    return "smr (terminal)";
  else
    return std::string(ua.substr(0, ua.find('/')).substr(0, 40));
  std::string os;
  if (has("Android"))
    os = "Android";
  else if (has("iPhone") || has("iPad"))
    os = "iOS";
  else if (has("Windows"))
    os = "Windows";
  else if (has("Mac OS"))
    os = "macOS";
  else if (has("Linux"))
    os = "Linux";
  return os.empty() ? browser : browser + " on " + os;
}

AccountApi::AccountApi(WorkerStores& stores, AccountApiOptions options)
    : stores_(&stores), options_(std::move(options)) {}

core::UnixMillis AccountApi::now() const { return options_.clock ? options_.clock() : service::wall_now_ms(); }

tl::expected<Identity, ApiError> AccountApi::identify(const Request& request) const {
  auto found = service::authenticate(*stores_->lease(), session_token(request), now(), options_.accounts.limits);
  if (!found) return tl::unexpected(from_service_error(found.error()));
  return Identity{found->account.person_id, found->account.role, found->session.id, true};
}

std::optional<ApiError> AccountApi::refuse(const Request& request, bool admin_only) const {
  if (!options_.enabled) {
    return not_found(
        "this server runs without accounts (one person, no sign-in); start it with smr serve --accounts for "
        "accounts");
  }
  if (!request.identity().signed_in) {
    return ApiError{Status::unauthorized, "signed_out", "you are signed out; sign in first", std::nullopt};
  }
  if (admin_only && request.identity().role != store::Role::kAdmin) {
    return ApiError{Status::forbidden, "forbidden", "only an administrator manages accounts", std::nullopt};
  }
  return std::nullopt;
}

Response AccountApi::login(const Request& request) const {
  if (!options_.enabled) return error_response(*refuse(request));
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto login = text_field(*body, "login", "ana");
  if (!login) return error_response(login.error());
  auto password = text_field(*body, "password", "correct horse battery staple");
  if (!password) return error_response(password.error());
  bool bearer = false;
  if (const auto* o = body->if_object(); o && o->if_contains("bearer")) {
    if (!o->at("bearer").is_bool()) return error_response(invalid("bearer", "bearer: expected true or false"));
    bearer = o->at("bearer").as_bool();
  }
  service::SignInRequest wanted{*login, *password, service::throttle_key(request.peer().to_string()),
                                describe_agent(request.header(Field::user_agent))};
  auto signed_in = service::sign_in(*stores_->lease(), wanted, now(), options_.accounts);
  if (!signed_in) return service_error_response(signed_in.error());
  bj::object out{{"account", account_json(signed_in->account)},
                 {"session", session_json(signed_in->session, signed_in->session.id)}};
  if (bearer) out["token"] = signed_in->token;
  auto res = json_response(Status::ok, json::compact(out));
  res.set(Field::set_cookie, cookie_header(signed_in->token, options_.accounts.limits.max_ms));
  return res;
}

Response AccountApi::logout(const Request& request) const {
  if (auto refused = refuse(request)) return error_response(*refused);
  const auto& id = request.identity();
  if (auto s = service::end_auth_session(*stores_->lease(), id.person_id, id.auth_session_id, now()); !s) {
    return service_error_response(s.error());
  }
  auto res = json_response(Status::ok, json::compact(bj::object{{"signed_out", true}}));
  res.set(Field::set_cookie, cookie_header("", 0));
  return res;
}

Response AccountApi::me(const Request& request) const {
  const auto& id = request.identity();
  bj::object out{{"accounts", options_.enabled}, {"person_id", id.person_id}};
  if (!options_.enabled) {
    out["login"] = nullptr;
    out["role"] = nullptr;
    out["session_id"] = nullptr;
    return json_response(Status::ok, json::compact(out));
  }
  if (auto refused = refuse(request)) return error_response(*refused);
  auto account = stores_->lease()->account(id.person_id);
  if (!account) return error_response(from_store_error(account.error()));
  if (!*account) return error_response(not_found("this person has no account"));
  out["login"] = (*account)->login;
  out["role"] = core::to_string((*account)->role);
  out["session_id"] = id.auth_session_id;
  return json_response(Status::ok, json::compact(out));
}

Response AccountApi::sessions(const Request& request) const {
  if (auto refused = refuse(request)) return error_response(*refused);
  const auto& id = request.identity();
  auto all = service::list_auth_sessions(*stores_->lease(), id.person_id, now(), options_.accounts.limits);
  if (!all) return service_error_response(all.error());
  bj::array out;
  for (const auto& s : *all) out.push_back(session_json(s, id.auth_session_id));
  return json_response(Status::ok, json::compact(bj::object{{"sessions", std::move(out)}}));
}

Response AccountApi::end_session(const Request& request, const PathParams& params) const {
  if (auto refused = refuse(request)) return error_response(*refused);
  const std::string session_id(params.get("id"));
  if (auto s = service::end_auth_session(*stores_->lease(), request.identity().person_id, session_id, now()); !s) {
    return service_error_response(s.error());
  }
  return json_response(Status::ok, json::compact(bj::object{{"ended", session_id}}));
}

Response AccountApi::end_others(const Request& request) const {
  if (auto refused = refuse(request)) return error_response(*refused);
  const auto& id = request.identity();
  auto ended = service::end_other_sessions(*stores_->lease(), id.person_id, id.auth_session_id, now());
  if (!ended) return service_error_response(ended.error());
  return json_response(Status::ok, json::compact(bj::object{{"ended", *ended}}));
}

Response AccountApi::change_password(const Request& request) const {
  if (auto refused = refuse(request)) return error_response(*refused);
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  auto old_password = text_field(*body, "old_password", "the one you sign in with now");
  if (!old_password) return error_response(old_password.error());
  auto new_password = text_field(*body, "new_password", "correct horse battery staple");
  if (!new_password) return error_response(new_password.error());
  const auto& id = request.identity();
  auto account =
      service::change_password(*stores_->lease(), id.person_id, *old_password, *new_password, id.auth_session_id,
                               service::throttle_key(request.peer().to_string()), now(), options_.accounts);
  if (!account) return service_error_response(account.error());
  return json_response(Status::ok, json::compact(bj::object{{"account", account_json(*account)}}));
}

Response AccountApi::users(const Request& request) const {
  if (auto refused = refuse(request, true)) return error_response(*refused);
  auto all = service::list_users(*stores_->lease());
  if (!all) return service_error_response(all.error());
  bj::array out;
  for (const auto& a : *all) out.push_back(account_json(a));
  return json_response(Status::ok, json::compact(bj::object{{"users", std::move(out)}}));
}

Response AccountApi::add_user(const Request& request) const {
  if (auto refused = refuse(request, true)) return error_response(*refused);
  auto body = json_body(request);
  if (!body) return error_response(body.error());
  service::NewUser user;
  auto login = text_field(*body, "login", "ana");
  if (!login) return error_response(login.error());
  auto password = text_field(*body, "password", "correct horse battery staple");
  if (!password) return error_response(password.error());
  auto name = text_field(*body, "name", "Ana", false);
  if (!name) return error_response(name.error());
  auto role = text_field(*body, "role", "person", false);
  if (!role) return error_response(role.error());
  user.login = *login;
  user.password = *password;
  user.name = *name;
  if (!role->empty()) {
    const auto parsed = core::parse_enum<store::Role>(*role);
    if (!parsed) return error_response(invalid("role", "role: expected person, trainer or admin"));
    user.role = *parsed;
  }
  auto added = service::add_user(*stores_->lease(), user, now(), options_.accounts);
  if (!added) return service_error_response(added.error());
  return json_response(Status::created, json::compact(account_json(*added)));
}

Response AccountApi::disable_user(const Request& request, const PathParams& params) const {
  if (auto refused = refuse(request, true)) return error_response(*refused);
  const auto text = params.get("id");
  core::PersonId person = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), person);
  if (ec != std::errc() || end != text.data() + text.size() || person <= 0) {
    return error_response(
        invalid("id", "id: expected a person id (a whole number from 1), got \"" + std::string(text) + "\""));
  }
  auto account = service::disable_account(*stores_->lease(), person, now());
  if (!account) return service_error_response(account.error());
  return json_response(Status::ok, json::compact(account_json(*account)));
}

}  // namespace smr::http
