// Loading catalogs that are not valid: one test per kind of problem the loader reports, each asserting the
// message a content author sees, word for word (file:line, entry, field, what is wrong).
//
// Every test starts from TinyCatalog, a complete valid catalog of a few in-memory files, changes one thing and
// checks the resulting error(s). The line numbers in the expected messages refer to the fixture texts below.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "tiny_catalog.h"

namespace smr::catalog {
namespace {

namespace fs = std::filesystem;
using namespace smr::catalog::fixtures;  // the fixture texts and TinyCatalog
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A fresh directory under the system temp dir, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() / ("smr-loader-errors-test-" + std::to_string(::getpid()) + "-" +
                                           ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

  void write(const fs::path& relative, std::string_view text) const {
    const fs::path full = path_ / relative;
    fs::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out << text;
  }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------------------------------------------------

TEST(LoaderErrorsTest, FixtureIsAValidCatalog) { EXPECT_THAT(TinyCatalog().errors(), IsEmpty()); }

// --- files and top-level keys ---

TEST(LoaderErrorsTest, TomlSyntaxErrorNamesFileAndLine) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "urgency = \"urgent\"", "urgency = \"urgent");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:20: not valid TOML: Error while parsing string: unescaped control "
                          "characters other than TAB (U+0009) are explicitly prohibited"));
}

TEST(LoaderErrorsTest, UnknownTopLevelTableListsTheValidOnes) {
  TinyCatalog catalog;
  catalog.append("regions.toml", "\n[[regoin]]\nid = \"shins\"\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:16: unknown table \"regoin\"; expected one of \"rule\", \"reference\", "
                          "\"line\", \"zone\", \"tool\", \"technique\", \"region\", \"condition\", \"red_flag\", "
                          "\"exercise\", \"lifestyle\", \"self_test\", \"learn\""));
}

// --- lifestyle factors (issue 4) ---

TEST(LoaderErrorsTest, LifestyleFactorRegionsAndWeightsAreChecked) {
  TinyCatalog catalog;
  catalog.add_file("lifestyle.toml", R"([[lifestyle]]
id = "desk-work"
name = "Desk work"
question = "Do you sit most of the day?"
model = "Sitting keeps some muscles short."
regions = [
  { region = "calfs", weight = 2 },
  { region = "calves", weight = 4 },
]
sources = ["S1"]
)");
  EXPECT_THAT(
      catalog.errors(),
      ElementsAre("lifestyle.toml:7: lifestyle factor \"desk-work\", field \"regions[1].region\": unknown region "
                  "\"calfs\"; did you mean \"calves\"?",
                  "lifestyle.toml:8: lifestyle factor \"desk-work\", field \"regions[2].weight\": 4 is out of "
                  "range; expected 1 to 3 (1 = raises the priority a little, 3 = a lot)"));
}

// --- self-test guides (issue 6) ---

TEST(LoaderErrorsTest, SelfTestNeedsASmallestRealChangeWithTheSameUnit) {
  TinyCatalog catalog;
  catalog.add_file("self_tests.toml", R"([[self_test]]
id = "toe-touch"
name = "Toe touch"
measures = "How far you reach."
unit = "cm"
laterality = "midline"
min_value = -50
max_value = 50
setup = "Stand."
steps = ["Bend.", "Reach.", "Measure."]
reading = "Centimetres past the toes."
mistakes = ["Bouncing.", "Bent knees."]
sources = ["S1"]

[[self_test]]
id = "knee-to-wall"
name = "Knee-to-wall"
measures = "Ankle bend."
unit = "deg"
laterality = "paired"
min_value = 0
max_value = 60
setup = "Face a wall."
steps = ["Lunge.", "Touch the wall.", "Measure."]
reading = "Centimetres from the wall."
mistakes = ["Heel lifts.", "Knee drifts."]
sources = ["S1"]
)");
  EXPECT_THAT(
      catalog.errors(),
      ElementsAre("self_tests.toml:2: self-test \"toe-touch\", field \"id\": \"toe-touch\" has no smallest real "
                  "change, so its progress could not be judged; expected \"knee-to-wall\", \"sit-and-reach\", "
                  "\"thoracic-rotation\", \"shoulder-flexion\" or \"thomas-test\"",
                  "self_tests.toml:19: self-test \"knee-to-wall\", field \"unit\": \"deg\" does not match the "
                  "unit of its smallest real change; expected \"cm\""));
}

