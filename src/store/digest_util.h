#pragma once
// Session digests computed from the sessions' full records (core::digest_session), for backends that keep no
// stored digests. Internal to the backends.

#include <vector>

#include "store/store.h"

namespace smr::store::detail {

Result<std::vector<core::SessionDigest>> digests_from_records(Store& store, core::PersonId id, core::UnixMillis from_ms,
                                                              core::UnixMillis to_ms);

}  // namespace smr::store::detail
