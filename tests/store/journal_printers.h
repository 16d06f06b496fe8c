#pragma once
// GoogleTest printers for the journal records and store errors, so that a failed comparison shows the
// records field by field instead of a byte dump. Found by argument-dependent lookup (same namespaces as the
// types); inline because several test files include this header.

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "core/journal.h"
#include "core/session_digest.h"
#include "store/store.h"

namespace smr::core {

namespace detail_print {

inline std::string quoted(const std::string& s) { return ::testing::PrintToString(s); }

inline std::string when(const std::optional<UnixMillis>& ms) { return ms ? std::to_string(*ms) : "none"; }

}  // namespace detail_print

inline void PrintTo(const Person& p, std::ostream* os) {
  *os << "Person{id " << p.id << ", " << detail_print::quoted(p.name) << ", created_ms " << p.created_ms << "}";
}

inline void PrintTo(const NamedArea& a, std::ostream* os) {
  *os << "{" << a.condition << " " << a.region << " " << to_string(a.side) << "}";
}

inline void PrintTo(const Ache& a, std::ostream* os) {
  *os << "{" << a.region << " " << to_string(a.side) << " " << detail_print::quoted(a.note) << "}";
}

inline void PrintTo(const Profile& p, std::ostream* os) {
  *os << "Profile{conditions " << ::testing::PrintToString(p.conditions) << ", named_areas "
      << ::testing::PrintToString(p.named_areas) << ", symptoms " << ::testing::PrintToString(p.symptoms)
      << ", experience " << to_string(p.experience) << ", tools " << ::testing::PrintToString(p.tools) << ", lifestyle "
      << ::testing::PrintToString(p.lifestyle) << ", aches " << ::testing::PrintToString(p.aches) << ", updated_ms "
      << p.updated_ms << "}";
}

inline void PrintTo(const PersonProfile& p, std::ostream* os) {
  *os << "PersonProfile{person " << p.person_id << ", ";
  PrintTo(p.profile, os);
  *os << "}";
}

inline void PrintTo(const SavedRoutine& r, std::ostream* os) {
  *os << "SavedRoutine{" << r.uid << ", person " << r.person_id << ", " << detail_print::quoted(r.name)
      << ", created_ms " << r.created_ms << ", " << detail_print::quoted(r.routine_json) << "}";
}

inline void PrintTo(const CustomExercise& x, std::ostream* os) {
  *os << "CustomExercise{" << x.uid << ", person " << x.person_id << ", created_ms " << x.created_ms << ", "
      << detail_print::quoted(x.toml) << "}";
}

inline void PrintTo(const SessionInfo& s, std::ostream* os) {
  *os << "SessionInfo{" << s.uid << ", person " << s.person_id << ", " << detail_print::quoted(s.title)
      << ", started_ms " << s.started_ms << ", ended_ms " << detail_print::when(s.ended_ms) << ", "
      << to_string(s.status) << ", " << detail_print::quoted(s.routine_json) << "}";
}

inline void PrintTo(const SessionEvent& e, std::ostream* os) {
  *os << "SessionEvent{" << e.session_uid << " seq " << e.seq << ", at_ms " << e.at_ms << ", " << e.kind << ", step "
      << e.step << ", " << detail_print::quoted(e.data_json) << "}";
}

inline void PrintTo(const CheckIn& c, std::ostream* os) {
  *os << "CheckIn{" << c.uid << ", session " << c.session_uid << ", at_ms " << c.at_ms << ", step " << c.step << ", "
      << c.exercise << ", " << c.region << " " << to_string(c.side) << ", intensity " << c.intensity << ", "
      << to_string(c.quality) << ", " << detail_print::quoted(c.note) << "}";
}

inline void PrintTo(const Adaptation& a, std::ostream* os) {
  *os << "Adaptation{" << a.uid << ", session " << a.session_uid << ", at_ms " << a.at_ms << ", step " << a.step << ", "
      << a.kind << ", " << detail_print::quoted(a.reason) << ", " << detail_print::quoted(a.detail_json) << "}";
}

inline void PrintTo(const SessionNote& n, std::ostream* os) {
  *os << "SessionNote{" << n.uid << ", session " << n.session_uid << ", at_ms " << n.at_ms << ", "
      << detail_print::quoted(n.text) << "}";
}

inline void PrintTo(const SelfTest& t, std::ostream* os) {
  *os << "SelfTest{" << t.uid << ", person " << t.person_id << ", at_ms " << t.at_ms << ", " << t.test << " "
      << to_string(t.side) << ", " << t.value << " " << t.unit << ", session " << detail_print::quoted(t.session_uid)
      << ", phase " << detail_print::quoted(t.phase) << "}";
}

inline void PrintTo(const Setting& s, std::ostream* os) {
  *os << "Setting{person " << s.person_id << ", " << detail_print::quoted(s.key) << " = "
      << detail_print::quoted(s.value) << "}";
}

inline void PrintTo(const SessionRecord& r, std::ostream* os) {
  *os << "SessionRecord{\n    ";
  PrintTo(r.info, os);
  *os << "\n    events " << ::testing::PrintToString(r.events) << "\n    check_ins "
      << ::testing::PrintToString(r.check_ins) << "\n    adaptations " << ::testing::PrintToString(r.adaptations)
      << "\n    notes " << ::testing::PrintToString(r.notes) << "}";
}

inline void PrintTo(const RegionDigest& r, std::ostream* os) {
  *os << "{" << r.region << " " << to_string(r.side) << ": active_ms " << r.active_ms << ", check_ins " << r.check_ins
      << ", sum " << r.intensity_sum << ", max " << r.intensity_max << ", pain " << r.pain_check_ins << ", first "
      << r.first_check_in_ms << ", last " << r.last_check_in_ms << " (" << r.last_intensity << ")}";
}

inline void PrintTo(const SessionDigest& d, std::ostream* os) {
  *os << "SessionDigest{" << d.uid << ", person " << d.person_id << ", " << d.started_ms << " to "
      << detail_print::when(d.ended_ms) << ", " << to_string(d.status) << ", regions "
      << ::testing::PrintToString(d.regions) << "}";
}

inline void PrintTo(const Journal& j, std::ostream* os) {
  *os << "Journal{\n  people " << ::testing::PrintToString(j.people) << "\n  profiles "
      << ::testing::PrintToString(j.profiles) << "\n  routines " << ::testing::PrintToString(j.routines)
      << "\n  custom_exercises " << ::testing::PrintToString(j.custom_exercises) << "\n  sessions "
      << ::testing::PrintToString(j.sessions) << "\n  self_tests " << ::testing::PrintToString(j.self_tests)
      << "\n  settings " << ::testing::PrintToString(j.settings) << "}";
}

inline void PrintTo(const WeeklyRegionStat& s, std::ostream* os) {
  *os << "WeeklyRegionStat{week " << s.week_start_ms << ", " << s.region << " " << to_string(s.side) << ", "
      << s.check_ins << " check-ins, mean " << s.mean_intensity << ", max " << s.max_intensity << ", pain "
      << s.pain_count << "}";
}

}  // namespace smr::core

namespace smr::store {

inline const char* code_name(Error::Code code) {
  switch (code) {
    case Error::Code::kNotFound: return "kNotFound";
    case Error::Code::kConflict: return "kConflict";
    case Error::Code::kInvalid: return "kInvalid";
    case Error::Code::kUnavailable: return "kUnavailable";
    case Error::Code::kBusy: return "kBusy";
    case Error::Code::kCorrupt: return "kCorrupt";
    case Error::Code::kIncompatible: return "kIncompatible";
    case Error::Code::kFull: return "kFull";
    case Error::Code::kReadOnly: return "kReadOnly";
    case Error::Code::kIo: return "kIo";
  }
  return "?";
}

inline void PrintTo(const Error::Code& code, std::ostream* os) { *os << code_name(code); }

inline void PrintTo(const Error& e, std::ostream* os) {
  *os << code_name(e.code) << ": " << ::testing::PrintToString(e.message);
}

inline void PrintTo(const ImportSummary& s, std::ostream* os) {
  *os << "ImportSummary{added " << s.added << ", present " << s.present << "}";
}

}  // namespace smr::store
