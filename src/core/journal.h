#pragma once
// What SMR Coach remembers about a person: their profile, saved routines and custom exercises, every
// session with its events, check-ins, adaptations and notes, self-tests and settings.
//
// Records are plain values. Times are Unix milliseconds (UTC). Records that can be exported carry a `uid`
// (32 lower-case hex digits, unique across databases) so that an import recognises what is already there;
// storage-internal integer keys never leave the store.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.h"
#include "core/region.h"

namespace smr::core {

using UnixMillis = std::int64_t;
using PersonId = std::int64_t;

// A fresh store holds one person, the local user, with this id.
inline constexpr PersonId kLocalPersonId = 1;

struct Person {
  PersonId id = kLocalPersonId;
  std::string name;
  UnixMillis created_ms = 0;

  bool operator==(const Person&) const = default;
};

enum class Experience { kNew, kRegular };

template <>
struct EnumNames<Experience> {
  static constexpr std::array<std::pair<Experience, std::string_view>, 2> kNames{
      {{Experience::kNew, "new"}, {Experience::kRegular, "regular"}}};
};

// A region (and side) that bothers the person.
struct Ache {
  std::string region;
  Side side = Side::kCentre;
  std::string note;

  bool operator==(const Ache&) const = default;
};

// Where a condition that blocks "the area the person names" applies (an open wound on the left calf).
struct NamedArea {
  std::string condition;
  std::string region;
  Side side = Side::kCentre;

  bool operator==(const NamedArea&) const = default;
};

// Screening answers and circumstances. One per person, replaced as a whole when it changes.
struct Profile {
  std::vector<std::string> conditions;  // catalog condition ids
  std::vector<NamedArea> named_areas;
  std::vector<std::string> symptoms;  // catalog red-flag ids present now
  Experience experience = Experience::kNew;
  std::vector<std::string> tools;      // catalog tool ids owned
  std::vector<std::string> lifestyle;  // e.g. "desk-work", "running", "stress"
  std::vector<Ache> aches;
  UnixMillis updated_ms = 0;

  bool operator==(const Profile&) const = default;
};

struct SavedRoutine {
  std::string uid;
  PersonId person_id = kLocalPersonId;
  std::string name;
  UnixMillis created_ms = 0;
  std::string routine_json;  // the planner's routine, as `smr plan --json` prints it

  bool operator==(const SavedRoutine&) const = default;
};

// A trainer's or person's own exercise, kept as catalog TOML (one [[exercise]] entry).
struct CustomExercise {
  std::string uid;
  PersonId person_id = kLocalPersonId;
  UnixMillis created_ms = 0;
  std::string toml;

  bool operator==(const CustomExercise&) const = default;
};

enum class SessionStatus { kActive, kFinished, kStopped };

template <>
struct EnumNames<SessionStatus> {
  static constexpr std::array<std::pair<SessionStatus, std::string_view>, 3> kNames{
      {{SessionStatus::kActive, "active"},
       {SessionStatus::kFinished, "finished"},
       {SessionStatus::kStopped, "stopped"}}};
};

struct SessionInfo {
  std::string uid;
  PersonId person_id = kLocalPersonId;
  std::string title;  // e.g. "Recover after a workout, 20 min" (core::session_title)
  UnixMillis started_ms = 0;
  std::optional<UnixMillis> ended_ms;
  SessionStatus status = SessionStatus::kActive;
  std::string routine_json;  // the routine being done

  bool operator==(const SessionInfo&) const = default;
};

// Something that happened in a session (a phase started, a pause, a skip). `seq` orders a session's events.
struct SessionEvent {
  std::string session_uid;
  std::int64_t seq = 0;
  UnixMillis at_ms = 0;
  std::string kind;  // the session engine's event name, e.g. "phase-started"
  int step = -1;     // routine step index, -1 when not about a step
  std::string data_json = "{}";

