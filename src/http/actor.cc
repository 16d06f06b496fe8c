#include "http/actor.h"

namespace smr::http {

core::PersonId actor(const Request& request) { return request.identity().person_id; }

}  // namespace smr::http
