#pragma once
// Accounts and signed-in sessions (docs/accounts.md, issue 19): one use case for every face. `smr user ...`,
// `smr serve --accounts` and its routes (POST /api/login, GET /api/me, /api/auth/sessions, PUT /api/password,
// /api/users) call these. Passwords: service/password_policy.h.
//
// - Logins are trimmed and lower-cased (ASCII) before they are stored or looked up: 1 to 64 characters of
//   a-z, 0-9 and . _ - @.
// - A sign-in makes a token of 256 random bits (libsodium randombytes_buf) as 64 hex digits, given once;
//   only its SHA-256 is stored. Timeouts (SessionLimits): idle from the last use, absolute from the sign-in.
//   The last use is written at most every kAuthTouchIntervalMs (each request would otherwise be a write), so
//   the idle timeout counts from up to that much earlier.
// - Throttling (it cannot lock a person out): failed sign-ins are counted in the store per (login, address)
//   and per address over a fixed kSignInWindowMs window; over kMaxFailuresPerLogin or kMaxFailuresPerAddress
//   a sign-in from that address is refused (kTooManyAttempts) without a look-up, and a sign-in from any other
//   address is not affected. A success clears the (login, address) count.
// - Password change: a wrong current password is counted like a failed sign-in, per person (over
//   kMaxFailuresPerLogin, from any address: a session may be used from anywhere) and per address (the sign-in
//   counter, kMaxFailuresPerAddress); beyond, kTooManyAttempts. It delays only password changes; sign-in is not
//   affected. A right one clears the person's count.
// - Hashing cap: argon2id takes ~19 MiB and ~0.3 s, so at most HashingGate::slots() hashes or verifications run
//   at once (AccountOptions::gate; by default one gate per process sized to the hardware threads, or 2).
//   Beyond, a call waits up to AccountOptions::hashing_wait for a slot, then answers kBusy with the field of
//   the password it could not check ("password", "old_password"): a flood of sign-ins cannot tie up the server.
//   Nothing is counted as a failed attempt then.
// - An unknown login costs the same argon2id verification as a known one (a dummy hash), and gets the same
//   answer as a wrong password, so that neither timing nor message tells which logins exist.
//
// The use cases take the time (`now_ms`) and the store; they read no clock.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/journal.h"
#include "service/error.h"
#include "service/password_policy.h"
#include "store/account_records.h"
#include "store/store.h"

namespace smr::service {

inline constexpr std::size_t kMaxLoginLength = 64;
inline constexpr core::UnixMillis kSignInWindowMs = 15 * 60 * 1000;
inline constexpr int kMaxFailuresPerLogin = 5;     // per (login, address) in a window
inline constexpr int kMaxFailuresPerAddress = 50;  // per address, any logins, in a window
inline constexpr core::UnixMillis kAuthTouchIntervalMs = 60 * 1000;
inline constexpr std::size_t kMaxAgentLength = 120;

struct SessionLimits {
  core::UnixMillis idle_ms = 24LL * 60 * 60 * 1000;      // from the last use
  core::UnixMillis max_ms = 14LL * 24 * 60 * 60 * 1000;  // from the sign-in
};

// A counting semaphore over password hashing: at most slots() argon2id hashes or verifications at once.
// Thread-safe; shared (std::shared_ptr) by everything that hashes.
class HashingGate {
 public:
  // A held slot, given back when destroyed.
  class Permit {
   public:
    explicit Permit(HashingGate* gate) : gate_(gate) {}
    Permit(Permit&& other) noexcept : gate_(std::exchange(other.gate_, nullptr)) {}
    Permit& operator=(Permit&&) = delete;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit() {
      if (gate_) gate_->free_.release();
    }

   private:
    HashingGate* gate_;
  };

  explicit HashingGate(std::ptrdiff_t slots);  // slots >= 1 (std::invalid_argument otherwise)
  std::ptrdiff_t slots() const { return slots_; }
  // A slot, waiting up to `wait` for one to free; nothing when none did.
  std::optional<Permit> enter(std::chrono::milliseconds wait);

