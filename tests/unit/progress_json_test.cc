// The JSON form of progress (docs/progress.md "JSON"): the shape `smr progress --json` prints and the web API
// will return.

#include "json/progress_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace smr::json {
namespace {

namespace bj = boost::json;
using namespace core;

Progress small_progress() {
  Progress p;
  RegionSensation r;
  r.region = "calves";
  r.side = Side::kLeft;
  r.points = {IntensityPoint{1000, "s1", 5.5, 7, 2, true}};
  r.weeks = {WeeklyIntensity{500, 2, 5.5, 7, 1}};
  r.trend = TrendFit{Trend::kNotEnoughData, std::nullopt, 0.0, 0.0, 1};
  r.first_weeks_mean = 5.5;
  r.recent_mean = 5.5;
  r.latest_intensity = 4;
  r.latest_at_ms = 1200;
  p.sensation = {r};

  p.adherence.target = 5;
  AdherenceWeek w;
  w.week_start_ms = 500;
  w.sessions = 1;
  w.in_progress = true;
  w.regions = {RegionWeek{"calves", Side::kLeft, 120'000, 1, 1}};
  p.adherence.weeks = {w};
  p.adherence.streaks = Streaks{1, 1, 0, 0};
  p.adherence.sessions_by_hour[7] = 1;

  p.soreness.sessions = {SessionSoreness{"s1", "quadriceps", Side::kRight, 6, 4, -2, true}};
  WorkoutSoreness ws;
  ws.workout_uid = "w1";
  ws.workout_ms = 100;
  ws.region = "quadriceps";
  ws.side = Side::kRight;
  ws.by_day = {3, std::nullopt, 5};
  ws.peak_day = 2;
  p.soreness.workouts = {ws};
  p.soreness.mean_change = -2.0;

  SelfTestProgress t;
  t.test = "knee-to-wall";
  t.side = Side::kLeft;
  t.unit = "cm";
  t.smallest_real_change = 1.0;
  t.history = {SelfTestValue{900, 9.0, "before", "s1"}};
  t.baseline_trials = {9.0};
  t.latest_at_ms = 0;
  t.sessions = {AcuteChange{"s1", 1100, 9.0, 10.5, 1.5, SelfTestVerdict::kImproved}};
  p.self_tests = {t};

  PainAlert a;
  a.id = "repeated-pain/calves/left/s1";
  a.kind = AlertKind::kRepeatedPain;
  a.region = "calves";
  a.side = Side::kLeft;
  a.since_ms = 1000;
  a.pain_sessions = 3;
  a.sessions_considered = 3;
  a.message = "m";
  a.evidence = Citation{{"R3"}, {"S50"}};
  p.alerts = {a};
  return p;
}

TEST(ProgressJsonTest, ShapeOfASmallProgress) {
  const bj::value expected = bj::parse(R"({
    "sensation": [{
      "region": "calves", "side": "left",
      "points": [{"at_ms": 1000, "session_uid": "s1", "intensity": 5.5, "max_intensity": 7, "check_ins": 2,
                  "pain": true}],
      "weeks": [{"week_start_ms": 500, "check_ins": 2, "mean_intensity": 5.5, "max_intensity": 7, "pain_count": 1}],
      "trend": {"trend": "not-enough-data", "slope_per_week": null, "change": 0.0, "span_days": 0.0, "points": 1},
      "first_weeks_mean": 5.5, "recent_mean": 5.5, "first_to_recent_change": null,
      "latest_intensity": 4, "latest_at_ms": 1200
    }],
    "adherence": {
      "target": 5,
      "weeks": [{"week_start_ms": 500, "sessions": 1, "met_target": false, "in_progress": true,
                 "regions": [{"region": "calves", "side": "left", "active_ms": 120000, "sessions": 1,
                              "sessions_at_dose": 1}]}],
      "streaks": {"current_days": 1, "longest_days": 1, "current_weeks": 0, "longest_weeks": 0},
      "sessions_by_hour": [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      "mean_sessions_per_week": 0.0
    },
    "soreness": {
      "sessions": [{"session_uid": "s1", "region": "quadriceps", "side": "right", "before": 6, "after": 4,
                    "change": -2, "meaningful": true}],
      "workouts": [{"workout_uid": "w1", "workout_ms": 100, "region": "quadriceps", "side": "right",
                    "by_day": [3, null, 5], "peak_day": 2}],
      "mean_change": -2.0
    },
    "self_tests": [{
      "test": "knee-to-wall", "side": "left", "unit": "cm", "smallest_real_change": 1.0,
      "history": [{"at_ms": 900, "value": 9.0, "phase": "before", "session_uid": "s1"}],
      "baseline_trials": [9.0], "baseline": null, "latest": null, "latest_at_ms": null, "change": null,
      "verdict": "needs-baseline",
      "sessions": [{"session_uid": "s1", "at_ms": 1100, "before": 9.0, "after": 10.5, "change": 1.5,
                    "verdict": "improved"}]
    }],
    "alerts": [{"id": "repeated-pain/calves/left/s1", "kind": "repeated-pain", "region": "calves", "side": "left",
                "since_ms": 1000, "pain_sessions": 3, "sessions_considered": 3, "change": 0.0, "message": "m",
                "rules": ["R3"], "sources": ["S50"], "acknowledged": false}]
  })");
  const bj::value actual = to_json(small_progress());
  EXPECT_EQ(actual, expected) << bj::serialize(actual);
}

TEST(ProgressJsonTest, AnyStorageGivesTheSameValue) {
  bj::monotonic_resource mr;
  EXPECT_EQ(to_json(small_progress(), &mr), to_json(small_progress()));
}

TEST(ProgressJsonTest, EmptyProgressHasEveryKey) {
  const bj::value v = to_json(Progress{});
  const auto& o = v.as_object();
  for (const char* key : {"sensation", "adherence", "soreness", "self_tests", "alerts"}) {
    EXPECT_TRUE(o.contains(key)) << key;
  }
  EXPECT_TRUE(o.at("sensation").as_array().empty());
  EXPECT_EQ(o.at("adherence").at("sessions_by_hour").as_array().size(), 24u);
  EXPECT_TRUE(o.at("soreness").at("mean_change").is_null());
}

}  // namespace
}  // namespace smr::json
