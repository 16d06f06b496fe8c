// The profile readers: profile_from_input_json (PUT /api/profile, `smr profile --from FILE`) and
// profile_from_json (the profile in an import file and in the stores' profile column). Properties: no crash,
// no leak, no undefined behaviour; a profile either reader accepts survives its stored text form unchanged
// (profile_to_text -> profile_from_text -> profile_to_text gives the same bytes).

#include <boost/json/parse.hpp>

#include "fuzz/fuzz_check.h"
#include "json/journal_json.h"
#include "json/plan_json.h"

namespace {

void check_round_trip(const smr::core::Profile& profile) {
  const auto text = smr::json::profile_to_text(profile);
  const auto back = smr::json::profile_from_text(text);
  if (!back) smr::fuzz::fail("a profile's stored text does not read back", back.error().message() + "\n" + text);
  if (smr::json::profile_to_text(*back) != text)
    smr::fuzz::fail("a profile's stored text changes on a round trip", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(smr::fuzz::text(data, size), ec);
  if (ec) return 0;
  if (const auto p = smr::json::profile_from_input_json(value)) {
    check_round_trip(*p);
  } else {
    (void)p.error().message();
  }
  if (const auto p = smr::json::profile_from_json(value)) {
    check_round_trip(*p);
  } else {
    (void)p.error().message();
  }
  return 0;
}
