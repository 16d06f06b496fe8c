#pragma once
// Accounts over HTTP (docs/accounts.md; use cases in service/account_service.h). With `smr serve --accounts`
// every API route but the public ones needs a signed-in session, carried in the cookie __Host-smr_session
// (browsers) or as "Authorization: Bearer <token>" (other clients); identify() checks it for Api::handle.
//
//   POST   /api/login                       {login, password, bearer?}: the account and session; sets the cookie
//                                           (and answers the token itself when bearer is true)
//   POST   /api/logout                      ends this session; clears the cookie
//   GET    /api/me                          who this request acts for; {accounts: false, ...} in single-person mode
//   GET    /api/auth/sessions               {sessions: [...]}: one's own live sessions, this one marked
//   DELETE /api/auth/sessions/{id}          ends one of one's sessions
//   POST   /api/auth/sessions/end-others    signs out everywhere else: {ended: N}
//   PUT    /api/password                    {old_password, new_password}: ends every other session; a wrong
//                                           old_password is throttled like sign-in (429 with Retry-After)
//   GET    /api/users                       admin: every account
//   POST   /api/users                       admin: {login, password, name?, role?}: a new account
//   POST   /api/users/{id}/disable          admin: disables the account of person {id}, ending its sessions
// In single-person mode every route but GET /api/me answers 404 saying the server runs without accounts.
// Sign-in, password change and adding a user answer 503 "busy" with Retry-After kHashingBusyRetrySeconds when
// every password-hashing slot stays taken (service::HashingGate).
// Thread-safe (no state of its own beyond the options).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/journal.h"
#include "http/api_error.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"
#include "service/account_service.h"

namespace smr::http {

inline constexpr std::string_view kSessionCookie = "__Host-smr_session";
// Retry-After of a 503 "busy" when every password-hashing slot is taken (service::HashingGate).
inline constexpr int kHashingBusyRetrySeconds = 2;

struct AccountApiOptions {
  bool enabled = false;  // smr serve --accounts
  service::AccountOptions accounts;
  // The clock (Unix ms); the wall clock when empty.
  std::function<core::UnixMillis()> clock;
};

class AccountApi {
 public:
  AccountApi(WorkerStores& stores, AccountApiOptions options);  // `stores` must outlive this

  bool enabled() const { return options_.enabled; }

  // Accounts mode: the identity of the request's signed-in session, or the 401 "signed_out" (or the journal's
  // error) to answer.
  tl::expected<Identity, ApiError> identify(const Request& request) const;

  Response login(const Request& request) const;
  Response logout(const Request& request) const;
  Response me(const Request& request) const;
  Response sessions(const Request& request) const;
  Response end_session(const Request& request, const PathParams& params) const;
  Response end_others(const Request& request) const;
  Response change_password(const Request& request) const;
  Response users(const Request& request) const;
  Response add_user(const Request& request) const;
  Response disable_user(const Request& request, const PathParams& params) const;

 private:
  core::UnixMillis now() const;
  // 404 in single-person mode, 401 signed out; for the admin's routes 403 unless the identity is an admin.
  std::optional<ApiError> refuse(const Request& request, bool admin_only = false) const;

  WorkerStores* stores_;
  AccountApiOptions options_;
};

// The session token a request carries: credential(request, kSessionCookie) (http/credential.h: the cookie
// __Host-smr_session, else an "Authorization: Bearer" token; "" when it has neither).
std::string session_token(const Request& request);

// What the list of one's sessions shows for a User-Agent: "Firefox on Linux", "curl", "unknown client".
std::string describe_agent(std::string_view user_agent);

}  // namespace smr::http
