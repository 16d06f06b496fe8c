#include "core/svg.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace smr::core::svg {
namespace {

// True for the characters XML 1.0 forbids in a document: C0 controls other than tab, line feed and carriage
// return. (DEL and C1 controls are allowed, if discouraged.)
bool forbidden_in_xml(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

std::string escape(std::string_view in, bool attribute) {
  std::string out;
  out.reserve(in.size());
  for (const char c : in) {
    if (forbidden_in_xml(c)) continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\'': out += attribute ? "&apos;" : "'"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += attribute ? "&#13;" : "\r"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_text(std::string_view text) { return escape(text, false); }

std::string escape_attribute(std::string_view value) { return escape(value, true); }

std::string number(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
  if (result.ec != std::errc()) return "0";  // only for |value| beyond 1e60, which no drawing uses
  std::string out(buffer, result.ptr);
  // Drop trailing zeros, then a trailing point.
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out == "-0" || out.empty()) return "0";
  return out;
}

Element::Element(std::string_view name) : name_(name) {}

Element& Element::attr(std::string_view name, std::string_view value) {
  attributes_ += ' ';
  attributes_ += name;
  attributes_ += "=\"";
  attributes_ += escape_attribute(value);
  attributes_ += '"';
  return *this;
}

Element& Element::attr(std::string_view name, double value) { return attr(name, number(value)); }

Element& Element::attr(std::string_view name, int value) { return attr(name, std::to_string(value)); }

Element& Element::text(std::string_view content) {
  text_ += escape_text(content);
  return *this;
}

Element& Element::add(Element child) {
  children_.push_back(std::move(child));
  return *this;
}

std::string Element::str() const {
  std::string out;
  write(out, 0);
  return out;
}

void Element::write(std::string& out, int depth) const {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += indent;
  out += '<';
  out += name_;
  out += attributes_;
  if (empty()) {
    out += "/>\n";
    return;
  }
  out += '>';
  out += text_;
  if (!children_.empty()) {
    out += '\n';
    for (const auto& child : children_) child.write(out, depth + 1);
    out += indent;
  }
  out += "</";
  out += name_;
  out += ">\n";
}

Element svg_root(double width, double height, std::string_view aria_label) {
  Element root("svg");
  root.attr("xmlns", "http://www.w3.org/2000/svg")
      .attr("viewBox", "0 0 " + number(width) + " " + number(height))
      .attr("role", "img")
      .attr("aria-label", aria_label);
  return root;
}

}  // namespace smr::core::svg
