#pragma once
// Finding things in the catalog: filtering exercises and ranked word search over everything.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"

namespace smr::core {

struct ExerciseFilter {
  std::optional<std::string> region;  // region id
  std::optional<std::string> tool;    // tool id: exercises that can be done with it
  std::optional<Context> context;     // kCall also requires hands-free
  std::optional<Level> level;
};

// Matching exercises, in catalog order.
std::vector<const Exercise*> filter_exercises(const Catalog& catalog, const ExerciseFilter& filter);

enum class HitKind { kRegion, kTool, kTechnique, kExercise, kCondition, kZone };

template <>
struct EnumNames<HitKind> {
  static constexpr std::array<std::pair<HitKind, std::string_view>, 6> kNames{{
      {HitKind::kRegion, "region"},
      {HitKind::kTool, "tool"},
      {HitKind::kTechnique, "technique"},
      {HitKind::kExercise, "exercise"},
      {HitKind::kCondition, "condition"},
      {HitKind::kZone, "zone"},
  }};
};

struct SearchHit {
  HitKind kind;
  std::string id;
  std::string name;
  double score = 0;  // higher is better
};

// Every entry in which each query word occurs (as a word or a word's start, ignoring case and a plural
// "s"), best first: matches in ids, names and aliases weigh more than matches in instructions. Ties keep
// catalog order. An empty query finds nothing.
std::vector<SearchHit> search(const Catalog& catalog, std::string_view query, std::size_t limit = 20);

// Lower-cased words of `text` (letters and digits; everything else separates words).
std::vector<std::string> words_of(std::string_view text);

}  // namespace smr::core