TEST(LoaderErrorsTest, SelfTestRangeAndPassFailValuesAreChecked) {
  TinyCatalog catalog;
  catalog.add_file("self_tests.toml", R"([[self_test]]
id = "thomas-test"
name = "Thomas test"
measures = "Hip flexors."
unit = "pass-fail"
laterality = "paired"
min_value = 0
max_value = 2
setup = "Lie on a table."
steps = ["Hug a knee.", "Let the leg hang.", "Look."]
reading = "Pass or fail."
mistakes = ["Letting go."]
sources = ["S1"]
)");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("self_tests.toml:7: self-test \"thomas-test\", field \"min_value\": a \"pass-fail\" test "
                          "takes 0 (fail) and 1 (pass): set min_value = 0 and max_value = 1",
                          "self_tests.toml:12: self-test \"thomas-test\", field \"mistakes\": needs at least 2 "
                          "entries, got 1"));
}

TEST(LoaderErrorsTest, LifestyleFactorsAreOptional) {
  TinyCatalog catalog;
  const auto loaded = load_catalog(catalog.files());
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->lifestyle().empty());
  EXPECT_TRUE(loaded->self_tests().empty());  // self-tests are optional too
}

TEST(LoaderErrorsTest, TopLevelKeyMustBeAnArrayOfTables) {
  TinyCatalog catalog;
  catalog.add_file("more.toml", "[technique]\nid = \"cross-fiber\"\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("more.toml:1: \"technique\" must be an array of tables, written [[technique]]"));
}

TEST(LoaderErrorsTest, CatalogWithoutAKindOfEntryIsRejected) {
  TinyCatalog catalog;
  catalog.remove("conditions.toml",
                 "[[red_flag]]\n"
                 "id = \"calf-swelling\"\n"
                 "question = \"Is one calf swollen, warm or red?\"\n"
                 "urgency = \"urgent\"\n"
                 "message = \"Stop and see a clinician today.\"\n"
                 "rules = [\"R1\"]\n"
                 "sources = [\"S1\"]\n");
  EXPECT_THAT(catalog.errors(), ElementsAre("catalog: has no [[red_flag]] entries; every catalog needs some"));
}

// --- fields: presence, type, value ---

TEST(LoaderErrorsTest, MissingRequiredFieldIsReportedAtTheEntry) {
  TinyCatalog catalog;
  catalog.remove("regions.toml", "name = \"Calves\"\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:1: region \"calves\", field \"name\": is missing (expected a string)"));
}

TEST(LoaderErrorsTest, MissingIdNamesTheEntryByPosition) {
  TinyCatalog catalog;
  catalog.remove("conditions.toml", "id = \"calf-swelling\"\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:17: red flag #1, field \"id\": is missing (expected a string)"));
}

TEST(LoaderErrorsTest, WrongTypeNamesExpectedAndActualType) {
  TinyCatalog catalog;
  catalog.replace("tools.toml", "diameter_cm = 15", "diameter_cm = \"15 cm\"");
  EXPECT_THAT(catalog.errors(), ElementsAre("tools.toml:8: tool \"foam-roller-medium\", field \"diameter_cm\": "
                                            "must be a number, got a string"));
}

