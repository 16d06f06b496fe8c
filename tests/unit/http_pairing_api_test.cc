// Pairing through the API application, in process (http/pairing_api.h): requests from another machine need a
// paired device on every API route but POST /api/pair; this machine needs nothing; the cookie and the Bearer
// header both carry the credential; the web app's files stay public.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "catalog/loader.h"
#include "http/api.h"
#include "http/web_assets.h"
#include "http_test_support.h"

namespace smr::http {
namespace {

using test::body_of;
using test::header_of;
using test::TestRequest;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

Peer phone() { return Peer{boost::asio::ip::make_address("192.168.1.50"), false}; }

constexpr core::UnixMillis kStart = 1'800'000'000'000;

class PairingApiTest : public ::testing::Test {
 protected:
  PairingApiTest()
      : stores_(std::move(*WorkerStores::open("memory:", 1))),
        api_(builtin(), *stores_, {}, web_assets(), {}, {}, PairingApiOptions{[this] { return now_; }, {}}) {}

  Response send(Verb method, const std::string& target, std::vector<std::pair<Field, std::string>> headers = {},
                std::string body = "", Peer peer = {}) {
    headers.emplace_back(Field::host, "192.168.1.20:8080");
    if (!body.empty()) headers.emplace_back(Field::content_type, "application/json");
    const TestRequest req(method, target, headers, std::move(body), std::move(peer));
    return api_.handle(req);
  }

  // A code made on this machine.
  std::string new_code() {
    const auto res = send(Verb::post, "/api/pairing-codes");
    EXPECT_EQ(res.result(), Status::created) << body_of(res);
    return std::string(boost::json::parse(body_of(res)).at("code").as_string());
  }

  // Pairs as the phone would (from its address, with this server's Origin); the credential from the cookie.
  std::string pair(const std::string& code) {
    const auto res = send(Verb::post, "/api/pair", {{Field::origin, "http://192.168.1.20:8080"}},
                          R"({"code": ")" + code + R"(", "name": "Phone"})", phone());
    EXPECT_EQ(res.result(), Status::created) << body_of(res);
    const auto cookie = header_of(res, Field::set_cookie);
    const std::string prefix = "__Host-smr_device=";
    EXPECT_TRUE(cookie.starts_with(prefix)) << cookie;
    return cookie.substr(prefix.size(), cookie.find(';') - prefix.size());
  }

