#include "http/access_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace smr::http {

tl::expected<std::unique_ptr<AccessLog>, std::string> AccessLog::open(const std::string& path) {
  if (path == "-") return std::unique_ptr<AccessLog>(new AccessLog(STDERR_FILENO, false));
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return tl::unexpected("cannot open the access log " + path + ": " + std::strerror(errno));
  return std::unique_ptr<AccessLog>(new AccessLog(fd, true));
}

std::unique_ptr<AccessLog> AccessLog::none() { return std::unique_ptr<AccessLog>(new AccessLog(-1, false)); }

AccessLog::~AccessLog() {
  if (owned_) ::close(fd_);
}

void AccessLog::write(std::string_view client, std::string_view method, std::string_view target, unsigned status,
                      std::uint64_t body_bytes, std::chrono::microseconds duration) const {
  if (fd_ < 0) return;
  // The time to the second, formatted once a second per thread.
  thread_local std::time_t last = -1;
  thread_local char when[32];
  thread_local std::size_t n = 0;
  if (const std::time_t now = std::time(nullptr); now != last) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    n = std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &utc);
    last = now;
  }
  std::string line;
  line.reserve(64 + client.size() + method.size() + target.size());
  line.append(when, n).append(" ").append(client).append(" ").append(method).append(" ");
  // The target as sent, with anything that could break a line or a terminal escaped (Beast already refuses
  // control characters in targets; this keeps the log safe whatever the parser lets through).
  for (const char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == ' ') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      line += '%';
      line += kHex[u >> 4];
      line += kHex[u & 0xf];
    } else {
      line += c;
    }
  }
  line.append(" ").append(std::to_string(status)).append(" ").append(std::to_string(body_bytes)).append(" ");
  line.append(std::to_string(duration.count())).append("us\n");
  // One write per line; a short write on a full disk or a closed pipe loses the rest of the line only.
  [[maybe_unused]] const auto written = ::write(fd_, line.data(), line.size());
}

}  // namespace smr::http
