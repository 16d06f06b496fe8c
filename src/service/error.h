#pragma once
// Errors of the use cases: values with a code, the field at fault and a message for a person. The faces map
// the code to an exit status or an HTTP status and show the message; no caller parses message text.
//
// `field` is a JSON path into the request ("routine.steps[2].tool", "minutes", "profile.warnings") or empty
// when no one field is at fault. The CLI names the flag for a field through its own table (cli/service_error.h).

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "core/enum_names.h"
#include "core/problem.h"
#include "core/routine.h"
#include "store/store.h"

namespace smr::service {

struct Error {
  enum class Code {
    kInvalid,      // the input breaks a rule; `field` names it
    kNotFound,     // no such record
    kConflict,     // the record exists already, or the stored data no longer fits (a profile from an old catalog)
    kStop,         // a red flag or an active warning sign: no routine, no session (`stop` holds the advice)
    kBusy,         // the journal is busy (another writer); try again
    kUnavailable,  // the journal cannot be reached
    kStorageFull,  // the disk is full
    kReadOnly,     // the journal cannot be written (read-only media, no permission)
    kDamaged,      // the journal is damaged or from a newer version
    kInternal,     // anything else
    // Pairing (service/pairing_service.h):
    kCodeExpired,      // the pairing code has expired
    kCodeUsed,         // the pairing code was used already
    kTooManyAttempts,  // too many wrong pairing codes from this address lately; try again in a minute
    kUnpaired,         // the request needs a paired device's credential, and has none that is valid
    // Accounts (service/account_service.h):
    kSignedOut,  // the request needs a signed-in session, and has none that is valid (or the sign-in failed)
    kForbidden,  // the account may not do this (a disabled account signing in, a person using an admin's route)
  };
  Code code = Code::kInternal;
  std::string field;
  std::string message;
  std::vector<core::Notice> stop;  // kStop: the advice, emergency first
  // Every problem with its field apart from its words (kInvalid; also kNotFound for a field that names what is
  // not there). `message` is their messages, one a line;
  // `field` is the first one's, under a prefix when the input sits inside a larger request: "profile.tools[1]").
  // A face that names fields its own way (the CLI's flags) renders these instead of `message`.
  std::vector<core::Problem> problems;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error::Code code, std::string field, std::string message) {
  return tl::unexpected(Error{code, std::move(field), std::move(message), {}, {}});
}

// kInvalid for `problems` (not empty): the field of the first, the messages one a line.
Error invalid_input(std::vector<core::Problem> problems);
// `code` for one field: `field` (a JSON path) and `text` (without the field) as its one problem, so that each
// face names the field its way ("session: no session ...", "--session: no session ...").
Error field_error(Error::Code code, std::string field, std::string text);
// kInvalid for one problem.
inline tl::unexpected<Error> fail_input(std::string field, std::string text) {
  return tl::unexpected(field_error(Error::Code::kInvalid, std::move(field), std::move(text)));
}

// The store's error as a use-case error (message kept, no field).
Error from_store(const store::Error& e);

}  // namespace smr::service

namespace smr::core {
template <>
struct EnumNames<service::Error::Code> {
  static constexpr std::array<std::pair<service::Error::Code, std::string_view>, 16> kNames{{
      {service::Error::Code::kInvalid, "invalid"},
      {service::Error::Code::kNotFound, "not_found"},
      {service::Error::Code::kConflict, "conflict"},
      {service::Error::Code::kStop, "stop"},
      {service::Error::Code::kBusy, "busy"},
      {service::Error::Code::kUnavailable, "unavailable"},
      {service::Error::Code::kStorageFull, "storage_full"},
      {service::Error::Code::kReadOnly, "read_only"},
      {service::Error::Code::kDamaged, "damaged"},
      {service::Error::Code::kInternal, "internal"},
      {service::Error::Code::kCodeExpired, "code_expired"},
      {service::Error::Code::kCodeUsed, "code_used"},
      {service::Error::Code::kTooManyAttempts, "too_many_attempts"},
      {service::Error::Code::kUnpaired, "unpaired"},
      {service::Error::Code::kSignedOut, "signed_out"},
      {service::Error::Code::kForbidden, "forbidden"},
  }};
};
}  // namespace smr::core