  core::UnixMillis now_ = kStart;
  std::unique_ptr<WorkerStores> stores_;
  Api api_;
};

TEST_F(PairingApiTest, EveryApiRouteFromAnotherMachineWithoutADeviceIs401Unpaired) {
  int checked = 0;
  for (const auto& route : api_.routes()) {
    if (route.method == Verb::post && route.pattern == "/api/pair") continue;
    std::string target = route.pattern;
    for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
      target.replace(open, target.find('}') - open + 1, "x");
    }
    const auto res = send(route.method, target, {{Field::origin, "http://192.168.1.20:8080"}},
                          route.method == Verb::get ? "" : "{}", phone());
    EXPECT_EQ(res.result(), Status::unauthorized) << route.pattern;
    const auto body = boost::json::parse(body_of(res));
    EXPECT_EQ(body.at("error").at("code").as_string(), "unpaired") << route.pattern;
    EXPECT_EQ(header_of(res, Field::www_authenticate), "Bearer realm=\"smr\"");
    ++checked;
  }
  EXPECT_GT(checked, 30);
  // Paths that are no route are 401 too: nothing about the API is told to an unpaired device.
  EXPECT_EQ(send(Verb::get, "/api/nothing-here", {}, "", phone()).result(), Status::unauthorized);
  const auto message = boost::json::parse(body_of(send(Verb::get, "/api/profile", {}, "", phone())));
  EXPECT_EQ(message.at("error").at("message").as_string(),
            "This device is not paired with SMR Coach. On the computer running SMR Coach, run smr pair and scan the "
            "code it shows (or open the address it prints) to pair this device.");
}

TEST_F(PairingApiTest, TheWebAppShellStaysPublic) {
  const auto res = send(Verb::get, "/", {}, "", phone());
  EXPECT_EQ(res.result(), Status::ok);
  EXPECT_EQ(send(Verb::get, "/pair?code=ABCD-EFGH", {}, "", phone()).result(), Status::ok);
}

TEST_F(PairingApiTest, ThisMachineNeedsNoDevice) {
  EXPECT_EQ(send(Verb::get, "/api/profile").result(), Status::ok);
  const Peer own{boost::asio::ip::make_address("192.168.1.20"), true};
  EXPECT_EQ(send(Verb::get, "/api/devices", {}, "", own).result(), Status::ok);
}

TEST_F(PairingApiTest, APairedDeviceWorksWithItsCookieOrBearerUntilRevoked) {
  const auto credential = pair(new_code());
  ASSERT_EQ(credential.size(), 64U);
  const auto with_cookie = [&](Verb m, const std::string& target, std::string body = "") {
    return send(m, target, {{Field::cookie, "theme=dark; __Host-smr_device=" + credential}}, std::move(body), phone());
  };
  EXPECT_EQ(with_cookie(Verb::get, "/api/profile").result(), Status::ok);
  EXPECT_EQ(send(Verb::get, "/api/profile", {{Field::authorization, "Bearer " + credential}}, "", phone()).result(),
            Status::ok);
  // A change without an Origin is taken from a paired device (a program, not a page).
  EXPECT_EQ(with_cookie(Verb::put, "/api/settings", R"({"voice": false})").result(), Status::ok);
  const auto devices = boost::json::parse(body_of(with_cookie(Verb::get, "/api/devices")));
  ASSERT_EQ(devices.at("devices").as_array().size(), 1U);
  const auto& device = devices.at("devices").at(0);
  EXPECT_EQ(device.at("name").as_string(), "Phone");
  EXPECT_TRUE(device.at("this_device").as_bool());
  EXPECT_FALSE(device.as_object().contains("credential_hash"));
  const std::string id(device.at("id").as_string());
  EXPECT_EQ(send(Verb::delete_, "/api/devices/" + id).result(), Status::ok);
  EXPECT_EQ(with_cookie(Verb::get, "/api/profile").result(), Status::unauthorized);
}

TEST_F(PairingApiTest, PairingSetsAHostOnlySecureHttpOnlyStrictCookieForAYear) {
  const auto res = send(Verb::post, "/api/pair", {{Field::origin, "http://192.168.1.20:8080"}},
                        R"({"code": ")" + new_code() + R"(", "name": " Tablet "})", phone());
  ASSERT_EQ(res.result(), Status::created) << body_of(res);
  EXPECT_THAT(header_of(res, Field::set_cookie),
              ::testing::MatchesRegex("__Host-smr_device=[0-9a-f]{64}; Path=/; Secure; HttpOnly; SameSite=Strict; "
                                      "Max-Age=31536000"));
  EXPECT_EQ(boost::json::parse(body_of(res)).at("name").as_string(), "Tablet");
}

TEST_F(PairingApiTest, ExpiredUsedAndGuessedCodesAreRefusedWithTheirCodes) {
  const auto code = new_code();
  const auto try_code = [&](const std::string& c, const std::string& from = "192.168.1.50") {
    return send(Verb::post, "/api/pair", {{Field::origin, "http://192.168.1.20:8080"}},
                R"({"code": ")" + c + R"(", "name": "Phone"})", Peer{boost::asio::ip::make_address(from), false});
  };
  const auto code_of = [](const Response& r) {
    return std::string(boost::json::parse(body_of(r)).at("error").at("code").as_string());
  };
  now_ = kStart + 10 * 60 * 1000;
  auto res = try_code(code);
  EXPECT_EQ(res.result(), Status::gone);
  EXPECT_EQ(code_of(res), "code_expired");
  now_ = kStart + 11 * 60 * 1000;
  const auto fresh = new_code();
  pair(fresh);
  res = try_code(fresh, "192.168.1.51");
  EXPECT_EQ(res.result(), Status::conflict);
  EXPECT_EQ(code_of(res), "code_used");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(try_code("ABCD-EFGH", "192.168.1.52").result(), Status::not_found);
  res = try_code(new_code(), "192.168.1.52");
  EXPECT_EQ(res.result(), Status::too_many_requests);
  EXPECT_EQ(code_of(res), "too_many_attempts");
  EXPECT_EQ(header_of(res, Field::retry_after), "60");
}

TEST_F(PairingApiTest, PairingFromAnotherMachineNeedsThisServersOrigin) {
  const auto code = new_code();
  const auto res = send(Verb::post, "/api/pair", {}, R"({"code": ")" + code + R"(", "name": "Phone"})", phone());
  EXPECT_EQ(res.result(), Status::forbidden) << body_of(res);
  const auto foreign = send(Verb::post, "/api/pair", {{Field::origin, "http://evil.example"}},
                            R"({"code": ")" + code + R"(", "name": "Phone"})", phone());
  EXPECT_EQ(foreign.result(), Status::forbidden);
  pair(code);  // the code was not used up by the refused requests
}

TEST_F(PairingApiTest, ANewCodeComesWithAUrlAndItsQrCode) {
  const auto res = send(Verb::post, "/api/pairing-codes");
  ASSERT_EQ(res.result(), Status::created);
  const auto body = boost::json::parse(body_of(res));
  const std::string code(body.at("code").as_string());
  EXPECT_EQ(body.at("expires_ms").as_int64(), kStart + 10 * 60 * 1000);
  const auto& url = body.at("urls").at(0);
  EXPECT_EQ(url.at("url").as_string(), "http://192.168.1.20:8080/pair?code=" + code);
  EXPECT_TRUE(std::string(url.at("qr_svg").as_string()).starts_with("<svg"));
}

}  // namespace
}  // namespace smr::http