TEST(LoaderErrorsTest, WrongTypeOfBooleanField) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "hands_free = true", "hands_free = \"yes\"");
  // A hands_free that cannot be read counts as false, so "call" is reported too.
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:28: exercise \"calves-ball-seated\", field \"contexts\": \"call\" "
                          "needs hands_free = true (the person is on a call at a desk)",
                          "exercises/calves.toml:29: exercise \"calves-ball-seated\", field \"hands_free\": must "
                          "be true or false, got a string"));
}

TEST(LoaderErrorsTest, EmptyStringIsRejected) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "summary = \"Roll the back of the lower leg slowly.\"", "summary = \"\"");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:10: exercise \"calves-roller\", field "
                                            "\"summary\": must not be empty"));
}

TEST(LoaderErrorsTest, EmptyStringInAListIsRejected) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "cues = [\"Slow passes.\", \"Breathe.\"]",
                  "cues = [\"Slow passes.\", \"Breathe.\", \"\"]");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:12: exercise \"calves-roller\", field "
                                            "\"cues\": has an empty string"));
}

TEST(LoaderErrorsTest, InvalidEnumValueListsTheChoices) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "laterality = \"paired\"", "laterality = \"both\"");
  EXPECT_THAT(catalog.errors(), ElementsAre("regions.toml:5: region \"calves\", field \"laterality\": \"both\" is "
                                            "not valid; expected \"paired\" or \"midline\""));
}

TEST(LoaderErrorsTest, InvalidEnumValueInAListListsTheChoices) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "contexts = [\"floor\"]", "contexts = [\"floor\", \"gym\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:8: exercise \"calves-roller\", field \"contexts\": \"gym\" is not "
                          "valid; expected \"floor\", \"seated\", \"standing\", \"desk\" or \"call\""));
}

TEST(LoaderErrorsTest, InvalidPositionIsReportedWithoutFollowOnContextErrors) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "position = \"seated\"", "position = \"sitting\"");
  // The contexts cannot be checked against a position that is not valid; they must not be checked against
  // a fallback position the author never wrote.
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:26: exercise \"calves-ball-seated\", field \"position\": "
                          "\"sitting\" is not valid; expected \"floor-back\", \"floor-front\", \"floor-side\", "
                          "\"floor-seated\", \"floor-kneeling\", \"seated\", \"standing\" or \"standing-wall\""));
}

TEST(LoaderErrorsTest, NumberOutOfRangeNamesTheRule) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "hold_s = 30", "hold_s = 90");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:37: exercise \"calves-ball-seated\", field \"dose.hold_s\": 90 is "
                          "out of range; expected 20 to 60 (R8: hold a tender spot 20-60 s)"));
}

TEST(LoaderErrorsTest, SetLengthOutOfRangeNamesTheRule) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "set_s = 60", "set_s = 10");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:17: exercise \"calves-roller\", field \"dose.set_s\": 10 is out of "
                          "range; expected 20 to 120 (R1: a set lasts 20-120 s)"));
}

TEST(LoaderErrorsTest, FractionalNumberOutOfRangeIsPrintedAsWritten) {
  TinyCatalog catalog;
  catalog.replace("tools.toml", "diameter_cm = 6.3", "diameter_cm = 0.5");
  EXPECT_THAT(catalog.errors(), ElementsAre("tools.toml:22: tool \"lacrosse-ball\", field \"diameter_cm\": 0.5 is "
                                            "out of range; expected 2 to 40"));
}

// --- references ---

TEST(LoaderErrorsTest, UnknownRegionReferenceSuggestsClosestId) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "regions = [\"calves\"]", "regions = [\"calfs\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:12: condition \"blood-thinners\", field \"limit[1].regions\": unknown "
                          "region \"calfs\"; did you mean \"calves\"?"));
}

TEST(LoaderErrorsTest, UnknownToolReferenceSuggestsClosestId) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "tools = [\"lacrosse-ball\"]",
                  "tools = [\"lacrosse-ball\", \"foam-roler-medium\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:25: exercise \"calves-ball-seated\", field \"tools\": unknown tool "
                          "\"foam-roler-medium\"; did you mean \"foam-roller-medium\"?"));
}

