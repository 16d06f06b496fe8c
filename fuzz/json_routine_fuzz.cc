// The routine reader, routine_from_json: a plan file (`smr roll --plan FILE`), the routine of
// POST /api/sessions and POST /api/routines, and a saved routine read back from the journal. Properties: no
// crash, no leak, no undefined behaviour; a routine it accepts reads back from its own JSON (plan_json's
// to_json, what `smr plan --json` prints) as the same JSON.

#include <boost/json/serialize.hpp>

#include "fuzz/fuzz_check.h"
#include "json/plan_json.h"
#include "json/routine_read.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto routine = smr::json::routine_from_json(smr::fuzz::text(data, size));
  if (!routine) {
    (void)routine.error().message();
    return 0;
  }
  const auto text = boost::json::serialize(smr::json::to_json(*routine));
  const auto back = smr::json::routine_from_json(text);
  if (!back) smr::fuzz::fail("a routine's own JSON does not read back", back.error().message() + "\n" + text);
  if (boost::json::serialize(smr::json::to_json(*back)) != text) {
    smr::fuzz::fail("a routine's JSON changes on a round trip", text);
  }
  return 0;
}
