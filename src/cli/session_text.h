#pragma once
// Plain-text faces of a guided session: cue lines (for `smr roll --script` and terminals without curses)
// and the summary shown when a session ends.

#include <ostream>
#include <string>

#include "cli/session_loop.h"
#include "cli/voice.h"
#include "core/catalog.h"
#include "service/session_service.h"

namespace smr::cli {

// One line per cue: "[01:05] hold: Stay on the tender spot ..." (session time). Rolling passes and breathing
// beats are left out (a face that animates shows them); everything else is printed, refusals too.
class TextFace final : public SessionFace {
 public:
  // `voice` may be null; it must outlive the face.
  TextFace(std::ostream& out, Voice* voice) : out_(&out), voice_(voice) {}

  void cues(const std::vector<core::Cue>& cues, core::MonoMillis session_now) override;
  void render(const core::SessionView& view) override { (void)view; }
  void refused(const core::Refusal& refusal) override;
  void unsaved(std::size_t count) override;

 private:
  std::ostream* out_;
  Voice* voice_;
};

// "12:05" or "1:02:03" for a session time in ms.
std::string clock_text(std::int64_t ms);

// What a finished (or stopped) session shows: status and time, time per region and side, check-ins,
// adaptations with their reasons, notes, and `reminders` (what the person's conditions ask them to do after
// each session: cli/warning_text.h, after_session_reminders).
std::string summary_text(const service::PlayedSummary& summary, const core::Catalog& catalog,
                         const std::vector<std::string>& reminders = {});

}  // namespace smr::cli
