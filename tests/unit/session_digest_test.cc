// core::digest_session and the flat JSON reader it uses on event data.

#include "core/session_digest.h"

#include <gtest/gtest.h>

#include "core/json_text_internal.h"

namespace smr::core {
namespace {

using detail::json_string_member;

SessionEvent event(std::int64_t seq, UnixMillis at, std::string kind, int step, std::string data) {
  return SessionEvent{"s1", seq, at, std::move(kind), step, std::move(data)};
}

CheckIn check_in(UnixMillis at, std::string region, Side side, int intensity, Quality q) {
  CheckIn c;
  c.uid = "c" + std::to_string(at);
  c.session_uid = "s1";
  c.at_ms = at;
  c.region = std::move(region);
  c.side = side;
  c.intensity = intensity;
  c.quality = q;
  return c;
}

TEST(JsonStringMemberTest, ReadsTopLevelStringsAndUnescapes) {
  EXPECT_EQ(json_string_member(R"({"region":"calves","side":"left"})", "side"), "left");
  EXPECT_EQ(
      json_string_member(R"( { "a" : 1, "b":[1,{"region":"x"}], "region" : "a\"b\\c\u00e9\ud83d\ude00" } )", "region"),
      "a\"b\\c\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonStringMemberTest, NestedKeysAreNotTopLevel) {
  EXPECT_EQ(json_string_member(R"({"data":{"region":"calves"}})", "region"), std::nullopt);
}

TEST(JsonStringMemberTest, MalformedOrNonStringGivesNothing) {
  for (const char* bad : {"", "{", "[]", R"({"region":"calves")", R"({"region":"calves"} x)", R"({"region":calves})",
                          R"({"region":"a\q"})", R"({"region":"\ud800"})", R"({"x":01e})", "{\"region\":\"a\nb\"}"}) {
    EXPECT_EQ(json_string_member(bad, "region"), std::nullopt) << bad;
  }
  EXPECT_EQ(json_string_member(R"({"region":3})", "region"), std::nullopt);
  EXPECT_EQ(json_string_member("{}", "region"), std::nullopt);
}

TEST(JsonStringMemberTest, DeepNestingIsRefusedNotOverflowed) {
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(json_string_member(deep, "a"), std::nullopt);
}

TEST(SessionDigestTest, TimesAndCheckInsPerRegionAndSide) {
  SessionRecord rec;
  rec.info.uid = "s1";
  rec.info.started_ms = 1000;
  rec.info.ended_ms = 200'000;
  rec.info.status = SessionStatus::kFinished;
  rec.events = {
      event(0, 1000, "session-started", -1, "{}"),
      event(1, 1000, "step-started", 0, R"({"region":"calves","side":"left"})"),
      event(2, 1000, "phase-started", 0, R"({"phase":"hold"})"),
      event(3, 31000, "phase-started", 0, R"({"phase":"check-in"})"),
      event(4, 40000, "step-started", 1, R"({"region":"glutes"})"),
      event(5, 40000, "phase-started", 1, R"({"phase":"roll"})"),
      event(6, 100000, "session-finished", -1, "{}"),
  };
  rec.check_ins = {
      check_in(31000, "calves", Side::kLeft, 6, Quality::kGoodHurt),
      check_in(35000, "calves", Side::kLeft, 4, Quality::kSharp),
      check_in(35000, "calves", Side::kLeft, 3, Quality::kAche),           // same instant: the later recorded wins
      check_in(36000, "hamstrings", Side::kRight, 2, Quality::kPressure),  // checked in, never played
  };
  const auto d = digest_session(rec);
  EXPECT_EQ(d.uid, "s1");
  EXPECT_EQ(d.ended_ms, 200'000);
  EXPECT_EQ(d.status, SessionStatus::kFinished);
  ASSERT_EQ(d.regions.size(), 3u);
  EXPECT_EQ(d.regions[0], (RegionDigest{"calves", Side::kLeft, 30000, 3, 13, 6, 1, 31000, 35000, 3}));
  EXPECT_EQ(d.regions[1], (RegionDigest{"glutes", Side::kCentre, 60000, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(d.regions[2], (RegionDigest{"hamstrings", Side::kRight, 0, 1, 2, 2, 0, 36000, 36000, 2}));
}

TEST(SessionDigestTest, EmptySessionHasNoRegions) {
  SessionRecord rec;
  rec.info.uid = "s2";
  EXPECT_TRUE(digest_session(rec).regions.empty());
}

TEST(SessionDigestTest, UnreadableStepDataPlaysNoRegion) {
  SessionRecord rec;
  rec.events = {event(0, 0, "step-started", 0, "not json"), event(1, 0, "phase-started", 0, R"({"phase":"hold"})"),
                event(2, 5000, "session-finished", -1, "{}")};
  EXPECT_TRUE(digest_session(rec).regions.empty());
}

}  // namespace
}  // namespace smr::core
