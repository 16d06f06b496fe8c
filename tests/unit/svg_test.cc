// The SVG writer (core/svg.h): escaping, number formatting and layout of the output.

#include "core/svg.h"

#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "svg_test_support.h"

namespace smr::core::svg {
namespace {

using smr::testing::parse_or_fail;
using smr::testing::XmlNode;

constexpr const char* kHostile = "<script>&\"'";

TEST(SvgTest, EscapesMarkupInText) { EXPECT_EQ(escape_text(kHostile), "&lt;script&gt;&amp;\"'"); }

TEST(SvgTest, EscapesQuotesInAttributes) { EXPECT_EQ(escape_attribute(kHostile), "&lt;script&gt;&amp;&quot;&apos;"); }

TEST(SvgTest, DropsControlCharactersXmlForbidsAndKeepsLineBreaksInAttributes) {
  EXPECT_EQ(escape_text(std::string("a\x01"
                                    "b\x1f"
                                    "c\td\ne")),
            "abc\td\ne");
  EXPECT_EQ(escape_attribute("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
}

TEST(SvgTest, HostileTextAndAttributeSurviveARoundTrip) {
  Element e("text");
  e.attr("data-x", kHostile).text(kHostile);
  const XmlNode node = parse_or_fail(e.str());
  EXPECT_EQ(node.attr("data-x"), std::string(kHostile));
  EXPECT_EQ(node.text, kHostile);
}

TEST(SvgTest, FormatsNumbersWithAtMostTwoDecimals) {
  EXPECT_EQ(number(80), "80");
  EXPECT_EQ(number(80.5), "80.5");
  EXPECT_EQ(number(1.0 / 3.0), "0.33");
  EXPECT_EQ(number(2.0 / 3.0), "0.67");
  EXPECT_EQ(number(-1.25), "-1.25");
  EXPECT_EQ(number(1234567.891), "1234567.89");
  EXPECT_EQ(number(0.004), "0");
  EXPECT_EQ(number(-0.004), "0");  // not "-0"
  EXPECT_EQ(number(-0.0), "0");
  EXPECT_EQ(number(std::numeric_limits<double>::quiet_NaN()), "0");
  EXPECT_EQ(number(std::numeric_limits<double>::infinity()), "0");
}

TEST(SvgTest, WritesOneElementPerLineIndentedByDepth) {
  Element g("g");
  g.attr("id", "a");
  Element title("title");
  title.text("Left calves: 6/10");
  Element ellipse("ellipse");
  ellipse.attr("cx", 80.0).attr("r", 3).add(std::move(title));
  g.add(std::move(ellipse)).add(Element("rect"));
  EXPECT_EQ(g.str(),
            "<g id=\"a\">\n"
            "  <ellipse cx=\"80\" r=\"3\">\n"
            "    <title>Left calves: 6/10</title>\n"
            "  </ellipse>\n"
            "  <rect/>\n"
            "</g>\n");
}

TEST(SvgTest, RootCarriesNamespaceViewBoxRoleAndLabel) {
  const XmlNode root = parse_or_fail(svg_root(472, 528.5, "Body map").str());
  EXPECT_EQ(root.name, "svg");
  EXPECT_EQ(root.attr("xmlns"), "http://www.w3.org/2000/svg");
  EXPECT_EQ(root.attr("viewBox"), "0 0 472 528.5");
  EXPECT_EQ(root.attr("role"), "img");
  EXPECT_EQ(root.attr("aria-label"), "Body map");
}

}  // namespace
}  // namespace smr::core::svg
