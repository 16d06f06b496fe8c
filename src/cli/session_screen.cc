#include "cli/session_screen.h"

#include <curses.h>

#include <array>
#include <clocale>
#include <cmath>

#include "cli/session_text.h"
#include "cli/text.h"

namespace smr::cli {

namespace {

// A 5-row font for the countdown: digits and ':'.
constexpr std::array<std::array<const char*, 5>, 11> kBigGlyphs{{
    {"████", "█  █", "█  █", "█  █", "████"},  // 0
    {"  █ ", " ██ ", "  █ ", "  █ ", " ███"},  // 1
    {"████", "   █", "████", "█   ", "████"},  // 2
    {"████", "   █", " ███", "   █", "████"},  // 3
    {"█  █", "█  █", "████", "   █", "   █"},  // 4
    {"████", "█   ", "████", "   █", "████"},  // 5
    {"████", "█   ", "████", "█  █", "████"},  // 6
    {"████", "   █", "  █ ", " █  ", " █  "},  // 7
    {"████", "█  █", "████", "█  █", "████"},  // 8
    {"████", "█  █", "████", "   █", "████"},  // 9
    {"  ", "██", "  ", "██", "  "},            // :
}};

constexpr std::array<core::Quality, 7> kPainKinds{
    core::Quality::kSharp,     core::Quality::kBurning, core::Quality::kStinging, core::Quality::kStabbing,
    core::Quality::kRadiating, core::Quality::kNumb,    core::Quality::kTingling};

std::string countdown_text(std::int64_t remaining_ms) {
  const std::int64_t s = (std::max<std::int64_t>(0, remaining_ms) + 999) / 1000;  // 0.2 s left shows 1
  return std::to_string(s / 60) + ":" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60);
}

std::string step_title(const core::StepView& s) {
  std::string out = s.region_name;
  if (s.side != core::Side::kCentre) out += " - " + std::string(core::to_string(s.side));
  out += ": " + s.exercise_name + " (" + s.tool_name + ")";
  return out;
}

std::string state_title(const core::SessionView& v) {
  switch (v.state) {
    case core::SessionState::kGetReady: return "GET READY";
    case core::SessionState::kTransition: return "GET INTO POSITION";
    case core::SessionState::kChange: return "CHANGE";
    case core::SessionState::kLocate: return "LOCATE";
    case core::SessionState::kHold: return "HOLD AND BREATHE";
    case core::SessionState::kMove: return "MOVE";
    case core::SessionState::kRoll: return "ROLL SLOWLY";
    case core::SessionState::kBreathe: return "BREATHE";
    case core::SessionState::kCheckIn: return "CHECK IN: HOW DOES IT FEEL?";
    case core::SessionState::kPaused: return "PAUSED";
    case core::SessionState::kFinished: return "FINISHED";
    case core::SessionState::kStopped: return "STOPPED";
    case core::SessionState::kNotStarted: break;
  }
  return "";
}

}  // namespace

SessionScreen::SessionScreen(const core::Catalog& catalog, Voice* voice, bool bell)
    : catalog_(&catalog), voice_(voice), bell_(bell) {
  std::setlocale(LC_ALL, "");
  initscr();
  cbreak();
  noecho();
  keypad(stdscr, TRUE);
  nodelay(stdscr, TRUE);
  set_escdelay(25);
  curs_set(0);
  if (has_colors()) {
    start_color();
    use_default_colors();
    init_pair(1, COLOR_CYAN, -1);    // titles
    init_pair(2, COLOR_GREEN, -1);   // bars
    init_pair(3, COLOR_YELLOW, -1);  // messages
    init_pair(4, COLOR_RED, -1);     // urgent
  }
}

SessionScreen::~SessionScreen() { endwin(); }

void SessionScreen::draw_big(int row, int col, const std::string& text) {
  for (int line = 0; line < 5; ++line) {
    int x = col;
    for (const char ch : text) {
      const std::size_t glyph = ch == ':' ? 10 : static_cast<std::size_t>(ch - '0');
      if (glyph > 10) continue;
      mvaddstr(row + line, x, kBigGlyphs[glyph][static_cast<std::size_t>(line)]);
      x += glyph == 10 ? 3 : 5;
    }
  }
}

void SessionScreen::draw_bar(int row, int col, int width, double fraction, const char* fill) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const int filled = static_cast<int>(std::lround(fraction * width));
  mvaddch(row, col, '[');
  for (int i = 0; i < width; ++i) mvaddstr(row, col + 1 + i, i < filled ? fill : " ");
  mvaddch(row, col + 1 + width, ']');
}

