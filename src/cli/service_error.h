#pragma once
// The CLI's side of a use-case error (service/error.h): the exit code for its code, and each field named as the
// flag a person typed ("--minutes: 2 is outside 3 to 90"). The same error the API answers with the same code
// and field (tests/e2e/faces_agree_test.cc).

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "service/error.h"

namespace smr::cli {

// A command's own names for request fields, before the shared table (e.g. {"region", "REGION"} for a
// positional argument).
using FieldNames = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// kInvalid -> 2 (usage), kStop -> 3 (red flag), anything else -> 1.
int exit_code_for(const service::Error& e);

// The flag or argument a request field is typed as: `names` first, then the shared table ("minutes" ->
// "--minutes", "as_of" -> "--as-of", "at_ms" -> "--at"); "" when the field is not typed on the command line.
std::string flag_for(std::string_view field, FieldNames names = {});

// The message as the CLI prints it: for an invalid input, each problem with its field written as its flag
// (a field without a flag keeps the API's words); the stop advice one line each; otherwise the message.
std::string cli_message(const service::Error& e, FieldNames names = {});

// Throws CliError with the two above; `prefix` (e.g. "plan.json: ") comes before the message.
[[noreturn]] void throw_service_error(const service::Error& e, std::string_view prefix = "", FieldNames names = {});

}  // namespace smr::cli
