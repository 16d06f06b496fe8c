#include "http/actor.h"

namespace smr::http {

core::PersonId actor(const Request&) { return core::kLocalPersonId; }

}  // namespace smr::http
