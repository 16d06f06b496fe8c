// Reading a request's credential (http/credential.h): the one function behind the signed-in session's token
// and the paired device's credential. Cookie pairs among others, with spaces and quotes; the Bearer scheme in
// any case; the cookie winning over Bearer when both are sent.

#include "http/credential.h"

#include <gtest/gtest.h>

#include <string>

#include "http/account_api.h"
#include "http/pairing_api.h"
#include "http_test_support.h"

namespace smr::http {
namespace {

using detail::credential_from;
using test::TestRequest;

constexpr std::string_view kName = "__Host-smr_session";

TEST(CredentialTest, TheNamedCookieIsFoundAmongOthersWhateverItsPlaceAndSpacing) {
  for (const std::string header :
       {"__Host-smr_session=tok", "theme=dark; __Host-smr_session=tok", "__Host-smr_session=tok; theme=dark",
        "a=1;__Host-smr_session=tok;b=2", "a=1 ;  __Host-smr_session = tok\t; b=2", "  __Host-smr_session=tok  "}) {
    EXPECT_EQ(credential_from(header, "", kName), "tok") << header;
  }
}

TEST(CredentialTest, OnlyTheExactCookieNameCountsAndTheFirstOfTwoWins) {
  EXPECT_EQ(credential_from("__host-smr_session=tok", "", kName), "") << "cookie names are case-sensitive";
  EXPECT_EQ(credential_from("x__Host-smr_session=tok; __Host-smr_session_old=old", "", kName), "");
  EXPECT_EQ(credential_from("__Host-smr_device=dev; __Host-smr_session=tok", "", kName), "tok");
  EXPECT_EQ(credential_from("__Host-smr_device=dev; __Host-smr_session=tok", "", "__Host-smr_device"), "dev");
  EXPECT_EQ(credential_from("__Host-smr_session=first; __Host-smr_session=second", "", kName), "first");
}

TEST(CredentialTest, AQuotedCookieValueIsTakenWithoutItsQuotes) {
  EXPECT_EQ(credential_from(R"(__Host-smr_session="tok")", "", kName), "tok");
  EXPECT_EQ(credential_from(R"(a=1; __Host-smr_session= "tok" ; b=2)", "", kName), "tok");
  EXPECT_EQ(credential_from(R"(__Host-smr_session=")", "", kName), "\"") << "one quote is not a quoted value";
}

TEST(CredentialTest, TheBearerSchemeIsReadInAnyCaseWithAnySpacing) {
  for (const std::string header :
       {"Bearer tok", "bearer tok", "BEARER tok", "bEaReR tok", "Bearer   tok", "  Bearer tok  ", "Bearer\ttok"}) {
    EXPECT_EQ(credential_from("", header, kName), "tok") << header;
  }
}

TEST(CredentialTest, OtherSchemesAndABareSchemeAreNoCredential) {
  for (const std::string header : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Bearertok", "Token tok", "tok", ""}) {
    EXPECT_EQ(credential_from("", header, kName), "") << header;
  }
}

TEST(CredentialTest, WhenBothAreSentTheCookieWinsAndAnEmptyCookieCountsAsNone) {
  EXPECT_EQ(credential_from("__Host-smr_session=from-cookie", "Bearer from-header", kName), "from-cookie");
  EXPECT_EQ(credential_from("__Host-smr_session=", "Bearer from-header", kName), "from-header");
  EXPECT_EQ(credential_from("__Host-smr_session=\"\"", "Bearer from-header", kName), "from-header");
  EXPECT_EQ(credential_from("theme=dark", "Bearer from-header", kName), "from-header");
  EXPECT_EQ(credential_from("", "", kName), "");
}

TEST(CredentialTest, TheSessionTokenAndTheDeviceCredentialReadTheirOwnCookieOfOneRequest) {
  const TestRequest both(
      Verb::get, "/api/me",
      {{Field::cookie, "__Host-smr_device=dev; __Host-smr_session=tok"}, {Field::authorization, "Bearer header"}});
  EXPECT_EQ(session_token(both), "tok");
  EXPECT_EQ(device_credential(both), "dev");
  const TestRequest header_only(Verb::get, "/api/me", {{Field::authorization, "bearer header"}});
  EXPECT_EQ(session_token(header_only), "header");
  EXPECT_EQ(device_credential(header_only), "header");
  EXPECT_EQ(credential(header_only, kSessionCookie), "header");
}

}  // namespace
}  // namespace smr::http
