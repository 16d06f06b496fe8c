#pragma once
// Literal dates and journals for the progress analytics tests. Tests write what happened (sessions, check-ins,
// the time a region was played) and digests() turns each session into its digest with core::digest_session,
// the path the stores take, so the analytics are tested on the real digest definition.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/journal.h"
#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::core::testing {

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
constexpr std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

// A UTC instant.
constexpr UnixMillis utc(int y, int m, int d, int h = 0, int min = 0) {
  return days_from_civil(y, m, d) * kDayMs + (static_cast<std::int64_t>(h) * 60 + min) * 60'000;
}

// Europe/Berlin in 2026: CET (+60), CEST (+120) from 29 March 01:00 UTC, CET again from 25 October 01:00 UTC.
inline TimeZone berlin_2026() { return TimeZone{60, {{utc(2026, 3, 29, 1), 120}, {utc(2026, 10, 25, 1), 60}}}; }

inline SessionInfo session(std::string uid, UnixMillis started_ms) {
  SessionInfo s;
  s.uid = std::move(uid);
  s.started_ms = started_ms;
  s.ended_ms = started_ms + 10 * 60'000;
  s.status = SessionStatus::kFinished;
  return s;
}

inline CheckIn check_in(std::string session_uid, UnixMillis at_ms, std::string region, Side side, int intensity,
                        Quality quality = Quality::kPressure) {
  CheckIn c;
  c.uid = session_uid + "-" + std::to_string(at_ms);
  c.session_uid = std::move(session_uid);
  c.at_ms = at_ms;
  c.region = std::move(region);
  c.side = side;
  c.intensity = intensity;
  c.quality = quality;
  return c;
}

// The events of `region` and `side` being held from `from_ms` for `active_ms`, as step `step` of the session:
// step-started and a hold, ended by a check-in phase. Give a session's blocks in time order.
inline std::vector<SessionEvent> played(const std::string& session_uid, int step, const std::string& region, Side side,
                                        UnixMillis from_ms, std::int64_t active_ms) {
  const std::string where = R"({"region":")" + region + R"(","side":")" + std::string(to_string(side)) + "\"}";
  return {SessionEvent{session_uid, 0, from_ms, "step-started", step, where},
          SessionEvent{session_uid, 0, from_ms, "phase-started", step, R"({"phase":"hold"})"},
          SessionEvent{session_uid, 0, from_ms + active_ms, "phase-started", step, R"({"phase":"check-in"})"}};
}

// Concatenates event lists (e.g. several played() blocks).
inline std::vector<SessionEvent> events(std::initializer_list<std::vector<SessionEvent>> lists) {
  std::vector<SessionEvent> out;
  for (const auto& l : lists) out.insert(out.end(), l.begin(), l.end());
  return out;
}

// The digests of literal sessions, oldest first like Store::session_digests: each session's check-ins and
// events (matched by session_uid, in the order given; events are numbered in that order) go through
// core::digest_session. A check-in or event of a session not listed fails the test.
inline std::vector<SessionDigest> digests(std::vector<SessionInfo> sessions, const std::vector<CheckIn>& check_ins = {},
                                          const std::vector<SessionEvent>& events = {}) {
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const SessionInfo& a, const SessionInfo& b) { return a.started_ms < b.started_ms; });
  std::map<std::string, SessionRecord> records;
  for (const auto& s : sessions) records[s.uid].info = s;
  for (const auto& c : check_ins) {
    auto it = records.find(c.session_uid);
    if (it == records.end()) {
      ADD_FAILURE() << "check-in of an unknown session " << c.session_uid;
      continue;
    }
    it->second.check_ins.push_back(c);
  }
  for (const auto& e : events) {
    auto it = records.find(e.session_uid);
    if (it == records.end()) {
      ADD_FAILURE() << "event of an unknown session " << e.session_uid;
      continue;
    }
    it->second.events.push_back(e);
    it->second.events.back().seq = static_cast<std::int64_t>(it->second.events.size());
  }
  std::vector<SessionDigest> out;
  out.reserve(sessions.size());
  for (const auto& s : sessions) out.push_back(digest_session(records[s.uid]));
  return out;
}

// One finished session per session_uid of the check-ins, started at its earliest check-in.
inline std::vector<SessionInfo> sessions_of(const std::vector<CheckIn>& check_ins) {
  std::vector<SessionInfo> out;
  std::map<std::string, std::size_t> position;
  for (const auto& c : check_ins) {
    const auto [it, fresh] = position.try_emplace(c.session_uid, out.size());
    if (fresh) {
      out.push_back(session(c.session_uid, c.at_ms));
    } else {
      out[it->second].started_ms = std::min(out[it->second].started_ms, c.at_ms);
      out[it->second].ended_ms = out[it->second].started_ms + 10 * 60'000;
    }
  }
  return out;
}

// Check-ins alone: digests(sessions_of(check_ins), check_ins).
inline std::vector<SessionDigest> check_in_digests(const std::vector<CheckIn>& check_ins) {
  return digests(sessions_of(check_ins), check_ins);
}

}  // namespace smr::core::testing
