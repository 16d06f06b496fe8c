// JSON of live sessions (json/session_json.h): cues, views, refusals, the timeline; inputs parsed with errors
// that name the field.

#include "json/session_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace smr::json {
namespace {

namespace bj = boost::json;
using core::InputKind;
using core::Quality;

tl::expected<core::SessionInput, FieldError> input(std::string_view text) {
  return session_input_from_json(bj::parse(text));
}

FieldError input_error(std::string_view text) {
  auto r = input(text);
  EXPECT_FALSE(r) << text;
  return r ? FieldError{} : r.error();
}

TEST(SessionJsonTest, CueHasEveryField) {
  core::Cue c;
  c.kind = core::CueKind::kAdaptation;
  c.at_ms = 12500;
  c.step = 1;
  c.text = "Lighter";
  c.say = "Go lighter";
  c.chime = true;
  c.rules = {"R3"};
  EXPECT_EQ(bj::serialize(to_json(c)),
            R"({"kind":"adaptation","at_ms":12500,"step":1,"text":"Lighter","say":"Go lighter","chime":true,)"
            R"("rules":["R3"]})");
  c.step = -1;
  EXPECT_TRUE(to_json(c).as_object().at("step").is_null());
}

TEST(SessionJsonTest, ViewOutsideAStepHasNullsWhereNothingApplies) {
  core::SessionView v;
  v.state = core::SessionState::kGetReady;
  v.segment = core::SegmentKind::kGetReady;
  v.steps = 2;
  v.segment_ms = 10000;
  v.remaining_ms = 4000;
  v.elapsed_ms = 6000;
  const auto o = to_json(v).as_object();
  EXPECT_EQ(o.at("state"), "get-ready");
  EXPECT_TRUE(o.at("resumes_to").is_null());
  EXPECT_TRUE(o.at("step").is_null());
  EXPECT_TRUE(o.at("set").is_null());
  EXPECT_TRUE(o.at("breath").is_null());
  EXPECT_EQ(o.at("remaining_ms"), 4000);
  EXPECT_EQ(o.at("steps"), 2);
}

TEST(SessionJsonTest, PausedViewSaysWhatResumeReturnsTo) {
  core::SessionView v;
  v.state = core::SessionState::kPaused;
  v.resumes_to = core::SessionState::kHold;
  core::StepView s;
  s.index = 0;
  s.exercise = "calves-roller";
  s.side = core::Side::kLeft;
  v.step = s;
  v.set = 0;
  v.breath = core::BreathState{core::BreathPhase::kExhale, 2, 1500, 0.25, 0.75};
  const auto o = to_json(v).as_object();
  EXPECT_EQ(o.at("resumes_to"), "hold");
  EXPECT_EQ(o.at("step").as_object().at("side"), "left");
  EXPECT_EQ(o.at("set"), 0);
  EXPECT_EQ(bj::serialize(o.at("breath")),
            R"({"phase":"exhale","breath":2,"remaining_ms":1500,"progress":2.5E-1,"fill":7.5E-1})");
}

TEST(SessionJsonTest, RefusalAndTimelineSegment) {
  EXPECT_EQ(bj::serialize(to_json(core::Refusal{core::RefusalCode::kNotPaused, "Nothing to resume."})),
            R"({"code":"not-paused","message":"Nothing to resume."})");
  core::ScheduledSegment hold{{core::SegmentKind::kHold, 0, 0, 20000, false}, 15000, 35000};
  core::ScheduledSegment skipped{{core::SegmentKind::kRoll, 1, 0, 10000, true}, 35000, 35000};
  EXPECT_EQ(bj::serialize(timeline_json({hold, skipped})),
            R"([{"kind":"hold","step":0,"set":0,"start_ms":15000,"end_ms":35000}])");
}

TEST(SessionJsonTest, UpdateListsCuesAndCountsRecords) {
  core::SessionUpdate u;
  u.cues.push_back({});
  u.records.emplace_back(core::SessionEvent{});
  u.records.emplace_back(core::CheckIn{});
  const auto o = to_json(u).as_object();
  EXPECT_EQ(o.at("cues").as_array().size(), 1u);
  EXPECT_EQ(o.at("records"), 2);
}

TEST(SessionJsonTest, ParsesEveryInputKind) {
  EXPECT_EQ(input(R"({"kind":"pause"})")->kind, InputKind::kPause);
  EXPECT_EQ(input(R"({"kind":"resume"})")->kind, InputKind::kResume);
  EXPECT_EQ(input(R"({"kind":"skip-phase"})")->kind, InputKind::kSkipPhase);
  EXPECT_EQ(input(R"({"kind":"skip-step"})")->kind, InputKind::kSkipStep);
  EXPECT_EQ(input(R"({"kind":"extend"})")->kind, InputKind::kExtendHold);
  EXPECT_EQ(input(R"({"kind":"extend-hold"})")->kind, InputKind::kExtendHold);
  EXPECT_EQ(input(R"({"kind":"back"})")->kind, InputKind::kBack);
  EXPECT_EQ(input(R"({"kind":"stop"})")->kind, InputKind::kStop);
  const auto flag = input(R"({"kind":"red-flag","red_flag":"chest-pain-breathless"})");
  ASSERT_TRUE(flag);
  EXPECT_EQ(flag->kind, InputKind::kRedFlag);
  EXPECT_EQ(flag->red_flag, "chest-pain-breathless");
}

TEST(SessionJsonTest, ParsesACheckIn) {
  const auto c = input(R"({"kind":"check-in","intensity":8,"quality":"sharp","note":"left calf"})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, InputKind::kCheckIn);
  EXPECT_EQ(c->check_in, (core::CheckInAnswer{8, Quality::kSharp, "left calf", "", {}}));
  EXPECT_EQ(input(R"({"kind":"check-in","intensity":3.0,"quality":"good-hurt"})")->check_in.intensity, 3);
}

TEST(SessionJsonTest, InputErrorsNameTheField) {
  EXPECT_EQ(input_error(R"([1])").field, "");
  EXPECT_EQ(input_error(R"({})"),
            (FieldError{"kind",
                        "missing; expected \"pause\", \"resume\", \"skip-phase\", \"skip-step\", \"extend\", "
                        "\"back\", \"stop\", \"check-in\" or \"red-flag\""}));
  EXPECT_EQ(input_error(R"({"kind":"jump"})").field, "kind");
  EXPECT_EQ(input_error(R"({"kind":7})").field, "kind");
  EXPECT_EQ(input_error(R"({"kind":"pause","force":true})"),
            (FieldError{"force", "unknown field; \"pause\" takes no other field"}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","quality":"sharp"})"),
            (FieldError{"intensity", "missing; expected a whole number from 0 to 10"}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":11,"quality":"sharp"})"),
            (FieldError{"intensity", "expected a whole number from 0 to 10, got 11"}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":"8","quality":"sharp"})"),
            (FieldError{"intensity", "expected a whole number from 0 to 10, got \"8\""}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":2.5,"quality":"sharp"})").field, "intensity");
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5})").field, "quality");
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"quality":"itchy"})"),
            (FieldError{"quality",
                        "expected \"pressure\", \"ache\", \"good-hurt\", \"sharp\", \"burning\", "
                        "\"stinging\", \"stabbing\", \"radiating\", \"numb\" or \"tingling\", got \"itchy\""}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"quality":"ache","note":3})"),
            (FieldError{"note", "expected a string, got 3"}));
  EXPECT_EQ(input_error(R"({"kind":"red-flag"})").field, "red_flag");
  EXPECT_EQ(input_error(R"({"kind":"red-flag","red_flag":""})").field, "red_flag");
}

