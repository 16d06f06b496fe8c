#pragma once
// The Learn section: short explanations a person reads to understand what they are doing and why
// (catalog/learn.toml), told in our own words with the rules and sources behind each claim.
//
// Learn has three kinds of page, one id space: a topic (what fascia is, why rolling helps, sensation versus
// pain, ...), a technique ("hold") and a region ("calves"). A technique's or region's page is built from its
// catalog entry plus the topics that name it, so every exercise can link its technique and region into Learn.
// The loader keeps the id space unambiguous: no topic id is also a technique or region id.
//
// General guidance, never a diagnosis. Pure functions over a Catalog: no I/O.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enum_names.h"
#include "core/evidence.h"
#include "core/technique.h"

namespace smr::core {

class Catalog;

// One part of a topic: a heading, a paragraph, optional bullet points, and the evidence for that part alone
// (so "hydration: lab evidence only" cites the lab study, not the whole topic's sources).
struct LearnSection {
  std::string heading;
  std::string text;                 // one paragraph
  std::vector<std::string> points;  // optional bullets, in order
  Citation evidence;                // may be empty: then the topic's evidence covers it
};

struct LearnTopic {
  std::string id;       // "fascia", "how-rolling-works"
  std::string title;    // "What fascia is"
  std::string summary;  // one or two sentences: what the reader will take away
  std::vector<LearnSection> sections;
  std::vector<std::string> techniques;  // technique ids this topic explains (their Learn pages link here)
  std::vector<std::string> regions;     // region ids this topic concerns (their Learn pages link here)
  std::vector<std::string> related;     // other topic ids worth reading next
  Citation evidence;                    // at least one source
};

enum class LearnKind { kTopic, kTechnique, kRegion };

template <>
struct EnumNames<LearnKind> {
  static constexpr std::array<std::pair<LearnKind, std::string_view>, 3> kNames{
      {{LearnKind::kTopic, "topic"}, {LearnKind::kTechnique, "technique"}, {LearnKind::kRegion, "region"}}};
};

// A link to a Learn page: `smr learn ID`, or #/learn/ID in the web app.
struct LearnLink {
  LearnKind kind = LearnKind::kTopic;
  std::string id;
  std::string title;
  std::string summary;  // one line; empty for regions

  bool operator==(const LearnLink&) const = default;
};

// One Learn page, whatever its kind: what `smr learn ID` prints and GET /api/learn/{id} returns.
struct LearnPage {
  LearnKind kind = LearnKind::kTopic;
  std::string id;
  std::string title;
  std::string summary;
  std::vector<LearnSection> sections;
  Citation evidence;                   // of the whole page
  std::vector<LearnLink> learn_more;   // topics to read next (related topics, or topics that name it)
  std::vector<LearnLink> see_also;     // techniques and regions a topic names
  std::vector<std::string> exercises;  // region pages: the region's exercise ids, in catalog order
};

// Every Learn page as a link: the topics in catalog order, then the techniques, then the regions.
std::vector<LearnLink> learn_index(const Catalog& catalog);

// Every id `learn_page` accepts (topics, techniques, regions), for "did you mean".
std::vector<std::string> learn_ids(const Catalog& catalog);

// The page with this id (a topic first, then a technique, then a region); nullopt when there is none.
std::optional<LearnPage> learn_page(const Catalog& catalog, std::string_view id);

// The topics that name a technique / a region, in catalog order: the "Learn more" of its pages.
std::vector<const LearnTopic*> topics_about_technique(const Catalog& catalog, std::string_view technique_id);
std::vector<const LearnTopic*> topics_about_region(const Catalog& catalog, std::string_view region_id);

// A technique's timing in words ("20 to 60 s, usually 30 s"; the pass time; the breathing pace), shared by its
// Learn page and `smr catalog show TECHNIQUE`.
std::vector<std::string> timing_points(const Technique& t);

}  // namespace smr::core
