// Loading catalogs that are valid: the built-in copy, the repository folder, and how fields convert.

#include <gtest/gtest.h>

#include "catalog/loader.h"

namespace smr::catalog {
namespace {

std::string all_errors(const std::vector<CatalogError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.to_string() + "\n";
  return out;
}

TEST(LoaderTest, BuiltInCatalogLoadsWithoutErrors) {
  const auto loaded = load_builtin_catalog();
  ASSERT_TRUE(loaded) << all_errors(loaded.error());
}

TEST(LoaderTest, BuiltInCatalogIsTheRepositoryFolder) {
  // The compiled-in copy must be regenerated whenever catalog/*.toml changes.
  const auto builtin = load_builtin_catalog();
  const auto folder = load_catalog_dir(std::string(SMR_SOURCE_DIR) + "/catalog");
  ASSERT_TRUE(builtin);
  ASSERT_TRUE(folder) << all_errors(folder.error());
  ASSERT_EQ(builtin->exercises().size(), folder->exercises().size());
  for (std::size_t i = 0; i < builtin->exercises().size(); ++i) {
    EXPECT_EQ(builtin->exercises()[i].id, folder->exercises()[i].id);
    EXPECT_EQ(builtin->exercises()[i].steps, folder->exercises()[i].steps);
  }
  EXPECT_EQ(builtin->regions().size(), folder->regions().size());
  EXPECT_EQ(builtin->references().size(), folder->references().size());
}

TEST(LoaderTest, BuiltInFilesAreNamedForMessages) {
  const auto files = builtin_catalog_files();
  ASSERT_FALSE(files.empty());
  for (const auto& f : files) EXPECT_EQ(f.path.rfind("<built-in>/", 0), 0U) << f.path;
}

TEST(LoaderTest, ConvertsNeverRollSelectorsAndDoses) {
  const auto loaded = load_builtin_catalog();
  ASSERT_TRUE(loaded);
  const auto* low_back = loaded->find_region("low-back");
  ASSERT_NE(low_back, nullptr);
  ASSERT_EQ(low_back->never_roll.size(), 2U);
  EXPECT_EQ(low_back->never_roll[0].zone, "lumbar-spine");
  ASSERT_FALSE(low_back->never_roll[0].forbid.empty());
  EXPECT_EQ(low_back->never_roll[0].forbid[0].text(), "roller");

  const auto* x = loaded->find_exercise("calves-roller");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->dose.sets, 2);
  EXPECT_EQ(x->dose.set_s, 45);
  EXPECT_TRUE(x->dose.pass_s.has_value());
  EXPECT_EQ(x->dose.total_s(), 90);
}

TEST(LoaderTest, AcceptsMinimalEntriesAcrossFilesInAnyOrder) {
  // Kinds may be spread over files in any order; references resolve across files.
  const std::vector<SourceFile> files{{"b.toml", R"(
[[exercise]]
id = "calves-ball"
name = "Calf ball"
region = "calves"
tools = ["ball"]
position = "floor-seated"
level = "beginner"
contexts = ["floor"]
hands_free = false
summary = "s"
steps = ["a", "b", "c"]
cues = ["a", "b"]
mistakes = ["a", "b"]
lighter = "l"
stronger = "s"
techniques = ["hold"]
dose = { sets = 1, set_s = 60, hold_s = 30 }
rules = ["R1"]
sources = ["S1"]

[[exercise]]
id = "calves-ball-2"
name = "Calf ball 2"
region = "calves"
tools = ["ball"]
position = "seated"
level = "regular"
contexts = ["seated", "desk", "call"]
hands_free = true
summary = "s"
steps = ["a", "b", "c"]
cues = ["a", "b"]
mistakes = ["a", "b"]
lighter = "l"
stronger = "s"
techniques = ["hold"]
dose = { sets = 3, set_s = 30, hold_s = 20 }
rules = ["R1"]
sources = ["S1"]
)"},
                                      {"a.toml", R"(
[[rule]]
id = "R1"
summary = "Roll each region about 90 s."
level = "strong"
sources = ["S1"]

[[reference]]
id = "S1"
citation = "Someone 2020."

[[line]]
id = "back-line"
name = "Back line"
support = "strong"
path = "feet to head"
sources = ["S1"]

[[zone]]
id = "knee"
name = "Knee"
why = "Bone and nerves."
map = [{ view = "back", cx = 80, cy = 290, rx = 6, ry = 6 }]
rules = ["R1"]
sources = ["S1"]

[[tool]]
id = "ball"
name = "Ball"
kind = "ball"
density = "medium"
texture = "smooth"
vibration = false
diameter_cm = 10
contact = "precise"
suits = ["calves"]
description = "d"
rules = ["R1"]
sources = ["S1"]

[[technique]]
id = "hold"
name = "Hold"
summary = "s"
how = ["a", "b"]
default_s = 30
min_s = 20
max_s = 60
rules = ["R1"]
sources = ["S1"]

[[region]]
id = "calves"
name = "Calves"
group = "foot-and-lower-leg"
laterality = "paired"
aliases = []
description = "d"
lines = ["back-line"]
map = [{ view = "back", points = [[70, 300], [90, 300], [85, 360]] }]
never_roll = [{ zone = "knee", forbid = [] }]

[[condition]]
id = "pregnancy"
name = "Pregnancy"
effect = "clearance"
message = "Ask first."
block_regions = []
rules = ["R1"]
sources = ["S1"]
[[condition.limit]]
forbid = ["firm", "roller+vibration"]
intensity_max = 5
note = "gently"

[[red_flag]]
id = "calf-swelling"
question = "Is one calf swollen?"
urgency = "urgent"
message = "Stop."
rules = ["R1"]
sources = ["S1"]
)"}};
  const auto loaded = load_catalog(files);
  ASSERT_TRUE(loaded) << all_errors(loaded.error());
  const auto& c = *loaded;
  EXPECT_EQ(c.exercises().size(), 2U);
  const auto* region = c.find_region("calves");
  ASSERT_NE(region, nullptr);
  ASSERT_EQ(region->map.size(), 1U);
  EXPECT_TRUE(region->map[0].is_polygon());
  EXPECT_EQ(region->map[0].view, core::View::kBack);
  const auto* cond = c.find_condition("pregnancy");
  ASSERT_NE(cond, nullptr);
  ASSERT_EQ(cond->limits.size(), 1U);
  EXPECT_TRUE(cond->limits[0].regions.empty());
  EXPECT_EQ(cond->limits[0].intensity_max, 5);
  EXPECT_EQ(cond->limits[0].forbid[1].text(), "roller+vibration");
  const auto* x = c.find_exercise("calves-ball-2");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->fits(core::Context::kCall));
  EXPECT_EQ(c.find_technique("hold")->default_s, 30);
}

}  // namespace
}  // namespace smr::catalog
