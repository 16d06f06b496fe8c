#pragma once
// The full-screen terminal player of `smr roll` (ncurses): exercise and side, a big countdown, a phase
// progress bar, a breathing bar that grows on the inhale and shrinks on the exhale, the next step, the latest
// cue, and the keys:
//
//   space  pause / resume          ->  skip this phase        n  skip this step      b  back
//   +      extend the hold         0-9 check in (sensation)   p  pain (then its kinds and strength, 0-10)
//   r      a warning sign (stops)  i   instructions on/off    q  stop (asks to confirm)
//
// Layout (issue 11): the key help or the open menu sits at the bottom, wrapped to the width; everything else
// is laid out from the top down in the rows left above it, wrapped at word boundaries and left out whole when
// there is no room, so nothing is cut mid-word and nothing is drawn over. Below 24 rows the countdown is one
// line instead of big digits. While the pain menu, the warning-sign menu or the stop question is open the
// session is paused (and resumed when it closes, unless it was paused before).
//
// Construct it only when stdin and stdout are a terminal. The destructor restores the terminal.

#include <optional>
#include <string>
#include <vector>

#include "cli/session_loop.h"
#include "cli/voice.h"
#include "core/catalog.h"

namespace smr::cli {

class SessionScreen final : public SessionFace {
 public:
  // `voice` may be null; `bell`: ring on phase changes. `catalog` and `voice` must outlive the screen.
  SessionScreen(const core::Catalog& catalog, Voice* voice, bool bell);
  ~SessionScreen() override;
  SessionScreen(const SessionScreen&) = delete;
  SessionScreen& operator=(const SessionScreen&) = delete;

  void cues(const std::vector<core::Cue>& cues, core::MonoMillis session_now) override;
  void render(const core::SessionView& view) override;
  void refused(const core::Refusal& refusal) override;
  void unsaved(std::size_t count) override;
  int input_fd() const override { return 0; }
  std::vector<core::SessionInput> read_input(const core::SessionView& view) override;

  // A line to show under the screen's title, e.g. that the voice is missing.
  void set_notice(std::string notice) { notice_ = std::move(notice); }

 private:
  // What the keys mean right now: normal keys, or one of the small menus.
  enum class Mode { kKeys, kPainKind, kPainStrength, kRedFlag, kConfirmStop };

  void draw_big(int row, int col, const std::string& text);
  void draw_bar(int row, int col, int width, double fraction, const char* fill);
  // The key help, or the open menu, as lines of at most `width` columns.
  std::vector<std::string> menu_lines(std::size_t width) const;
  // Opens a menu from the keys; pauses a running session for it (the inputs go to `out`).
  void open_menu(Mode mode, const core::SessionView& view, std::vector<core::SessionInput>& out);
  // Closes the menu; resumes the session when open_menu() paused it.
  void close_menu(std::vector<core::SessionInput>& out);

  const core::Catalog* catalog_;
  Voice* voice_;
  bool bell_;
  Mode mode_ = Mode::kKeys;
  std::vector<core::Quality> pain_kinds_;  // chosen in the pain menu, in menu order
  std::string strength_typed_;             // the pain's strength as typed so far ("1", "10")
  bool paused_for_menu_ = false;           // open_menu() paused the session
  bool show_instructions_ = false;
  std::string last_cue_;
  std::string last_message_;  // advice, adaptation or refusal
  std::string notice_;
  std::optional<core::SessionView> last_view_;
};

}  // namespace smr::cli
