#pragma once
// The CLI's side of a use-case error (service/error.h): the exit code for its code, and the field named as the
// flag a person typed ("--minutes: 2 is outside 3 to 90"). The same error the API answers with the same code
// and field (tests/e2e/faces_agree_test.cc).

#include <string>
#include <string_view>

#include "service/error.h"

namespace smr::cli {

// kInvalid -> 2 (usage), kStop -> 3 (red flag), anything else -> 1.
int exit_code_for(const service::Error& e);

// The message as the CLI prints it: a request field that is also a flag gets its "--".
std::string cli_message(const service::Error& e);

// Throws CliError with the two above; `prefix` (e.g. "plan.json: ") comes before the message.
[[noreturn]] void throw_service_error(const service::Error& e, std::string_view prefix = "");

}  // namespace smr::cli