TEST(LoaderErrorsTest, UnknownReferenceWithoutCloseMatchHasNoHint) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "techniques = [\"slow-roll\"]",
                  "techniques = [\"slow-roll\", \"stretching\"]");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:16: exercise \"calves-roller\", field "
                                            "\"techniques\": unknown technique \"stretching\""));
}

TEST(LoaderErrorsTest, UnknownShortSourceIdSuggestsOnlyIdsOneEditAway) {
  TinyCatalog catalog;
  catalog.replace("evidence.toml", "sources = [\"S1\"]", "sources = [\"S1\", \"S58\", \"S2\"]");
  EXPECT_THAT(
      catalog.errors(),
      ElementsAre("evidence.toml:5: rule \"R1\", field \"sources\": unknown source \"S58\"",
                  "evidence.toml:5: rule \"R1\", field \"sources\": unknown source \"S2\"; did you mean \"S1\"?"));
}

TEST(LoaderErrorsTest, SameReferenceListedTwiceIsReported) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "techniques = [\"slow-roll\"]",
                  "techniques = [\"slow-roll\", \"slow-roll\"]");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:16: exercise \"calves-roller\", field "
                                            "\"techniques\": lists technique \"slow-roll\" twice"));
}

// --- ids ---

TEST(LoaderErrorsTest, DuplicateIdSaysWhereItWasFirstDefined) {
  TinyCatalog catalog;
  catalog.add_file("more-tools.toml", std::string(kTools.substr(kTools.find("[[tool]]\nid = \"lacrosse-ball\""))));
  EXPECT_THAT(catalog.errors(), ElementsAre("more-tools.toml:2: tool \"lacrosse-ball\", field \"id\": duplicate "
                                            "id; first defined at tools.toml:15"));
}

TEST(LoaderErrorsTest, MalformedIdMustBeKebabCase) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "id = \"calves-roller\"", "id = \"calves_Roller\"");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:2: exercise \"calves_Roller\", field \"id\": \"calves_Roller\" is "
                          "not a valid id; use lower-case letters and digits joined by single hyphens, e.g. "
                          "\"calves-roller\""));
}

TEST(LoaderErrorsTest, MalformedRuleIdMustBeRAndANumber) {
  TinyCatalog catalog;
  catalog.append("evidence.toml", "\n[[rule]]\nid = \"r2\"\nsummary = \"s\"\nlevel = \"low\"\nsources = [\"S1\"]\n");
  EXPECT_THAT(catalog.errors(), ElementsAre("evidence.toml:12: rule \"r2\", field \"id\": \"r2\" is not a valid "
                                            "id; expected R followed by a number, e.g. \"R1\""));
}

TEST(LoaderErrorsTest, MalformedSourceIdMustBeSAndANumber) {
  TinyCatalog catalog;
  catalog.append("evidence.toml", "\n[[reference]]\nid = \"S-2\"\ncitation = \"c\"\n");
  EXPECT_THAT(catalog.errors(), ElementsAre("evidence.toml:12: source \"S-2\", field \"id\": \"S-2\" is not a "
                                            "valid id; expected S followed by a number, e.g. \"S1\""));
}

// --- unknown fields and list lengths ---

TEST(LoaderErrorsTest, UnknownFieldListsTheValidFields) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "aliases = [\"calf\"]\n", "aliases = [\"calf\"]\ncolour = \"red\"\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:7: region \"calves\", field \"colour\": unknown field; valid fields here "
                          "are: aliases, description, group, id, laterality, lines, map, name, never_roll"));
}

