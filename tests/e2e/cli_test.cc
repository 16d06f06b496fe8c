// The real smr binary, run as a person would run it.

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "process.h"

namespace {

using smr::test::ProcessResult;
using smr::test::run_process;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

ProcessResult smr(std::vector<std::string> args) {
  args.insert(args.begin(), SMR_BINARY);
  return run_process(args);
}

namespace fs = std::filesystem;

// A copy of the repository's catalog/ folder in a fresh temp dir, for tests that edit it.
class CatalogCopy {
 public:
  CatalogCopy() {
    dir_ =
        fs::temp_directory_path() / ("smr-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::remove_all(dir_);
    fs::copy(fs::path(SMR_SOURCE_DIR) / "catalog", dir_, fs::copy_options::recursive);
  }
  ~CatalogCopy() { fs::remove_all(dir_); }
  CatalogCopy(const CatalogCopy&) = delete;
  CatalogCopy& operator=(const CatalogCopy&) = delete;

  std::string path() const { return dir_.string(); }
  void append(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel, std::ios::app) << text; }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

TEST(CliTest, NoArgumentsPrintsHelpWithSubcommands) {
  const auto r = smr({});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("catalog"));
  EXPECT_THAT(r.out, HasSubstr("not medical advice"));
}

TEST(CliTest, CatalogWithoutSubcommandPrintsOverview) {
  const auto r = smr({"catalog"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("body regions"));
  EXPECT_THAT(r.out, HasSubstr("smr catalog search WORDS"));
}

TEST(CliTest, RegionsListsEveryRegionWithSides) {
  const auto r = smr({"catalog", "regions"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("ID"));
  EXPECT_THAT(r.out, HasSubstr("plantar-fascia"));
  EXPECT_THAT(r.out, HasSubstr("left/right"));
  EXPECT_THAT(r.out, HasSubstr("centre"));
}

TEST(CliTest, ListingsAlsoPrintJson) {
  for (const char* what : {"regions", "tools", "techniques", "exercises"}) {
    const auto r = smr({"catalog", what, "--json"});
    EXPECT_EQ(r.exit_code, 0) << what << ": " << r.err;
    EXPECT_THAT(r.out, StartsWith("[\n  {\n    \"id\": ")) << what;
  }
}

TEST(CliTest, ExercisesFilterByRegionToolAndContext) {
  const auto r = smr({"catalog", "exercises", "--region", "calves", "--tool", "foam-roller-medium"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("calves-roller"));
  EXPECT_THAT(r.out, Not(HasSubstr("hamstrings")));

  const auto call = smr({"catalog", "exercises", "--context", "call", "--json"});
  EXPECT_EQ(call.exit_code, 0) << call.err;
  EXPECT_THAT(call.out, HasSubstr("\"hands_free\": true"));
  EXPECT_THAT(call.out, Not(HasSubstr("\"hands_free\": false")));
  EXPECT_THAT(call.out, Not(HasSubstr("\"position\": \"floor-")));
}

TEST(CliTest, UnknownRegionFilterNamesTheClosestRegion) {
  const auto r = smr({"catalog", "exercises", "--region", "calfs"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "smr: --region: unknown region \"calfs\"; did you mean \"calves\"? The regions are listed by: smr "
            "catalog regions\n");
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, UnknownContextListsTheValidContexts) {
  const auto r = smr({"catalog", "exercises", "--context", "beach"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "smr: --context: \"beach\" is not valid; expected \"floor\", \"seated\", \"standing\", \"desk\" or "
            "\"call\"\n");
}

TEST(CliTest, UnknownFlagIsAUsageError) {
  const auto r = smr({"catalog", "regions", "--colour"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--colour"));
  EXPECT_THAT(r.err, HasSubstr("smr --help"));
}

TEST(CliTest, ShowExerciseReadsAsNumberedStepsWithSideCueAndEvidence) {
  const auto r = smr({"catalog", "show", "calves-roller"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\nSteps\n  1. "));
  EXPECT_THAT(r.out, HasSubstr("\n  2. "));
  EXPECT_THAT(r.out, HasSubstr("do your left side first, then switch sides"));
  EXPECT_THAT(r.out, HasSubstr("Lighter: "));
  EXPECT_THAT(r.out, HasSubstr("Stronger: "));
  EXPECT_THAT(r.out, HasSubstr("Never roll here"));
  EXPECT_THAT(r.out, HasSubstr("Why: R1"));
  EXPECT_THAT(r.out, HasSubstr("not medical advice"));
  for (std::size_t start = 0, end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1) {
    EXPECT_LE(end - start, 78U) << "line too long: " << r.out.substr(start, end - start);
  }
}

TEST(CliTest, ShowMidlineExerciseHasNoSwitchSidesCue) {
  const auto r = smr({"catalog", "show", "thoracic-spine-ball-chair"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("switch sides")));
}

TEST(CliTest, ShowFindsEveryKindOfEntry) {
  for (const char* id : {"calves", "lacrosse-ball", "hold", "pregnancy", "calf-swelling", "lumbar-spine",
                         "superficial-back", "R3", "S16"}) {
    const auto r = smr({"catalog", "show", id});
    EXPECT_EQ(r.exit_code, 0) << id << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr(id)) << id;
  }
}

TEST(CliTest, ShowUnknownIdSuggestsAndFails) {
  const auto r = smr({"catalog", "show", "calves-rollr"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "smr: nothing in the catalog has the id \"calves-rollr\"; did you mean \"calves-roller\"? Find ids "
            "with: smr catalog search WORDS\n");
}

TEST(CliTest, SearchRanksNameMatchesFirst) {
  const auto r = smr({"catalog", "search", "lacrosse", "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("[\n  {\n    \"kind\": \"tool\",\n    \"id\": \"lacrosse-ball\""));
}

TEST(CliTest, SearchWithNoMatchSaysSo) {
  const auto r = smr({"catalog", "search", "zzzqqq"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, StartsWith("Nothing matches."));
}

TEST(CliTest, ValidateAcceptsTheShippedCatalog) {
  const auto r = smr({"catalog", "validate", std::string(SMR_SOURCE_DIR) + "/catalog"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("is valid: 28 regions"));
}

TEST(CliTest, ValidateListsEveryErrorAndExitsOne) {
  CatalogCopy copy;
  copy.append("regions.toml", "\n[[region]]\nid = \"Bad Id\"\n");
  copy.append("tools.toml", "\n[[tool]]\nid = \"foam-roller-soft\"\n");
  const auto r = smr({"catalog", "validate", copy.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("\"Bad Id\" is not a valid id"));
  EXPECT_THAT(r.out, HasSubstr("field \"id\": duplicate id; first defined at " + copy.path() + "/tools.toml:"));
  EXPECT_THAT(r.out, HasSubstr(" errors in " + copy.path() + "\n"));
  EXPECT_THAT(r.err, HasSubstr("is not valid"));
}

TEST(CliTest, ValidateJsonReportsErrorsAsObjects) {
  CatalogCopy copy;
  copy.append("regions.toml", "\n[[region]]\nid = \"x\"\nsides = 2\n");
  const auto r = smr({"catalog", "validate", copy.path(), "--json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("\"valid\": false"));
  EXPECT_THAT(r.out, HasSubstr("\"field\": \"sides\""));
}

TEST(CliTest, ValidateMissingDirectoryFails) {
  const auto r = smr({"catalog", "validate", "/nonexistent/catalog"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("/nonexistent/catalog: is not a directory; expected a folder of catalog .toml files"));
}

TEST(CliTest, CatalogOptionLoadsAnEditedCopy) {
  CatalogCopy copy;
  copy.append("exercises/my-own.toml", R"(
[[exercise]]
id = "calves-trainer-special"
name = "Trainer's calf press"
region = "calves"
tools = ["therapy-ball-medium"]
position = "floor-seated"
level = "regular"
contexts = ["floor"]
hands_free = false
summary = "A trainer's own variation."
steps = ["Sit down.", "Put the ball under the calf.", "Breathe slowly."]
cues = ["Slow breaths.", "Soft shoulders."]
mistakes = ["Holding your breath.", "Rushing."]
lighter = "Less weight."
stronger = "More weight."
techniques = ["hold", "breathing"]
dose = { sets = 2, set_s = 45, hold_s = 30 }
rules = ["R1"]
sources = ["S1"]
)");
  const auto r = smr({"--catalog", copy.path(), "catalog", "exercises", "--region", "calves"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("calves-trainer-special"));
  const auto builtin = smr({"catalog", "exercises", "--region", "calves"});
  EXPECT_THAT(builtin.out, Not(HasSubstr("calves-trainer-special")));
}

TEST(CliTest, InvalidCatalogOptionFailsWithTheErrorList) {
  CatalogCopy copy;
  copy.append("tools.toml", "\n[[tool]]\nid = \"foam-roller-soft\"\n");
  const auto r = smr({"--catalog", copy.path(), "catalog", "regions"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, StartsWith("smr: the catalog in " + copy.path() + " has "));
  EXPECT_THAT(r.err, HasSubstr("duplicate id"));
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, BinaryWorksWithNoCatalogFilesBesideIt) {
  // The catalog is compiled in: a copy of the binary alone in an empty folder still knows everything.
  const fs::path dir = fs::temp_directory_path() / ("smr-alone-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(SMR_BINARY, dir / "smr", fs::copy_options::overwrite_existing);
  const auto r = run_process({(dir / "smr").string(), "catalog", "show", "S1"});
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Behm"));
}

}  // namespace
