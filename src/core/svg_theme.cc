#include "core/svg_theme.h"

#include <string>

namespace smr::core::svg {

void apply(Element& element, const Paint& paint, Theme theme) {
  const bool dark = theme == Theme::kDark;
  element.attr("class", paint.css_class);
  const std::string_view fill = dark ? paint.fill_dark : paint.fill_light;
  const std::string_view stroke = dark ? paint.stroke_dark : paint.stroke_light;
  if (!fill.empty()) element.attr("fill", fill);
  if (!stroke.empty()) element.attr("stroke", stroke);
}

std::optional<Element> theme_style(Theme theme) {
  if (theme != Theme::kAuto) return std::nullopt;
  // No '>' in the rules: the text is escaped like any other, and an HTML page would show "&gt;" literally if
  // it ever took the style as raw text.
  std::string css = "\n@media (prefers-color-scheme: dark) {\n";
  for (const Paint* paint : kAllPaints) {
    css += "  .";
    css += kRootClass;
    css += " .";
    css += paint->css_class;
    css += " {";
    if (!paint->fill_dark.empty()) css += " fill: " + std::string(paint->fill_dark) + ";";
    if (!paint->stroke_dark.empty()) css += " stroke: " + std::string(paint->stroke_dark) + ";";
    css += " }\n";
  }
  css += "}\n";
  Element style("style");
  style.text(css);
  return style;
}

}  // namespace smr::core::svg
