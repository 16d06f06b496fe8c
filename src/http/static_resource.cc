#include "http/static_resource.h"

#include <cctype>

#include "http/gzip.h"

namespace smr::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The q-value of an Accept-Encoding element's parameters ("q=0.5"), 1 when absent or unreadable.
double q_value(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      auto value = trim(param.substr(2));
      // "0", "0.", "0.000" are zero; anything else that starts with a digit is above zero.
      if (value.empty()) return 1;
      if (value[0] == '1') return 1;
      if (value[0] != '0') return 1;
      for (const char c : value.substr(1)) {
        if (c != '.' && c != '0') return 0.5;
      }
      return 0;
    }
  }
  return 1;
}

void set_common(Response& res, const StaticResource& r, bool gzip, std::string_view etag) {
  res.set(Field::etag, etag);
  res.set(Field::cache_control, r.cache_control);
  if (r.gzip_body) res.set(Field::vary, "Accept-Encoding");
  if (gzip) res.set(Field::content_encoding, "gzip");
}

}  // namespace

std::uint64_t content_hash(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string strong_etag(std::uint64_t hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(18, '"');
  for (int i = 0; i < 16; ++i) out[static_cast<std::size_t>(16 - i)] = kHex[(hash >> (4 * i)) & 0xf];
  return out;
}

StaticResource make_static_resource(std::string body, std::string content_type, std::string cache_control) {
  StaticResource r;
  r.etag = strong_etag(content_hash(body));
  if (compressible_type(content_type) && body.size() >= kMinGzipBytes) {
    auto gz = gzip_compress(body);
    if (gz.size() < body.size()) {
      r.gzip_etag = r.etag.substr(0, r.etag.size() - 1) + "-gz\"";
      r.gzip_body = share(std::move(gz));
    }
  }
  r.body = share(std::move(body));
  r.content_type = std::move(content_type);
  r.cache_control = std::move(cache_control);
  return r;
}

Response respond_static(const StaticResource& r, std::string_view if_none_match, std::string_view accept_encoding) {
  const bool gzip = r.gzip_body && accepts_gzip(accept_encoding);
  const std::string& etag = gzip ? r.gzip_etag : r.etag;
  if (!if_none_match.empty() && etag_matches(if_none_match, etag)) {
    Response res{Status::not_modified, 11};
    set_common(res, r, false, etag);
    return res;
  }
  Response res{Status::ok, 11};
  res.set(Field::content_type, r.content_type);
  set_common(res, r, gzip, etag);
  res.body() = gzip ? r.gzip_body : r.body;
  return res;
}

Response respond_static(const StaticResource& resource, const Request& request) {
  return respond_static(resource, request.header(Field::if_none_match), request.header(Field::accept_encoding));
}

bool etag_matches(std::string_view header, std::string_view etag) {
  if (trim(header) == "*") return true;
  // entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, in a comma-separated list.
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
    if (i >= header.size()) break;
    if (header.compare(i, 2, "W/") == 0) i += 2;
    if (i >= header.size() || header[i] != '"') return false;  // malformed: no match
    const auto close = header.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(i, close + 1 - i) == etag) return true;
    i = close + 1;
  }
  return false;
}

bool accepts_gzip(std::string_view header) {
  bool gzip_listed = false;
  bool gzip_ok = false;
  bool star_ok = false;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto element = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = element.find(';');
    const auto coding = trim(element.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1 : q_value(element.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_listed = true;
      gzip_ok = gzip_ok || q > 0;
    } else if (coding == "*") {
      star_ok = q > 0;
    }
  }
  return gzip_listed ? gzip_ok : star_ok;
}

bool compressible_type(std::string_view type) {
  const auto semi = type.find(';');
  type = trim(type.substr(0, semi));
  if (type.substr(0, 5) == "text/") return true;
  for (const std::string_view t : {"application/json", "application/javascript", "text/javascript", "image/svg+xml",
                                   "application/xml", "application/manifest+json", "application/wasm"}) {
    if (type == t) return true;
  }
  return false;
}

}  // namespace smr::http
