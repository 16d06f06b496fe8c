#pragma once
// Evidence: the prescription rules (R-ids) and the sources (S-ids) that every recommendation cites.

#include <string>
#include <vector>

namespace smr::core {

// Ids of the rules and sources behind a recommendation, so the person can ask "why?".
struct Citation {
  std::vector<std::string> rules;    // e.g. {"R1", "R8"}
  std::vector<std::string> sources;  // e.g. {"S1", "S13"}

  bool operator==(const Citation&) const = default;
};

struct Rule {
  std::string id;       // "R1"
  std::string summary;  // our words
  std::string level;    // "strong", "moderate / synthesis", ...
  std::vector<std::string> sources;
};

struct Reference {
  std::string id;        // "S1"
  std::string citation;  // authors, year, title, journal
  std::string note;      // what it showed (may be empty)
};

}  // namespace smr::core
