#pragma once
// Active warning signs in words (service/safety_service.h): printed after a screening, by smr log and after a
// session stopped for one, so the urgent advice stays in view until the person clears it.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/screening.h"
#include "service/safety_service.h"

namespace smr::cli {

void print_warnings(std::ostream& out, const core::Catalog& catalog,
                    const std::vector<service::ActiveWarning>& warnings);

// The heading every list of clearance notices goes under.
inline constexpr std::string_view kClearanceHeading = "Check with your physician before you start";

// One clearance notice for a list under kClearanceHeading, said once there and not again in each item
// (issue 11): "Diabetes: especially about your feet. Look at your feet ...". A message that opens otherwise
// ("Check with your lymphedema therapist ...") is kept whole after the condition's name.
std::string clearance_item(const core::Catalog& catalog, const core::Notice& notice);

// What the person's conditions ask them to do after each session (issue 11: someone with loss of feeling is
// reminded to check their feet and skin): every sentence of their clearance and caution notices that says
// what to do "after each session" (or "afterwards"), once each, in order.
std::vector<std::string> after_session_reminders(const core::ScreeningResult& screening);

}  // namespace smr::cli