 private:
  std::counting_semaphore<> free_;
  std::ptrdiff_t slots_;
};

// The gate every AccountOptions without one shares in this process: std::thread::hardware_concurrency() slots,
// or 2 when that is unknown.
std::shared_ptr<HashingGate> default_hashing_gate();

// What the account rules need besides the store and the time. Tests hash with kTestHashing to stay fast.
struct AccountOptions {
  SessionLimits limits;
  HashParams hashing = kOwaspHashing;
  std::shared_ptr<HashingGate> gate{};  // empty: default_hashing_gate()
  // How long a hash or verification waits for a slot of the gate before the answer is kBusy.
  std::chrono::milliseconds hashing_wait{1000};
  // A seam for tests (a slow or blocking verification); empty: verify_password.
  std::function<bool(const std::string& hash, std::string_view password)> verify{};
};

// The login as it is stored: trimmed, ASCII lower case. kInvalid (field `field`) for an empty or too long
// one, or one with other characters than a-z 0-9 . _ - @.
Result<std::string> normalise_login(std::string_view login, const std::string& field = "login");

struct NewUser {
  std::string login;
  std::string name;  // the person's name; empty: the login. Ignored when the account attaches to person 1.
  store::Role role = store::Role::kPerson;
  std::string password;
};

// Adds an account. The first account of a journal attaches to the local person (core::kLocalPersonId) and
// keeps its records; each later one is a new person. kInvalid (fields "login", "password", "name"),
// kConflict (field "login": taken), kBusy (field "password": no hashing slot freed in time).
Result<store::Account> add_user(store::Store& store, const NewUser& user, core::UnixMillis now_ms,
                                const AccountOptions& options = {});
// Every account, by person id.
Result<std::vector<store::Account>> list_users(store::Store& store);
// The account with this login (kNotFound, field "login", when none has it).
Result<store::Account> user_by_login(store::Store& store, std::string_view login);
// Disables the account and ends all of its sessions; disabling a disabled one changes nothing.
Result<store::Account> disable_user(store::Store& store, std::string_view login, core::UnixMillis now_ms);
// The same for the account of `person` (kNotFound, field "id", when the person has none).
Result<store::Account> disable_account(store::Store& store, core::PersonId person, core::UnixMillis now_ms);
Result<store::Account> set_user_role(store::Store& store, std::string_view login, store::Role role);

struct SignInRequest {
  std::string login;
  std::string password;
  std::string address;  // the client's address (throttle_key() of it: an IPv6 /64)
  std::string agent;    // what the list of one's sessions shows: "Firefox on Linux"; cut to kMaxAgentLength
};

struct SignedIn {
  std::string token;  // 64 hex digits: give it to the client, once
  store::AuthSession session;
  store::Account account;
};

// Errors: kTooManyAttempts (field "login": this address failed too often; nothing is looked up), kBusy (field
// "password": no hashing slot freed within options.hashing_wait; nothing counted), kSignedOut
// (field "password": the login or the password is wrong, one message for both), kForbidden (the account is
// disabled; said only after the right password). Upgrades the stored hash when it was made with other
// parameters than options.hashing.
Result<SignedIn> sign_in(store::Store& store, const SignInRequest& request, core::UnixMillis now_ms,
                         const AccountOptions& options = {});

struct Authenticated {
  store::Account account;
  store::AuthSession session;
};

// The account and session of a token; kSignedOut when there is none, it ended, it is past a timeout (then it
// is ended), or the account is disabled. Writes the last use when the stored one is older than
// kAuthTouchIntervalMs.
Result<Authenticated> authenticate(store::Store& store, std::string_view token, core::UnixMillis now_ms,
                                   const SessionLimits& limits = {});

// The person's live sessions (not ended, within both timeouts), newest first.
Result<std::vector<store::AuthSession>> list_auth_sessions(store::Store& store, core::PersonId person,
                                                           core::UnixMillis now_ms, const SessionLimits& limits = {});
// Ends one of the person's sessions (kNotFound, field "id", for an id that is not one of theirs).
Status end_auth_session(store::Store& store, core::PersonId person, const std::string& id, core::UnixMillis now_ms);
// Ends every session of the person but `keep_id`; returns how many ended.
Result<int> end_other_sessions(store::Store& store, core::PersonId person, const std::string& keep_id,
                               core::UnixMillis now_ms);

// Changes the person's password: `old_password` must be right (kInvalid, field "old_password"; counted per
// person and per `address`, then kTooManyAttempts, field "old_password"), the new one meets the policy (field
// "new_password"). kBusy (field "old_password" or "new_password") when no hashing slot freed in time. Ends every other
// session of the person (not `keep_id`).
Result<store::Account> change_password(store::Store& store, core::PersonId person, std::string_view old_password,
                                       std::string_view new_password, const std::string& keep_id,
                                       const std::string& address, core::UnixMillis now_ms,
                                       const AccountOptions& options = {});

}  // namespace smr::service
