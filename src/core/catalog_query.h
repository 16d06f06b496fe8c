#pragma once
// Finding things in the catalog: filtering exercises and ranked word search over everything.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

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

// The exercise filters as a person gave them (the CLI's flags, the HTTP API's query parameters); "" means no
// filter.
struct ExerciseFilterText {
  std::string region, tool, context, level;
};

// What is wrong with one filter. `field` is "region", "tool", "context" or "level"; `message` says what was
// wrong and what would be right, without naming the field: `unknown region "calfs"; did you mean "calves"?`,
// `"beach" is not valid; expected "floor", "seated", "standing", "desk" or "call"`.
struct FilterError {
  std::string field;
  std::string message;
};

// Checks the filters against the catalog and the enums; the first problem in the order region, tool,
// context, level.
tl::expected<ExerciseFilter, FilterError> parse_exercise_filter(const Catalog& catalog, const ExerciseFilterText& text);

enum class HitKind { kRegion, kTool, kTechnique, kExercise, kCondition, kRedFlag, kZone, kLine, kRule };

template <>
struct EnumNames<HitKind> {
  static constexpr std::array<std::pair<HitKind, std::string_view>, 9> kNames{{
      {HitKind::kRegion, "region"},
      {HitKind::kTool, "tool"},
      {HitKind::kTechnique, "technique"},
      {HitKind::kExercise, "exercise"},
      {HitKind::kCondition, "condition"},
      {HitKind::kRedFlag, "warning-sign"},
      {HitKind::kZone, "zone"},
      {HitKind::kLine, "line"},
      {HitKind::kRule, "rule"},
  }};
};

struct SearchHit {
  HitKind kind;
  std::string id;
  std::string name;
  double score = 0;  // higher is better
};

// Word search over every region, tool, technique, exercise, condition (its question too), warning sign (red
// flag: its question and advice), never-roll zone, myofascial line and evidence rule. Build once (a few ms for
// the whole catalog), then query in microseconds. Immutable after construction; safe to share for reading.
//
// A hit is an entry in which each query word occurs, as a word or a word's start, ignoring case and simple
// plurals (calves = calf). Matches in ids, names and aliases weigh 3x more than matches in instructions;
// exact words weigh more than word starts. Best first; ties keep catalog order. An empty query finds nothing.
class SearchIndex {
 public:
  explicit SearchIndex(const Catalog& catalog);

  std::vector<SearchHit> search(std::string_view query, std::size_t limit = 20) const;

 private:
  struct Entry {
    HitKind kind;
    std::string id;
    std::string name;
  };
  struct Posting {
    std::string word;
    std::uint32_t entry;
    bool strong;  // from an id, name or alias
  };
  void add(HitKind kind, const std::string& id, const std::string& name, const std::vector<std::string>& strong,
           const std::vector<std::string>& weak);

  std::vector<Entry> entries_;
  std::vector<Posting> postings_;  // sorted by word, then entry
};

// One-off search (builds an index for a single query).
std::vector<SearchHit> search(const Catalog& catalog, std::string_view query, std::size_t limit = 20);

// Lower-cased words of `text` (letters and digits; everything else separates words).
std::vector<std::string> words_of(std::string_view text);

}  // namespace smr::core
