#include "catalog/catalog_error.h"

namespace smr::catalog {

// Built with append() rather than operator+ chains: GCC 12 at -O2 reports a false -Wrestrict on
// `const char* + std::string&&` (GCC bug 105329).
std::string CatalogError::to_string() const {
  std::string out = file;
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(": ");
  if (!entry.empty()) {
    out.append(entry);
    if (!field.empty()) out.append(", field \"").append(field).append("\"");
    out.append(": ");
  } else if (!field.empty()) {
    out.append("field \"").append(field).append("\": ");
  }
  out.append(message);
  return out;
}

}  // namespace smr::catalog