TEST(LoaderErrorsTest, MistypedDoseFieldIsCaughtAsUnknown) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "dose = { sets = 2, set_s = 60, pass_s = 3 }",
                  "dose = { sets = 2, set_s = 60, pass_s = 3, hold_sec = 30 }");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:17: exercise \"calves-roller\", field \"dose.hold_sec\": unknown "
                          "field; valid fields here are: hold_s, pass_s, set_s, sets"));
}

TEST(LoaderErrorsTest, TooFewStepsIsReported) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", ", \"Lift your hips.\"", "");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:11: exercise \"calves-roller\", field "
                                            "\"steps\": needs at least 3 entries, got 2"));
}

// --- exercise consistency ---

TEST(LoaderErrorsTest, ContextThatDoesNotFitThePositionIsReported) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "contexts = [\"floor\"]", "contexts = [\"floor\", \"desk\"]");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:8: exercise \"calves-roller\", field "
                                            "\"contexts\": \"desk\" does not fit position \"floor-seated\""));
}

TEST(LoaderErrorsTest, CallContextNeedsHandsFree) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "hands_free = true", "hands_free = false");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:28: exercise \"calves-ball-seated\", field \"contexts\": \"call\" "
                          "needs hands_free = true (the person is on a call at a desk)"));
}

TEST(LoaderErrorsTest, HoldTechniqueNeedsDoseHoldS) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "set_s = 45, hold_s = 30", "set_s = 45");
  EXPECT_THAT(
      catalog.errors(),
      ElementsAre("exercises/calves.toml:37: exercise \"calves-ball-seated\", field \"dose.hold_s\": is missing; "
                  "it is required because \"hold\" is one of the techniques"));
}

TEST(LoaderErrorsTest, SlowRollTechniqueNeedsDosePassS) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "set_s = 60, pass_s = 3", "set_s = 60");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:17: exercise \"calves-roller\", field \"dose.pass_s\": is missing; it "
                          "is required because \"slow-roll\" is one of the techniques"));
}

TEST(LoaderErrorsTest, MissingDoseIsReported) {
  TinyCatalog catalog;
  catalog.remove("exercises/calves.toml", "dose = { sets = 2, set_s = 60, pass_s = 3 }\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:1: exercise \"calves-roller\", field \"dose\": is missing "
                          "(expected a table such as { sets = 2, set_s = 45, hold_s = 30, pass_s = 3 })"));
}

TEST(LoaderErrorsTest, PinAndMoveNeedsAMove) {
  TinyCatalog catalog;
  catalog.remove("exercises/calves.toml", "move = { reps = 8, cue = \"Point and flex the foot slowly.\" }\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:21: exercise \"calves-ball-seated\", field \"move\": is missing; "
                          "it is required because \"contract-relax\" or \"pin-and-move\" is one of the techniques"));
}

TEST(LoaderErrorsTest, ContractRelaxNeedsAMove) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "techniques = [\"slow-roll\"]",
                  "techniques = [\"slow-roll\", \"contract-relax\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:1: exercise \"calves-roller\", field \"move\": is missing; it is "
                          "required because \"contract-relax\" or \"pin-and-move\" is one of the techniques"));
}

TEST(LoaderErrorsTest, MoveWithoutAMoveTechniqueIsReported) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "dose = { sets = 2, set_s = 60, pass_s = 3 }\n",
                  "dose = { sets = 2, set_s = 60, pass_s = 3 }\nmove = { reps = 8, cue = \"Flex the foot.\" }\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:18: exercise \"calves-roller\", field \"move\": is set but neither "
                          "\"contract-relax\" nor \"pin-and-move\" is a technique"));
}

TEST(LoaderErrorsTest, HoldLongerThanTheSetIsReported) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "hold_s = 30", "hold_s = 50");
  EXPECT_THAT(catalog.errors(), ElementsAre("exercises/calves.toml:37: exercise \"calves-ball-seated\", field "
                                            "\"dose.hold_s\": must not be longer than set_s"));
}

// --- tools and never-roll zones ---

