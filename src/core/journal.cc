#include "core/journal.h"

namespace smr::core {

bool is_pain(Quality q) {
  switch (q) {
    case Quality::kPressure:
    case Quality::kAche:
    case Quality::kGoodHurt: return false;
    case Quality::kSharp:
    case Quality::kBurning:
    case Quality::kStinging:
    case Quality::kStabbing:
    case Quality::kRadiating:
    case Quality::kNumb:
    case Quality::kTingling: return true;
  }
  return true;
}

bool is_uid(std::string_view uid) {
  if (uid.size() != 32) return false;
  for (const char c : uid) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

namespace {

std::string uid_problem(std::string_view field, std::string_view uid) {
  if (is_uid(uid)) return {};
  return std::string(field) + ": \"" + std::string(uid) + "\" is not a uid (32 lower-case hex digits)";
}

}  // namespace

std::string problem_with(const SessionInfo& s) {
  if (auto p = uid_problem("uid", s.uid); !p.empty()) return p;
  if (s.ended_ms && *s.ended_ms < s.started_ms) return "ended_ms: must not be before started_ms";
  if (s.status == SessionStatus::kActive && s.ended_ms) return "status: an active session has no ended_ms";
  if (s.status != SessionStatus::kActive && !s.ended_ms) return "ended_ms: a finished or stopped session needs one";
  return {};
}

std::string problem_with(const CheckIn& c) {
  if (auto p = uid_problem("uid", c.uid); !p.empty()) return p;
  if (auto p = uid_problem("session_uid", c.session_uid); !p.empty()) return p;
  if (c.intensity < 0 || c.intensity > 10) {
    return "intensity: " + std::to_string(c.intensity) + " is outside 0 to 10";
  }
  if (c.region.empty()) return "region: must not be empty";
  return {};
}

std::string problem_with(const SessionEvent& e) {
  if (auto p = uid_problem("session_uid", e.session_uid); !p.empty()) return p;
  if (e.seq < 0) return "seq: must not be negative";
  if (e.kind.empty()) return "kind: must not be empty";
  return {};
}

std::string problem_with(const Adaptation& a) {
  if (auto p = uid_problem("uid", a.uid); !p.empty()) return p;
  if (auto p = uid_problem("session_uid", a.session_uid); !p.empty()) return p;
  if (a.kind.empty()) return "kind: must not be empty";
  return {};
}

std::string problem_with(const SessionNote& n) {
  if (auto p = uid_problem("uid", n.uid); !p.empty()) return p;
  return uid_problem("session_uid", n.session_uid);
}

std::string problem_with(const SelfTest& t) {
  if (auto p = uid_problem("uid", t.uid); !p.empty()) return p;
  if (!t.session_uid.empty()) {
    if (auto p = uid_problem("session_uid", t.session_uid); !p.empty()) return p;
  }
  if (t.test.empty()) return "test: must not be empty";
  return {};
}

std::string problem_with(const SavedRoutine& r) {
  if (auto p = uid_problem("uid", r.uid); !p.empty()) return p;
  if (r.name.empty()) return "name: must not be empty";
  return {};
}

std::string problem_with(const CustomExercise& x) {
  if (auto p = uid_problem("uid", x.uid); !p.empty()) return p;
  if (x.toml.empty()) return "toml: must not be empty";
  return {};
}

}  // namespace smr::core
