#include "core/progress_self_test.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace smr::core {
namespace {

SelfTestVerdict judge(double change, double src) {
  constexpr double kEps = 1e-9;  // a change of exactly the smallest real change counts
  if (change >= src - kEps) return SelfTestVerdict::kImproved;
  if (change <= -src + kEps) return SelfTestVerdict::kDeclined;
  return SelfTestVerdict::kNoRealChange;
}

SelfTestProgress summarise(const SmallestRealChange& src, Side side, std::vector<SelfTestValue> values) {
  SelfTestProgress p;
  p.test = std::string(src.test);
  p.side = side;
  p.unit = std::string(src.unit);
  p.smallest_real_change = src.value;
  std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });

  // Baseline trials: "baseline" values first, then the earliest non-"after" values.
  std::vector<std::size_t> trials;
  for (std::size_t i = 0; i < values.size() && trials.size() < 2; ++i) {
    if (values[i].phase == "baseline") trials.push_back(i);
  }
  for (std::size_t i = 0; i < values.size() && trials.size() < 2; ++i) {
    if (values[i].phase != "after" && values[i].phase != "baseline") trials.push_back(i);
  }
  std::sort(trials.begin(), trials.end());
  for (std::size_t i : trials) p.baseline_trials.push_back(values[i].value);
  if (trials.size() == 2) p.baseline = (p.baseline_trials[0] + p.baseline_trials[1]) / 2;

  // Latest: the latest non-"after" value that is not a baseline trial, after the last trial.
  if (p.baseline) {
    for (std::size_t i = values.size(); i-- > trials.back() + 1;) {
      if (values[i].phase == "after") continue;
      p.latest = values[i].value;
      p.latest_at_ms = values[i].at_ms;
      break;
    }
  }
  if (p.baseline && p.latest) {
    p.change = *p.latest - *p.baseline;
    p.verdict = judge(*p.change, src.value);
  }

  // Before -> after per session.
  std::map<std::string, std::pair<std::optional<SelfTestValue>, std::optional<SelfTestValue>>> by_session;
  for (const auto& v : values) {
    if (v.session_uid.empty()) continue;
    if (v.phase == "before") by_session[v.session_uid].first = v;
    if (v.phase == "after") by_session[v.session_uid].second = v;
  }
  for (const auto& [uid, ba] : by_session) {
    if (!ba.first || !ba.second) continue;
    AcuteChange a{uid,
                  ba.second->at_ms,
                  ba.first->value,
                  ba.second->value,
                  ba.second->value - ba.first->value,
                  SelfTestVerdict::kNoRealChange};
    a.verdict = judge(a.change, src.value);
    p.sessions.push_back(std::move(a));
  }
  std::stable_sort(p.sessions.begin(), p.sessions.end(),
                   [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  p.history = std::move(values);
  return p;
}

}  // namespace

std::optional<SmallestRealChange> smallest_real_change(std::string_view test) {
  for (const auto& s : kSmallestRealChanges) {
    if (s.test == test) return s;
  }
  return std::nullopt;
}

std::vector<SelfTestProgress> self_test_progress(const std::vector<SelfTest>& results) {
  std::map<std::tuple<std::string, int>, std::vector<SelfTestValue>> groups;
  for (const auto& r : results) {
    if (!smallest_real_change(r.test)) continue;
    groups[{r.test, static_cast<int>(r.side)}].push_back(SelfTestValue{r.at_ms, r.value, r.phase, r.session_uid});
  }
  std::vector<SelfTestProgress> out;
  for (auto& [key, values] : groups) {
    out.push_back(
        summarise(*smallest_real_change(std::get<0>(key)), static_cast<Side>(std::get<1>(key)), std::move(values)));
  }
  return out;
}

}  // namespace smr::core
