#include "http/gzip.h"

#include <zlib.h>

#include <stdexcept>

namespace smr::http {

std::string gzip_compress(std::string_view data, int level) {
  if (data.size() > 0xffffffffU) throw std::runtime_error("zlib: more than 4 GiB to compress at once");
  z_stream z{};
  // windowBits 15 + 16: a gzip wrapper instead of zlib's; memLevel 9 for the best ratio.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto written = z.total_out;
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  out.resize(written);
  return out;
}

}  // namespace smr::http
