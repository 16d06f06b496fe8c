#include <algorithm>
#include <cmath>
#include <sstream>

#include "catalog/entry_reader_internal.h"
#include "core/suggest.h"

namespace smr::catalog::detail {

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && prev == '-')) return false;
    prev = c;
  }
  return true;
}

namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

}  // namespace

std::string closest(std::string_view wanted, const IdSet& ids) {
  std::vector<std::string> candidates;
  candidates.reserve(ids.size());
  for (const auto& [id, loc] : ids) candidates.push_back(id);
  return core::closest_match(wanted, candidates);
}

EntryReader::EntryReader(std::vector<CatalogError>& errors, std::string file, std::string entry,
                         const toml::table& table, std::string prefix)
    : errors_(&errors), file_(std::move(file)), entry_(std::move(entry)), table_(&table), prefix_(std::move(prefix)) {}

EntryReader EntryReader::nested(std::string_view prefix, const toml::table& table) const {
  return EntryReader(*errors_, file_, entry_, table, prefix_ + std::string(prefix));
}

const toml::node* EntryReader::get(std::string_view key) {
  used_.emplace(key);
  return table_->get(key);
}

void EntryReader::error(std::string_view key, const std::string& message) {
  const toml::node* node = table_->get(key);
  errors_->push_back(CatalogError{file_, node ? line_of(*node) : line(), entry_, prefix_ + std::string(key), message});
}

void EntryReader::entry_error(const std::string& message) {
  std::string field = prefix_;
  if (!field.empty() && field.back() == '.') field.pop_back();
  errors_->push_back(CatalogError{file_, line(), entry_, field, message});
}

void EntryReader::wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
  error(key, "must be " + std::string(expected) + ", got " + type_name(node));
}

const toml::node* EntryReader::require(std::string_view key, std::string_view expected) {
  const toml::node* node = get(key);
  if (!node) {
    errors_->push_back(CatalogError{file_, line(), entry_, prefix_ + std::string(key),
                                    "is missing (expected " + std::string(expected) + ")"});
  }
  return node;
}

std::string EntryReader::range_text(double min, double max, std::string_view why) const {
  std::string out = "expected " + format_number(min) + " to " + format_number(max);
  if (!why.empty()) out += " (" + std::string(why) + ")";
  return out;
}

std::string EntryReader::string(std::string_view key) {
  const toml::node* node = require(key, "a string");
  if (!node) return {};
  if (const auto* s = node->as_string()) {
    if (s->get().empty()) error(key, "must not be empty");
    return s->get();
  }
  wrong_type(key, *node, "a string");
  return {};
}

std::optional<std::string> EntryReader::optional_string(std::string_view key) {
  if (!table_->contains(key)) {
    used_.emplace(key);
    return std::nullopt;
  }
  return string(key);
}

std::vector<std::string> EntryReader::strings(std::string_view key, std::size_t min_count) {
  std::vector<std::string> out;
  const toml::node* node = get(key);
  if (!node) {
    if (min_count > 0) {
      errors_->push_back(
          CatalogError{file_, line(), entry_, prefix_ + std::string(key), "is missing (expected an array of strings)"});
    }
    return out;
  }
  const auto* arr = node->as_array();
  if (!arr) {
    wrong_type(key, *node, "an array of strings");
    return out;
  }
  for (const auto& el : *arr) {
    if (const auto* s = el.as_string()) {
      if (s->get().empty()) {
        error(key, "has an empty string");
      } else {
        out.push_back(s->get());
      }
    } else {
      error(key, "must hold only strings, got " + type_name(el));
    }
  }
  if (out.size() < min_count) {
    error(key, "needs at least " + std::to_string(min_count) + (min_count == 1 ? " entry" : " entries") + ", got " +
                   std::to_string(out.size()));
  }
  return out;
}

bool EntryReader::boolean(std::string_view key) {
  const toml::node* node = require(key, "true or false");
  if (!node) return false;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(key, *node, "true or false");
  return false;
}

std::optional<bool> EntryReader::optional_boolean(std::string_view key) {
  if (!table_->contains(key)) {
    used_.emplace(key);
    return std::nullopt;
  }
  return boolean(key);
}

