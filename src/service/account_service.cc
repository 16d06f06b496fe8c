#include "service/account_service.h"

#include <algorithm>
#include <array>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <sodium.h>

#include "service/pairing_service.h"

namespace smr::service {

namespace {

constexpr std::string_view kHex = "0123456789abcdef";

std::string new_token() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::string out;
  for (const auto b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
  }
  return out;
}

// The hash unknown logins are verified against (so that they cost what a known one does), made once per
// parameters.
const std::string& dummy_hash(const HashParams& params) {
  static std::mutex mutex;
  // A list: the references handed out stay valid as more are made.
  static std::list<std::pair<std::pair<unsigned long long, std::size_t>, std::string>> made;
  const std::lock_guard lock(mutex);
  const auto key = std::make_pair(params.ops, params.memory_bytes);
  for (const auto& [k, hash] : made) {
    if (k == key) return hash;
  }
  auto hash = hash_password(new_token(), params);
  made.emplace_back(key, hash ? *hash : std::string());
  return made.back().second;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

tl::unexpected<Error> store_error(const store::Error& e) { return tl::unexpected(from_store(e)); }

Error no_user(std::string_view login) {
  return field_error(Error::Code::kNotFound, "login",
                     "no account has the login \"" + std::string(login) + "\"; smr user list shows them");
}

bool live(const store::AuthSession& s, core::UnixMillis now_ms, const SessionLimits& limits) {
  return !s.ended_ms && now_ms < s.expires_ms && now_ms - s.last_used_ms < limits.idle_ms;
}

std::string pair_key(const std::string& login, const std::string& address) { return "login:" + login + "|" + address; }
std::string address_key(const std::string& address) { return "login-address:" + address; }
std::string password_change_key(core::PersonId person) { return "password-change:" + std::to_string(person); }

Error hashing_busy(const std::string& field) {
  return field_error(Error::Code::kBusy, field,
                     "the server is busy checking other passwords just now; try again in a few seconds");
}

std::optional<HashingGate::Permit> enter_gate(const AccountOptions& options) {
  const auto gate = options.gate ? options.gate : default_hashing_gate();
  return gate->enter(options.hashing_wait);
}

// verify_password (or the test seam) within a slot of the gate; kBusy for `field` when none freed in time.
Result<bool> gated_verify(const AccountOptions& options, const std::string& hash, std::string_view password,
                          const std::string& field) {
  const auto permit = enter_gate(options);
  if (!permit) return tl::unexpected(hashing_busy(field));
  return options.verify ? options.verify(hash, password) : verify_password(hash, password);
}

// hash_password within a slot of the gate; kBusy for `field` when none freed in time.
Result<std::string> gated_hash(const AccountOptions& options, std::string_view password, const std::string& field) {
  const auto permit = enter_gate(options);
  if (!permit) return tl::unexpected(hashing_busy(field));
  return hash_password(password, options.hashing);
}

}  // namespace

HashingGate::HashingGate(std::ptrdiff_t slots) : free_(std::max<std::ptrdiff_t>(slots, 0)), slots_(slots) {
  if (slots < 1) {
    throw std::invalid_argument("a hashing gate needs at least 1 slot, got " + std::to_string(slots));
  }
}

std::optional<HashingGate::Permit> HashingGate::enter(std::chrono::milliseconds wait) {
  if (!free_.try_acquire_for(wait)) return std::nullopt;
  return Permit(this);
}

std::shared_ptr<HashingGate> default_hashing_gate() {
  static const auto gate = [] {
    const auto threads = std::thread::hardware_concurrency();
    return std::make_shared<HashingGate>(threads == 0 ? 2 : static_cast<std::ptrdiff_t>(threads));
  }();
  return gate;
}

Result<std::string> normalise_login(std::string_view login, const std::string& field) {
  auto out = trim(login);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (out.empty() || out.size() > kMaxLoginLength ||
      out.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-@") != std::string::npos) {
    return fail_input(field, "a login is 1 to " + std::to_string(kMaxLoginLength) +
                                 " letters (a-z), digits and . _ - @, such as \"ana\" or \"ana@example.org\"");
  }
  return out;
}

Result<store::Account> add_user(store::Store& store, const NewUser& user, core::UnixMillis now_ms,
                                const AccountOptions& options) {
  auto login = normalise_login(user.login);
  if (!login) return tl::unexpected(login.error());
  auto name = trim(user.name);
  if (name.empty()) name = *login;
  if (code_points(name) > 80) return fail_input("name", "a name is 1 to 80 characters");
  if (auto ok = check_password_policy(user.password, *login); !ok) return tl::unexpected(ok.error());
  auto existing = store.accounts();
  if (!existing) return store_error(existing.error());
  if (std::any_of(existing->begin(), existing->end(), [&](const auto& a) { return a.login == *login; })) {
    return tl::unexpected(
        field_error(Error::Code::kConflict, "login", "the login \"" + *login + "\" is taken; choose another"));
  }
  auto hash = gated_hash(options, user.password, "password");
  if (!hash) return tl::unexpected(hash.error());
  store::Account account;
  // The first account is the local person's: a single-person journal becomes it with nothing lost.
  account.person_id = existing->empty() ? core::kLocalPersonId : 0;
  account.login = *login;
  account.password_hash = std::move(*hash);
  account.role = user.role;
  account.created_ms = now_ms;
  account.password_changed_ms = now_ms;
  auto added = store.add_account(name, account);
  if (!added) {
    if (added.error().code == store::Error::Code::kConflict) {
      return tl::unexpected(
          field_error(Error::Code::kConflict, "login", "the login \"" + *login + "\" is taken; choose another"));
    }
    return store_error(added.error());
  }
  return std::move(*added);
}

Result<std::vector<store::Account>> list_users(store::Store& store) {
  auto all = store.accounts();
  if (!all) return store_error(all.error());
  return std::move(*all);
}

Result<store::Account> user_by_login(store::Store& store, std::string_view login) {
  auto normal = normalise_login(login);
  if (!normal) return tl::unexpected(normal.error());
  auto found = store.account_by_login(*normal);
  if (!found) return store_error(found.error());
  if (!*found) return tl::unexpected(no_user(*normal));
  return std::move(**found);
}

namespace {

Result<store::Account> disable(store::Store& store, Result<store::Account> account, core::UnixMillis now_ms) {
  if (!account) return account;
  if (!account->disabled_ms) {
    account->disabled_ms = now_ms;
    if (auto s = store.update_account(*account); !s) return store_error(s.error());
  }
  if (auto ended = store.end_auth_sessions(account->person_id, now_ms, std::nullopt); !ended) {
    return store_error(ended.error());
  }
  return account;
}

}  // namespace

Result<store::Account> disable_user(store::Store& store, std::string_view login, core::UnixMillis now_ms) {
  return disable(store, user_by_login(store, login), now_ms);
}

Result<store::Account> disable_account(store::Store& store, core::PersonId person, core::UnixMillis now_ms) {
  auto found = store.account(person);
  if (!found) return store_error(found.error());
  if (!*found) {
    return tl::unexpected(
        field_error(Error::Code::kNotFound, "id",
                    "no account belongs to person " + std::to_string(person) + "; the list of accounts shows them"));
  }
  return disable(store, std::move(**found), now_ms);
}

Result<store::Account> set_user_role(store::Store& store, std::string_view login, store::Role role) {
  auto account = user_by_login(store, login);
  if (!account) return account;
  if (account->role != role) {
    account->role = role;
    if (auto s = store.update_account(*account); !s) return store_error(s.error());
  }
  return account;
}

Result<SignedIn> sign_in(store::Store& store, const SignInRequest& request, core::UnixMillis now_ms,
                         const AccountOptions& options) {
  const auto wrong = [] {
    return tl::unexpected(field_error(Error::Code::kSignedOut, "password",
                                      "the login or the password is wrong; check both and try again"));
  };
  auto login = normalise_login(request.login);
  const std::string key_login = login ? *login : trim(request.login);
  const auto by_pair = pair_key(key_login, request.address);
  const auto by_address = address_key(request.address);
  auto pair_count = store.attempts(by_pair, now_ms, kSignInWindowMs);
  if (!pair_count) return store_error(pair_count.error());
  auto address_count = store.attempts(by_address, now_ms, kSignInWindowMs);
  if (!address_count) return store_error(address_count.error());
  if (*pair_count >= kMaxFailuresPerLogin || *address_count >= kMaxFailuresPerAddress) {
    return fail(Error::Code::kTooManyAttempts, "login",
                "too many failed sign-ins from this address lately; wait 15 minutes and try again (signing in "
                "from another device works meanwhile)");
  }
  const auto failed = [&]() -> Result<SignedIn> {
    if (auto c = store.count_attempt(by_pair, now_ms, kSignInWindowMs); !c) return store_error(c.error());
    if (auto c = store.count_attempt(by_address, now_ms, kSignInWindowMs); !c) return store_error(c.error());
    return wrong();
  };

  std::optional<store::Account> account;
  if (login) {
    auto found = store.account_by_login(*login);
    if (!found) return store_error(found.error());
    account = std::move(*found);
  }
  // An unknown login is verified against a dummy hash: the same cost (and the same gate) as a known login.
  const auto& hash = account ? account->password_hash : dummy_hash(options.hashing);
  auto verified = gated_verify(options, hash, request.password, "password");
  if (!verified) return tl::unexpected(verified.error());
  if (!account || !*verified) return failed();
  if (account->disabled_ms) {
    return fail(Error::Code::kForbidden, "login",
                "this account is disabled; an administrator of this SMR Coach can enable it again");
  }
  if (auto c = store.clear_attempts(by_pair); !c) return store_error(c.error());
  if (needs_rehash(account->password_hash, options.hashing)) {
    // The stored hash is weaker (or other) than the current parameters: made again from the password now known.
    // Best effort: when the gate is full, the upgrade waits for a later sign-in.
    if (auto rehashed = gated_hash(options, request.password, "password")) {
      auto upgraded = *account;
      upgraded.password_hash = std::move(*rehashed);
      if (store.update_account(upgraded)) account = std::move(upgraded);
    }
  }
  SignedIn out;
  out.token = new_token();
  out.session.id = store::new_uid();
  out.session.token_hash = sha256_hex(out.token);
  out.session.person_id = account->person_id;
  out.session.created_ms = now_ms;
  out.session.last_used_ms = now_ms;
  out.session.expires_ms = now_ms + options.limits.max_ms;
  out.session.agent = trim(request.agent).substr(0, kMaxAgentLength);
  if (auto s = store.add_auth_session(out.session); !s) return store_error(s.error());
  out.account = std::move(*account);
  return out;
}

Result<Authenticated> authenticate(store::Store& store, std::string_view token, core::UnixMillis now_ms,
                                   const SessionLimits& limits) {
  const auto signed_out = [](std::string why) {
    return fail(Error::Code::kSignedOut, "", std::move(why) + "; sign in again");
  };
  if (token.size() != 64 || token.find_first_not_of(kHex) != std::string_view::npos) {
    return signed_out(token.empty() ? "you are signed out" : "this sign-in is not valid");
  }
  auto found = store.auth_session_by_token(sha256_hex(token));
  if (!found) return store_error(found.error());
  if (!*found) return signed_out("this sign-in is not valid");
  auto session = std::move(**found);
  if (session.ended_ms) return signed_out("this sign-in has ended (signed out)");
  if (now_ms >= session.expires_ms || now_ms - session.last_used_ms >= limits.idle_ms) {
    (void)store.end_auth_session(session.id, now_ms);
    return signed_out(now_ms >= session.expires_ms ? "this sign-in has expired" : "this sign-in expired from disuse");
  }
  auto account = store.account(session.person_id);
  if (!account) return store_error(account.error());
  if (!*account || (*account)->disabled_ms) {
    (void)store.end_auth_session(session.id, now_ms);
    return signed_out("this account is disabled");
  }
  if (now_ms - session.last_used_ms >= kAuthTouchIntervalMs) {
    // A failed write of the last use does not refuse the request: it is bookkeeping.
    if (store.touch_auth_session(session.id, now_ms)) session.last_used_ms = now_ms;
  }
  return Authenticated{std::move(**account), std::move(session)};
}

Result<std::vector<store::AuthSession>> list_auth_sessions(store::Store& store, core::PersonId person,
                                                           core::UnixMillis now_ms, const SessionLimits& limits) {
  auto all = store.auth_sessions(person);
  if (!all) return store_error(all.error());
  std::erase_if(*all, [&](const auto& s) { return !live(s, now_ms, limits); });
  return std::move(*all);
}

Status end_auth_session(store::Store& store, core::PersonId person, const std::string& id, core::UnixMillis now_ms) {
  auto all = store.auth_sessions(person);
  if (!all) return store_error(all.error());
  if (std::none_of(all->begin(), all->end(), [&](const auto& s) { return s.id == id; })) {
    return tl::unexpected(field_error(Error::Code::kNotFound, "id",
                                      "no signed-in session \"" + id +
                                          "\" of yours; the list of your sessions "
                                          "shows them"));
  }
  if (auto s = store.end_auth_session(id, now_ms); !s) return store_error(s.error());
  return {};
}

Result<int> end_other_sessions(store::Store& store, core::PersonId person, const std::string& keep_id,
                               core::UnixMillis now_ms) {
  auto ended = store.end_auth_sessions(person, now_ms, keep_id.empty() ? std::nullopt : std::optional(keep_id));
  if (!ended) return store_error(ended.error());
  return *ended;
}

Result<store::Account> change_password(store::Store& store, core::PersonId person, std::string_view old_password,
                                       std::string_view new_password, const std::string& keep_id,
                                       const std::string& address, core::UnixMillis now_ms,
                                       const AccountOptions& options) {
  auto found = store.account(person);
  if (!found) return store_error(found.error());
  if (!*found) return fail(Error::Code::kNotFound, "", "this person has no account");
  auto account = std::move(**found);
  const auto by_person = password_change_key(person);
  const auto by_address = address_key(address);
  auto person_count = store.attempts(by_person, now_ms, kSignInWindowMs);
  if (!person_count) return store_error(person_count.error());
  auto address_count = store.attempts(by_address, now_ms, kSignInWindowMs);
  if (!address_count) return store_error(address_count.error());
  if (*person_count >= kMaxFailuresPerLogin || *address_count >= kMaxFailuresPerAddress) {
    return fail(Error::Code::kTooManyAttempts, "old_password",
                "too many wrong current passwords lately; wait 15 minutes and try again (signing in still works)");
  }
  auto verified = gated_verify(options, account.password_hash, old_password, "old_password");
  if (!verified) return tl::unexpected(verified.error());
  if (!*verified) {
    if (auto c = store.count_attempt(by_person, now_ms, kSignInWindowMs); !c) return store_error(c.error());
    if (auto c = store.count_attempt(by_address, now_ms, kSignInWindowMs); !c) return store_error(c.error());
    return fail_input("old_password", "the current password is wrong; type the one you sign in with now");
  }
  if (auto c = store.clear_attempts(by_person); !c) return store_error(c.error());
  if (auto ok = check_password_policy(new_password, account.login, "new_password"); !ok) {
    return tl::unexpected(ok.error());
  }
  auto hash = gated_hash(options, new_password, "new_password");
  if (!hash) return tl::unexpected(hash.error());
  account.password_hash = std::move(*hash);
  account.password_changed_ms = now_ms;
  if (auto s = store.update_account(account); !s) return store_error(s.error());
  if (auto ended = end_other_sessions(store, person, keep_id, now_ms); !ended) return tl::unexpected(ended.error());
  return account;
}

}  // namespace smr::service
