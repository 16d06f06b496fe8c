// Time zones by IANA name from the system's TZif files (http/zoneinfo.h), and the API's "path: message" errors
// (http/json_body.h).

#include "http/zoneinfo.h"

#include <gtest/gtest.h>

#include "http/json_body.h"

namespace smr::http {
namespace {

TEST(ZoneinfoTest, ParisIsOneHourAheadInWinterAndTwoInSummer) {
  const auto tz = read_zoneinfo("Europe/Paris");
  ASSERT_TRUE(tz) << tz.error();
  EXPECT_EQ(tz->offset_minutes_at(1764460800000), 60);   // 2025-11-30 00:00 UTC
  EXPECT_EQ(tz->offset_minutes_at(1752624000000), 120);  // 2025-07-16 00:00 UTC
  // The change of 2025-10-26 01:00 UTC, to the second.
  EXPECT_EQ(tz->offset_minutes_at(1761440399999), 120);
  EXPECT_EQ(tz->offset_minutes_at(1761440400000), 60);
}

TEST(ZoneinfoTest, UtcHasNoOffset) {
  const auto tz = read_zoneinfo("UTC");
  ASSERT_TRUE(tz) << tz.error();
  EXPECT_EQ(tz->offset_minutes_at(0), 0);
  EXPECT_EQ(tz->offset_minutes_at(1764460800000), 0);
}

TEST(ZoneinfoTest, RefusesNamesThatAreNotZonesOrLeaveTheFolder) {
  EXPECT_EQ(read_zoneinfo("Mars/Olympus").error(),
            "unknown time zone \"Mars/Olympus\"; expected an IANA name such as \"Europe/Paris\" or \"UTC\"");
  EXPECT_EQ(read_zoneinfo("../../etc/passwd").error(),
            "\"../../etc/passwd\" is not a time zone name; expected an IANA name such as \"Europe/Paris\" or \"UTC\"");
  EXPECT_FALSE(read_zoneinfo("/etc/localtime"));
  EXPECT_FALSE(read_zoneinfo("Europe"));  // a folder
  EXPECT_FALSE(read_zoneinfo(""));
}

TEST(ZoneinfoTest, RefusesDataThatIsNotTzif) {
  EXPECT_FALSE(parse_tzif(""));
  EXPECT_FALSE(parse_tzif("TZif2"));
  EXPECT_FALSE(parse_tzif(std::string(200, 'x')));
}

// A JSON reader's problem becomes a 400 naming its field, read from the problem and never from the words.
TEST(JsonBodyTest, TheFieldIsTheProblemsPath) {
  auto e = invalid_at(core::Problem{"aches[1].side", "expected \"left\", \"right\" or \"centre\", got \"up\""});
  EXPECT_EQ(e.status, Status::bad_request);
  EXPECT_EQ(e.code, "invalid");
  EXPECT_EQ(e.field, "aches[1].side");
  EXPECT_EQ(e.message, "aches[1].side: expected \"left\", \"right\" or \"centre\", got \"up\"");
  EXPECT_EQ(invalid_at(core::Problem{"", "the profile: expected an object, got an array"}).field, std::nullopt);
  EXPECT_EQ(invalid_at(core::Problem{"", "a colon: here"}).message, "a colon: here");
}

}  // namespace
}  // namespace smr::http
