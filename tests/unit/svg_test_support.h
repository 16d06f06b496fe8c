#pragma once
// Helpers for the SVG tests: a tiny XML reader that checks a document is well-formed and lets a test find
// elements by attribute, and golden-file comparison.
//
// Golden files live in tests/unit/golden/ (SMR_GOLDEN_DIR, set by tests/CMakeLists.txt, so the tests run
// from any directory). When an intended change alters the output, regenerate them and review the diff:
//   SMR_UPDATE_GOLDEN=1 ./build/dev/tests/smr_unit_tests --gtest_filter='BodyMapSvg*:TrendChartSvg*'
//   git diff tests/unit/golden/

#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#ifndef SMR_GOLDEN_DIR
#error "SMR_GOLDEN_DIR must name tests/unit/golden (see tests/CMakeLists.txt)"
#endif

namespace smr::testing {

struct XmlNode {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // decoded values, in document order
  std::string text;                                             // decoded text directly inside, concatenated
  std::vector<XmlNode> children;

  std::optional<std::string> attr(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return std::nullopt;
  }
  bool has(std::string_view key, std::string_view value) const { return attr(key) == std::string(value); }
};

// Reads one XML element with everything in it. Accepts only what our writer produces and XML allows: no
// prolog, comments, CDATA or DOCTYPE. Fails (with the byte offset) on a tag that is not closed or closed in
// the wrong order, an unquoted or repeated attribute, a raw '<' in a value, a '&' that is not one of the five
// named entities or a numeric reference, or anything but white space after the root.
class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : in_(xml) {}

  // The root element, or nullopt with error() telling what is wrong.
  std::optional<XmlNode> read() {
    skip_space();
    XmlNode root;
    if (!element(root)) return std::nullopt;
    skip_space();
    if (pos_ != in_.size()) return fail("content after the root element");
    return root;
  }
  const std::string& error() const { return error_; }

