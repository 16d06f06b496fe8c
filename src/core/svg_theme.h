#pragma once
// Light and dark colours for the parts of our SVG drawings (panel, text, axes, neutral body, ...), so that the
// body map and the charts read on a light page and on a dark one.
//
// Every themed element gets a class (`smr-panel`, `smr-text`, ...) and presentation attributes with the
// colours of the chosen theme. With Theme::kAuto the light colours are the attributes and a <style> element
// switches to the dark ones under `@media (prefers-color-scheme: dark)`; the rules are scoped to the root
// class `smr-svg`, so an SVG pasted inline into an HTML page does not restyle anything else, and a page with
// its own theme switch can pick kLight or kDark instead (or override the classes).
//
// Data colours (the intensity scale, the chart's series) are not themed: a colour means the same in both
// modes. Their readability on either background comes from outlines in a themed colour.

#include <array>
#include <optional>
#include <string_view>

#include "core/svg.h"

namespace smr::core::svg {

enum class Theme { kAuto, kLight, kDark };

// A themed role: its class and its fill and stroke in light and dark mode. An empty colour is not set.
struct Paint {
  std::string_view css_class;
  std::string_view fill_light, fill_dark;
  std::string_view stroke_light, stroke_dark;
};

// Text colours have a contrast of at least 4.5:1 with the panel, strokes that separate shapes at least 3:1
// (WCAG 2.1, 1.4.3 and 1.4.11), in both modes.
inline constexpr Paint kPanel{"smr-panel", "#ffffff", "#1c1c1e", "", ""};
inline constexpr Paint kText{"smr-text", "#1a1a1a", "#ededed", "", ""};
inline constexpr Paint kMutedText{"smr-muted", "#555555", "#b3b3b3", "", ""};
inline constexpr Paint kSilhouette{"smr-silhouette", "#ececec", "#333336", "#949494", "#6a6a6e"};
inline constexpr Paint kUnratedRegion{"smr-unrated", "#d2d2d2", "#505054", "#808080", "#8a8a8e"};
inline constexpr Paint kRatedRegion{"smr-rated", "", "", "#1a1a1a", "#f5f5f5"};
inline constexpr Paint kAlertHalo{"smr-alert-halo", "", "", "#ffffff", "#1c1c1e"};
inline constexpr Paint kAlert{"smr-alert", "", "", "#0072b2", "#56b4e9"};
inline constexpr Paint kGrid{"smr-grid", "", "", "#e3e3e3", "#3a3a3c"};
inline constexpr Paint kAxis{"smr-axis", "", "", "#6e6e6e", "#a0a0a0"};
inline constexpr Paint kSeriesLine{"smr-series", "", "", "#0072b2", "#56b4e9"};
inline constexpr Paint kSeriesPoint{"smr-point", "#0072b2", "#56b4e9", "#ffffff", "#1c1c1e"};
inline constexpr Paint kFlaggedPoint{"smr-flagged", "#d55e00", "#f07b2c", "#ffffff", "#1c1c1e"};
inline constexpr Paint kBand{"smr-band", "#0072b2", "#56b4e9", "", ""};
inline constexpr Paint kTarget{"smr-target", "", "", "#007a5a", "#2ec4a0"};

// Every paint above; theme_style() writes a rule for each. When you add a Paint, add it here.
inline constexpr std::array<const Paint*, 15> kAllPaints{
    &kPanel, &kText, &kMutedText,  &kSilhouette,  &kUnratedRegion, &kRatedRegion, &kAlertHalo, &kAlert,
    &kGrid,  &kAxis, &kSeriesLine, &kSeriesPoint, &kFlaggedPoint,  &kBand,        &kTarget};

// The class the root <svg> must carry for theme_style()'s rules to apply.
inline constexpr std::string_view kRootClass = "smr-svg";

// Adds class="<paint.css_class>" and the fill and stroke attributes of `theme` (kAuto: the light ones).
void apply(Element& element, const Paint& paint, Theme theme);

// For kAuto, a <style> element with the dark-mode rules of every paint; nothing for kLight and kDark.
std::optional<Element> theme_style(Theme theme);

// The start of a themed drawing: svg_root() with the classes "smr-svg <kind_class>", a system font, the
// theme's style (kAuto) and a panel with rounded corners filling the view box, so that the drawing reads on
// any page background.
Element themed_document(double width, double height, std::string_view aria_label, std::string_view kind_class,
                        Theme theme);

// A <text> at (x, y) in `paint`'s colour. `anchor` is "start", "middle" or "end".
Element themed_text(double x, double y, std::string_view content, const Paint& paint, Theme theme, double font_size,
                    std::string_view anchor = "start");

}  // namespace smr::core::svg
