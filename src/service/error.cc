#include "service/error.h"

#include <utility>

namespace smr::service {

Error invalid_input(std::vector<core::Problem> problems) {
  Error out;
  out.code = Error::Code::kInvalid;
  if (!problems.empty()) out.field = problems.front().field;
  out.message = core::messages(problems);
  out.problems = std::move(problems);
  return out;
}

Error field_error(Error::Code code, std::string field, std::string text) {
  Error out = invalid_input({core::Problem{std::move(field), std::move(text)}});
  out.code = code;
  return out;
}

Error from_store(const store::Error& e) {
  using C = store::Error::Code;
  Error out;
  out.message = e.message;
  switch (e.code) {
    case C::kNotFound: out.code = Error::Code::kNotFound; break;
    case C::kConflict: out.code = Error::Code::kConflict; break;
    case C::kInvalid: out.code = Error::Code::kInvalid; break;
    case C::kUnavailable: out.code = Error::Code::kUnavailable; break;
    case C::kBusy: out.code = Error::Code::kBusy; break;
    case C::kFull: out.code = Error::Code::kStorageFull; break;
    case C::kReadOnly: out.code = Error::Code::kReadOnly; break;
    case C::kCorrupt:
    case C::kIncompatible: out.code = Error::Code::kDamaged; break;
    case C::kIo: out.code = Error::Code::kInternal; break;
  }
  return out;
}

}  // namespace smr::service
