// Pairing seen from a real second device (issue 18, "Done when"): the real `smr serve --lan`, and a client in
// its own network namespace (scripts/netns: this machine 10.213.11.1, the namespace 10.213.11.2), so that the
// server sees a peer that is not this machine. curl inside the namespace is the phone.
//
// Checked: every documented API route (docs/openapi.yaml's paths and methods, path parameters filled in) is 401
// "unpaired" without a device; a code from `smr pair` pairs (the cookie works, a Bearer header works, a change
// works); the same code again is refused (code_used); an expired code is refused (code_expired: stored with an
// old time through the Store, the way `smr pair` stores one); a revoked device is 401 again; this machine
// (loopback, and its own address on the link) needs nothing.
//
// Needs root (CAP_NET_ADMIN) for the namespace: skipped with the reason otherwise. The namespace is removed
// after the tests, when they fail too, and `scripts/netns up` removes one a killed run left behind.

#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "process.h"
#include "service/pairing_service.h"
#include "store/store.h"

namespace smr::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kNetns = "pair";
constexpr const char* kIndex = "11";
constexpr const char* kHostAddress = "10.213.11.1";

std::string netns_script() { return std::string(SMR_SOURCE_DIR) + "/scripts/netns"; }

struct Reply {
  int status = 0;
  std::string headers;  // as received, lower-cased names not guaranteed
  std::string body;
  std::string error_code() const {
    try {
      return std::string(boost::json::parse(body).at("error").at("code").as_string());
    } catch (...) {
      return "(no error code in: " + body.substr(0, 200) + ")";
    }
  }
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class LanPairingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (::geteuid() != 0) {
      skip_reason_ = "needs root (CAP_NET_ADMIN) to make a network namespace; run the tests as root";
      return;
    }
    const auto up = run_process({netns_script(), "up", kNetns, kIndex});
    if (up.exit_code != 0) {
      skip_reason_ = "scripts/netns up failed (no CAP_NET_ADMIN or no iproute2?): " + up.err;
      return;
    }
    dir_ = std::make_unique<TempDir>("smr-lan-pairing");
    // --lan serves HTTPS from the local certificate authority, made in the data folder: this test's own (the
    // child processes inherit it), whose ca.crt curl trusts.
    ::setenv("XDG_DATA_HOME", dir_->path().c_str(), 1);
    db_ = "sqlite:" + (dir_->path() / "journal.db").string();
    server_ = std::make_unique<ChildProcess>(std::vector<std::string>{SMR_BINARY, "--db", db_, "serve", "--lan",
                                                                      "--port", "0", "--access-log",
                                                                      (dir_->path() / "access.log").string()});
    const auto first = server_->read_line(30s);
    std::smatch m;
    if (!std::regex_search(first, m, std::regex(R"(https://127\.0\.0\.1:(\d+)/)"))) {
      start_error_ = "smr serve --lan did not start: \"" + first + "\"; stderr: " + server_->err();
      return;
    }
    port_ = m[1];
    // The rest of the banner, up to "Press Ctrl+C".
    for (int i = 0; i < 400; ++i) {
      const auto line = server_->read_line(5s);
      banner_ += line + "\n";
      if (line.starts_with("Press Ctrl+C") || (line.empty() && !server_->running())) break;
    }
  }

  static void TearDownTestSuite() {
    if (server_) {
      server_->signal(SIGTERM);
      server_->wait(15s);
      server_.reset();
    }
    if (skip_reason_.empty()) run_process({netns_script(), "down", kNetns});
    dir_.reset();
  }

  void SetUp() override {
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(start_error_.empty()) << start_error_;
  }

  static std::string origin() { return std::string("https://") + kHostAddress + ":" + port_; }
  static std::string ca_file() { return (dir_->path() / "smr-coach" / "tls" / "ca.crt").string(); }

  // curl from inside the namespace (the phone), or from this machine when `from_phone` is false, to `base`.
  static Reply curl(const std::string& method, const std::string& target, const std::vector<std::string>& headers = {},
                    const std::string& body = "", bool from_phone = true, const std::string& base = "") {
    static int n = 0;
    const auto out = dir_->path() / ("body-" + std::to_string(++n));
    const auto head = dir_->path() / ("head-" + std::to_string(n));
    std::vector<std::string> argv;
    if (from_phone) {
      argv = {netns_script(), "exec", kNetns};
    } else {
      argv = {"/usr/bin/env"};  // run_process does not search PATH
    }
    argv.insert(argv.end(), {"curl", "-s", "-m", "10", "--cacert", ca_file(), "-X", method, "-o", out.string(), "-D",
                             head.string(), "-w", "%{http_code}"});
    for (const auto& h : headers) argv.insert(argv.end(), {"-H", h});
    if (!body.empty()) argv.insert(argv.end(), {"-H", "Content-Type: application/json", "--data-binary", body});
    argv.push_back((base.empty() ? origin() : base) + target);
    const auto r = run_process(argv);
    Reply reply;
    reply.status = r.out.empty() ? 0 : std::atoi(r.out.c_str());
    reply.headers = slurp(head);
    reply.body = slurp(out);
    return reply;
  }

  // A new code from `smr pair`, as a person would run it beside the server.
  static std::string code_from_smr_pair() {
    const auto r = run_process({SMR_BINARY, "--db", db_, "pair", "--port", port_, "--no-qr"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::smatch m;
    EXPECT_TRUE(std::regex_search(r.out, m, std::regex(R"(Pairing code: ([A-Z0-9]{4}-[A-Z0-9]{4}))"))) << r.out;
    EXPECT_NE(r.out.find(origin() + "/pair?code=" + std::string(m[1])), std::string::npos)
        << "smr pair prints no URL on the link's address: " << r.out;
    return m[1];
  }

  static Reply pair(const std::string& code, const std::string& name = "Phone") {
    return curl("POST", "/api/pair", {"Origin: " + origin()},
                R"({"code": ")" + code + R"(", "name": ")" + name + "\"}");
  }

  static std::string credential_of(const Reply& r) {
    std::smatch m;
    if (!std::regex_search(r.headers, m,
                           std::regex(R"(Set-Cookie: __Host-smr_device=([0-9a-f]{64});)", std::regex::icase))) {
      ADD_FAILURE() << "no device cookie in:\n" << r.headers;
      return "";
    }
    return m[1];
  }

  static inline std::string skip_reason_;
  static inline std::string start_error_;
  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ChildProcess> server_;
  static inline std::string db_;
  static inline std::string port_;
  static inline std::string banner_;
};

