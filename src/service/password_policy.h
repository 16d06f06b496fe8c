#pragma once
// Passwords (docs/accounts.md "Passwords and sessions"): the policy a new password must meet, and its argon2id
// hash through libsodium.
//
// Policy (NIST SP 800-63B, 5.1.1.2): 8 to 128 characters, counted as Unicode code points; any characters, no
// composition rules; refused when it is one of the most common passwords (the embedded list
// service/data/common_passwords.txt, compared ignoring ASCII case), the login itself (ignoring case), or one
// character repeated.
//
// Hash: crypto_pwhash_str_alg with argon2id at OWASP's parameters (19 MiB, 2 passes; libsodium uses 1 lane).
// The stored text carries the parameters, so a hash made with other ones is found by needs_rehash().

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "service/error.h"

namespace smr::service {

inline constexpr std::size_t kMinPasswordLength = 8;    // code points
inline constexpr std::size_t kMaxPasswordLength = 128;  // code points

// argon2id cost. kOwaspHashing is what accounts use; tests may hash with less (kTestHashing) to stay fast, and
// to make a hash that needs_rehash() upgrades.
struct HashParams {
  unsigned long long ops = 2;                    // passes
  std::size_t memory_bytes = 19u * 1024 * 1024;  // 19 MiB
};
inline constexpr HashParams kOwaspHashing{};
inline constexpr HashParams kTestHashing{1, 8u * 1024};

// The embedded list of common passwords, lower case, in the file's order.
std::span<const std::string_view> common_passwords();
bool is_common_password(std::string_view password);

// How many code points `text` has (UTF-8; a byte that is not a continuation byte starts one).
std::size_t code_points(std::string_view text);

// Nothing when `password` may be used by the account `login`; otherwise kInvalid for `field` naming the rule
// and what would be accepted.
Status check_password_policy(std::string_view password, std::string_view login, const std::string& field = "password");

// The argon2id hash text of `password` (kInternal when libsodium cannot allocate its memory).
Result<std::string> hash_password(std::string_view password, const HashParams& params = kOwaspHashing);
// True when `password` matches the stored hash text (false too for a hash text libsodium cannot read).
bool verify_password(const std::string& hash, std::string_view password);
// True when the stored hash was made with other parameters than `params` (or another algorithm).
bool needs_rehash(const std::string& hash, const HashParams& params = kOwaspHashing);

}  // namespace smr::service
