// The catalog loader (load_catalog: TOML files -> a validated core::Catalog, docs/catalog.md), which reads the
// built-in catalog and a content author's folder (`smr --catalog DIR`). The input is one or more files, split
// at lines that read "#%file" (a TOML comment, so a seed is also a valid file). Properties: no crash, no
// leak, no undefined behaviour; a catalog is either returned or refused with at least one error, each naming
// a file and saying what was wrong.

#include <string>
#include <vector>

#include "catalog/loader.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  constexpr std::string_view kSeparator = "\n#%file\n";
  std::vector<smr::catalog::SourceFile> files;
  std::string_view rest = smr::fuzz::text(data, size);
  while (true) {
    const auto at = rest.find(kSeparator);
    files.push_back({"fuzz/" + std::to_string(files.size()) + ".toml", std::string(rest.substr(0, at))});
    if (at == std::string_view::npos) break;
    rest.remove_prefix(at + kSeparator.size());
  }
  const auto catalog = smr::catalog::load_catalog(files, "fuzz");
  if (catalog) return 0;
  if (catalog.error().empty()) smr::fuzz::fail("a catalog was refused without an error");
  for (const auto& e : catalog.error()) {
    if (e.file.empty() || e.message.empty())
      smr::fuzz::fail("a catalog error names no file or says nothing", e.to_string());
  }
  return 0;
}
