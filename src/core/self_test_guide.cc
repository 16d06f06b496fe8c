#include "core/self_test_guide.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace smr::core {

namespace {

std::string range_text(const SelfTestGuide& g) {
  return format_number(g.min_value) + " to " + format_number(g.max_value) + " " + std::string(to_string(g.unit));
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::string format_number(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(value * 100) / 100);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

tl::expected<double, std::string> parse_test_value(const SelfTestGuide& guide, std::string_view text) {
  if (guide.unit == TestUnit::kPassFail) {
    const std::string t = lower(text);
    if (t == "pass" || t == "1") return 1.0;
    if (t == "fail" || t == "0") return 0.0;
    return tl::unexpected("\"" + std::string(text) + "\" is not valid; expected \"pass\", \"fail\", 1 or 0");
  }
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;  // from_chars takes no plus sign
  const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::fixed);
  if (text.empty() || ec != std::errc() || end != last || !std::isfinite(value)) {
    return tl::unexpected("\"" + std::string(text) + "\" is not a number; expected " + range_text(guide));
  }
  if (value < guide.min_value || value > guide.max_value) {
    return tl::unexpected(std::string(text) + " is out of range; expected " + range_text(guide));
  }
  return value;
}

std::string format_test_value(TestUnit unit, double value) {
  if (unit == TestUnit::kPassFail) {
    if (value >= 1) return "pass";
    if (value <= 0) return "fail";
    return "mixed";
  }
  return format_number(value) + " " + std::string(to_string(unit));
}

std::string format_test_change(TestUnit unit, double change) {
  std::string n = format_number(change);
  if (n != "0" && n.front() != '-') n = "+" + n;
  return unit == TestUnit::kPassFail ? n : n + " " + std::string(to_string(unit));
}

}  // namespace smr::core
