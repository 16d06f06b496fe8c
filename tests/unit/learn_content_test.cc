// The built-in Learn section (catalog/learn.toml, core/learn.h): the topics issue 15 asks for exist, every one
// cites sources that exist, the three explanations of why rolling works are told with their real level of
// support, and every exercise page links its techniques and its region into Learn (CLI text included).

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "cli/catalog_text.h"
#include "core/catalog.h"
#include "core/learn.h"

namespace smr::catalog {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const LoadResult& builtin() {
  static const LoadResult loaded = load_builtin_catalog();
  return loaded;
}

class LearnContentTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(builtin().has_value()) << "the built-in catalog does not load"; }
  const core::Catalog& catalog() const { return *builtin(); }

  const core::LearnTopic& topic(std::string_view id) const {
    const auto* t = catalog().find_learn_topic(id);
    if (!t) {
      ADD_FAILURE() << "no Learn topic " << id;
      static const core::LearnTopic kNone;
      return kNone;
    }
    return *t;
  }

  // Every id a citation names that the catalog does not define, as "R99" / "S99".
  std::vector<std::string> unknown_ids(const core::Citation& c) const {
    std::vector<std::string> out;
    for (const auto& id : c.rules) {
      if (!catalog().find_rule(id)) out.push_back(id);
    }
    for (const auto& id : c.sources) {
      if (!catalog().find_reference(id)) out.push_back(id);
    }
    return out;
  }
};

bool has(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// The section of `t` whose heading contains `words`; fails the test when there is none.
const core::LearnSection* section_with(const core::LearnTopic& t, std::string_view words) {
  for (const auto& s : t.sections) {
    if (s.heading.find(words) != std::string::npos) return &s;
  }
  ADD_FAILURE() << "topic " << t.id << " has no section headed \"..." << words << "...\"";
  return nullptr;
}

TEST_F(LearnContentTest, HasTheTopicsIssue15AsksFor) {
  for (const char* id : {"fascia", "how-rolling-works", "injury-cycle", "sensation-vs-pain", "choosing-tools",
                         "see-a-clinician-first", "never-while-driving"}) {
    EXPECT_NE(catalog().find_learn_topic(id), nullptr) << id;
  }
}

TEST_F(LearnContentTest, EveryTopicCitesASourceAndEveryCitedIdExists) {
  ASSERT_FALSE(catalog().learn().empty());
  for (const auto& t : catalog().learn()) {
    EXPECT_FALSE(t.evidence.sources.empty()) << t.id << " cites no source";
    EXPECT_THAT(unknown_ids(t.evidence), IsEmpty()) << t.id;
    for (const auto& s : t.sections) EXPECT_THAT(unknown_ids(s.evidence), IsEmpty()) << t.id << ": " << s.heading;
  }
}

TEST_F(LearnContentTest, EveryTopicHasASummaryAndSectionsWithText) {
  for (const auto& t : catalog().learn()) {
    EXPECT_FALSE(t.title.empty()) << t.id;
    EXPECT_FALSE(t.summary.empty()) << t.id;
    EXPECT_FALSE(t.sections.empty()) << t.id;
    for (const auto& s : t.sections) EXPECT_FALSE(s.text.empty()) << t.id << ": " << s.heading;
  }
}

// Honesty about mechanisms (evidence.md, "Mechanisms"): each explanation says how well it is supported and
// cites the study that says so.
TEST_F(LearnContentTest, TheThreeExplanationsCarryTheirRealLevelOfSupport) {
  const auto& t = topic("how-rolling-works");
  if (const auto* s = section_with(t, "largely discarded")) {
    EXPECT_TRUE(has(s->evidence.sources, "S20"));
  }
  if (const auto* s = section_with(t, "best supported")) {
    EXPECT_TRUE(has(s->evidence.sources, "S17"));
    EXPECT_TRUE(has(s->evidence.sources, "S18"));
  }
  if (const auto* s = section_with(t, "lab evidence only")) {
    EXPECT_THAT(s->evidence.sources, ::testing::ElementsAre("S21"));
    EXPECT_THAT(s->text, HasSubstr("animal tissue"));
  }
}

TEST_F(LearnContentTest, TheInjuryCycleIsPresentedAsAModelNotAFact) {
  const auto& t = topic("injury-cycle");
  EXPECT_THAT(t.title + " " + t.summary, HasSubstr("model"));
  EXPECT_THAT(t.summary, HasSubstr("not proven"));
}

TEST_F(LearnContentTest, DrivingTopicSaysNeverAndOffersAnAlternative) {
  const auto& t = topic("never-while-driving");
  EXPECT_THAT(t.summary, HasSubstr("never while driving"));
  EXPECT_NE(section_with(t, "instead"), nullptr);
}

// `smr learn ID` and GET /api/learn/{id} must each mean one page.
TEST_F(LearnContentTest, TopicTechniqueAndRegionIdsNeverCollide) {
  const auto ids = core::learn_ids(catalog());
  const std::set<std::string> unique(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), ids.size());
  EXPECT_EQ(ids.size(), catalog().learn().size() + catalog().techniques().size() + catalog().regions().size());
}

