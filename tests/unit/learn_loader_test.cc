// Loading Learn topics (catalog/learn.toml): a topic that loads, and each problem the loader reports about one,
// word for word. Like loader_errors_test.cc, every test starts from TinyCatalog plus one small learn file.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "tiny_catalog.h"

namespace smr::catalog {
namespace {

using namespace smr::catalog::fixtures;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Line numbers in the expected messages refer to this text.
constexpr std::string_view kLearn = R"([[learn]]
id = "what-fascia-is"
title = "What fascia is"
summary = "One web of connective tissue."
techniques = ["hold"]
regions = ["calves"]
sources = ["S1"]
sections = [
  { heading = "One web", text = "It links every muscle.", points = ["Head to toe."], rules = ["R1"], sources = ["S1"] },
  { heading = "Sensors", text = "It is full of nerve endings." },
]
)";

TinyCatalog with_learn() {
  TinyCatalog catalog;
  catalog.add_file("learn.toml", std::string(kLearn));
  return catalog;
}

TEST(LearnLoaderTest, ATopicLoadsWithItsSectionsLinksAndEvidence) {
  const auto catalog = with_learn();
  const auto loaded = load_catalog(catalog.files());
  ASSERT_TRUE(loaded.has_value());
  ASSERT_EQ(loaded->learn().size(), 1U);
  const auto* topic = loaded->find_learn_topic("what-fascia-is");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(topic->title, "What fascia is");
  EXPECT_THAT(topic->techniques, ElementsAre("hold"));
  EXPECT_THAT(topic->regions, ElementsAre("calves"));
  EXPECT_THAT(topic->evidence.sources, ElementsAre("S1"));
  ASSERT_EQ(topic->sections.size(), 2U);
  EXPECT_THAT(topic->sections[0].points, ElementsAre("Head to toe."));
  EXPECT_THAT(topic->sections[0].evidence.rules, ElementsAre("R1"));
  EXPECT_THAT(topic->sections[1].evidence.sources, IsEmpty());  // the topic's sources cover it
}

TEST(LearnLoaderTest, LearnTopicsAreOptional) { EXPECT_THAT(TinyCatalog().errors(), IsEmpty()); }

TEST(LearnLoaderTest, UnknownSourceOfATopicIsAnError) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "sources = [\"S1\"]\nsections", "sources = [\"S99\"]\nsections");
  EXPECT_THAT(catalog.errors(), ElementsAre("learn.toml:7: Learn topic \"what-fascia-is\", field \"sources\": unknown "
                                            "source \"S99\""));
}

TEST(LearnLoaderTest, ATopicMustCiteASource) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "sources = [\"S1\"]\nsections", "sources = []\nsections");
  EXPECT_THAT(catalog.errors(), ElementsAre("learn.toml:7: Learn topic \"what-fascia-is\", field \"sources\": needs "
                                            "at least 1 entry, got 0"));
}

TEST(LearnLoaderTest, EverySectionsRuleAndSourceIdIsChecked) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "rules = [\"R1\"], sources = [\"S1\"] }", "rules = [\"R9\"], sources = [\"S2\"] }");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("learn.toml:9: Learn topic \"what-fascia-is\", field \"sections[1].rules\": unknown rule "
                          "\"R9\"; did you mean \"R1\"?",
                          "learn.toml:9: Learn topic \"what-fascia-is\", field \"sections[1].sources\": unknown "
                          "source \"S2\"; did you mean \"S1\"?"));
}

TEST(LearnLoaderTest, UnknownTechniqueRegionAndRelatedTopicAreErrors) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "techniques = [\"hold\"]", "techniques = [\"holds\"]");
  catalog.replace("learn.toml", "regions = [\"calves\"]", "regions = [\"calfs\"]\nrelated = [\"fascia\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("learn.toml:5: Learn topic \"what-fascia-is\", field \"techniques\": unknown technique "
                          "\"holds\"; did you mean \"hold\"?",
                          "learn.toml:6: Learn topic \"what-fascia-is\", field \"regions\": unknown region "
                          "\"calfs\"; did you mean \"calves\"?",
                          "learn.toml:7: Learn topic \"what-fascia-is\", field \"related\": unknown Learn topic "
                          "\"fascia\""));
}

TEST(LearnLoaderTest, ATopicIsNotRelatedToItself) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "regions = [\"calves\"]", "regions = [\"calves\"]\nrelated = [\"what-fascia-is\"]");
  EXPECT_THAT(catalog.errors(), ElementsAre("learn.toml:7: Learn topic \"what-fascia-is\", field \"related\": lists "
                                            "the topic itself; name other topics"));
}

// `smr learn hold` must mean one page: a topic may not take a technique's or a region's id.
TEST(LearnLoaderTest, ATopicIdThatIsATechniqueOrRegionIdIsRefused) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "id = \"what-fascia-is\"", "id = \"hold\"");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("learn.toml:2: Learn topic \"hold\", field \"id\": \"hold\" is also the id of a technique "
                          "(techniques.toml:1); `smr learn hold` could not tell them apart: choose another id"));
}

TEST(LearnLoaderTest, ASectionNeedsAHeadingAndText) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", "{ heading = \"Sensors\", text = \"It is full of nerve endings.\" }",
                  "{ heading = \"Sensors\" }");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("learn.toml:10: Learn topic \"what-fascia-is\", field \"sections[2].text\": "
                          "is missing (expected a string)"));
}

TEST(LearnLoaderTest, ATopicNeedsAtLeastOneSection) {
  auto catalog = with_learn();
  catalog.replace("learn.toml", R"(sections = [
  { heading = "One web", text = "It links every muscle.", points = ["Head to toe."], rules = ["R1"], sources = ["S1"] },
  { heading = "Sensors", text = "It is full of nerve endings." },
]
)",
                  "sections = []\n");
  EXPECT_THAT(catalog.errors(), ElementsAre("learn.toml:8: Learn topic \"what-fascia-is\", field \"sections\": needs "
                                            "at least 1 entry, got 0"));
}

}  // namespace
}  // namespace smr::catalog