TEST(LoaderErrorsTest, ToolForbiddenByANeverRollZoneIsRejected) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "forbid = []", "forbid = [\"firm\"]");
  // The fixture has one region, so the firm ball also "suits" a region that now forbids it: both are reported.
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:25: exercise \"calves-ball-seated\", field \"tools\": tool "
                          "\"lacrosse-ball\" is not allowed on region \"calves\": never-roll zone \"knee-joint\" "
                          "forbids \"firm\"",
                          "tools.toml:15: tool \"lacrosse-ball\", field \"suits\": region \"calves\" forbids this "
                          "tool (never-roll zone \"knee-joint\" forbids \"firm\")"));
}

TEST(LoaderErrorsTest, ToolThatSuitsARegionForbiddingItIsRejected) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "forbid = []", "forbid = [\"ball+firm\"]");
  catalog.replace("exercises/calves.toml", "tools = [\"lacrosse-ball\"]", "tools = [\"foam-roller-medium\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("tools.toml:15: tool \"lacrosse-ball\", field \"suits\": region \"calves\" forbids this "
                          "tool (never-roll zone \"knee-joint\" forbids \"ball+firm\")"));
}

TEST(LoaderErrorsTest, BadToolSelectorListsTheProperties) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "forbid = []", "forbid = [\"rollers\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:13: region \"calves\", field \"never_roll[1].forbid\": \"rollers\" is not a "
                          "tool selector; expected one or more of \"roller\", \"ball\", \"double-ball\", \"stick\", "
                          "\"soft\", \"medium\", \"firm\", \"textured\", \"vibration\", joined by '+' (all must "
                          "match), or \"any\""));
}

TEST(LoaderErrorsTest, SelectorWithTwoKindsIsRejected) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "forbid = [\"firm\"]", "forbid = [\"roller+ball\"]");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:13: condition \"blood-thinners\", field \"limit[1].forbid\": "
                          "\"roller+ball\" is not a tool selector; expected one or more of \"roller\", \"ball\", "
                          "\"double-ball\", \"stick\", \"soft\", \"medium\", \"firm\", \"textured\", "
                          "\"vibration\", joined by '+' (all must match), or \"any\""));
}

TEST(LoaderErrorsTest, UnknownNeverRollZoneSuggestsClosestId) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "zone = \"knee-joint\"", "zone = \"knee\"");
  EXPECT_THAT(catalog.errors(), ElementsAre("regions.toml:13: region \"calves\", field \"never_roll[1].zone\": "
                                            "unknown zone \"knee\""));
}

// --- conditions ---

TEST(LoaderErrorsTest, BlockConditionNeedsSomethingBlocked) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "effect = \"clearance\"", "effect = \"block\"");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:4: condition \"blood-thinners\", field \"effect\": \"block\" needs "
                          "block_regions or block_named_area = true"));
}

TEST(LoaderErrorsTest, ConditionLimitNeedsForbidPositionsOrIntensityMax) {
  TinyCatalog catalog;
  catalog.remove("conditions.toml", "forbid = [\"firm\"]\nintensity_max = 4\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:11: condition \"blood-thinners\", field \"limit[1]\": sets none of "
                          "forbid, positions or intensity_max; a limit needs at least one"));
}

// Issue 15: a limit may rule out positions alone (pregnancy: not lying on the back).
TEST(LoaderErrorsTest, ConditionLimitWithOnlyPositionsIsValidIssue15) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "forbid = [\"firm\"]\nintensity_max = 4\n",
                  "positions = [\"floor-back\", \"floor-front\"]\n");
  EXPECT_THAT(catalog.errors(), IsEmpty());
}

TEST(LoaderErrorsTest, ConditionLimitPositionMustBeAnExercisePositionIssue15) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "intensity_max = 4\n", "intensity_max = 4\npositions = [\"lying-down\"]\n");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:15: condition \"blood-thinners\", field \"limit[1].positions\": "
                          "\"lying-down\" is not valid; expected \"floor-back\", \"floor-front\", \"floor-side\", "
                          "\"floor-seated\", \"floor-kneeling\", \"seated\", \"standing\" or \"standing-wall\""));
}

