#include <gtest/gtest.h>

#include "core/region.h"
#include "core/tool.h"

namespace smr::core {
namespace {

Tool make_tool(ToolKind kind, Density density, bool vibration = false, Texture texture = Texture::kSmooth) {
  Tool t;
  t.id = "t";
  t.kind = kind;
  t.density = density;
  t.vibration = vibration;
  t.texture = texture;
  return t;
}

TEST(ToolSelectorTest, SinglePropertyMatchesToolsWithIt) {
  const auto firm = ToolSelector::parse("firm");
  ASSERT_TRUE(firm);
  EXPECT_TRUE(firm->matches(make_tool(ToolKind::kBall, Density::kFirm)));
  EXPECT_FALSE(firm->matches(make_tool(ToolKind::kBall, Density::kSoft)));
}

TEST(ToolSelectorTest, JoinedPropertiesMustAllMatch) {
  const auto sel = ToolSelector::parse("roller+firm");
  ASSERT_TRUE(sel);
  EXPECT_TRUE(sel->matches(make_tool(ToolKind::kRoller, Density::kFirm)));
  EXPECT_FALSE(sel->matches(make_tool(ToolKind::kRoller, Density::kMedium)));
  EXPECT_FALSE(sel->matches(make_tool(ToolKind::kBall, Density::kFirm)));
}

TEST(ToolSelectorTest, VibrationAndTextureAreProperties) {
  EXPECT_TRUE(ToolSelector::parse("vibration")->matches(make_tool(ToolKind::kRoller, Density::kFirm, true)));
  EXPECT_FALSE(ToolSelector::parse("vibration")->matches(make_tool(ToolKind::kRoller, Density::kFirm, false)));
  EXPECT_TRUE(ToolSelector::parse("textured")
                  ->matches(make_tool(ToolKind::kRoller, Density::kMedium, false, Texture::kTextured)));
}

TEST(ToolSelectorTest, AnyMatchesEverything) {
  EXPECT_TRUE(ToolSelector::parse("any")->matches(make_tool(ToolKind::kStick, Density::kSoft)));
}

TEST(ToolSelectorTest, RejectsUnknownEmptyAndContradictoryParts) {
  EXPECT_FALSE(ToolSelector::parse(""));
  EXPECT_FALSE(ToolSelector::parse("hard"));
  EXPECT_FALSE(ToolSelector::parse("roller+"));
  EXPECT_FALSE(ToolSelector::parse("+roller"));
  EXPECT_FALSE(ToolSelector::parse("roller+ball"));
  EXPECT_FALSE(ToolSelector::parse("soft+firm"));
}

TEST(ToolSelectorTest, KeepsItsTextForMessages) { EXPECT_EQ(ToolSelector::parse("ball+firm")->text(), "ball+firm"); }

TEST(ToolAllowedOnTest, ForbiddenByAnyNeverRollZoneOfTheRegion) {
  Region low_back;
  low_back.id = "low-back";
  low_back.never_roll.push_back({"lumbar-spine", {*ToolSelector::parse("roller")}});
  low_back.never_roll.push_back({"kidney-area", {*ToolSelector::parse("firm")}});
  EXPECT_FALSE(tool_allowed_on(low_back, make_tool(ToolKind::kRoller, Density::kSoft)));
  EXPECT_FALSE(tool_allowed_on(low_back, make_tool(ToolKind::kBall, Density::kFirm)));
  EXPECT_TRUE(tool_allowed_on(low_back, make_tool(ToolKind::kBall, Density::kMedium)));
}

TEST(ToolAllowedOnTest, KeepOffZonesWithoutForbidAllowEveryTool) {
  Region calves;
  calves.never_roll.push_back({"knee-joint", {}});
  EXPECT_TRUE(tool_allowed_on(calves, make_tool(ToolKind::kRoller, Density::kFirm, true)));
}

}  // namespace
}  // namespace smr::core
