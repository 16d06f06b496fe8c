#pragma once
// Myofascial lines (Anatomy Trains, evidence.md): chains of regions linked by fascia. Used to label optional
// "line extras" (R14), never as a substitute for rolling the region itself.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"

namespace smr::core {

enum class Support { kStrong, kModerate, kLow, kNone };

template <>
struct EnumNames<Support> {
  static constexpr std::array<std::pair<Support, std::string_view>, 4> kNames{{{Support::kStrong, "strong"},
                                                                               {Support::kModerate, "moderate"},
                                                                               {Support::kLow, "low"},
                                                                               {Support::kNone, "none"}}};
};

struct MyofascialLine {
  std::string id;
  std::string name;
  Support support = Support::kNone;  // anatomical evidence for the chain
  std::string path;
  std::vector<std::string> sources;
};

}  // namespace smr::core