// Issue 15: tools.toml `suits` is enforced. The fixture's lacrosse ball is made to suit only a new region,
// so the calves exercise that uses it is rejected (the new region, with no exercises, is reported too).
TEST(LoaderErrorsTest, ToolThatDoesNotSuitTheExercisesRegionIsRejectedIssue15) {
  TinyCatalog catalog;
  catalog.append("regions.toml",
                 "\n[[region]]\nid = \"shins\"\nname = \"Shins\"\ngroup = \"foot-and-lower-leg\"\n"
                 "laterality = \"paired\"\naliases = []\ndescription = \"The front of the lower leg.\"\nlines = []\n"
                 "map = [{ view = \"front\", cx = 122, cy = 330, rx = 6, ry = 26 }]\nnever_roll = []\n");
  catalog.replace("tools.toml", "suits = [\"calves\"]\ndescription = \"A small",
                  "suits = [\"shins\"]\ndescription = \"A small");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:25: exercise \"calves-ball-seated\", field \"tools\": tool "
                          "\"lacrosse-ball\" does not suit region \"calves\" (it is not in the tool's suits); add the "
                          "region to the tool's suits or choose one of \"foam-roller-medium\"",
                          "regions.toml:16: region \"shins\": has 0 exercises (0 for beginners); every region needs at "
                          "least 2, at least one with level = \"beginner\""));
}

TEST(LoaderErrorsTest, ConditionIntensityAboveTheCeilingNamesTheRule) {
  TinyCatalog catalog;
  catalog.replace("conditions.toml", "intensity_max = 4", "intensity_max = 8");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("conditions.toml:14: condition \"blood-thinners\", field \"limit[1].intensity_max\": 8 is "
                          "out of range; expected 1 to 7 (R3: 7 of 10 is the usual ceiling)"));
}

// --- region coverage ---

TEST(LoaderErrorsTest, RegionWithOneExerciseIsRejected) {
  TinyCatalog catalog;
  const std::string second(kExercises.substr(kExercises.find("\n[[exercise]]\nid = \"calves-ball-seated\"")));
  catalog.remove("exercises/calves.toml", second);
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:1: region \"calves\": has 1 exercise (1 for beginners); every region needs "
                          "at least 2, at least one with level = \"beginner\""));
}

TEST(LoaderErrorsTest, RegionWithoutABeginnerExerciseIsRejected) {
  TinyCatalog catalog;
  catalog.replace("exercises/calves.toml", "level = \"beginner\"", "level = \"regular\"");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("regions.toml:1: region \"calves\": has 2 exercises (0 for beginners); every region needs "
                          "at least 2, at least one with level = \"beginner\""));
}

// --- body map ---

TEST(LoaderErrorsTest, PolygonPointOffTheCanvasIsReported) {
  TinyCatalog catalog;
  catalog.replace("zones.toml", "[86, 282]", "[210, 282]");
  EXPECT_THAT(catalog.errors(), ElementsAre("zones.toml:6: zone \"knee-joint\", field \"map[1].points\": point "
                                            "(210, 282) is off the 200 x 400 canvas"));
}

TEST(LoaderErrorsTest, EllipseCentreOffTheCanvasIsReported) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "cy = 322", "cy = 420");
  EXPECT_THAT(catalog.errors(), ElementsAre("regions.toml:10: region \"calves\", field \"map[1].cy\": 420 is out "
                                            "of range; expected 0 to 400 (the canvas is 200 x 400)"));
}

