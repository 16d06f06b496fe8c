// The import file (`smr import FILE`, POST /api/import): import_journal_json into a fresh memory journal, as
// the import does into any store. Properties: no crash, no leak, no undefined behaviour; an import that
// succeeds exports a file that imports again into a fresh journal, and that journal exports the same bytes
// (export -> import -> export is byte-identical, docs/storage.md).

#include "fuzz/fuzz_check.h"
#include "service/journal_service.h"
#include "store/store.h"

namespace {

std::unique_ptr<smr::store::Store> fresh_store() {
  auto store = smr::store::open_store("memory:");
  if (!store) smr::fuzz::fail("cannot open a memory journal", store.error().message);
  return std::move(*store);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto store = fresh_store();
  const auto summary = smr::service::import_journal_json(*store, smr::fuzz::text(data, size));
  if (!summary) {
    if (summary.error().message.empty()) smr::fuzz::fail("an import was refused without saying why");
    return 0;
  }
  const auto exported = smr::service::export_journal_json(*store);
  if (!exported) smr::fuzz::fail("an imported journal does not export", exported.error().message);
  const auto again = fresh_store();
  if (const auto s = smr::service::import_journal_json(*again, *exported); !s) {
    smr::fuzz::fail("an exported journal does not import", s.error().message + "\n" + *exported);
  }
  const auto second = smr::service::export_journal_json(*again);
  if (!second || *second != *exported) smr::fuzz::fail("export -> import -> export changes the file", *exported);
  return 0;
}
