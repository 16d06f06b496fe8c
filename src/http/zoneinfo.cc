#include "http/zoneinfo.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace smr::http {

namespace {

std::int64_t big_endian(std::string_view bytes, std::size_t at, std::size_t width) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
  if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string_view::npos) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

tl::expected<core::TimeZone, std::string> parse_tzif(std::string_view bytes) {
  constexpr std::size_t kHeader = 44;
  const auto bad = tl::unexpected(std::string("not a TZif zone file"));
  if (bytes.size() < kHeader || bytes.substr(0, 4) != "TZif") return bad;
  auto counts = [&](std::size_t at) {
    struct Counts {
      std::int64_t isut, isstd, leap, time, type, chars;
    };
    return Counts{big_endian(bytes, at + 20, 4), big_endian(bytes, at + 24, 4), big_endian(bytes, at + 28, 4),
                  big_endian(bytes, at + 32, 4), big_endian(bytes, at + 36, 4), big_endian(bytes, at + 40, 4)};
  };
  std::size_t at = 0;
  std::size_t time_width = 4;
  auto c = counts(at);
  if (bytes[4] >= '2') {  // skip the 32-bit block: the 64-bit one follows
    const auto v1 = static_cast<std::size_t>(c.time * 5 + c.type * 6 + c.chars + c.leap * 8 + c.isstd + c.isut);
    at = kHeader + v1;
    if (bytes.size() < at + kHeader || bytes.substr(at, 4) != "TZif") return bad;
    c = counts(at);
    time_width = 8;
  }
  if (c.time < 0 || c.type < 1 || c.time > 100000 || c.type > 256) return bad;
  const std::size_t times = at + kHeader;
  const std::size_t indexes = times + static_cast<std::size_t>(c.time) * time_width;
  const std::size_t types = indexes + static_cast<std::size_t>(c.time);
  if (bytes.size() < types + static_cast<std::size_t>(c.type) * 6) return bad;
  auto offset_minutes = [&](std::size_t type) { return static_cast<int>(big_endian(bytes, types + type * 6, 4) / 60); };
  core::TimeZone tz = core::TimeZone::fixed(offset_minutes(0));
  for (std::int64_t i = 0; i < c.time; ++i) {
    const auto type = static_cast<unsigned char>(bytes[indexes + static_cast<std::size_t>(i)]);
    if (type >= c.type) return bad;
    const auto from_s = big_endian(bytes, times + static_cast<std::size_t>(i) * time_width, time_width);
    const int offset = offset_minutes(type);
    const int before = tz.transitions.empty() ? tz.initial_offset_minutes : tz.transitions.back().offset_minutes;
    if (offset != before) tz.transitions.push_back({from_s * 1000, offset});
  }
  return tz;
}

tl::expected<core::TimeZone, std::string> read_zoneinfo(std::string_view name) {
  if (!valid_name(name)) {
    return tl::unexpected("\"" + std::string(name) +
                          "\" is not a time zone name; expected an IANA name such as \"Europe/Paris\" or \"UTC\"");
  }
  const char* dir = std::getenv("TZDIR");  // NOLINT(concurrency-mt-unsafe): read-only, nothing sets it
  std::ifstream in(std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + std::string(name), std::ios::binary);
  std::ostringstream bytes;
  if (in) bytes << in.rdbuf();
  auto tz = in ? parse_tzif(bytes.str()) : tl::unexpected(std::string("missing"));
  if (!tz) {
    return tl::unexpected("unknown time zone \"" + std::string(name) +
                          "\"; expected an IANA name such as \"Europe/Paris\" or \"UTC\"");
  }
  return tz;
}

}  // namespace smr::http
