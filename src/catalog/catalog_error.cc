#include "catalog/catalog_error.h"

namespace smr::catalog {

std::string CatalogError::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  if (!entry.empty()) {
    out += entry;
    if (!field.empty()) out += ", field \"" + field + "\"";
    out += ": ";
  } else if (!field.empty()) {
    out += "field \"" + field + "\": ";
  }
  out += message;
  return out;
}

}  // namespace smr::catalog
