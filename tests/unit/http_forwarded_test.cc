// resolve_client (http/forwarded.h): forwarded headers count only from a trusted proxy, and then the client is
// the rightmost address of the chain that is not a trusted proxy.

#include "http/forwarded.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace smr::http {
namespace {

const std::vector<std::string> kProxies = {"10.0.0.2", "10.0.0.3"};

ForwardedInput from(std::string_view peer) {
  ForwardedInput in;
  in.peer = peer;
  in.host = "127.0.0.1:8080";
  return in;
}

TEST(Forwarded, HeadersFromAnUntrustedPeerAreIgnoredWhateverTheySay) {
  std::mt19937 gen(7);
  const std::vector<std::string> values = {"127.0.0.1", "::1",   "for=127.0.0.1", "for=\"[::1]\";proto=https;host=x",
                                           "10.0.0.2",  "https", "evil.example",  "1.2.3.4, 10.0.0.2",
                                           ""};
  for (int round = 0; round < 200; ++round) {
    const auto pick = [&] { return values[gen() % values.size()]; };
    const std::string f = pick(), xff = pick(), proto = pick(), host = pick();
    for (const bool tls : {false, true}) {
      ForwardedInput in = from("192.168.1.50");
      in.tls = tls;
      in.forwarded = f;
      in.x_forwarded_for = xff;
      in.x_forwarded_proto = proto;
      in.x_forwarded_host = host;
      const auto view = resolve_client(in, kProxies);
      EXPECT_EQ(view.address, "192.168.1.50");
      EXPECT_EQ(view.scheme, tls ? "https" : "http");
      EXPECT_EQ(view.host, "127.0.0.1:8080");
      EXPECT_FALSE(view.via_proxy);
    }
  }
}

TEST(Forwarded, WithoutTrustedProxiesNothingIsBelievedEvenFromLoopback) {
  ForwardedInput in = from("127.0.0.1");
  in.x_forwarded_for = "203.0.113.9";
  EXPECT_EQ(resolve_client(in, {}).address, "127.0.0.1");
}

TEST(Forwarded, TheClientIsTheRightmostUntrustedAddress) {
  ForwardedInput in = from("10.0.0.2");
  // A client may put anything on the left ("127.0.0.1" here, to look local); what the trusted proxies appended
  // on the right is what counts.
  in.x_forwarded_for = "127.0.0.1, 203.0.113.9, 10.0.0.3";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.address, "203.0.113.9");
  EXPECT_TRUE(view.via_proxy);
}

TEST(Forwarded, AChainOfOnlyTrustedProxiesGivesTheLeftmost) {
  ForwardedInput in = from("10.0.0.2");
  in.x_forwarded_for = "10.0.0.3,10.0.0.2";
  EXPECT_EQ(resolve_client(in, kProxies).address, "10.0.0.3");
}

TEST(Forwarded, ATrustedPeerThatForwardsNothingIsTheClient) {
  const auto view = resolve_client(from("10.0.0.2"), kProxies);
  EXPECT_EQ(view.address, "10.0.0.2");
  EXPECT_FALSE(view.via_proxy);
}

TEST(Forwarded, TheForwardedHeaderWinsOverXForwardedFor) {
  ForwardedInput in = from("10.0.0.2");
  in.forwarded = R"(for=198.51.100.1, for="[2001:db8::1]:4711";proto=https;host=coach.example)";
  in.x_forwarded_for = "192.0.2.99";
  in.x_forwarded_proto = "http";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.address, "2001:db8::1");
  EXPECT_EQ(view.scheme, "https");
  EXPECT_EQ(view.host, "coach.example");
}

TEST(Forwarded, ProtoAndHostComeFromTheNearestProxy) {
  ForwardedInput in = from("10.0.0.2");
  in.x_forwarded_for = "203.0.113.9";
  in.x_forwarded_proto = "http, HTTPS";
  in.x_forwarded_host = "spoofed.example, coach.example:8443";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.scheme, "https");
  EXPECT_EQ(view.host, "coach.example:8443");
}

TEST(Forwarded, AProtoOrHostThatIsNotOneIsIgnored) {
  ForwardedInput in = from("10.0.0.2");
  in.tls = true;
  in.x_forwarded_for = "203.0.113.9";
  in.x_forwarded_proto = "javascript";
  in.x_forwarded_host = "127.0.0.1:80@evil.example";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.scheme, "https");
  EXPECT_EQ(view.host, "127.0.0.1:8080");
}

TEST(Forwarded, AddressesCompareInCanonicalForm) {
  // An IPv4-mapped peer (a dual-stack socket) is its IPv4 proxy; ports and brackets are not part of the address.
  ForwardedInput in = from("::ffff:10.0.0.2");
  in.x_forwarded_for = "[2001:DB8::0:1]:5000";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.address, "2001:db8::1");
  in.x_forwarded_for = "203.0.113.9:5000";
  EXPECT_EQ(resolve_client(in, kProxies).address, "203.0.113.9");
  EXPECT_EQ(canonical_address("::ffff:10.0.0.2"), "10.0.0.2");
  EXPECT_EQ(canonical_address("not an address"), "");
}

TEST(Forwarded, AnObfuscatedOrUnknownClientIsNotAnAddress) {
  ForwardedInput in = from("10.0.0.2");
  in.forwarded = "for=unknown";
  const auto view = resolve_client(in, kProxies);
  EXPECT_EQ(view.address, "unknown");
  EXPECT_EQ(canonical_address(view.address), "");
}

}  // namespace
}  // namespace smr::http
