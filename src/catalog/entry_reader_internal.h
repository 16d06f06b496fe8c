#pragma once
// Internal to the loader: typed, validating access to the fields of one catalog entry (a TOML table).
//
// Every accessor marks its field as known; finish() reports the fields nobody asked for (typos). Problems go
// to the shared error list with the file, line, entry and field, and accessors return a neutral value so
// that loading goes on and reports everything at once.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "catalog/catalog_error.h"
#include "core/enum_names.h"

namespace smr::catalog::detail {

struct Location {
  std::string file;
  int line = 0;
};

// The ids defined for one kind of entry, with where each was first defined.
using IdSet = std::map<std::string, Location, std::less<>>;

int line_of(const toml::node& node);
std::string type_name(const toml::node& node);
bool is_valid_id(std::string_view id);
// The closest id within a small edit distance, or "" — for "did you mean" hints.
std::string closest(std::string_view wanted, const IdSet& ids);

class EntryReader {
 public:
  // `entry` names the entry in messages, e.g. `region "calves"`; `prefix` is prepended to field names for
  // nested tables ("dose.").
  EntryReader(std::vector<CatalogError>& errors, std::string file, std::string entry, const toml::table& table,
              std::string prefix = "");

  EntryReader nested(std::string_view prefix, const toml::table& table) const;

  bool has(std::string_view key) const { return table_->contains(key); }
  int line() const { return line_of(*table_); }
  const std::string& file() const { return file_; }

  // Required fields report "is missing"; optional ones return nullopt / empty when absent.
  std::string string(std::string_view key);
  std::optional<std::string> optional_string(std::string_view key);
  std::vector<std::string> strings(std::string_view key, std::size_t min_count = 0);
  bool boolean(std::string_view key);
  std::optional<bool> optional_boolean(std::string_view key);
  int integer(std::string_view key, int min, int max, std::string_view why = "");
  std::optional<int> optional_integer(std::string_view key, int min, int max, std::string_view why = "");
  std::optional<double> optional_number(std::string_view key, double min, double max, std::string_view why = "");
  double number(std::string_view key, double min, double max, std::string_view why = "");
  // Elements of an array of tables (or inline tables); absent → empty.
  std::vector<const toml::table*> tables(std::string_view key, std::size_t min_count = 0);
  const toml::table* optional_table(std::string_view key);
  // The field as it is, for shapes the typed accessors do not cover; nullptr when absent.
  const toml::node* raw(std::string_view key) { return get(key); }

  // An id list that must resolve against `ids`; `kind` names it in messages ("region").
  std::vector<std::string> refs(std::string_view key, std::string_view kind, const IdSet& ids,
                                std::size_t min_count = 0);
  std::string ref(std::string_view key, std::string_view kind, const IdSet& ids);

  // nullopt when missing or not a valid spelling (both reported), so callers can skip checks that depend on
  // the value instead of reporting follow-on errors about a fallback.
  template <typename E>
  std::optional<E> enumeration(std::string_view key) {
    const auto text = string(key);
    if (text.empty()) return std::nullopt;
    if (auto v = core::parse_enum<E>(text)) return v;
    error(key, "\"" + text + "\" is not valid; expected " + core::enum_choices<E>());
    return std::nullopt;
  }

  template <typename E>
  std::vector<E> enumerations(std::string_view key, std::size_t min_count = 0) {
    std::vector<E> out;
    for (const auto& text : strings(key, min_count)) {
      if (auto v = core::parse_enum<E>(text)) {
        out.push_back(*v);
      } else {
        error(key, "\"" + text + "\" is not valid; expected " + core::enum_choices<E>());
      }
    }
    return out;
  }

  // Reports a problem with a field (at the field's line when it exists, else the entry's).
  void error(std::string_view key, const std::string& message);
  // Reports a problem with the entry as a whole (for a nested reader: with the nested table, e.g. "limit[2]").
  void entry_error(const std::string& message);

  // Reports unknown fields. Call once, after reading every field.
  void finish();

 private:
  const toml::node* get(std::string_view key);
  const toml::node* require(std::string_view key, std::string_view expected);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);
  std::string range_text(double min, double max, std::string_view why) const;

  std::vector<CatalogError>* errors_;
  std::string file_;
  std::string entry_;
  const toml::table* table_;
  std::string prefix_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace smr::catalog::detail
