#pragma once
// Session digests in the stores (docs/storage.md, "Session digests"). Internal to the backends.
//
// SQLite and PostgreSQL keep each ended session's digest (core::digest_session of its record) in
// session_digests, written in the transaction that ends the session, imports it or writes to it after its
// end; active sessions, and ended ones a backfill has not reached yet, are digested from their records when
// asked for. MemoryStore digests every session from its record (digests_from_records).

#include <algorithm>
#include <vector>

#include "store/store.h"

namespace smr::store::detail {

// Sessions the backfill digests per transaction when a journal from before schema version 4 is opened: a
// crash loses at most one batch, which the next open does again.
inline constexpr int kDigestBackfillBatch = 256;

Result<std::vector<core::SessionDigest>> digests_from_records(Store& store, core::PersonId id, core::UnixMillis from_ms,
                                                              core::UnixMillis to_ms);

// core's order of a digest's regions (core::digest_session): by region id (byte order), then side in the
// enum's order — left, right, centre (not the spellings' order, which a SQL ORDER BY side would give).
inline bool region_digest_before(const core::RegionDigest& a, const core::RegionDigest& b) {
  const int by_region = a.region.compare(b.region);
  return by_region != 0 ? by_region < 0 : a.side < b.side;
}

// Puts regions read from session_digests (in the primary key's order, or none) into core's order.
inline void sort_regions(std::vector<core::RegionDigest>& regions) {
  if (!std::is_sorted(regions.begin(), regions.end(), region_digest_before)) {
    std::sort(regions.begin(), regions.end(), region_digest_before);
  }
}

}  // namespace smr::store::detail
