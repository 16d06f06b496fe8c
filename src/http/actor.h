#pragma once
// The person a request acts for: the identity Api::handle gave it (request.h). Without accounts every request
// acts for the local person (core::kLocalPersonId); with `smr serve --accounts` (docs/accounts.md) it is the
// signed-in session's person.

#include "core/journal.h"
#include "http/request.h"

namespace smr::http {

core::PersonId actor(const Request& request);

}  // namespace smr::http