void SessionScreen::draw_menu(int row) {
  attron(COLOR_PAIR(3) | A_BOLD);
  switch (mode_) {
    case Mode::kKeys:
      attroff(COLOR_PAIR(3) | A_BOLD);
      mvaddstr(row, 1, "space pause/resume  -> skip phase  n skip step  b back  + extend hold");
      mvaddstr(row + 1, 1, "0-9 check in  p pain  r warning sign  i instructions  q stop");
      return;
    case Mode::kPainKind: {
      std::string line = "What kind of pain?";
      for (std::size_t i = 0; i < kPainKinds.size(); ++i) {
        line += "  " + std::to_string(i + 1) + " " + std::string(core::to_string(kPainKinds[i]));
      }
      mvaddstr(row, 1, line.c_str());
      mvaddstr(row + 1, 1, "esc: never mind");
      break;
    }
    case Mode::kPainStrength:
      mvaddstr(row, 1, ("How strong is the " + std::string(core::to_string(pain_quality_)) + " feeling, 0-9?").c_str());
      mvaddstr(row + 1, 1, "esc: never mind");
      break;
    case Mode::kRedFlag: {
      int r = row - static_cast<int>(catalog_->red_flags().size());
      mvaddstr(r - 1, 1, "Is one of these happening? (stops the session)");
      for (std::size_t i = 0; i < catalog_->red_flags().size(); ++i) {
        mvaddstr(r++, 3, (std::to_string(i + 1) + " " + catalog_->red_flags()[i].question).c_str());
      }
      mvaddstr(row + 1, 1, "esc: none of these");
      break;
    }
    case Mode::kConfirmStop: mvaddstr(row, 1, "Stop the session now? y: stop   n: carry on"); break;
  }
  attroff(COLOR_PAIR(3) | A_BOLD);
}

void SessionScreen::render(const core::SessionView& v) {
  last_view_ = v;
  erase();
  const int width = std::max(COLS, 40);
  attron(COLOR_PAIR(1) | A_BOLD);
  std::string head = "SMR Coach";
  if (v.step) head += "  step " + std::to_string(v.step->index + 1) + " of " + std::to_string(v.steps);
  mvaddstr(0, 1, head.c_str());
  attroff(COLOR_PAIR(1) | A_BOLD);
  const std::string clock =
      clock_text(v.session_elapsed_ms) + " / " + clock_text(v.session_elapsed_ms + v.session_remaining_ms);
  mvaddstr(0, std::max(1, width - static_cast<int>(clock.size()) - 2), clock.c_str());
  if (!notice_.empty()) mvaddnstr(1, 1, notice_.c_str(), width - 2);
  if (v.step) mvaddnstr(2, 1, step_title(*v.step).c_str(), width - 2);

  attron(A_BOLD);
  std::string title = state_title(v);
  if (v.state == core::SessionState::kPaused) title += " (" + std::string(core::to_string(v.resumes_to)) + ")";
  if (v.set >= 0 && v.step && v.step->sets > 1) {
    title += "  set " + std::to_string(v.set + 1) + " of " + std::to_string(v.step->sets);
  }
  mvaddstr(4, 1, title.c_str());
  attroff(A_BOLD);

  const std::string countdown = countdown_text(v.remaining_ms);
  draw_big(6, 3, countdown);
  mvaddstr(8, 30, (countdown + " left").c_str());
  attron(COLOR_PAIR(2));
  draw_bar(12, 1, std::min(width - 4, 60), v.progress, "=");
  if (v.breath) {
    const bool in = v.breath->phase == core::BreathPhase::kInhale;
    mvaddstr(13, 1, in ? "breathe in " : "breathe out");
    draw_bar(13, 13, std::min(width - 16, 48), v.breath->fill, "#");
  } else if (v.reps > 0) {
    mvaddstr(13, 1, ("rep " + std::to_string(v.rep) + " of " + std::to_string(v.reps)).c_str());
  } else if (v.pass > 0) {
    mvaddstr(13, 1, ("pass " + std::to_string(v.pass)).c_str());
  }
  attroff(COLOR_PAIR(2));

  int row = 15;
  const int rows_left = std::max(LINES, 24);
  auto wrapped = [&](const std::string& text, int attrs) {
    const std::string lines = wrap(text, "", "", static_cast<std::size_t>(std::max(20, width - 3)));
    attron(attrs);
    std::size_t start = 0;
    while (start < lines.size() && row < rows_left - 4) {
      const std::size_t nl = lines.find('\n', start);
      mvaddstr(row++, 1, lines.substr(start, nl - start).c_str());
      start = nl == std::string::npos ? lines.size() : nl + 1;
    }
    attroff(attrs);
  };
  if (show_instructions_ && v.step) {
    if (const auto* e = catalog_->find_exercise(v.step->exercise)) {
      for (std::size_t i = 0; i < e->steps.size(); ++i) wrapped(std::to_string(i + 1) + ". " + e->steps[i], 0);
      if (!v.step->lighter.empty()) wrapped("Lighter: " + v.step->lighter, 0);
    }
  } else {
    wrapped(last_cue_.empty() ? v.text : last_cue_, 0);
  }
  if (!last_message_.empty()) wrapped(last_message_, COLOR_PAIR(3) | A_BOLD);
  if (v.next) mvaddnstr(rows_left - 4, 1, ("Next: " + step_title(*v.next)).c_str(), width - 2);
  draw_menu(rows_left - 3);
  refresh();
}

