#pragma once
// A response that never changes while the server runs (a web asset, a catalog list or entry), prepared once:
// its body, a gzip copy when that is worth it, strong ETags, type and caching policy. Immutable after
// make_static_resource() and shared read-only by every thread; serving it copies no body.
//
// Negotiation (respond_static): the gzip copy goes to a client whose Accept-Encoding accepts gzip, with
// `Content-Encoding: gzip`; both forms carry `Vary: Accept-Encoding` and their own ETag (the gzip one ends in
// "-gz", since a strong ETag names one exact body). If-None-Match naming the chosen form's ETag (or "*") gives
// 304 Not Modified with no body.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace smr::http {

struct StaticResource {
  SharedBody::value_type body;
  SharedBody::value_type gzip_body;  // nullptr when not compressed
  std::string etag;                  // "\"<16 hex digits>\""
  std::string gzip_etag;             // "\"<16 hex digits>-gz\"", or "" without gzip_body
  std::string content_type;
  std::string cache_control;
};

// Bodies smaller than this are not compressed: the gzip header and a round trip saved are not worth it.
inline constexpr std::size_t kMinGzipBytes = 256;

// Prepares `body`. Compresses it (once, now) when the type is text (compressible_type) and the body is at
// least kMinGzipBytes, and keeps the copy only if it is smaller.
StaticResource make_static_resource(std::string body, std::string content_type, std::string cache_control);

// The response to a GET or HEAD of `resource`, given the request's If-None-Match and Accept-Encoding values.
Response respond_static(const StaticResource& resource, std::string_view if_none_match,
                        std::string_view accept_encoding);
Response respond_static(const StaticResource& resource, const Request& request);

// 64-bit FNV-1a of `data`: stable across runs and builds, so clients' cached ETags stay valid after a restart.
std::uint64_t content_hash(std::string_view data);
// "\"<16 lower-case hex digits>\"" from a hash.
std::string strong_etag(std::uint64_t hash);

// True when an If-None-Match value names `etag` (weak comparison, as RFC 9110 asks for If-None-Match: a W/
// prefix is ignored) or is "*".
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// True when an Accept-Encoding value accepts gzip (or x-gzip, or *) with a q-value above 0.
bool accepts_gzip(std::string_view accept_encoding);

// text/*, JSON, JavaScript, SVG, XML, web manifests and WebAssembly: worth compressing.
bool compressible_type(std::string_view content_type);

}  // namespace smr::http
