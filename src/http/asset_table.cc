#include "http/asset_table.h"

#include <array>
#include <utility>

#include "http/api_error.h"
#include "http/router.h"

namespace smr::http {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kTypes{{
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"txt", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"wasm", "application/wasm"},
    {"mp3", "audio/mpeg"},
}};

std::string_view file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string content_type_for(std::string_view path) {
  const auto name = file_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(name.substr(dot + 1));
  for (auto& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return std::string(type);
  }
  return "application/octet-stream";
}

bool is_hashed_name(std::string_view path) {
  const auto name = file_name(path);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot < 9) return false;
  const auto stem = name.substr(0, dot);
  const char sep = stem[stem.size() - 9];
  if (sep != '-' && sep != '.') return false;
  bool letter = false;
  bool digit = false;
  for (const char c : stem.substr(stem.size() - 8)) {
    if (is_alpha(c)) {
      letter = true;
    } else if (is_digit(c)) {
      digit = true;
    } else if (c != '_' && c != '-') {
      return false;
    }
  }
  // Under assets/ (Vite's output folder, where every name carries a content hash) a hash of letters only, or of
  // digits only, is still a hash: a quarter of Vite's 8-character base64 hashes have no digit. Elsewhere both
  // are needed, so that a name like "app-settings.js" is never mistaken for one.
  if (path.starts_with("/")) path.remove_prefix(1);
  if (path.starts_with("assets/")) return letter || digit;
  return letter && digit;
}

AssetTable::AssetTable(std::span<const EmbeddedFile> files) {
  for (const auto& f : files) {
    auto cache = std::string(is_hashed_name(f.path) ? kImmutableCache : kRevalidateCache);
    files_.emplace(std::string(f.path), make_static_resource(std::string(f.data), content_type_for(f.path), cache));
  }
  index_ = find("index.html");
}

const StaticResource* AssetTable::find(std::string_view path) const {
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

Response AssetTable::serve(const Request& request) const {
  if (request.method() != Verb::get && request.method() != Verb::head) {
    return method_not_allowed(request.method_name(), {Verb::get, Verb::head});
  }
  std::string path;
  for (const auto& s : request.segments()) {
    if (!path.empty()) path += '/';
    path += s;
  }
  const StaticResource* file = path.empty() ? index_ : find(path);
  if (!file) file = index_;
  if (!file) return error_response(not_found("this smr was built without a web app; the API is under /api/"));
  return respond_static(*file, request);
}

}  // namespace smr::http