void SessionScreen::cues(const std::vector<core::Cue>& cues, core::MonoMillis session_now) {
  (void)session_now;
  bool chime = false;
  const core::Cue* spoken = nullptr;
  for (const auto& c : cues) {
    chime = chime || c.chime;
    if (!c.say.empty()) spoken = &c;
    switch (c.kind) {
      case core::CueKind::kPass:
      case core::CueKind::kInhale:
      case core::CueKind::kExhale:
      case core::CueKind::kCountdown:
      case core::CueKind::kRep: break;
      case core::CueKind::kAdvice:
      case core::CueKind::kAdaptation:
      case core::CueKind::kUrgent:
      case core::CueKind::kExtended: last_message_ = c.text; break;
      default:
        last_cue_ = c.text;
        if (c.kind == core::CueKind::kStep || c.kind == core::CueKind::kSwitchSides) last_message_.clear();
        break;
    }
  }
  if (chime && bell_) beep();
  if (spoken != nullptr && voice_ != nullptr) voice_->say(spoken->say);
}

void SessionScreen::unsaved(std::size_t count) {
  last_message_ = count == 0 ? "Journal: everything is saved."
                             : "Journal busy (another program is writing): your records are kept and saved in order.";
}

void SessionScreen::refused(const core::Refusal& refusal) { last_message_ = refusal.message; }

std::vector<core::SessionInput> SessionScreen::read_input(const core::SessionView& view) {
  std::vector<core::SessionInput> out;
  using core::InputKind;
  auto input = [&](InputKind kind) {
    core::SessionInput in;
    in.kind = kind;
    out.push_back(in);
  };
  for (int key = getch(); key != ERR; key = getch()) {
    if (key == 27 && mode_ != Mode::kKeys) {  // esc closes a menu
      mode_ = Mode::kKeys;
      continue;
    }
    switch (mode_) {
      case Mode::kKeys:
        if (key >= '0' && key <= '9') {
          core::SessionInput in;
          in.kind = InputKind::kCheckIn;
          in.check_in.intensity = key - '0';
          in.check_in.quality = core::Quality::kPressure;
          out.push_back(in);
        } else if (key == ' ') {
          input(view.state == core::SessionState::kPaused ? InputKind::kResume : InputKind::kPause);
        } else if (key == KEY_RIGHT) {
          input(InputKind::kSkipPhase);
        } else if (key == 'n') {
          input(InputKind::kSkipStep);
        } else if (key == 'b' || key == KEY_LEFT) {
          input(InputKind::kBack);
        } else if (key == '+' || key == '=') {
          input(InputKind::kExtendHold);
        } else if (key == 'p') {
          mode_ = Mode::kPainKind;
        } else if (key == 'r') {
          mode_ = Mode::kRedFlag;
        } else if (key == 'i') {
          show_instructions_ = !show_instructions_;
        } else if (key == 'q') {
          mode_ = Mode::kConfirmStop;
        }
        break;
      case Mode::kPainKind:
        if (key >= '1' && key < '1' + static_cast<int>(kPainKinds.size())) {
          pain_quality_ = kPainKinds[static_cast<std::size_t>(key - '1')];
          mode_ = Mode::kPainStrength;
        }
        break;
      case Mode::kPainStrength:
        if (key >= '0' && key <= '9') {
          core::SessionInput in;
          in.kind = InputKind::kCheckIn;
          in.check_in.intensity = key - '0';
          in.check_in.quality = pain_quality_;
          out.push_back(in);
          mode_ = Mode::kKeys;
        }
        break;
      case Mode::kRedFlag:
        if (key >= '1' && key < '1' + static_cast<int>(catalog_->red_flags().size())) {
          core::SessionInput in;
          in.kind = InputKind::kRedFlag;
          in.red_flag = catalog_->red_flags()[static_cast<std::size_t>(key - '1')].id;
          out.push_back(in);
          mode_ = Mode::kKeys;
        }
        break;
      case Mode::kConfirmStop:
        if (key == 'y' || key == 'Y') {
          input(InputKind::kStop);
          mode_ = Mode::kKeys;
        } else if (key == 'n' || key == 'N') {
          mode_ = Mode::kKeys;
        }
        break;
    }
  }
  if (last_view_) render(*last_view_);  // a menu opened or closed
  return out;
}

}  // namespace smr::cli
