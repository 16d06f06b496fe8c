#include "core/session_digest.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/json_text_internal.h"

namespace smr::core {
namespace {

bool is_active_phase(std::string_view phase) {
  return phase == "locate" || phase == "hold" || phase == "move" || phase == "roll" || phase == "breathe";
}

std::string member(const std::string& json, std::string_view key) {
  return detail::json_string_member(json, key).value_or(std::string());
}

}  // namespace

std::vector<RegionTime> region_times(const std::vector<SessionEvent>& events) {
  std::map<int, std::pair<std::string, Side>> step_region;
  std::vector<RegionTime> out;
  auto add = [&](int step, std::int64_t ms) {
    const auto it = step_region.find(step);
    if (it == step_region.end() || ms <= 0) return;
    const auto& region = it->second.first;  // not a structured binding: clang 14 cannot capture one
    const Side side = it->second.second;
    auto found =
        std::find_if(out.begin(), out.end(), [&](const RegionTime& r) { return r.region == region && r.side == side; });
    if (found == out.end()) {
      out.push_back({region, side, 0});
      found = out.end() - 1;
    }
    found->active_ms += ms;
  };
  // The active phase being played: its step and since when; paused_step remembers it across a pause.
  std::optional<std::pair<int, UnixMillis>> open;
  int paused_step = -1;  // -1: no active phase was paused (an int: GCC 12 -O3 misjudges an optional here)
  auto close = [&](UnixMillis at) {
    if (open) add(open->first, at - open->second);
    open.reset();
  };
  for (const auto& e : events) {
    if (e.kind == "step-started") {
      close(e.at_ms);
      const auto region = member(e.data_json, "region");
      if (region.empty()) {
        step_region.erase(e.step);
        continue;
      }
      step_region[e.step] = {region, parse_enum<Side>(member(e.data_json, "side")).value_or(Side::kCentre)};
    } else if (e.kind == "phase-started") {
      close(e.at_ms);
      if (is_active_phase(member(e.data_json, "phase"))) open = {{e.step, e.at_ms}};
    } else if (e.kind == "paused") {
      paused_step = open ? open->first : -1;
      close(e.at_ms);
    } else if (e.kind == "interrupted") {  // the player died: paused here (and still paused when it was)
      if (open) {
        paused_step = open->first;
        close(e.at_ms);
      }
    } else if (e.kind == "resumed") {
      if (paused_step >= 0) open = {{paused_step, e.at_ms}};
      paused_step = -1;
    } else if (e.kind == "phase-skipped" || e.kind == "step-skipped" || e.kind == "went-back" ||
               e.kind == "session-finished" || e.kind == "session-stopped") {
      close(e.at_ms);
    }
  }
  return out;
}

SessionDigest digest_session(const SessionRecord& record) {
  SessionDigest d;
  d.uid = record.info.uid;
  d.person_id = record.info.person_id;
  d.started_ms = record.info.started_ms;
  d.ended_ms = record.info.ended_ms;
  d.status = record.info.status;

  std::map<std::pair<std::string, Side>, RegionDigest> by_region;
  auto slot = [&](const std::string& region, Side side) -> RegionDigest& {
    auto& r = by_region[{region, side}];
    r.region = region;
    r.side = side;
    return r;
  };
  for (auto& t : region_times(record.events)) slot(t.region, t.side).active_ms += t.active_ms;
  for (const auto& c : record.check_ins) {
    auto& r = slot(c.region, c.side);
    if (r.check_ins == 0 || c.at_ms < r.first_check_in_ms) r.first_check_in_ms = c.at_ms;
    if (r.check_ins == 0 || c.at_ms >= r.last_check_in_ms) {
      r.last_check_in_ms = c.at_ms;
      r.last_intensity = c.intensity;
    }
    ++r.check_ins;
    r.intensity_sum += c.intensity;
    r.intensity_max = std::max(r.intensity_max, c.intensity);
    if (is_pain(c.quality)) ++r.pain_check_ins;
  }
  d.regions.reserve(by_region.size());
  for (auto& [key, r] : by_region) d.regions.push_back(std::move(r));
  return d;
}

}  // namespace smr::core