// Issue 10: the phone's pain button lets a person name more than one quality. The most serious leads (it is what
// the rules act on), the others follow in the order given, without repeats; "quality" alone still works.
TEST(SessionJsonTest, ACheckInMayNameSeveralQualitiesTheMostSeriousLeading) {
  const auto c = input(R"({"kind":"check-in","intensity":6,"qualities":["ache","sharp","tingling","ache"]})");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->check_in.quality, Quality::kTingling);
  EXPECT_EQ(c->check_in.also_felt, (std::vector<Quality>{Quality::kAche, Quality::kSharp}));
  const auto one = input(R"({"kind":"check-in","intensity":6,"qualities":["good-hurt"]})");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->check_in, (core::CheckInAnswer{6, Quality::kGoodHurt, "", "", {}}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"quality":"ache","qualities":["sharp"]})"),
            (FieldError{"qualities", "give quality or qualities, not both"}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"qualities":[]})"),
            (FieldError{"qualities",
                        "expected a non-empty list of \"pressure\", \"ache\", \"good-hurt\", \"sharp\", "
                        "\"burning\", \"stinging\", \"stabbing\", \"radiating\", \"numb\" or \"tingling\", got []"}));
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"qualities":["ache","itchy"]})").field, "qualities[1]");
  EXPECT_EQ(input_error(R"({"kind":"check-in","intensity":5,"qualities":"ache"})").field, "qualities");
}

TEST(SessionJsonTest, CheckInUnderAPathNamesTheFullPath) {
  const auto r = check_in_from_json(bj::parse(R"({"intensity":-1,"quality":"ache"})"), "answer");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "answer.intensity");
}

TEST(SessionJsonTest, SettingsOverrideTheBaseAndNameTheirFields) {
  core::SessionSettings base;
  base.get_ready_s = 10;
  const auto s = session_settings_from_json(bj::parse(R"({"breaths_per_min":8,"get_ready_s":3})"), base);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->breaths_per_minute, 8);
  EXPECT_EQ(s->get_ready_s, 3);
  EXPECT_EQ(s->check_in_s, base.check_in_s);
  EXPECT_EQ(session_settings_from_json(bj::parse(R"({"breaths_per_min":30})"), base).error(),
            (FieldError{"settings.breaths_per_min", "expected a whole number from 2 to 20, got 30"}));
  EXPECT_EQ(session_settings_from_json(bj::parse(R"({"speed":2})"), base).error().field, "settings.speed");
  EXPECT_EQ(session_settings_from_json(bj::parse(R"(5)"), base).error().field, "settings");
}

}  // namespace
}  // namespace smr::json
