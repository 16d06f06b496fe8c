#pragma once
// Shared by the screening and planner tests: the built-in catalog, and a routine printed the way a failing
// test should show it.

#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "catalog/loader.h"
#include "core/planner.h"

namespace smr::test {

inline const core::Catalog& builtin_catalog() {
  static const catalog::LoadResult loaded = catalog::load_builtin_catalog();
  if (!loaded) {
    ADD_FAILURE() << "the built-in catalog does not load";
    std::abort();
  }
  return *loaded;
}

// One line per step: "3. calves left  calves-roller  foam-roller-medium  t=10 2x45 [locate 5, hold 20, roll 20]".
inline std::string describe(const core::Routine& r) {
  std::ostringstream out;
  out << "goal " << r.goal << ", " << r.total_s() << " of " << r.budget_s << " s\n";
  for (const auto& n : r.clearance_needed) out << "  clearance: " << n.id << "\n";
  int i = 0;
  for (const auto& s : r.steps) {
    out << "  " << ++i << ". " << s.region << " " << core::to_string(s.side) << "  " << s.exercise << "  " << s.tool
        << "  t=" << s.transition_s << " " << s.sets << "x" << s.set_s() << " [";
    for (std::size_t k = 0; k < s.phases.size(); ++k) {
      out << (k ? ", " : "") << core::to_string(s.phases[k].kind) << " " << s.phases[k].seconds;
    }
    out << "] max " << s.intensity_max << (s.extra ? " extra" : "") << "\n";
  }
  for (const auto& l : r.left_out)
    out << "  left out: " << l.region << " " << core::to_string(l.side) << ": " << l.reason << "\n";
  return out.str();
}

inline std::string describe(const core::PlanRequest& q) {
  std::ostringstream out;
  out << "goal " << core::to_string(q.goal) << ", " << q.minutes << " min, context " << core::to_string(q.context);
  if (!q.activity.empty()) out << ", activity " << q.activity;
  if (q.tools) {
    out << ", tools";
    for (const auto& t : *q.tools) out << " " << t;
  }
  for (const auto& f : q.focus)
    out << ", focus " << f.region << (f.side ? ":" + std::string(core::to_string(*f.side)) : "");
  return out.str();
}

inline std::string describe(const core::Profile& p) {
  std::ostringstream out;
  out << "profile: experience " << core::to_string(p.experience) << "; conditions";
  for (const auto& c : p.conditions) out << " " << c;
  out << "; areas";
  for (const auto& a : p.named_areas) out << " " << a.condition << ":" << a.region << ":" << core::to_string(a.side);
  out << "; symptoms";
  for (const auto& s : p.symptoms) out << " " << s;
  out << "; tools";
  for (const auto& t : p.tools) out << " " << t;
  out << "; lifestyle";
  for (const auto& l : p.lifestyle) out << " " << l;
  out << "; aches";
  for (const auto& a : p.aches) out << " " << a.region << ":" << core::to_string(a.side);
  return out.str();
}

}  // namespace smr::test
