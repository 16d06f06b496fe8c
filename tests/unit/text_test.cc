#include <gtest/gtest.h>

#include "cli/text.h"

namespace smr::cli {
namespace {

TEST(TextTest, WrapBreaksAtWordsWithinWidth) {
  EXPECT_EQ(wrap("one two three four", "", "", 9), "one two\nthree\nfour\n");
}

TEST(TextTest, WrapIndentsContinuationLines) {
  EXPECT_EQ(wrap("alpha beta gamma", "  1. ", "     ", 14), "  1. alpha\n     beta\n     gamma\n");
}

TEST(TextTest, WrapKeepsOverlongWordsWhole) { EXPECT_EQ(wrap("abcdefghij x", "", "", 5), "abcdefghij\nx\n"); }

TEST(TextTest, WrapCountsUtf8CharactersNotBytes) {
  // "é" is two bytes but one column: "café café" fits in 9 columns.
  EXPECT_EQ(wrap("caf\xc3\xa9 caf\xc3\xa9", "", "", 9), "caf\xc3\xa9 caf\xc3\xa9\n");
}

TEST(TextTest, TableAlignsColumnsToWidestCell) {
  Table t({"ID", "NAME"});
  t.add({"calves", "Calves"});
  t.add({"it-band-tfl", "IT band"});
  EXPECT_EQ(t.render(), "ID           NAME\ncalves       Calves\nit-band-tfl  IT band\n");
}

TEST(TextTest, DurationIsReadable) {
  EXPECT_EQ(duration(45), "45 s");
  EXPECT_EQ(duration(60), "1 min");
  EXPECT_EQ(duration(150), "2 min 30 s");
}

TEST(TextTest, CountUsesSingularForOne) {
  EXPECT_EQ(count(1, "exercise", "exercises"), "1 exercise");
  EXPECT_EQ(count(0, "exercise", "exercises"), "0 exercises");
}

}  // namespace
}  // namespace smr::cli
