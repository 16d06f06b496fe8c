#pragma once
// gzip (RFC 1952) with zlib, for bodies compressed once and sent many times. Deterministic: no file name or
// time in the header, so the same input always gives the same bytes (and the same ETag).

#include <string>
#include <string_view>

namespace smr::http {

// The gzip form of `data` at zlib's `level` (1 fastest … 9 best; best for what is compressed once at
// start-up, 6 for an answer compressed while a client waits). Throws std::runtime_error only if zlib fails
// (out of memory).
std::string gzip_compress(std::string_view data, int level = 9);

}  // namespace smr::http
