#pragma once
// Rolling tools (foam rollers, balls, sticks) and the selectors that say which tools a rule forbids.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"

namespace smr::core {

enum class ToolKind { kRoller, kBall, kDoubleBall, kStick };
enum class Density { kSoft, kMedium, kFirm };
enum class Texture { kSmooth, kTextured };
// How focused the pressure is: a roller spreads it, a small ball focuses it.
enum class Contact { kBroad, kMedium, kPrecise };

template <>
struct EnumNames<ToolKind> {
  static constexpr std::array<std::pair<ToolKind, std::string_view>, 4> kNames{{
      {ToolKind::kRoller, "roller"},
      {ToolKind::kBall, "ball"},
      {ToolKind::kDoubleBall, "double-ball"},
      {ToolKind::kStick, "stick"},
  }};
};
template <>
struct EnumNames<Density> {
  static constexpr std::array<std::pair<Density, std::string_view>, 3> kNames{
      {{Density::kSoft, "soft"}, {Density::kMedium, "medium"}, {Density::kFirm, "firm"}}};
};
template <>
struct EnumNames<Texture> {
  static constexpr std::array<std::pair<Texture, std::string_view>, 2> kNames{
      {{Texture::kSmooth, "smooth"}, {Texture::kTextured, "textured"}}};
};
template <>
struct EnumNames<Contact> {
  static constexpr std::array<std::pair<Contact, std::string_view>, 3> kNames{
      {{Contact::kBroad, "broad"}, {Contact::kMedium, "medium"}, {Contact::kPrecise, "precise"}}};
};

struct Tool {
  std::string id;
  std::string name;
  ToolKind kind = ToolKind::kRoller;
  Density density = Density::kMedium;
  Texture texture = Texture::kSmooth;
  bool vibration = false;
  double diameter_cm = 0;
  Contact contact = Contact::kBroad;
  std::vector<std::string> suits;  // region ids
  std::string description;
  Citation evidence;
};

// A set of tool properties that must all match, written "roller+firm" in data files; "any" matches every
// tool. An empty selector is invalid (parse rejects it).
class ToolSelector {
 public:
  // Returns nullopt when a part is not a known property; the caller reports the text back.
  static std::optional<ToolSelector> parse(std::string_view text);

  bool matches(const Tool& tool) const;
  const std::string& text() const { return text_; }

  // The spellings parse() accepts, for error messages.
  static std::string choices();

  bool operator==(const ToolSelector&) const = default;

 private:
  std::string text_;
  bool any_ = false;
  std::optional<ToolKind> kind_;
  std::optional<Density> density_;
  bool textured_ = false;
  bool vibration_ = false;
};

// True when `tool` matches at least one of `selectors`.
bool matches_any(const std::vector<ToolSelector>& selectors, const Tool& tool);

}  // namespace smr::core
