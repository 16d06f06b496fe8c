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
  };
  Code code = Code::kInternal;
  std::string field;
  std::string message;
  std::vector<core::Notice> stop;  // kStop: the advice, emergency first
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error::Code code, std::string field, std::string message) {
  return tl::unexpected(Error{code, std::move(field), std::move(message), {}});
}

// The store's error as a use-case error (message kept).
Error from_store(const store::Error& e);

}  // namespace smr::service

namespace smr::core {
template <>
struct EnumNames<service::Error::Code> {
  static constexpr std::array<std::pair<service::Error::Code, std::string_view>, 10> kNames{{
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
  }};
};
}  // namespace smr::core
