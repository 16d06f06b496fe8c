#include "cli/service_error.h"

#include <array>

#include "cli/cli_context.h"
#include "cli/plan_request_options.h"

namespace smr::cli {

namespace {

// Request fields (JSON paths, as the API names them) and the flags that type them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kFlags{{
    {"minutes", "--minutes"},
    {"focus", "--focus"},
    {"tools", "--tools"},
    {"activity", "--activity"},
    {"goal", "--goal"},
    {"context", "--context"},
    {"get_ready_s", "--get-ready"},
    {"check_in_s", "--check-in"},
    {"region", "--region"},
    {"since", "--since"},
    {"as_of", "--as-of"},
    {"target", "--target"},
    {"side", "--side"},
    {"phase", "--phase"},
    {"session", "--session"},
    {"value", "--value"},
    {"at_ms", "--at"},
    {"breaths_per_minute", "--breaths"},
    {"voice", "--voice"},
    {"units", "--units"},
}};

}  // namespace

int exit_code_for(const service::Error& e) {
  switch (e.code) {
    case service::Error::Code::kInvalid: return kExitUsage;
    case service::Error::Code::kStop: return kExitRedFlag;
    default: return kExitFailure;
  }
}

std::string flag_for(std::string_view field, FieldNames names) {
  for (const auto& [f, flag] : names) {
    if (f == field) return std::string(flag);
  }
  for (const auto& [f, flag] : kFlags) {
    if (f == field) return std::string(flag);
  }
  return {};
}

std::string cli_message(const service::Error& e, FieldNames names) {
  if (e.code == service::Error::Code::kStop) {
    // The advice, one line each, emergency first.
    std::string message = "no routine: stop, do not roll now.";
    for (const auto& n : e.stop) message += "\n  " + n.message;
    return message;
  }
  if (e.problems.empty()) return e.message;
  std::string out;
  for (const auto& p : e.problems) {
    const auto flag = flag_for(p.field, names);
    out += (out.empty() ? "" : "\n") + (flag.empty() ? p.message() : flag + ": " + p.text);
  }
  return out;
}

void throw_service_error(const service::Error& e, std::string_view prefix, FieldNames names) {
  throw CliError(exit_code_for(e), std::string(prefix) + cli_message(e, names), std::string(core::to_string(e.code)),
                 e.field);
}

}  // namespace smr::cli