std::optional<int> EntryReader::optional_integer(std::string_view key, int min, int max, std::string_view why) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  const auto* i = node->as_integer();
  if (!i) {
    wrong_type(key, *node, "a whole number");
    return std::nullopt;
  }
  const auto v = i->get();
  if (v < min || v > max) {
    error(key, std::to_string(v) + " is out of range; " + range_text(min, max, why));
    return std::nullopt;
  }
  return static_cast<int>(v);
}

int EntryReader::integer(std::string_view key, int min, int max, std::string_view why) {
  if (!table_->contains(key)) {
    require(key, "a whole number");
    return min;
  }
  return optional_integer(key, min, max, why).value_or(min);
}

std::optional<double> EntryReader::optional_number(std::string_view key, double min, double max, std::string_view why) {
  const toml::node* node = get(key);
  if (!node) return std::nullopt;
  double v = 0;
  if (const auto* i = node->as_integer()) {
    v = static_cast<double>(i->get());
  } else if (const auto* f = node->as_floating_point()) {
    v = f->get();
  } else {
    wrong_type(key, *node, "a number");
    return std::nullopt;
  }
  if (!std::isfinite(v) || v < min || v > max) {
    error(key, format_number(v) + " is out of range; " + range_text(min, max, why));
    return std::nullopt;
  }
  return v;
}

double EntryReader::number(std::string_view key, double min, double max, std::string_view why) {
  if (!table_->contains(key)) {
    require(key, "a number");
    return min;
  }
  return optional_number(key, min, max, why).value_or(min);
}

std::vector<const toml::table*> EntryReader::tables(std::string_view key, std::size_t min_count) {
  std::vector<const toml::table*> out;
  const toml::node* node = get(key);
  if (!node) {
    if (min_count > 0) {
      errors_->push_back(
          CatalogError{file_, line(), entry_, prefix_ + std::string(key), "is missing (expected an array of tables)"});
    }
    return out;
  }
  const auto* arr = node->as_array();
  if (!arr) {
    wrong_type(key, *node, "an array of tables");
    return out;
  }
  for (const auto& el : *arr) {
    if (const auto* t = el.as_table()) {
      out.push_back(t);
    } else {
      error(key, "must hold only tables, got " + type_name(el));
    }
  }
  if (out.size() < min_count) {
    error(key, "needs at least " + std::to_string(min_count) + (min_count == 1 ? " entry" : " entries") + ", got " +
                   std::to_string(out.size()));
  }
  return out;
}

const toml::table* EntryReader::optional_table(std::string_view key) {
  const toml::node* node = get(key);
  if (!node) return nullptr;
  if (const auto* t = node->as_table()) return t;
  wrong_type(key, *node, "a table");
  return nullptr;
}

std::vector<std::string> EntryReader::refs(std::string_view key, std::string_view kind, const IdSet& ids,
                                           std::size_t min_count) {
  std::vector<std::string> out;
  for (auto& id : strings(key, min_count)) {
    if (ids.find(id) == ids.end()) {
      std::string message = "unknown " + std::string(kind) + " \"" + id + "\"";
      if (const auto hint = closest(id, ids); !hint.empty()) message += "; did you mean \"" + hint + "\"?";
      error(key, message);
    } else if (std::find(out.begin(), out.end(), id) != out.end()) {
      error(key, "lists " + std::string(kind) + " \"" + id + "\" twice");
    } else {
      out.push_back(std::move(id));
    }
  }
  return out;
}

std::string EntryReader::ref(std::string_view key, std::string_view kind, const IdSet& ids) {
  auto id = string(key);
  if (id.empty()) return id;
  if (ids.find(id) == ids.end()) {
    std::string message = "unknown " + std::string(kind) + " \"" + id + "\"";
    if (const auto hint = closest(id, ids); !hint.empty()) message += "; did you mean \"" + hint + "\"?";
    error(key, message);
    return {};
  }
  return id;
}

void EntryReader::finish() {
  std::vector<std::string> unknown;
  for (const auto& [key, node] : *table_) {
    if (used_.find(key.str()) == used_.end()) unknown.emplace_back(key.str());
  }
  if (unknown.empty()) return;
  std::string valid;
  for (const auto& k : used_) valid += (valid.empty() ? "" : ", ") + k;
  for (const auto& k : unknown) {
    error(k, "unknown field; valid fields here are: " + valid);
  }
}

}  // namespace smr::catalog::detail