 private:
  std::nullopt_t fail(const std::string& what) {
    if (error_.empty()) error_ = what + " at byte " + std::to_string(pos_);
    return std::nullopt;
  }
  bool failed(const std::string& what) {
    fail(what);
    return false;
  }
  bool at_end() const { return pos_ >= in_.size(); }
  void skip_space() {
    while (!at_end() && (in_[pos_] == ' ' || in_[pos_] == '\n' || in_[pos_] == '\t' || in_[pos_] == '\r')) ++pos_;
  }
  static bool name_char(char c, bool first) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    return letter || (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
  }
  bool name(std::string& out) {
    const std::size_t start = pos_;
    while (!at_end() && name_char(in_[pos_], pos_ == start)) ++pos_;
    if (pos_ == start) return failed("expected a name");
    out = std::string(in_.substr(start, pos_ - start));
    return true;
  }
  // Decodes an entity starting at '&'.
  bool entity(std::string& out) {
    const std::size_t end = in_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 10) return failed("'&' that starts no entity");
    const std::string_view e = in_.substr(pos_ + 1, end - pos_ - 1);
    if (e == "amp")
      out += '&';
    else if (e == "lt")
      out += '<';
    else if (e == "gt")
      out += '>';
    else if (e == "quot")
      out += '"';
    else if (e == "apos")
      out += '\'';
    else if (e.size() > 1 && e[0] == '#' && e.find_first_not_of("0123456789", 1) == std::string_view::npos) {
      const long code = std::stol(std::string(e.substr(1)));
      if (code <= 0 || code > 127) return failed("numeric reference outside ASCII (not used by our writer)");
      out += static_cast<char>(code);
    } else {
      return failed("unknown entity &" + std::string(e) + ";");
    }
    pos_ = end + 1;
    return true;
  }
  bool element(XmlNode& node) {
    if (at_end() || in_[pos_] != '<') return failed("expected '<'");
    ++pos_;
    if (!name(node.name)) return false;
    for (;;) {
      const std::size_t before = pos_;
      skip_space();
      if (at_end()) return failed("unterminated start tag <" + node.name);
      if (in_.substr(pos_, 2) == "/>") {
        pos_ += 2;
        return true;
      }
      if (in_[pos_] == '>') {
        ++pos_;
        break;
      }
      if (pos_ == before) return failed("expected white space before an attribute of <" + node.name);
      std::string key;
      if (!name(key)) return false;
      if (node.attr(key)) return failed("repeated attribute " + key);
      if (at_end() || in_[pos_] != '=') return failed("expected '=' after " + key);
      ++pos_;
      if (at_end() || (in_[pos_] != '"' && in_[pos_] != '\'')) return failed("unquoted value of " + key);
      const char quote = in_[pos_++];
      std::string value;
      while (!at_end() && in_[pos_] != quote) {
        if (in_[pos_] == '<') return failed("raw '<' in the value of " + key);
        if (in_[pos_] == '&') {
          if (!entity(value)) return false;
        } else {
          value += in_[pos_++];
        }
      }
      if (at_end()) return failed("unterminated value of " + key);
      ++pos_;
      node.attributes.emplace_back(std::move(key), std::move(value));
    }
    for (;;) {
      if (at_end()) return failed("<" + node.name + "> is never closed");
      if (in_.substr(pos_, 2) == "</") {
        pos_ += 2;
        std::string closing;
        if (!name(closing)) return false;
        if (closing != node.name) return failed("</" + closing + "> closes <" + node.name + ">");
        skip_space();
        if (at_end() || in_[pos_] != '>') return failed("unterminated end tag");
        ++pos_;
        return true;
      }
      if (in_.substr(pos_, 2) == "<!" || in_.substr(pos_, 2) == "<?") return failed("comment, CDATA or PI");
      if (in_[pos_] == '<') {
        XmlNode child;
        if (!element(child)) return false;
        node.children.push_back(std::move(child));
      } else if (in_[pos_] == '&') {
        if (!entity(node.text)) return false;
      } else if (in_[pos_] == '>') {
        return failed("raw '>' in text");  // allowed by XML, but our writer always escapes it
      } else {
        node.text += in_[pos_++];
      }
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string error_;
};

// Parses `xml`, failing the test (with the reason) when it is not well-formed.
inline XmlNode parse_or_fail(std::string_view xml) {
  XmlReader reader(xml);
  auto root = reader.read();
  if (!root) {
    ADD_FAILURE() << "not well-formed XML: " << reader.error();
    return {};
  }
  return *root;
}

// Every element under `node` (itself included) for which `match` holds, in document order.
inline void collect(const XmlNode& node, const std::function<bool(const XmlNode&)>& match,
                    std::vector<const XmlNode*>& out) {
  if (match(node)) out.push_back(&node);
  for (const auto& child : node.children) collect(child, match, out);
}
inline std::vector<const XmlNode*> find_all(const XmlNode& root, const std::function<bool(const XmlNode&)>& match) {
  std::vector<const XmlNode*> out;
  collect(root, match, out);
  return out;
}
inline std::vector<const XmlNode*> with_attr(const XmlNode& root, std::string_view key) {
  return find_all(root, [&](const XmlNode& n) { return n.attr(key).has_value(); });
}

inline std::string golden_path(std::string_view file_name) {
  return std::string(SMR_GOLDEN_DIR) + "/" + std::string(file_name);
}

// Compares `actual` with the golden file byte for byte; reports the first line that differs. With
// SMR_UPDATE_GOLDEN=1 in the environment it writes `actual` to the file instead (and the test passes).
inline void expect_matches_golden(const std::string& actual, std::string_view file_name) {
  const std::string path = golden_path(file_name);
  const char* update = std::getenv("SMR_UPDATE_GOLDEN");
  if (update && std::string_view(update) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << actual;
    ASSERT_TRUE(out.good()) << "could not write " << path;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "no golden file " << path << " (run with SMR_UPDATE_GOLDEN=1 to create it)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string expected = buffer.str();
  if (actual == expected) return;
  std::istringstream a(actual), e(expected);
  std::string line_a, line_e;
  int line = 1;
  for (;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_e = static_cast<bool>(std::getline(e, line_e));
    if (!more_a && !more_e) break;
    if (!more_a || !more_e || line_a != line_e) {
      ADD_FAILURE() << file_name << " differs at line " << line << "\n  expected: " << (more_e ? line_e : "(end)")
                    << "\n  actual:   " << (more_a ? line_a : "(end)")
                    << "\nIf the change is intended, rerun with SMR_UPDATE_GOLDEN=1 and review the diff.";
      return;
    }
  }
  ADD_FAILURE() << file_name << " differs (line endings?)";
}

}  // namespace smr::testing
