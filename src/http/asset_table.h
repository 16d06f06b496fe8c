#pragma once
// The web app's files (the embedded build folder: index.html and its assets), served from memory. Built once at
// start-up, immutable after: safe to share between threads.
//
// - Content-Type from the file's extension (content_type_for); text types are gzip-compressed once, here.
// - Caching: a file whose name carries a content hash (is_hashed_name: "assets/index-4f9a2b1c.js", as Vite
//   names its output) never changes under that name: `Cache-Control: public, max-age=31536000, immutable`.
//   Every other file (index.html above all) is `no-cache`: the browser revalidates with its ETag and gets a
//   304 while the file is unchanged, and the new file as soon as it has changed.
// - The single-page app owns its URLs: a GET of a path that is no file serves index.html (the app's router
//   shows the page), except under /api/, which the API answers.

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "catalog/embedded_file.h"
#include "http/request.h"
#include "http/response.h"
#include "http/static_resource.h"

namespace smr::http {

inline constexpr std::string_view kImmutableCache = "public, max-age=31536000, immutable";
inline constexpr std::string_view kRevalidateCache = "no-cache";

class AssetTable {
 public:
  // `files`: paths relative to the build folder ("index.html", "assets/index-4f9a2b1c.js").
  explicit AssetTable(std::span<const EmbeddedFile> files);

  // The file at `path` (relative, no leading "/"), nullptr if there is none.
  const StaticResource* find(std::string_view path) const;

  // GET or HEAD: the file the path names ("/" is index.html), else index.html (SPA fallback), else a JSON 404
  // when there is no index.html. Other methods: 405, Allow: GET, HEAD.
  Response serve(const Request& request) const;

  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticResource, std::less<>> files_;
  const StaticResource* index_ = nullptr;
};

// The Content-Type for a file name's extension; "application/octet-stream" when unknown. Text types carry
// "; charset=utf-8".
std::string content_type_for(std::string_view path);

// True when the file name ends in a content hash: the stem's last 8 characters, after a '-' or '.', are
// letters, digits, '_' or '-', with at least one digit and one letter ("index-4f9a2b1c.js",
// "logo.Bx3_k9Qa.svg"). Names like "app-settings.js" (no digit) are not. Under "assets/" (Vite's output
// folder, every file hashed) a hash without a digit or without a letter counts too ("assets/index-CknXRJYa.js").
bool is_hashed_name(std::string_view path);

}  // namespace smr::http
