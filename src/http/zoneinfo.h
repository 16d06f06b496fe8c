#pragma once
// Time zones by IANA name ("Europe/Paris") for the API's `tz` parameter, read from the system's compiled
// zone files (TZif, RFC 8536) in $TZDIR or /usr/share/zoneinfo. The core groups by local days and weeks from
// core::TimeZone data and reads no zone database itself; this is where the data comes from for the web.
//
// Only the file's transitions are used: after the last one (2037 in Debian's "fat" files) the last offset
// holds. Thread-safe (reads a file per call).

#include <functional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "core/time_zone.h"

namespace smr::http {

// The server's own zone, as the process sees it (TZ, /etc/localtime); `smr serve` passes the CLI's
// (cli/local_time_zone.h). Either function may be empty: UTC. Both must be thread-safe.
struct LocalZone {
  std::function<core::TimeZone(core::UnixMillis from_ms, core::UnixMillis to_ms)> zone;
  std::function<std::string(core::UnixMillis at_ms)> name;
};

// The zone named `name`. Errors (a message for a person): a name that is not an IANA zone name, a zone that
// the system does not have, a file that is not TZif.
tl::expected<core::TimeZone, std::string> read_zoneinfo(std::string_view name);

// The TZif data in `bytes` (the contents of a zone file).
tl::expected<core::TimeZone, std::string> parse_tzif(std::string_view bytes);

}  // namespace smr::http
