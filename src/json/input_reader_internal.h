#pragma once
// Internal to src/json: the lenient reader of objects a person (or a web page) writes: missing fields keep
// their defaults, unknown fields are refused, the first problem wins and names its JSON path
// (`aches[0].side: expected "left", "right" or "centre", got "up"`).

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/enum_names.h"
#include "core/problem.h"

namespace smr::json::detail {

inline std::string kind_of(const boost::json::value& v) {
  namespace bj = boost::json;
  switch (v.kind()) {
    case bj::kind::null: return "null";
    case bj::kind::bool_: return "true or false";
    case bj::kind::int64:
    case bj::kind::uint64:
    case bj::kind::double_: return "a number";
    case bj::kind::string: return "a string";
    case bj::kind::array: return "an array";
    case bj::kind::object: return "an object";
  }
  return "a value";
}

class InputReader {
 public:
  // `what` names the whole value in a message when `path` is empty ("the profile").
  InputReader(const boost::json::value& v, std::string path, core::Problem* error, std::set<std::string> known,
              std::string_view what = "the profile")
      : path_(std::move(path)), error_(error) {
    obj_ = v.if_object();
    if (!obj_) {
      const std::string message = "expected an object, got " + kind_of(v);
      if (path_.empty()) {
        if (error_->text.empty()) *error_ = core::Problem{"", std::string(what) + ": " + message};
      } else {
        fail_at(path_, message);
      }
      return;
    }
    for (const auto& kv : *obj_) {
      if (known.count(std::string(kv.key())) == 0) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        fail_at(at(kv.key()), "unknown field; expected one of " + list);
        return;
      }
    }
  }

  bool has(std::string_view key) { return get(key) != nullptr; }

  // Fails when `key` is absent (or null).
  bool require(std::string_view key, std::string_view expected) {
    if (!obj_ || !error_->text.empty()) return false;
    if (get(key)) return true;
    fail_at(at(key), "missing; expected " + std::string(expected));
    return false;
  }

  std::string str(std::string_view key) {
    const auto* v = get(key);
    if (!v) return {};
    if (const auto* s = v->if_string()) return std::string(*s);
    fail_at(at(key), "expected a string, got " + kind_of(*v));
    return {};
  }

  std::vector<std::string> list(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = get(key);
    if (!v) return out;
    const auto* a = v->if_array();
    if (!a) {
      fail_at(at(key), "expected an array of strings, got " + kind_of(*v));
      return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (const auto* s = (*a)[i].if_string()) {
        out.emplace_back(*s);
      } else {
        fail_at(at(key) + "[" + std::to_string(i) + "]", "expected a string, got " + kind_of((*a)[i]));
      }
    }
    return out;
  }

  // A whole number in [min, max].
  std::int64_t integer(std::string_view key, std::int64_t fallback,
                       std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                       std::int64_t max = std::numeric_limits<std::int64_t>::max()) {
    const auto* v = get(key);
    if (!v) return fallback;
    const std::string expected =
        "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got ";
    if (const auto* i = v->if_int64(); i && *i >= min && *i <= max) return *i;
    if (v->is_int64() || v->is_uint64()) {
      fail_at(at(key), expected + boost::json::serialize(*v));
    } else {
      fail_at(at(key), expected + kind_of(*v));
    }
    return fallback;
  }

  double number(std::string_view key, double fallback) {
    const auto* v = get(key);
    if (!v) return fallback;
    if (v->is_number()) return v->to_number<double>();
    fail_at(at(key), "expected a number, got " + kind_of(*v));
    return fallback;
  }

  bool boolean(std::string_view key, bool fallback) {
    const auto* v = get(key);
    if (!v) return fallback;
    if (const auto* b = v->if_bool()) return *b;
    fail_at(at(key), "expected true or false, got " + kind_of(*v));
    return fallback;
  }

  template <typename E>
  E enumeration(std::string_view key, E fallback) {
    const auto text = str(key);
    if (text.empty()) return fallback;
    if (auto e = core::parse_enum<E>(text)) return *e;
    fail_at(at(key), "expected " + core::enum_choices<E>() + ", got \"" + text + "\"");
    return fallback;
  }

  template <typename F>
  void each(std::string_view key, F f) {
    const auto* v = get(key);
    if (!v) return;
    const auto* a = v->if_array();
    if (!a) {
      fail_at(at(key), "expected an array, got " + kind_of(*v));
      return;
    }
    for (std::size_t i = 0; i < a->size() && error_->text.empty(); ++i)
      f((*a)[i], at(key) + "[" + std::to_string(i) + "]");
  }

  void fail_at(const std::string& path, const std::string& message) {
    if (error_->text.empty()) *error_ = core::Problem{path, message};
  }
  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

 private:
  const boost::json::value* get(std::string_view key) {
    if (!obj_ || !error_->text.empty()) return nullptr;
    const auto it = obj_->find(key);
    return it == obj_->end() || it->value().is_null() ? nullptr : &it->value();
  }

  const boost::json::object* obj_ = nullptr;
  std::string path_;
  core::Problem* error_;  // the first problem; text "" while there is none
};

}  // namespace smr::json::detail
