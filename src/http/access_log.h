#pragma once
// One line per response, to stderr or a file:
//   2026-11-21T07:05:03Z 127.0.0.1 GET /api/catalog/regions 200 10240 312us
// (UTC time the response was sent, client address, method, target as sent, status, body bytes, microseconds
// from the request's first byte to the response's last byte). Thread-safe without a lock: each line is one
// write(2) to a descriptor opened with O_APPEND, so lines from different threads never interleave.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace smr::http {

class AccessLog {
 public:
  // Appends to `path` (created with mode 0600 if missing: targets may name a person's sessions later);
  // "-" is stderr. The error is one line for a person.
  static tl::expected<std::unique_ptr<AccessLog>, std::string> open(const std::string& path);
  // No log (every call to write() does nothing).
  static std::unique_ptr<AccessLog> none();

  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(std::string_view client, std::string_view method, std::string_view target, unsigned status,
             std::uint64_t body_bytes, std::chrono::microseconds duration) const;

 private:
  AccessLog(int fd, bool owned) : fd_(fd), owned_(owned) {}
  int fd_;  // -1: no log
  bool owned_;
};

}  // namespace smr::http
