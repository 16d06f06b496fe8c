#pragma once
// `smr serve` for the JSON API's end-to-end tests: the real binary on a free port, on a SQLite journal in a
// temp folder (so the CLI can be run on the same journal to compare), and JSON calls with a real HTTP client.

#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "http_client.h"
#include "process.h"

namespace smr::test {

class ApiServer {
 public:
  explicit ApiServer(const std::string& name) : dir_("smr-api-test-" + name) {
    using namespace std::chrono_literals;
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{SMR_BINARY, "--db", db(), "serve", "--port", "0",
                                                                       "--access-log", (dir_ / "access.log").string()});
    const auto line = process_->read_line(20s);
    std::smatch m;
    if (!std::regex_match(line, m, std::regex(R"(SMR Coach is running at http://127\.0\.0\.1:(\d+)/)"))) {
      throw std::runtime_error("smr serve did not start: \"" + line + "\"; stderr: " + process_->err());
    }
    port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
  }

  std::uint16_t port() const { return port_; }
  // The journal's --db value.
  std::string db() const { return "sqlite:" + (dir_ / "journal.db").string(); }
  const TempDir& dir() const { return dir_; }

  // A request with a body sent as `content_type` (none when empty).
  HttpResponse call(boost::beast::http::verb method, const std::string& target, const std::string& body = "",
                    const std::string& content_type = "application/json") const {
    Headers headers;
    if (!content_type.empty() && !body.empty()) headers.emplace_back("Content-Type", content_type);
    return HttpClient(port_).request(method, target, headers, body);
  }
  HttpResponse get(const std::string& target) const { return call(boost::beast::http::verb::get, target); }

  // `smr --db DB ARGS...` on the server's journal.
  ProcessResult smr(std::vector<std::string> args) const {
    args.insert(args.begin(), {SMR_BINARY, "--db", db()});
    return run_process(args);
  }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  std::uint16_t port_ = 0;
};

inline boost::json::value json_of(const HttpResponse& r) { return boost::json::parse(r.body()); }

}  // namespace smr::test
