#pragma once
// A small SVG (XML) writer shared by the body map and the trend charts: an element tree that escapes every
// text and attribute value and formats numbers the same way on every machine, so that the same input always
// gives the same bytes (the golden tests compare output exactly).
//
// Element and attribute names are trusted: they are literals of this program, never user data. Values and text
// may be anything, including hostile strings; they are escaped here.

#include <string>
#include <string_view>
#include <vector>

namespace smr::core::svg {

// `text` for element content: &, < and > become entities. Characters that XML 1.0 does not allow at all (the
// control characters other than tab, line feed and carriage return) are dropped.
std::string escape_text(std::string_view text);

// `value` for a double-quoted attribute: as escape_text, and also " and ' become entities, and tab, line feed
// and carriage return become character references (so that an XML parser keeps them instead of turning them
// into spaces).
std::string escape_attribute(std::string_view value);

// `value` rounded to 2 decimals, without trailing zeros or a trailing point: 80, 80.5, 0.33, -1.25. Negative
// zero prints as 0; NaN and infinities print as 0 (callers filter them out before drawing).
std::string number(double value);

// One element with its attributes, text and children, written with two-space indentation, one element per
// line. Copyable value.
class Element {
 public:
  explicit Element(std::string_view name);

  // Appends ` name="value"` (value escaped). Attributes keep the order in which they were added.
  Element& attr(std::string_view name, std::string_view value);
  Element& attr(std::string_view name, const char* value) { return attr(name, std::string_view(value)); }
  Element& attr(std::string_view name, const std::string& value) { return attr(name, std::string_view(value)); }
  Element& attr(std::string_view name, double value);  // formatted with number()
  Element& attr(std::string_view name, int value);
  // Appends escaped text content (written before the children).
  Element& text(std::string_view content);
  // Appends a child element.
  Element& add(Element child);

  const std::string& name() const { return name_; }
  bool empty() const { return text_.empty() && children_.empty(); }

  // The element and everything in it, ending with a line feed.
  std::string str() const;

 private:
  void write(std::string& out, int depth) const;

  std::string name_;
  std::string attributes_;  // escaped, each with its leading space
  std::string text_;        // escaped
  std::vector<Element> children_;
};

// An <svg> root element: the SVG namespace, `viewBox="0 0 width height"`, role="img" and `aria-label` (a
// screen reader reads the label instead of the drawing's parts, so it must carry the whole message).
Element svg_root(double width, double height, std::string_view aria_label);

}  // namespace smr::core::svg