TEST(LoaderErrorsTest, PolygonWithTooFewPointsIsReported) {
  TinyCatalog catalog;
  catalog.replace("zones.toml", ", [79, 298]", "");
  EXPECT_THAT(catalog.errors(), ElementsAre("zones.toml:6: zone \"knee-joint\", field \"map[1].points\": must be "
                                            "at least 3 points, each [x, y]"));
}

TEST(LoaderErrorsTest, RegionWithoutAMapShapeIsReported) {
  TinyCatalog catalog;
  catalog.replace("regions.toml", "  { view = \"back\", cx = 80, cy = 322, rx = 11, ry = 28 },\n", "");
  EXPECT_THAT(catalog.errors(), ElementsAre("regions.toml:9: region \"calves\", field \"map\": needs at least 1 "
                                            "entry, got 0"));
}

// --- directories ---

TEST(LoaderErrorsTest, CatalogDirThatDoesNotExistIsReported) {
  const fs::path missing = fs::temp_directory_path() / ("smr-loader-errors-test-missing-" + std::to_string(::getpid()));
  const auto loaded = load_catalog_dir(missing);
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 1U);
  EXPECT_EQ(loaded.error()[0].to_string(),
            missing.string() + ": is not a directory; expected a folder of catalog .toml files");
}

TEST(LoaderErrorsTest, CatalogDirWithoutTomlFilesIsReported) {
  const TempDir dir;
  dir.write("README.md", "Not a catalog.\n");
  dir.write("notes/regions.txt", "Not a catalog either.\n");
  const auto files = read_catalog_dir(dir.path());
  ASSERT_FALSE(files);
  ASSERT_EQ(files.error().size(), 1U);
  EXPECT_EQ(files.error()[0].to_string(), dir.path().string() + ": holds no .toml files; expected a catalog folder");
}

TEST(LoaderErrorsTest, ErrorsInACatalogDirNameTheFileInsideIt) {
  const TempDir dir;
  TinyCatalog catalog;
  catalog.replace("regions.toml", "laterality = \"paired\"", "laterality = \"both\"");
  for (const auto& f : catalog.files()) dir.write(f.path, f.text);
  const auto loaded = load_catalog_dir(dir.path());
  ASSERT_FALSE(loaded);
  ASSERT_EQ(loaded.error().size(), 1U);
  EXPECT_EQ(loaded.error()[0].to_string(),
            (dir.path() / "regions.toml").string() +
                ":5: region \"calves\", field \"laterality\": \"both\" is not valid; expected \"paired\" or "
                "\"midline\"");
}

// --- all at once ---

TEST(LoaderErrorsTest, SeveralErrorsInDifferentFilesAreAllReportedSortedByFileThenLine) {
  TinyCatalog catalog;
  catalog.replace("tools.toml", "diameter_cm = 6.3", "diameter_cm = 0.5");
  catalog.replace("regions.toml", "laterality = \"paired\"", "laterality = \"both\"");
  catalog.replace("exercises/calves.toml", "summary = \"Roll the back of the lower leg slowly.\"", "summary = \"\"");
  // Found before the summary above (ids are checked first) but on a later line.
  catalog.replace("exercises/calves.toml", "id = \"calves-ball-seated\"", "id = \"calves--ball\"");
  EXPECT_THAT(catalog.errors(),
              ElementsAre("exercises/calves.toml:10: exercise \"calves-roller\", field \"summary\": must not be "
                          "empty",
                          "exercises/calves.toml:22: exercise \"calves--ball\", field \"id\": \"calves--ball\" is "
                          "not a valid id; use lower-case letters and digits joined by single hyphens, e.g. "
                          "\"calves-roller\"",
                          "regions.toml:5: region \"calves\", field \"laterality\": \"both\" is not valid; expected "
                          "\"paired\" or \"midline\"",
                          "tools.toml:22: tool \"lacrosse-ball\", field \"diameter_cm\": 0.5 is out of range; "
                          "expected 2 to 40"));
}

}  // namespace
}  // namespace smr::catalog
