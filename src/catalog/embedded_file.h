#pragma once
// A file compiled into the binary (see cmake/EmbedFiles.cmake).

#include <span>
#include <string_view>

namespace smr {

struct EmbeddedFile {
  std::string_view path;  // relative to the embedded folder, e.g. "exercises/hip-and-trunk.toml"
  std::string_view data;
};

}  // namespace smr
