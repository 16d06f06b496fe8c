#include "cli/service_error.h"

#include "cli/cli_context.h"
#include "cli/plan_request_options.h"

namespace smr::cli {

int exit_code_for(const service::Error& e) {
  switch (e.code) {
    case service::Error::Code::kInvalid: return kExitUsage;
    case service::Error::Code::kStop: return kExitRedFlag;
    default: return kExitFailure;
  }
}

std::string cli_message(const service::Error& e) {
  std::string message = e.message;
  if (e.code == service::Error::Code::kStop) {
    // The advice, one line each, emergency first.
    message = "no routine: stop, do not roll now.";
    for (const auto& n : e.stop) message += "\n  " + n.message;
    return message;
  }
  // Each line that starts with a request field gets the flag's "--".
  std::string out;
  std::size_t start = 0;
  while (start <= message.size()) {
    const auto end = message.find('\n', start);
    std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
    for (const char* flag : {"minutes", "focus", "tools", "activity", "goal", "context"}) {
      if (line.rfind(std::string(flag) + ":", 0) == 0) line = "--" + line;
    }
    out += (out.empty() ? "" : "\n") + line;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

void throw_service_error(const service::Error& e, std::string_view prefix) {
  throw CliError(exit_code_for(e), std::string(prefix) + cli_message(e), std::string(core::to_string(e.code)), e.field);
}

}  // namespace smr::cli
