#pragma once
// Two-way mapping between enum values and their stable spellings in data files, JSON and the CLI.
//
// To give an enum names, specialise EnumNames<E> with a `static constexpr std::array kNames` of
// {value, "spelling"} pairs listing every enumerator once. Spellings are part of the file formats: never
// rename one without a migration.

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace smr::core {

template <typename E>
struct EnumNames;  // specialised next to each enum

template <typename E>
constexpr std::string_view to_string(E value) {
  for (const auto& [v, name] : EnumNames<E>::kNames) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E>
constexpr std::optional<E> parse_enum(std::string_view text) {
  for (const auto& [v, name] : EnumNames<E>::kNames) {
    if (name == text) return v;
  }
  return std::nullopt;
}

// "a", "b" or "c" — for error messages that list the valid spellings.
template <typename E>
std::string enum_choices() {
  std::string out;
  const auto& names = EnumNames<E>::kNames;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += '"';
    out += names[i].second;
    out += '"';
  }
  return out;
}

}  // namespace smr::core