  bool operator==(const SessionEvent&) const = default;
};

// How a check-in feels. The first three are sensation; the rest are pain (evidence.md R3).
enum class Quality {
  kPressure,
  kAche,
  kGoodHurt,
  kSharp,
  kBurning,
  kStinging,
  kStabbing,
  kRadiating,
  kNumb,
  kTingling
};

template <>
struct EnumNames<Quality> {
  static constexpr std::array<std::pair<Quality, std::string_view>, 10> kNames{{
      {Quality::kPressure, "pressure"},
      {Quality::kAche, "ache"},
      {Quality::kGoodHurt, "good-hurt"},
      {Quality::kSharp, "sharp"},
      {Quality::kBurning, "burning"},
      {Quality::kStinging, "stinging"},
      {Quality::kStabbing, "stabbing"},
      {Quality::kRadiating, "radiating"},
      {Quality::kNumb, "numb"},
      {Quality::kTingling, "tingling"},
  }};
};

// True for the qualities that mean pain rather than sensation (R3).
bool is_pain(Quality q);

// 32 lower-case hex digits.
bool is_uid(std::string_view uid);

struct CheckIn {
  std::string uid;
  std::string session_uid;
  UnixMillis at_ms = 0;
  int step = -1;
  std::string exercise;  // catalog exercise id
  std::string region;    // catalog region id
  Side side = Side::kCentre;
  int intensity = 0;  // NRS 0-10
  Quality quality = Quality::kPressure;
  std::string note;

  bool operator==(const CheckIn&) const = default;
};

// A change the coach made during a session, with its reason (lighter variation, softer tool, skip region).
struct Adaptation {
  std::string uid;
  std::string session_uid;
  UnixMillis at_ms = 0;
  int step = -1;
  std::string kind;    // e.g. "lighter-variation", "softer-tool", "skip-region", "stop-session"
  std::string reason;  // plain words, with rule ids
  std::string detail_json = "{}";

  bool operator==(const Adaptation&) const = default;
};

struct SessionNote {
  std::string uid;
  std::string session_uid;
  UnixMillis at_ms = 0;
  std::string text;

  bool operator==(const SessionNote&) const = default;
};

// A range-of-motion self-test result (evidence.md "Self-tests").
struct SelfTest {
  std::string uid;
  PersonId person_id = kLocalPersonId;
  UnixMillis at_ms = 0;
  std::string test;  // "knee-to-wall", "sit-and-reach", "thoracic-rotation", "shoulder-flexion", "thomas-test"
  Side side = Side::kCentre;
  double value = 0;
  std::string unit;         // "cm", "deg", "pass-fail"
  std::string session_uid;  // empty when not part of a session
  std::string phase;        // "baseline", "before", "after", "check"

  bool operator==(const SelfTest&) const = default;
};

struct Setting {
  PersonId person_id = kLocalPersonId;
  std::string key;
  std::string value;

  bool operator==(const Setting&) const = default;
};

// A session with everything recorded in it, each list in recording order.
struct SessionRecord {
  SessionInfo info;
  std::vector<SessionEvent> events;
  std::vector<CheckIn> check_ins;
  std::vector<Adaptation> adaptations;
  std::vector<SessionNote> notes;

  bool operator==(const SessionRecord&) const = default;
};

struct PersonProfile {
  PersonId person_id = kLocalPersonId;
  Profile profile;

  bool operator==(const PersonProfile&) const = default;
};

// Everything in a store, in a canonical order (see docs/storage.md), for export and import.
struct Journal {
  std::vector<Person> people;
  std::vector<PersonProfile> profiles;
  std::vector<SavedRoutine> routines;
  std::vector<CustomExercise> custom_exercises;
  std::vector<SessionRecord> sessions;
  std::vector<SelfTest> self_tests;
  std::vector<Setting> settings;

  bool operator==(const Journal&) const = default;
};

// Check-ins of one region and side in one week, for progress charts.
struct WeeklyRegionStat {
  UnixMillis week_start_ms = 0;  // Monday 00:00 in the requested UTC offset
  std::string region;
  Side side = Side::kCentre;
  int check_ins = 0;
  double mean_intensity = 0;
  int max_intensity = 0;
  int pain_count = 0;  // check-ins whose quality is pain

  bool operator==(const WeeklyRegionStat&) const = default;
};

// "" when the record may be stored; otherwise "field: what is wrong". Every store checks these before
// writing (an invalid record is refused with Error::Code::kInvalid and nothing is written).
std::string problem_with(const SessionInfo& s);
std::string problem_with(const SessionEvent& e);
std::string problem_with(const CheckIn& c);
std::string problem_with(const Adaptation& a);
std::string problem_with(const SessionNote& n);
std::string problem_with(const SelfTest& t);
std::string problem_with(const SavedRoutine& r);
std::string problem_with(const CustomExercise& x);

}  // namespace smr::core
