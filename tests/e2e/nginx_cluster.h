#pragma once
// Two `smr serve` instances on one journal behind a real nginx (round robin), for the end-to-end tests of issue 19
// item 6 ("Scale"; docs/architecture.md, "State and instances"). nginx runs as this test's own child process
// (`nginx -e LOG -p DIR -c CONF -g 'daemon off;'`) with a generated configuration in a temp folder: it listens
// on a free loopback port, passes every request to the next instance in turn (proxy_buffering off) and says which
// instance answered in the `X-Smr-Upstream` header. A request an instance cannot take (it was killed) goes to the
// other. nginx adds its peer to X-Forwarded-For, as docs/deploy.md's does: instances started with
// `--trust-proxy 127.0.0.1` take the client's address from it (a test poses as another address by sending one). The
// accounts tests (issue 19 items 1-5) reuse it: construct it with the journal's --db and the flags.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api_server.h"
#include "http_client.h"
#include "process.h"

namespace smr::test {

// A loopback port nobody listens on right now (bound to port 0, then released).
inline std::uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("no free loopback port");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

inline bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  if (fd >= 0) ::close(fd);
  return ok;
}

class NginxCluster {
 public:
  // Starts two `smr --db DB serve` (ApiServer, with `flags`) and nginx in front; throws std::runtime_error when
  // one of them does not start.
  explicit NginxCluster(const std::string& name, const std::string& db, const std::vector<std::string>& flags = {})
      : dir_("smr-nginx-" + name) {
    using namespace std::chrono_literals;
    instances_[0] = std::make_unique<ApiServer>(name + "-1", flags, db);
    instances_[1] = std::make_unique<ApiServer>(name + "-2", flags, db);
    port_ = free_loopback_port();
    const auto d = dir_.path().string();
    std::ofstream conf(dir_ / "nginx.conf");
    conf << "worker_processes 1;\n"
         << "pid " << d << "/nginx.pid;\n"
         << "error_log " << d << "/error.log warn;\n"
         << "events { worker_connections 64; }\n"
         << "http {\n"
         << "  access_log " << d << "/access.log;\n"
         << "  client_body_temp_path " << d << "/body; proxy_temp_path " << d << "/proxy;\n"
         << "  fastcgi_temp_path " << d << "/fastcgi; uwsgi_temp_path " << d << "/uwsgi; scgi_temp_path " << d
         << "/scgi;\n"
         << "  upstream smr {\n"
         << "    server 127.0.0.1:" << instances_[0]->port() << " max_fails=0;\n"
         << "    server 127.0.0.1:" << instances_[1]->port() << " max_fails=0;\n"
         << "  }\n"
         << "  server {\n"
         << "    listen 127.0.0.1:" << port_ << ";\n"
         << "    location / {\n"
         << "      proxy_pass http://smr;\n"
         << "      proxy_buffering off;\n"
         << "      proxy_http_version 1.1;\n"
         << "      proxy_set_header Connection \"\";\n"
         << "      proxy_set_header Host $http_host;\n"
         << "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
         << "      proxy_next_upstream error timeout;\n"
         << "      add_header X-Smr-Upstream $upstream_addr always;\n"
         << "    }\n"
         << "  }\n"
         << "}\n";
    conf.close();
    nginx_ = std::make_unique<ChildProcess>(std::vector<std::string>{"/usr/sbin/nginx", "-e", d + "/error.log", "-p", d,
                                                                     "-c", d + "/nginx.conf", "-g", "daemon off;"});
    for (int i = 0; i < 200 && !accepts_connections(port_); ++i) {
      if (!nginx_->running()) break;
      std::this_thread::sleep_for(25ms);
    }
    if (!accepts_connections(port_)) {
      std::ifstream log(dir_ / "error.log");
      std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
      throw std::runtime_error("nginx did not start: " + nginx_->err() + " " + text);
    }
  }
  ~NginxCluster() {
    using namespace std::chrono_literals;
    if (nginx_ && nginx_->running()) {
      nginx_->signal(SIGQUIT);
      nginx_->wait(5s);
    }
  }
  NginxCluster(const NginxCluster&) = delete;
  NginxCluster& operator=(const NginxCluster&) = delete;

  // nginx's port: what a client talks to.
  std::uint16_t port() const { return port_; }
  // Instance 0 or 1 (to read its output, signal or kill it); null once killed.
  ApiServer* instance(int i) { return instances_[i].get(); }
  // Kills instance i (SIGKILL: no shutdown hook) and forgets it.
  void kill(int i) {
    using namespace std::chrono_literals;
    instances_[i]->process().signal(SIGKILL);
    instances_[i]->process().wait(5s);
    instances_[i].reset();
  }
  // The port of the instance that answered `r` (from X-Smr-Upstream: the last address nginx tried), or 0.
  static std::uint16_t answered_by(const HttpResponse& r) {
    const auto it = r.find("X-Smr-Upstream");
    if (it == r.end()) return 0;
    const std::string v(it->value());
    const auto colon = v.rfind(':');
    return colon == std::string::npos ? 0 : static_cast<std::uint16_t>(std::stoi(v.substr(colon + 1)));
  }

  // A request through nginx on a new connection (a JSON body when not empty).
  HttpResponse call(boost::beast::http::verb method, const std::string& target, const std::string& body = "") const {
    Headers headers;
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return HttpClient(port_).request(method, target, headers, body);
  }

 private:
  TempDir dir_;
  std::unique_ptr<ApiServer> instances_[2];
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> nginx_;
};

}  // namespace smr::test
