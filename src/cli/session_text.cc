#include "cli/session_text.h"

#include <cstdio>

#include "cli/text.h"

namespace smr::cli {

namespace {

std::string region_name(const core::Catalog& catalog, const std::string& id) {
  const auto* r = catalog.find_region(id);
  return r != nullptr ? r->name : id;
}

std::string region_side(const core::Catalog& catalog, const std::string& region, core::Side side) {
  std::string out = region_name(catalog, region);
  if (side != core::Side::kCentre) out += " (" + std::string(core::to_string(side)) + ")";
  return out;
}

}  // namespace

std::string clock_text(std::int64_t ms) {
  const std::int64_t s = std::max<std::int64_t>(0, ms) / 1000;
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  }
  return buf;
}

void TextFace::cues(const std::vector<core::Cue>& cues, core::MonoMillis session_now) {
  (void)session_now;
  for (const auto& c : cues) {
    if (c.kind == core::CueKind::kPass || c.kind == core::CueKind::kInhale || c.kind == core::CueKind::kExhale) {
      continue;
    }
    *out_ << '[' << clock_text(c.at_ms) << "] " << core::to_string(c.kind) << ": " << c.text;
    if (!c.rules.empty()) {
      *out_ << " (";
      for (std::size_t i = 0; i < c.rules.size(); ++i) *out_ << (i ? ", " : "") << c.rules[i];
      *out_ << ')';
    }
    *out_ << '\n';
    if (voice_ != nullptr) voice_->say(c.say);
  }
  out_->flush();
}

void TextFace::refused(const core::Refusal& refusal) {
  *out_ << "refused (" << core::to_string(refusal.code) << "): " << refusal.message << '\n';
  out_->flush();
}

void TextFace::unsaved(std::size_t count) {
  if (count == 0) {
    *out_ << "journal: everything is saved again\n";
  } else {
    *out_ << "journal: busy (another program is writing to it); " << count
          << " record(s) waiting, kept in order and saved as soon as it is free\n";
  }
  out_->flush();
}

std::string summary_text(const service::PlayedSummary& summary, const core::Catalog& catalog,
                         const std::vector<std::string>& reminders) {
  std::string out;
  const bool finished = summary.status == core::SessionStatus::kFinished;
  out += finished ? "Session finished" : "Session stopped";
  out += " after " + duration(static_cast<int>(summary.elapsed_ms / 1000));
  if (summary.paused_ms >= 1000) out += " (paused " + duration(static_cast<int>(summary.paused_ms / 1000)) + ")";
  out += ". Session " + summary.session_uid + "\n";
  if (!summary.regions.empty()) {
    out += "\nTime per region\n";
    Table t({"region", "time"});
    for (const auto& r : summary.regions) {
      t.add({region_side(catalog, r.region, r.side), duration(static_cast<int>((r.active_ms + 500) / 1000))});
    }
    out += t.render();
  }
  out += "\nCheck-ins: " + std::to_string(summary.check_ins.size()) + "\n";
  if (!summary.check_ins.empty()) {
    Table t({"region", "intensity", "feels"});
    for (const auto& c : summary.check_ins) {
      t.add({region_side(catalog, c.region, c.side), std::to_string(c.intensity) + "/10",
             std::string(core::to_string(c.quality)) + (core::is_pain(c.quality) ? " (pain)" : "") +
                 (c.note.empty() ? "" : "; " + c.note)});
    }
    out += t.render();
  }
  if (!summary.adaptations.empty()) {
    out += "\nChanges made\n";
    for (const auto& a : summary.adaptations) out += wrap(a.reason, "  - " + a.kind + ": ", "    ");
  }
  if (!summary.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& n : summary.notes) out += wrap(n.text, "  - ", "    ");
  }
  if (!reminders.empty()) {
    out += "\nNow, after the session\n";
    for (const auto& r : reminders) out += wrap(r, "  - ", "    ");
  }
  out += "\nGeneral guidance, not medical advice. See it again with: smr log " + summary.session_uid + "\n";
  return out;
}

}  // namespace smr::cli
