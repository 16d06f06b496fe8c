#pragma once
// Synthetic progress data for benchmarks: ten years of daily sessions as session digests, what
// Store::session_digests returns for a dedicated person. Deterministic for a seed (std::mt19937 and plain
// modulo, no distributions, so every standard library gives the same data). Used by bench/progress_bench.cc;
// an end-to-end benchmark can store the same digests' sessions and read them back.
//
// Shape: kTenYearsDays days from Monday 2016-01-04, one session a day (3 650 sessions) starting between 05:00
// and 19:59 UTC; each session rolls the 6 regions and sides of kBenchRegions for 30-150 s and checks in at each
// 1-3 times, intensity 2-8, about 5 % of check-ins pain. The zone is Europe/Berlin (20 DST changes).

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "core/session_digest.h"
#include "core/time_zone.h"

namespace smr::bench {

inline constexpr int kTenYearsDays = 3650;

// Regions and sides of every session, in digest order (region id, then side).
inline constexpr std::array<std::pair<const char*, core::Side>, 6> kBenchRegions{{
    {"calves", core::Side::kLeft},
    {"calves", core::Side::kRight},
    {"glutes", core::Side::kCentre},
    {"hamstrings", core::Side::kLeft},
    {"hamstrings", core::Side::kRight},
    {"thoracic-spine", core::Side::kCentre},
}};

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
constexpr std::int64_t bench_days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

inline constexpr core::UnixMillis kTenYearsStartMs = bench_days_from_civil(2016, 1, 4) * core::kDayMs;

// 20:00 UTC on the last day: after every session.
inline constexpr core::UnixMillis kTenYearsNowMs =
    kTenYearsStartMs + (kTenYearsDays - 1) * core::kDayMs + 20 * 3'600'000;

// Europe/Berlin over the span: CET, CEST from the last Sunday of March 01:00 UTC to the last Sunday of October
// 01:00 UTC.
inline core::TimeZone ten_years_zone() {
  core::TimeZone tz{60, {}};
  const auto last_sunday = [](int y, int m) {
    std::int64_t day = bench_days_from_civil(y, m, 31);
    while (core::weekday(day) != 6) --day;
    return day;
  };
  for (int y = 2016; y <= 2025; ++y) {
    tz.transitions.push_back({last_sunday(y, 3) * core::kDayMs + 3'600'000, 120});
    tz.transitions.push_back({last_sunday(y, 10) * core::kDayMs + 3'600'000, 60});
  }
  return tz;
}

// Ten years of daily session digests, oldest first.
inline std::vector<core::SessionDigest> ten_years_of_digests(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const auto pick = [&](std::uint32_t n) { return static_cast<int>(rng() % n); };
  std::vector<core::SessionDigest> out;
  out.reserve(kTenYearsDays);
  for (int day = 0; day < kTenYearsDays; ++day) {
    core::SessionDigest s;
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) s.uid += kHex[rng() % 16];
    s.started_ms = kTenYearsStartMs + day * core::kDayMs + (5 + pick(15)) * 3'600'000 + pick(60) * 60'000;
    core::UnixMillis at = s.started_ms;
    s.regions.reserve(kBenchRegions.size());
    for (const auto& [region, side] : kBenchRegions) {
      core::RegionDigest r;
      r.region = region;
      r.side = side;
      r.active_ms = 30'000 + pick(121) * 1000;
      at += r.active_ms;
      r.check_ins = 1 + pick(3);
      for (int c = 0; c < r.check_ins; ++c) {
        const int intensity = 2 + pick(7);
        r.intensity_sum += intensity;
        r.intensity_max = std::max(r.intensity_max, intensity);
        if (pick(20) == 0) ++r.pain_check_ins;
        at += 10'000;
        if (c == 0) r.first_check_in_ms = at;
        r.last_check_in_ms = at;
        r.last_intensity = intensity;
      }
      s.regions.push_back(std::move(r));
    }
    s.ended_ms = at + 60'000;
    s.status = core::SessionStatus::kFinished;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace smr::bench
