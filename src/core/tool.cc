#include "core/tool.h"

namespace smr::core {

std::optional<ToolSelector> ToolSelector::parse(std::string_view text) {
  ToolSelector sel;
  sel.text_ = std::string(text);
  if (text.empty()) return std::nullopt;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t plus = text.find('+', start);
    const std::string_view part =
        text.substr(start, plus == std::string_view::npos ? std::string_view::npos : plus - start);
    if (part == "any") {
      sel.any_ = true;
    } else if (part == "textured") {
      sel.textured_ = true;
    } else if (part == "vibration") {
      sel.vibration_ = true;
    } else if (auto kind = parse_enum<ToolKind>(part); kind && !sel.kind_) {
      sel.kind_ = kind;
    } else if (auto density = parse_enum<Density>(part); density && !sel.density_) {
      sel.density_ = density;
    } else {
      return std::nullopt;  // unknown part, empty part, or two kinds / densities
    }
    if (plus == std::string_view::npos) break;
    start = plus + 1;
  }
  return sel;
}

bool ToolSelector::matches(const Tool& tool) const {
  if (any_) return true;
  if (kind_ && *kind_ != tool.kind) return false;
  if (density_ && *density_ != tool.density) return false;
  if (textured_ && tool.texture != Texture::kTextured) return false;
  if (vibration_ && !tool.vibration) return false;
  return true;
}

std::string ToolSelector::choices() {
  return "one or more of \"roller\", \"ball\", \"double-ball\", \"stick\", \"soft\", \"medium\", \"firm\", "
         "\"textured\", \"vibration\", joined by '+' (all must match), or \"any\"";
}

bool matches_any(const std::vector<ToolSelector>& selectors, const Tool& tool) {
  for (const auto& s : selectors) {
    if (s.matches(tool)) return true;
  }
  return false;
}

}  // namespace smr::core
