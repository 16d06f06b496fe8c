// Self-test guides (issue 6): the values a person types are checked against the guide, values are shown in
// their units, and the built-in catalog has a complete guide for every test that has a smallest real change
// (core::kSmallestRealChanges), and none for a test without one.

#include "core/self_test_guide.h"

#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "core/progress_self_test.h"

namespace smr::core {
namespace {

using ::testing::IsEmpty;

SelfTestGuide knee_to_wall() {
  SelfTestGuide g;
  g.id = "knee-to-wall";
  g.unit = TestUnit::kCm;
  g.min_value = 0;
  g.max_value = 60;
  return g;
}

SelfTestGuide sit_and_reach() {
  SelfTestGuide g = knee_to_wall();
  g.id = "sit-and-reach";
  g.laterality = Laterality::kMidline;
  g.min_value = -50;
  g.max_value = 50;
  return g;
}

SelfTestGuide thomas() {
  SelfTestGuide g;
  g.id = "thomas-test";
  g.unit = TestUnit::kPassFail;
  g.min_value = 0;
  g.max_value = 1;
  return g;
}

TEST(SelfTestValueTest, AcceptsNumbersWithinTheRange) {
  EXPECT_EQ(parse_test_value(knee_to_wall(), "9.5"), 9.5);
  EXPECT_EQ(parse_test_value(knee_to_wall(), "0"), 0.0);
  EXPECT_EQ(parse_test_value(knee_to_wall(), "60"), 60.0);
  EXPECT_EQ(parse_test_value(sit_and_reach(), "-4"), -4.0);
  EXPECT_EQ(parse_test_value(sit_and_reach(), "+3.5"), 3.5);
}

TEST(SelfTestValueTest, RefusesValuesOutsideTheRangeNamingIt) {
  EXPECT_EQ(parse_test_value(knee_to_wall(), "75").error(), "75 is out of range; expected 0 to 60 cm");
  EXPECT_EQ(parse_test_value(knee_to_wall(), "-1").error(), "-1 is out of range; expected 0 to 60 cm");
  EXPECT_EQ(parse_test_value(sit_and_reach(), "51").error(), "51 is out of range; expected -50 to 50 cm");
}

TEST(SelfTestValueTest, RefusesTextThatIsNotANumber) {
  for (const char* bad : {"", "abc", "9,5", "9.5cm", "1e1", "nan", "inf", "-", " 9"}) {
    EXPECT_EQ(parse_test_value(knee_to_wall(), bad).error(),
              "\"" + std::string(bad) + "\" is not a number; expected 0 to 60 cm")
        << bad;
  }
}

TEST(SelfTestValueTest, PassFailTakesWordsOrOneAndZero) {
  EXPECT_EQ(parse_test_value(thomas(), "pass"), 1.0);
  EXPECT_EQ(parse_test_value(thomas(), "PASS"), 1.0);
  EXPECT_EQ(parse_test_value(thomas(), "1"), 1.0);
  EXPECT_EQ(parse_test_value(thomas(), "fail"), 0.0);
  EXPECT_EQ(parse_test_value(thomas(), "0"), 0.0);
  EXPECT_EQ(parse_test_value(thomas(), "0.5").error(), "\"0.5\" is not valid; expected \"pass\", \"fail\", 1 or 0");
  EXPECT_EQ(parse_test_value(thomas(), "maybe").error(), "\"maybe\" is not valid; expected \"pass\", \"fail\", 1 or 0");
}

TEST(SelfTestValueTest, FormatsValuesAndChangesInTheirUnits) {
  EXPECT_EQ(format_test_value(TestUnit::kCm, 9.5), "9.5 cm");
  EXPECT_EQ(format_test_value(TestUnit::kCm, 9.75), "9.75 cm");
  EXPECT_EQ(format_test_value(TestUnit::kDeg, 42), "42 deg");
  EXPECT_EQ(format_test_value(TestUnit::kCm, 1.0 / 3), "0.33 cm");
  EXPECT_EQ(format_test_value(TestUnit::kPassFail, 1), "pass");
  EXPECT_EQ(format_test_value(TestUnit::kPassFail, 0), "fail");
  EXPECT_EQ(format_test_value(TestUnit::kPassFail, 0.5), "mixed");
  EXPECT_EQ(format_test_change(TestUnit::kCm, 1.25), "+1.25 cm");
  EXPECT_EQ(format_test_change(TestUnit::kDeg, -4), "-4 deg");
  EXPECT_EQ(format_test_change(TestUnit::kCm, 0), "0 cm");
  EXPECT_EQ(format_test_change(TestUnit::kCm, -0.001), "0 cm");
  EXPECT_EQ(format_test_change(TestUnit::kPassFail, 1), "+1");
}

// --- the built-in guides ---

const Catalog& builtin() {
  static const Catalog catalog = [] {
    auto c = catalog::load_builtin_catalog();
    if (!c) throw std::runtime_error("the built-in catalog does not load");
    return std::move(*c);
  }();
  return catalog;
}

TEST(SelfTestContentTest, EveryTestWithASmallestRealChangeHasAGuideAndViceVersa) {
  std::set<std::string> with_change;
  for (const auto& s : kSmallestRealChanges) with_change.emplace(s.test);
  std::set<std::string> guided;
  for (const auto& g : builtin().self_tests()) guided.insert(g.id);
  EXPECT_EQ(guided, with_change);
  EXPECT_EQ(builtin().self_tests().size(), kSmallestRealChanges.size());  // no test guided twice
}

TEST(SelfTestContentTest, GuidesAgreeWithTheSmallestRealChanges) {
  for (const auto& g : builtin().self_tests()) {
    SCOPED_TRACE(g.id);
    const auto src = smallest_real_change(g.id);
    ASSERT_TRUE(src.has_value());
    EXPECT_EQ(to_string(g.unit), src->unit);
    // A real change must fit in the range of plausible values.
    EXPECT_LE(src->value, g.max_value - g.min_value);
    // The guide cites every source of its smallest real change that is in the evidence sheet (S65 and S66 are
    // proposed in docs/progress.md, not yet in it).
    std::istringstream ids{std::string(src->sources)};
    for (std::string id; ids >> id;) {
      if (!builtin().find_reference(id)) continue;
      EXPECT_THAT(g.evidence.sources, ::testing::Contains(id)) << "the smallest real change cites " << id;
    }
  }
}

TEST(SelfTestContentTest, GuidesAreCompleteAndCiteR15) {
  for (const auto& g : builtin().self_tests()) {
    SCOPED_TRACE(g.id);
    EXPECT_FALSE(g.name.empty());
    EXPECT_FALSE(g.measures.empty());
    EXPECT_FALSE(g.setup.empty());
    EXPECT_GE(g.steps.size(), 4u);
    EXPECT_FALSE(g.reading.empty());
    EXPECT_GE(g.mistakes.size(), 3u);
    EXPECT_THAT(g.evidence.rules, ::testing::Contains("R15"));  // two baseline trials, smallest real change
    EXPECT_THAT(g.evidence.sources, ::testing::Not(IsEmpty()));
  }
}

TEST(SelfTestContentTest, SidesAndRangesFitEachTest) {
  const auto& c = builtin();
  ASSERT_NE(c.find_self_test("knee-to-wall"), nullptr);
  EXPECT_TRUE(c.find_self_test("knee-to-wall")->paired());
  EXPECT_EQ(c.find_self_test("knee-to-wall")->max_value, 60);
  EXPECT_FALSE(c.find_self_test("sit-and-reach")->paired());   // both legs at once
  EXPECT_LT(c.find_self_test("sit-and-reach")->min_value, 0);  // short of the feet is negative
  EXPECT_TRUE(c.find_self_test("thoracic-rotation")->paired());
  EXPECT_TRUE(c.find_self_test("shoulder-flexion")->paired());
  EXPECT_GE(c.find_self_test("shoulder-flexion")->max_value, 180);
  EXPECT_TRUE(c.find_self_test("thomas-test")->paired());
  EXPECT_EQ(c.find_self_test("thomas-test")->unit, TestUnit::kPassFail);
}

TEST(SelfTestContentTest, GuidesNeverDiagnose) {
  // General guidance: the text never tells a person what they have.
  for (const auto& g : builtin().self_tests()) {
    std::string text = g.measures + " " + g.setup + " " + g.reading;
    for (const auto& s : g.steps) text += " " + s;
    for (const auto& m : g.mistakes) text += " " + m;
    for (const char* word : {"you have ", "diagnos", "injury", "disease"}) {
      EXPECT_EQ(text.find(word), std::string::npos) << g.id << " says \"" << word << "\"";
    }
  }
}

}  // namespace
}  // namespace smr::core