TEST_F(LearnContentTest, EveryLearnIdHasAPageOfItsKindAndEveryLinkOnItLeadsToAPage) {
  for (const auto& link : core::learn_index(catalog())) {
    const auto page = core::learn_page(catalog(), link.id);
    ASSERT_TRUE(page.has_value()) << link.id;
    EXPECT_EQ(page->kind, link.kind) << link.id;
    EXPECT_FALSE(page->summary.empty()) << link.id << " has nothing to read";
    for (const auto& more : page->learn_more) EXPECT_TRUE(core::learn_page(catalog(), more.id)) << more.id;
    for (const auto& more : page->see_also) EXPECT_TRUE(core::learn_page(catalog(), more.id)) << more.id;
    for (const auto& x : page->exercises) EXPECT_NE(catalog().find_exercise(x), nullptr) << x;
  }
  EXPECT_FALSE(core::learn_page(catalog(), "no-such-topic").has_value());
}

TEST_F(LearnContentTest, EveryTechniqueHasATopicToReadNext) {
  for (const auto& t : catalog().techniques()) {
    EXPECT_THAT(core::topics_about_technique(catalog(), t.id), Not(IsEmpty())) << t.id;
    EXPECT_THAT(core::learn_page(catalog(), t.id)->learn_more, Not(IsEmpty())) << t.id;
  }
}

TEST_F(LearnContentTest, ARegionPageListsTheRegionsExercisesAndItsKeepOffZones) {
  for (const auto& r : catalog().regions()) {
    const auto page = core::learn_page(catalog(), r.id);
    ASSERT_TRUE(page.has_value()) << r.id;
    EXPECT_EQ(page->exercises.size(), catalog().exercises_for_region(r.id).size()) << r.id;
    const bool keep_off = std::any_of(page->sections.begin(), page->sections.end(),
                                      [](const core::LearnSection& s) { return s.heading == "Keep off"; });
    EXPECT_EQ(keep_off, !r.never_roll.empty()) << r.id;
  }
}

// Issue 15, item 12: every exercise page (smr catalog show EXERCISE) links its technique(s) and its region
// into Learn, and each link leads to a page.
TEST_F(LearnContentTest, EveryExercisePageLinksItsTechniquesAndRegionIntoLearn) {
  for (const auto& x : catalog().exercises()) {
    const auto text = cli::show_exercise(catalog(), x);
    for (const auto& t : x.techniques) {
      EXPECT_THAT(text, HasSubstr("smr learn " + t + " ")) << x.id;
      EXPECT_TRUE(core::learn_page(catalog(), t)) << t;
    }
    EXPECT_THAT(text, HasSubstr("smr learn " + x.region + " ")) << x.id;
    EXPECT_TRUE(core::learn_page(catalog(), x.region)) << x.region;
  }
}

TEST_F(LearnContentTest, TechniqueAndRegionPagesInTheCatalogSayWhereToLearnMore) {
  for (const auto& t : catalog().techniques()) {
    EXPECT_THAT(cli::show_technique(catalog(), t), HasSubstr("Learn more: smr learn " + t.id)) << t.id;
  }
  for (const auto& r : catalog().regions()) {
    EXPECT_THAT(cli::show_region(catalog(), r), HasSubstr("Learn more: smr learn " + r.id)) << r.id;
  }
}

}  // namespace
}  // namespace smr::catalog
