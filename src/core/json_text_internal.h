#pragma once
// A tiny writer for the flat JSON objects the session engine puts in SessionEvent::data_json and
// Adaptation::detail_json. Core has no JSON library (that lives in src/json); these objects are small and
// flat, so a string builder is enough. Internal to src/core.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smr::core::detail {

// The string value of `key` among the top-level members of the JSON object `text`, unescaped; nullopt when
// the text is not a well-formed object, the key is absent or its value is not a string. For reading back
// SessionEvent::data_json (which may come from an import, so nothing about it is trusted).
std::optional<std::string> json_string_member(std::string_view text, std::string_view key);

// Builds {"key": value, ...} in insertion order. Keys are trusted literals; string values are escaped.
class JsonObjectText {
 public:
  JsonObjectText& add(std::string_view key, std::string_view value);
  JsonObjectText& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  JsonObjectText& add(std::string_view key, std::int64_t value);
  JsonObjectText& add(std::string_view key, int value) { return add(key, static_cast<std::int64_t>(value)); }
  JsonObjectText& add(std::string_view key, bool value);
  JsonObjectText& add(std::string_view key, const std::vector<std::string>& values);
  JsonObjectText& add(std::string_view key, const std::vector<int>& values);

  std::string str() const { return body_.empty() ? "{}" : "{" + body_ + "}"; }

 private:
  void key(std::string_view k);
  std::string body_;
};

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

}  // namespace smr::core::detail
