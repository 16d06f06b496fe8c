// smr learn [TOPIC] (issue 15, item 12), run as a person would: the list, one topic, a technique's and a
// region's page, an unknown topic, JSON; and the "Learn more" links of the catalog's exercise pages.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "process.h"

namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::StartsWith;

ProcessResult smr(std::vector<std::string> args) {
  args.insert(args.begin(), SMR_BINARY);
  return run_process(args);
}

TEST(LearnCliTest, WithoutATopicListsTopicsTechniquesAndRegions) {
  const auto r = smr({"learn"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Learn: "));
  for (const char* id : {"fascia", "how-rolling-works", "injury-cycle", "sensation-vs-pain", "choosing-tools",
                         "see-a-clinician-first", "never-while-driving"}) {
    EXPECT_THAT(r.out, HasSubstr(id)) << id;
  }
  EXPECT_THAT(r.out, HasSubstr("Techniques: locate, hold"));
  EXPECT_THAT(r.out, HasSubstr("Body regions: plantar-fascia"));
  EXPECT_THAT(r.out, HasSubstr("not medical advice"));
}

TEST(LearnCliTest, ATopicShowsItsSectionsWithTheirSourcesAndWhatToReadNext) {
  const auto r = smr({"learn", "how-rolling-works"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Why rolling helps: three explanations  [how-rolling-works]\n"));
  EXPECT_THAT(r.out, HasSubstr("1. Breaking up or releasing tissue: largely discarded  (S20, S19)\n"));
  EXPECT_THAT(r.out, HasSubstr("3. Moving water into tissue: lab evidence only  (S21)\n"));
  EXPECT_THAT(r.out, HasSubstr("  - S21: Schleip R et al. 2012."));
  EXPECT_THAT(r.out, HasSubstr("Learn more\n  - smr learn fascia (What fascia is)\n"));
}

TEST(LearnCliTest, ATechniqueAndARegionHaveLearnPagesToo) {
  const auto hold = smr({"learn", "hold"});
  ASSERT_EQ(hold.exit_code, 0) << hold.err;
  EXPECT_THAT(hold.out, StartsWith("Hold and breathe  [hold]\nTechnique\n"));
  EXPECT_THAT(hold.out, HasSubstr("How to do it\n"));
  EXPECT_THAT(hold.out, HasSubstr("smr learn how-rolling-works"));

  const auto calves = smr({"learn", "calves"});
  ASSERT_EQ(calves.exit_code, 0) << calves.err;
  EXPECT_THAT(calves.out, StartsWith("Calves  [calves]\nBody region\n"));
  EXPECT_THAT(calves.out, HasSubstr("[calves-roller]\n"));
}

TEST(LearnCliTest, AnUnknownTopicSuggestsTheClosestAndFails) {
  const auto r = smr({"learn", "fascai"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "smr: there is no Learn topic, technique or region \"fascai\"; did you mean \"fascia\"? List them with: "
            "smr learn\n");
}

TEST(LearnCliTest, JsonGivesTheIndexAndOnePage) {
  const auto index = smr({"learn", "--json"});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  const auto i = bj::parse(index.out).as_object();
  EXPECT_EQ(i.at("topics").as_array().at(0).at("id").as_string(), "fascia");
  EXPECT_EQ(i.at("techniques").as_array().at(0).at("kind").as_string(), "technique");
  EXPECT_EQ(i.at("regions").as_array().at(0).at("kind").as_string(), "region");

  const auto page = smr({"learn", "sensation-vs-pain", "--json"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const auto p = bj::parse(page.out).as_object();
  EXPECT_EQ(p.at("kind").as_string(), "topic");
  EXPECT_FALSE(p.at("references").as_array().empty());
  EXPECT_EQ(p.at("evidence").at("rules").as_array().at(0).as_string(), "R3");
}

TEST(LearnCliTest, AnExercisePageLinksItsTechniquesAndRegionIntoLearn) {
  const auto r = smr({"catalog", "show", "calves-roller"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Learn more\n  - smr learn "));
  EXPECT_THAT(r.out, HasSubstr("  - smr learn calves (region: Calves)\n"));
}

// A content author's edit with a source that does not exist is caught by `smr catalog validate` and by every
// command that loads the catalog.
TEST(LearnCliTest, ALearnTopicCitingAnUnknownSourceMakesTheCatalogInvalid) {
  const fs::path dir = fs::temp_directory_path() / ("smr-learn-cli-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(SMR_SOURCE_DIR) / "catalog", dir, fs::copy_options::recursive);
  std::ofstream(dir / "learn.toml", std::ios::app)
      << "\n[[learn]]\nid = \"made-up\"\ntitle = \"Made up\"\nsummary = \"A claim.\"\nsources = [\"S999\"]\n"
         "sections = [{ heading = \"Claim\", text = \"Something.\" }]\n";
  const auto validate = smr({"catalog", "validate", dir.string()});
  const auto learn = smr({"--catalog", dir.string(), "learn"});
  fs::remove_all(dir);
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_THAT(validate.out, HasSubstr("learn.toml:"));
  EXPECT_THAT(validate.out, HasSubstr("Learn topic \"made-up\", field \"sources\": unknown source \"S999\""));
  EXPECT_EQ(learn.exit_code, 1);
}

}  // namespace
