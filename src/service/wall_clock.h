#pragma once
// The wall clock, read once per request by the faces (the use cases take the time as an argument, so that tests
// give it): Unix time in milliseconds.

#include <chrono>

#include "core/journal.h"

namespace smr::service {

inline core::UnixMillis wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace smr::service
