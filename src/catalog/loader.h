#pragma once
// Reads catalog TOML files and validates them completely into a core::Catalog (format: docs/catalog.md).
//
// Validation reports every problem at once; a catalog with any error is not returned.

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "catalog/catalog_error.h"
#include "core/catalog.h"

namespace smr::catalog {

struct SourceFile {
  std::string path;  // shown in error messages
  std::string text;
};

using LoadResult = tl::expected<core::Catalog, std::vector<CatalogError>>;

// Validates and builds a catalog from the given files (in the given order). `catalog_name` names the catalog
// as a whole in messages about it (e.g. "has no [[tool]] entries"): the folder, or "<built-in>".
LoadResult load_catalog(std::span<const SourceFile> files, std::string_view catalog_name = "catalog");

// Every *.toml file under `dir` (recursively, sorted by relative path), named "dir/relative/path.toml".
tl::expected<std::vector<SourceFile>, std::vector<CatalogError>> read_catalog_dir(const std::filesystem::path& dir);

// The catalog compiled into the binary, named "<built-in>/relative/path.toml".
std::vector<SourceFile> builtin_catalog_files();

LoadResult load_catalog_dir(const std::filesystem::path& dir);
LoadResult load_builtin_catalog();

}  // namespace smr::catalog
