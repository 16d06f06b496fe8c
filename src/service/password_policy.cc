#include "service/password_policy.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <sodium.h>

#include "catalog/embedded_file.h"

namespace smr::service {

namespace detail {
std::span<const EmbeddedFile> embedded_common_passwords();  // generated (service/CMakeLists.txt)
}  // namespace detail

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> parse_list() {
  std::vector<std::string_view> out;
  for (const auto& file : detail::embedded_common_passwords()) {
    std::string_view rest = file.data;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      auto line = rest.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty() && line.front() != '#') out.push_back(line);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  return out;
}

const std::vector<std::string_view>& sorted_list() {
  static const std::vector<std::string_view> sorted = [] {
    auto list = parse_list();
    std::sort(list.begin(), list.end());
    return list;
  }();
  return sorted;
}

void init_sodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  });
}

// libsodium's arguments are declared nonnull; an empty view may hold nullptr.
const char* non_null(std::string_view text) { return text.empty() ? "" : text.data(); }

constexpr const char* kAccepted =
    "choose 8 to 128 characters; a few unrelated words make a password that is long and easy to remember";

}  // namespace

std::span<const std::string_view> common_passwords() {
  static const std::vector<std::string_view> list = parse_list();
  return list;
}

bool is_common_password(std::string_view password) {
  const auto& list = sorted_list();
  return std::binary_search(list.begin(), list.end(), std::string_view(lower_ascii(password)));
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Status check_password_policy(std::string_view password, std::string_view login, const std::string& field) {
  const auto n = code_points(password);
  if (n < kMinPasswordLength) {
    return fail_input(field, "too short (" + std::to_string(n) + " characters); " + kAccepted);
  }
  if (n > kMaxPasswordLength) {
    return fail_input(field, "too long (" + std::to_string(n) + " characters); " + kAccepted);
  }
  if (is_common_password(password)) {
    return fail_input(
        field, "this is one of the most common passwords, the first ones an attacker tries; " + std::string(kAccepted));
  }
  if (!login.empty() && lower_ascii(password) == lower_ascii(login)) {
    return fail_input(field, "the password is the login itself; " + std::string(kAccepted));
  }
  // One character repeated: every code point equal to the first.
  std::size_t first_len = 1;
  while (first_len < password.size() && (static_cast<unsigned char>(password[first_len]) & 0xC0) == 0x80) ++first_len;
  const auto first = password.substr(0, first_len);
  bool repeated = password.size() % first_len == 0;
  for (std::size_t i = 0; repeated && i < password.size(); i += first_len)
    repeated = password.substr(i, first_len) == first;
  if (repeated) {
    return fail_input(field, "the password is one character repeated; " + std::string(kAccepted));
  }
  return {};
}

Result<std::string> hash_password(std::string_view password, const HashParams& params) {
  init_sodium();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), non_null(password), password.size(), params.ops, params.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(Error::Code::kInternal, "", "the password could not be hashed (the server is out of memory)");
  }
  out.resize(out.find('\0'));
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), non_null(password), password.size()) == 0;
}

bool needs_rehash(const std::string& hash, const HashParams& params) {
  init_sodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), params.ops, params.memory_bytes) != 0;
}

}  // namespace smr::service