// "GET /api/health", ... from docs/openapi.yaml's paths (path keys at two spaces, methods at four).
std::vector<std::pair<std::string, std::string>> documented_routes() {
  std::ifstream in(std::string(SMR_SOURCE_DIR) + "/docs/openapi.yaml");
  std::vector<std::pair<std::string, std::string>> out;
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.size() > 4 && line.rfind("    ", 0) == 0 && line[4] != ' ' && line.back() == ':') {
      auto method = line.substr(4, line.size() - 5);
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      // Path parameters filled in: any value is refused before the route is looked at.
      auto target = path;
      for (auto open = target.find('{'); open != std::string::npos; open = target.find('{')) {
        target.replace(open, target.find('}') - open + 1, "0123");
      }
      out.emplace_back(method, target);
    }
  }
  return out;
}

TEST_F(LanPairingTest, ServeLanPrintsAPairingUrlAndQrCodeForTheLinkAddress) {
  EXPECT_NE(banner_.find(origin() + "/pair?code="), std::string::npos) << banner_;
  EXPECT_NE(banner_.find("\u2588"), std::string::npos) << "no QR code drawn:\n" << banner_;
  EXPECT_NE(banner_.find("The code expires in 10 minutes"), std::string::npos) << banner_;
}

TEST_F(LanPairingTest, EveryDocumentedApiRouteIs401UnpairedFromTheOtherDevice) {
  const auto routes = documented_routes();
  ASSERT_GT(routes.size(), 30U) << "docs/openapi.yaml's paths were not read";
  for (const auto& [method, target] : routes) {
    if (method == "POST" && target == "/api/pair") continue;
    const auto r = curl(method, target, {"Origin: " + origin()}, method == "GET" ? "" : "{}");
    EXPECT_EQ(r.status, 401) << method << " " << target << ": " << r.body;
    EXPECT_EQ(r.error_code(), "unpaired") << method << " " << target;
  }
  // The app's shell is public, so the phone can show the pairing page.
  EXPECT_EQ(curl("GET", "/").status, 200);
  EXPECT_EQ(curl("GET", "/pair?code=ABCD-EFGH").status, 200);
}

