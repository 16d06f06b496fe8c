// The readers of the small JSON bodies the web player and the record forms post: a session input
// (POST /api/sessions/{uid}/inputs), a check-in, the session settings, a plan request (POST /api/plan), a
// self-test, a soreness rating, a workout and the app's settings (PUT /api/settings). Each reads the same
// value. Properties: no crash, no leak, no undefined behaviour; every refusal names what was wrong (a message
// that is not empty).

#include <boost/json/parse.hpp>

#include "fuzz/fuzz_check.h"
#include "json/request_json.h"
#include "json/session_json.h"

namespace {

template <typename Result>
void check_refusal(const Result& r, std::string_view reader) {
  if (!r && r.error().message().empty()) smr::fuzz::fail(reader, "refused the input without saying why");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smr::json;
  boost::system::error_code ec;
  const auto value = boost::json::parse(smr::fuzz::text(data, size), ec);
  if (ec) return 0;
  if (const auto in = session_input_from_json(value); !in && in.error().message.empty()) {
    smr::fuzz::fail("session_input_from_json", "refused the input without saying why");
  }
  if (const auto in = check_in_from_json(value); !in && in.error().message.empty()) {
    smr::fuzz::fail("check_in_from_json", "refused the input without saying why");
  }
  if (const auto in = session_settings_from_json(value, {}); !in && in.error().message.empty()) {
    smr::fuzz::fail("session_settings_from_json", "refused the input without saying why");
  }
  check_refusal(plan_request_from_json(value), "plan_request_from_json");
  check_refusal(self_test_input_from_json(value), "self_test_input_from_json");
  check_refusal(soreness_input_from_json(value), "soreness_input_from_json");
  check_refusal(workout_input_from_json(value), "workout_input_from_json");
  const auto settings = app_settings_from_json(value, {});
  check_refusal(settings, "app_settings_from_json");
  if (settings) {
    // Settings are stored as their JSON: what was accepted reads back the same.
    const auto back = app_settings_from_json(to_json(*settings), {});
    if (!back || *back != *settings) smr::fuzz::fail("app settings change on a round trip");
  }
  return 0;
}
