#include "cli/self_test_text.h"

#include <algorithm>
#include <sstream>

#include "cli/catalog_text.h"
#include "cli/text.h"

namespace smr::cli {

namespace {

std::string sides_text(const core::SelfTestGuide& g) { return g.paired() ? "left, right" : "both at once"; }

std::string value_text(const core::SelfTestGuide& g, double v) { return core::format_test_value(g.unit, v); }

std::string join_values(const core::SelfTestGuide& g, const std::vector<double>& values, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? sep : "") + value_text(g, values[i]);
  return out;
}

bool provisional(const core::Catalog& catalog, const core::SmallestRealChange& src) {
  std::istringstream ids{std::string(src.sources)};
  for (std::string id; ids >> id;) {
    if (!catalog.find_reference(id)) return true;
  }
  return false;
}

std::string verdict_text(const core::Catalog& catalog, const core::SelfTestGuide& g, core::SelfTestVerdict v) {
  if (g.unit == core::TestUnit::kPassFail) {
    switch (v) {
      case core::SelfTestVerdict::kImproved: return "improved: the verdict changed from fail to pass";
      case core::SelfTestVerdict::kDeclined: return "declined: the verdict changed from pass to fail";
      case core::SelfTestVerdict::kNoRealChange: return "no real change: only a change of verdict counts";
      case core::SelfTestVerdict::kNeedsBaseline: break;
    }
    return "needs a baseline";
  }
  const std::string src = smallest_change_text(catalog, g);
  switch (v) {
    case core::SelfTestVerdict::kImproved: return "improved: beyond the smallest real change of " + src;
    case core::SelfTestVerdict::kDeclined: return "declined: beyond the smallest real change of " + src;
    case core::SelfTestVerdict::kNoRealChange: return "no real change: within the smallest real change of " + src;
    case core::SelfTestVerdict::kNeedsBaseline: break;
  }
  return "needs a baseline";
}

std::string phase_text(const core::SelfTest& t) {
  const std::string session = t.session_uid.empty() ? "" : " session " + t.session_uid.substr(0, 8);
  if (t.phase == "before" || t.phase == "after") return t.phase + session;
  if (t.phase == "check") return "re-test" + (session.empty() ? "" : "," + session);
  return t.phase + (session.empty() ? "" : "," + session);
}

}  // namespace

std::string smallest_change_text(const core::Catalog& catalog, const core::SelfTestGuide& guide) {
  const auto src = core::smallest_real_change(guide.id);
  if (!src) return "none known";
  if (guide.unit == core::TestUnit::kPassFail) return "a change of verdict";
  return core::format_test_value(guide.unit, src->value) + (provisional(catalog, *src) ? " (provisional)" : "");
}

std::string self_tests_table(const core::Catalog& catalog) {
  Table t({"ID", "MEASURES", "UNIT", "SIDES", "SMALLEST REAL CHANGE"});
  for (const auto& g : catalog.self_tests()) {
    t.add({g.id, g.name, std::string(core::to_string(g.unit)), sides_text(g), smallest_change_text(catalog, g)});
  }
  return t.render();
}

std::string guide_header(const core::Catalog& catalog, const core::SelfTestGuide& g) {
  std::string out = g.name + "  [" + g.id + "]\n";
  out += wrap("What it measures: " + g.measures, "", "  ");
  out += wrap(std::string("Sides: ") + (g.paired() ? "left and right, each measured and tracked on its own."
                                                   : "one value for both sides together."),
              "", "  ");
  if (g.unit == core::TestUnit::kPassFail) {
    out += "Result: pass (1) or fail (0).\n";
  } else {
    out += "Unit: " + std::string(core::to_string(g.unit)) + ", from " + core::format_number(g.min_value) + " to " +
           core::format_number(g.max_value) + ".\n";
  }
  out += wrap("Smallest real change: " + smallest_change_text(catalog, g) +
                  ". A smaller change can be measurement error or day-to-day variation.",
              "", "  ");
  out += wrap(
      "A baseline takes two trials, as the second is often better just from practice. Re-test right "
      "after a session to see its effect, and on later days to see lasting change.",
      "", "  ");
  out += wrap(why_text(catalog, g.evidence), "", "  ");
  out += wrap(kSelfTestNote, "", "");
  return out;
}

std::string guide_text(const core::Catalog& catalog, const core::SelfTestGuide& g) {
  std::string out = guide_header(catalog, g);
  out += "\nSet-up\n" + wrap(g.setup, "  ", "  ");
  out += "\nSteps\n";
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    const std::string prefix = "  " + std::to_string(i + 1) + ". ";
    out += wrap(g.steps[i], prefix, std::string(prefix.size(), ' '));
  }
  out += "\nReading the value\n" + wrap(g.reading, "  ", "  ");
  out += "\nCommon mistakes\n";
  for (const auto& m : g.mistakes) out += wrap(m, "  - ", "    ");
  return out;
}

std::string recorded_text(const core::SelfTestGuide& g, const std::vector<core::SelfTest>& rows) {
  if (rows.empty()) return {};
  std::vector<double> values;
  for (const auto& r : rows) values.push_back(r.value);
  const auto& first = rows.front();
  return "Recorded " + g.id +
         (first.side == core::Side::kCentre ? "" : ", " + std::string(core::to_string(first.side)) + " side") + ", " +
         phase_text(first) + ": " + join_values(g, values, ", ") + ".\n";
}

std::string progress_text(const core::Catalog& catalog, const core::SelfTestGuide& g, const core::SelfTestProgress& p,
                          const std::string& session_uid) {
  std::string out =
      g.name + (p.side == core::Side::kCentre ? "" : ", " + std::string(core::to_string(p.side)) + " side") + "\n";
  if (!p.baseline) {
    if (p.baseline_trials.empty()) {
      out += "  Baseline: needs two baseline trials\n";
    } else {
      out +=
          "  Baseline: needs a second baseline trial (first trial: " + value_text(g, p.baseline_trials.front()) + ")\n";
    }
  } else {
    out += "  Baseline: " + value_text(g, *p.baseline) +
           (g.unit == core::TestUnit::kPassFail ? " (trials " : " (mean of trials ") +
           join_values(g, p.baseline_trials, " and ") + ")\n";
    if (!p.latest) {
      const bool after_values = std::any_of(p.history.begin(), p.history.end(),
                                            [](const core::SelfTestValue& v) { return v.phase == "after"; });
      if (after_values) {
        out += wrap(
            "none since the baseline except right after a session, which shows the session's short-term effect, "
            "not a lasting change; re-test on another day to see one",
            "  Latest:   ", "            ");
      } else {
        out += "  Latest:   none since the baseline; re-test after some sessions to see a change\n";
      }
    } else {
      out += "  Latest:   " + value_text(g, *p.latest) + "\n";
      out += wrap(core::format_test_change(g.unit, p.change.value_or(0)) + ": " + verdict_text(catalog, g, p.verdict),
                  "  Change:   ", "            ");
    }
  }
  if (!session_uid.empty()) {
    const auto it = std::find_if(p.sessions.begin(), p.sessions.end(),
                                 [&](const core::AcuteChange& a) { return a.session_uid == session_uid; });
    if (it != p.sessions.end()) {
      out += wrap(value_text(g, it->before) + " before, " + value_text(g, it->after) + " after (" +
                      core::format_test_change(g.unit, it->change) + "): " + verdict_text(catalog, g, it->verdict),
                  "  This session: ", "                ");
    }
  }
  return out;
}

}  // namespace smr::cli