TEST_F(LanPairingTest, ThisMachineNeedsNoDevice) {
  EXPECT_EQ(curl("GET", "/api/profile", {}, "", false, "https://127.0.0.1:" + port_).status, 200);
  // Its own address on the link is this machine too.
  EXPECT_EQ(curl("GET", "/api/devices", {}, "", false).status, 200);
}

TEST_F(LanPairingTest, ACodePairsOnceTheDeviceWorksUntilRevoked) {
  const auto code = code_from_smr_pair();
  const auto paired = pair(code);
  ASSERT_EQ(paired.status, 201) << paired.body;
  const auto credential = credential_of(paired);
  const auto id = std::string(boost::json::parse(paired.body).at("id").as_string());
  const auto cookie = "Cookie: __Host-smr_device=" + credential;

  EXPECT_EQ(curl("GET", "/api/profile", {cookie}).status, 200);
  const auto change = curl("PUT", "/api/settings", {cookie, "Origin: " + origin()}, R"({"voice": false})");
  EXPECT_EQ(change.status, 200) << change.body;
  const auto recorded = curl("POST", "/api/soreness", {cookie, "Origin: " + origin()},
                             R"({"region": "calves", "side": "left", "rating": 3})");
  EXPECT_EQ(recorded.status, 201) << recorded.body;
  const auto bearer = curl("GET", "/api/devices", {"Authorization: Bearer " + credential});
  EXPECT_EQ(bearer.status, 200) << bearer.body;
  EXPECT_NE(bearer.body.find("\"this_device\":true"), std::string::npos) << bearer.body;

  const auto again = pair(code, "Another");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.error_code(), "code_used");

  const auto revoke = run_process({SMR_BINARY, "--db", db_, "devices", "revoke", id});
  EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
  const auto after = curl("GET", "/api/profile", {cookie});
  EXPECT_EQ(after.status, 401) << after.body;
  EXPECT_EQ(after.error_code(), "unpaired");
  EXPECT_EQ(curl("GET", "/api/profile", {"Authorization: Bearer " + credential}).status, 401);
  const auto listed = run_process({SMR_BINARY, "--db", db_, "devices"});
  EXPECT_NE(listed.out.find(id + "  Phone"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("revoked"), std::string::npos) << listed.out;
}

TEST_F(LanPairingTest, AnExpiredCodeIsRefused) {
  // A code made 11 minutes ago, stored as new_pairing_code stores one.
  const std::string code = "EXPD2345";
  {
    auto store = store::open_store(db_);
    ASSERT_TRUE(store) << store.error().message;
    const auto now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto made = now - 11 * 60 * 1000;
    ASSERT_TRUE((*store)->add_pairing_code(
        store::PairingCode{service::sha256_hex(code), made, made + service::kPairingCodeLifetimeMs, std::nullopt}));
  }
  const auto r = pair("EXPD-2345");
  EXPECT_EQ(r.status, 410) << r.body;
  EXPECT_EQ(r.error_code(), "code_expired");
}

TEST_F(LanPairingTest, PairingWithoutTheServersOriginIsRefused) {
  const auto r = curl("POST", "/api/pair", {}, R"({"code": ")" + code_from_smr_pair() + R"(", "name": "Script"})");
  EXPECT_EQ(r.status, 403) << r.body;
}

}  // namespace
}  // namespace smr::test
