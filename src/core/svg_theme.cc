#include "core/svg_theme.h"

#include <string>
#include <utility>

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

Element themed_document(double width, double height, std::string_view aria_label, std::string_view kind_class,
                        Theme theme) {
  Element root = svg_root(width, height, aria_label);
  root.attr("class", std::string(kRootClass) + " " + std::string(kind_class));
  root.attr("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif");
  if (auto style = theme_style(theme)) root.add(std::move(*style));
  Element panel("rect");
  panel.attr("width", width).attr("height", height).attr("rx", 8);
  apply(panel, kPanel, theme);
  root.add(std::move(panel));
  return root;
}

Element themed_text(double x, double y, std::string_view content, const Paint& paint, Theme theme, double font_size,
                    std::string_view anchor) {
  Element t("text");
  t.attr("x", x).attr("y", y);
  apply(t, paint, theme);
  t.attr("font-size", font_size);
  if (anchor != "start") t.attr("text-anchor", anchor);
  t.text(content);
  return t;
}

}  // namespace smr::core::svg
