#pragma once
// The person a request acts for: the one place that says who that is, so that every handler asks it and the
// switch to accounts is one line. Until accounts are on (`smr serve --accounts`, docs/accounts.md), every
// request acts for the local person (core::kLocalPersonId); then it is the signed-in session's person.

#include "core/journal.h"
#include "http/request.h"

namespace smr::http {

core::PersonId actor(const Request& request);

}  // namespace smr::http
