#pragma once
// One problem found while loading a catalog, located precisely enough for a content author to fix it.

#include <string>

namespace smr::catalog {

struct CatalogError {
  std::string file;   // path as given (directory + relative path), or "<built-in>/regions.toml"
  int line = 0;       // 1-based; 0 when the problem is not at a line (e.g. an empty directory)
  std::string entry;  // e.g. `region "calves"`; empty for file-level problems
  std::string field;  // e.g. "dose.hold_s"; empty for entry- and file-level problems
  std::string message;

  // "regions.toml:42: region "calves", field "laterality": "both" is not valid; expected ..."
  std::string to_string() const;
};

}  // namespace smr::catalog
