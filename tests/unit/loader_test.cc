// Loading catalogs that are valid: the built-in copy, the repository folder, and how fields convert.

#include <algorithm>

#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "tiny_catalog.h"

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

TEST(LoaderTest, AcceptsEntriesAcrossFilesInAnyOrderAndConvertsThem) {
  // Kinds may be spread over files in any order; references resolve across files.
  auto files = fixtures::TinyCatalog().files();
  std::reverse(files.begin(), files.end());
  const auto loaded = load_catalog(files);
  ASSERT_TRUE(loaded) << all_errors(loaded.error());
  const auto& c = *loaded;
  EXPECT_EQ(c.exercises().size(), 2U);

  const auto* zone = c.find_zone("knee-joint");
  ASSERT_NE(zone, nullptr);
  ASSERT_EQ(zone->map.size(), 1U);
  EXPECT_TRUE(zone->map[0].is_polygon());
  EXPECT_EQ(zone->map[0].points.size(), 3U);

  const auto* region = c.find_region("calves");
  ASSERT_NE(region, nullptr);
  EXPECT_TRUE(region->paired());
  EXPECT_EQ(region->map[0].view, core::View::kBack);
  EXPECT_DOUBLE_EQ(region->map[0].ry, 28);

  const auto* cond = c.find_condition("blood-thinners");
  ASSERT_NE(cond, nullptr);
  ASSERT_EQ(cond->limits.size(), 1U);
  EXPECT_EQ(cond->limits[0].regions, std::vector<std::string>{"calves"});
  EXPECT_EQ(cond->limits[0].intensity_max, 4);
  EXPECT_EQ(cond->limits[0].forbid[0].text(), "firm");

  const auto* x = c.find_exercise("calves-ball-seated");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->fits(core::Context::kCall));
  ASSERT_TRUE(x->move.has_value());
  EXPECT_EQ(x->move->reps, 8);
  EXPECT_EQ(x->dose.hold_s, 30);
  EXPECT_FALSE(x->dose.pass_s.has_value());
  EXPECT_EQ(c.find_technique("hold")->default_s, 30);
  EXPECT_EQ(c.find_tool("lacrosse-ball")->density, core::Density::kFirm);
}

}  // namespace
}  // namespace smr::catalog
