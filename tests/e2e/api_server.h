#pragma once
// `smr serve` for the end-to-end tests: the real binary on a free port, by default on a SQLite journal in a temp
// folder (so the CLI can be run on the same journal to compare), its access log in that folder, and requests
// with a real HTTP client. The one helper of serve_test.cc, api_test.cc, api_examples_test.cc and
// session_api_test.cc.

#include <chrono>
#include <cstdint>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
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
  // Runs `smr --db DB serve --port 0 --access-log DIR/access.log FLAGS...` and reads the port from the line it
  // prints; throws std::runtime_error when it does not start. `name` names the temp folder DIR
  // (smr-api-test-NAME-N); `flags` are more `smr serve` flags ({"--test-time-scale", "40"}); `db` is the journal's
  // --db, by default "sqlite:DIR/journal.db".
  explicit ApiServer(const std::string& name, const std::vector<std::string>& flags = {}, std::string db = "")
      : dir_("smr-api-test-" + name + "-" + std::to_string(counter_++)),
        db_(db.empty() ? "sqlite:" + (dir_ / "journal.db").string() : std::move(db)) {
    using namespace std::chrono_literals;
    std::vector<std::string> argv{SMR_BINARY, "--db", db_, "serve", "--port", "0", "--access-log", access_log_path()};
    argv.insert(argv.end(), flags.begin(), flags.end());
    process_ = std::make_unique<ChildProcess>(argv);
    const auto line = process_->read_line(20s);
    std::smatch m;
    if (!std::regex_match(line, m, std::regex(R"(SMR Coach is running at http://127\.0\.0\.1:(\d+)/)"))) {
      throw std::runtime_error("smr serve did not start: \"" + line + "\"; stderr: " + process_->err());
    }
    port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
  }

  std::uint16_t port() const { return port_; }
  // The journal's --db value.
  const std::string& db() const { return db_; }
  const TempDir& dir() const { return dir_; }
  // The running `smr serve`: to signal it, wait for it and read what it printed.
  ChildProcess& process() { return *process_; }
  // What the access log holds so far.
  std::string access_log() const {
    std::ifstream in(access_log_path());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  // A request on a new connection, with a body sent as `content_type` (none when the body is empty).
  HttpResponse call(boost::beast::http::verb method, const std::string& target, const std::string& body = "",
                    const std::string& content_type = "application/json") const {
    Headers headers;
    if (!content_type.empty() && !body.empty()) headers.emplace_back("Content-Type", content_type);
    return HttpClient(port_).request(method, target, headers, body);
  }
  HttpResponse get(const std::string& target, const Headers& headers = {}) const {
    return HttpClient(port_).get(target, headers);
  }

  // `smr --db DB ARGS...` on the server's journal.
  ProcessResult smr(std::vector<std::string> args) const {
    args.insert(args.begin(), {SMR_BINARY, "--db", db_});
    return run_process(args);
  }

 private:
  std::string access_log_path() const { return (dir_ / "access.log").string(); }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<ChildProcess> process_;
  std::uint16_t port_ = 0;
  static inline int counter_ = 0;  // tests run one at a time in a process; each server gets its own folder
};

inline boost::json::value json_of(const HttpResponse& r) { return boost::json::parse(r.body()); }

}  // namespace smr::test
