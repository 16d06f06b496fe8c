#include "cli/session_screen.h"

#include <curses.h>

#include <algorithm>
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

namespace {

// Items ("p pain", "q stop") joined by two spaces into lines of at most `width` columns, never splitting an
// item; `head` first, on a line of its own when given.
std::vector<std::string> item_lines(const std::string& head, const std::vector<std::string>& items, std::size_t width) {
  std::vector<std::string> out;
  if (!head.empty()) {
    const std::string w = wrap(head, "", "", width);
    for (std::size_t start = 0; start < w.size();) {
      const std::size_t nl = w.find('\n', start);
      out.push_back(w.substr(start, nl - start));
      start = nl == std::string::npos ? w.size() : nl + 1;
    }
  }
  std::string line;
  for (const auto& item : items) {
    if (!line.empty() && line.size() + 2 + item.size() > width) {
      out.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : "  ") + item;
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

// `text` wrapped to `width` columns (whole words), at most `max_lines` of them; when it needs more, the last
// line kept ends with "..." after a whole word.
std::vector<std::string> wrapped_lines(const std::string& text, std::size_t width, std::size_t max_lines,
                                       const std::string& prefix = "", const std::string& indent = "") {
  std::vector<std::string> out;
  if (text.empty() || max_lines == 0) return out;
  const std::string w = wrap(text, prefix, indent, width);
  for (std::size_t start = 0; start < w.size();) {
    const std::size_t nl = w.find('\n', start);
    out.push_back(w.substr(start, nl - start));
    start = nl == std::string::npos ? w.size() : nl + 1;
  }
  if (out.size() > max_lines) {
    out.resize(max_lines);
    std::string& last = out.back();
    while (last.size() + 3 > width) {
      const auto space = last.find_last_of(' ');
      if (space == std::string::npos || space == 0) break;
      last.resize(space);
    }
    last += "...";
  }
  return out;
}

}  // namespace

std::vector<std::string> SessionScreen::menu_lines(std::size_t width) const {
  const std::string paused = paused_for_menu_ ? " (paused while you answer)" : "";
  switch (mode_) {
    case Mode::kKeys:
      return item_lines("",
                        {"space pause/resume", "-> skip phase", "n skip step", "b back", "+ extend hold",
                         "0-9 check in", "p pain", "r warning sign", "i instructions", "q stop"},
                        width);
    case Mode::kPainKind: {
      std::vector<std::string> items;
      for (std::size_t i = 0; i < kPainKinds.size(); ++i) {
        const bool on = std::find(pain_kinds_.begin(), pain_kinds_.end(), kPainKinds[i]) != pain_kinds_.end();
        items.push_back(std::to_string(i + 1) + (on ? " [x] " : " [ ] ") + std::string(core::to_string(kPainKinds[i])));
      }
      items.push_back(pain_kinds_.empty() ? "esc: never mind" : "Enter: next   esc: never mind");
      return item_lines("What kind of pain? Pick every one you feel" + paused + ":", items, width);
    }
    case Mode::kPainStrength: {
      std::string kinds;
      for (const auto q : pain_kinds_) kinds += (kinds.empty() ? "" : " and ") + std::string(core::to_string(q));
      return item_lines("How strong is the " + kinds + " feeling, 0 to 10? Type it, then Enter: " +
                            (strength_typed_.empty() ? "_" : strength_typed_) + paused,
                        {"esc: never mind"}, width);
    }
    case Mode::kRedFlag: {
      std::vector<std::string> out =
          wrapped_lines("Is one of these happening? It stops the session" + paused + ".", width, 2);
      for (std::size_t i = 0; i < catalog_->red_flags().size(); ++i) {
        const auto lines =
            wrapped_lines(catalog_->red_flags()[i].question, width, 3, "  " + std::to_string(i + 1) + " ", "    ");
        out.insert(out.end(), lines.begin(), lines.end());
      }
      out.push_back("esc: none of these");
      return out;
    }
    case Mode::kConfirmStop: {
      std::vector<std::string> items{"Stop the session now? y: stop   n: carry on"};
      if (paused_for_menu_) items.push_back("(paused while you answer)");
      return item_lines("", items, width);
    }
  }
  return {};
}

void SessionScreen::render(const core::SessionView& v) {
  last_view_ = v;
  erase();
  const int width = std::max(COLS, 20);
  const int height = std::max(LINES, 8);
  const std::size_t text_w = static_cast<std::size_t>(width - 2);  // columns 1 to width - 2
  const bool roomy = height >= 24 && width >= 40;

  // The bottom: the key help or the menu, then (above it) the next step.
  const std::vector<std::string> menu = menu_lines(text_w);
  const int menu_top = std::max(1, height - static_cast<int>(menu.size()));
  const chtype menu_attrs = mode_ == Mode::kKeys ? chtype{0} : static_cast<chtype>(COLOR_PAIR(3)) | A_BOLD;
  attron(menu_attrs);
  for (std::size_t i = 0; i < menu.size() && menu_top + static_cast<int>(i) < height; ++i) {
    mvaddstr(menu_top + static_cast<int>(i), 1, menu[i].c_str());
  }
  attroff(menu_attrs);
  int bottom = menu_top;  // the first row the top part may not use
  if (v.next) {
    const auto next = wrapped_lines("Next: " + step_title(*v.next), text_w, 2);
    const int top = bottom - static_cast<int>(next.size());
    if (top > 6) {
      for (std::size_t i = 0; i < next.size(); ++i) mvaddstr(top + static_cast<int>(i), 1, next[i].c_str());
      bottom = top;
    }
  }

  // The top, row by row, while there is room.
  int row = 0;
  auto put = [&](const std::vector<std::string>& lines, chtype attrs) {
    attron(attrs);
    for (const auto& l : lines) {
      if (row >= bottom) break;
      mvaddstr(row++, 1, l.c_str());
    }
    attroff(attrs);
  };
  attron(COLOR_PAIR(1) | A_BOLD);
  std::string head = "SMR Coach";
  if (v.step) head += "  step " + std::to_string(v.step->index + 1) + " of " + std::to_string(v.steps);
  mvaddstr(0, 1, head.c_str());
  attroff(COLOR_PAIR(1) | A_BOLD);
  const std::string clock =
      clock_text(v.session_elapsed_ms) + " / " + clock_text(v.session_elapsed_ms + v.session_remaining_ms);
  mvaddstr(0, std::max(static_cast<int>(head.size()) + 3, width - static_cast<int>(clock.size()) - 2), clock.c_str());
  row = 1;
  put(wrapped_lines(notice_, text_w, 3), 0);
  if (v.step) put(wrapped_lines(step_title(*v.step), text_w, 2), 0);
  if (roomy) ++row;

  std::string title = state_title(v);
  if (v.state == core::SessionState::kPaused) title += " (" + std::string(core::to_string(v.resumes_to)) + ")";
  if (v.set >= 0 && v.step && v.step->sets > 1) {
    title += "  set " + std::to_string(v.set + 1) + " of " + std::to_string(v.step->sets);
  }
  put(wrapped_lines(title, text_w, 2), A_BOLD);

  const std::string countdown = countdown_text(v.remaining_ms);
  if (roomy && row + 6 <= bottom) {
    ++row;
    draw_big(row, 3, countdown);
    mvaddstr(row + 2, 30, (countdown + " left").c_str());
    row += 6;
  } else {
    put({countdown + " left"}, A_BOLD);
  }
  attron(COLOR_PAIR(2));
  if (row < bottom) draw_bar(row++, 1, std::min(width - 4, 60), v.progress, "=");
  if (row < bottom) {
    if (v.breath) {
      const bool in = v.breath->phase == core::BreathPhase::kInhale;
      mvaddstr(row, 1, in ? "breathe in " : "breathe out");
      draw_bar(row, 13, std::min(width - 16, 48), v.breath->fill, "#");
      ++row;
    } else if (v.reps > 0) {
      mvaddstr(row++, 1, ("rep " + std::to_string(v.rep) + " of " + std::to_string(v.reps)).c_str());
    } else if (v.pass > 0) {
      mvaddstr(row++, 1, ("pass " + std::to_string(v.pass)).c_str());
    }
  }
  attroff(COLOR_PAIR(2));
  if (roomy) ++row;

  // The instruction or the latest cue, and the latest advice: the advice keeps its rows first.
  const std::size_t rows_left = static_cast<std::size_t>(std::max(0, bottom - row));
  const auto message = wrapped_lines(last_message_, text_w, std::min<std::size_t>(rows_left, 4));
  std::vector<std::string> text;
  const std::size_t text_rows = rows_left - message.size();
  if (show_instructions_ && v.step) {
    if (const auto* e = catalog_->find_exercise(v.step->exercise)) {
      for (std::size_t i = 0; i < e->steps.size(); ++i) {
        for (const auto& l : wrapped_lines(std::to_string(i + 1) + ". " + e->steps[i], text_w, 100)) text.push_back(l);
      }
      if (!v.step->lighter.empty()) {
        for (const auto& l : wrapped_lines("Lighter: " + v.step->lighter, text_w, 100)) text.push_back(l);
      }
      if (text.size() > text_rows) {
        text.resize(text_rows);
        if (!text.empty()) text.back() = "... (more: a taller window shows all the steps)";
      }
    }
  } else {
    text = wrapped_lines(last_cue_.empty() ? v.text : last_cue_, text_w, text_rows);
  }
  put(text, 0);
  put(message, COLOR_PAIR(3) | A_BOLD);
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

void SessionScreen::open_menu(Mode mode, const core::SessionView& view, std::vector<core::SessionInput>& out) {
  mode_ = mode;
  pain_kinds_.clear();
  strength_typed_.clear();
  const bool running = view.state != core::SessionState::kPaused && view.state != core::SessionState::kFinished &&
                       view.state != core::SessionState::kStopped && view.state != core::SessionState::kNotStarted;
  paused_for_menu_ = running;
  if (running) {
    core::SessionInput in;
    in.kind = core::InputKind::kPause;
    out.push_back(in);
  }
}

void SessionScreen::close_menu(std::vector<core::SessionInput>& out) {
  mode_ = Mode::kKeys;
  if (paused_for_menu_) {
    core::SessionInput in;
    in.kind = core::InputKind::kResume;
    out.push_back(in);
  }
  paused_for_menu_ = false;
}

std::vector<core::SessionInput> SessionScreen::read_input(const core::SessionView& view) {
  std::vector<core::SessionInput> out;
  using core::InputKind;
  auto input = [&](InputKind kind) {
    core::SessionInput in;
    in.kind = kind;
    out.push_back(in);
  };
  for (int key = getch(); key != ERR; key = getch()) {
    const bool enter = key == '\n' || key == '\r' || key == KEY_ENTER;
    if (key == 27 && mode_ != Mode::kKeys) {  // esc closes a menu
      close_menu(out);
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
          open_menu(Mode::kPainKind, view, out);
        } else if (key == 'r') {
          open_menu(Mode::kRedFlag, view, out);
        } else if (key == 'i') {
          show_instructions_ = !show_instructions_;
        } else if (key == 'q') {
          open_menu(Mode::kConfirmStop, view, out);
        }
        break;
      case Mode::kPainKind:
        if (key >= '1' && key < '1' + static_cast<int>(kPainKinds.size())) {
          const auto q = kPainKinds[static_cast<std::size_t>(key - '1')];
          const auto it = std::find(pain_kinds_.begin(), pain_kinds_.end(), q);
          if (it == pain_kinds_.end()) {
            pain_kinds_.push_back(q);
          } else {
            pain_kinds_.erase(it);
          }
        } else if (enter && !pain_kinds_.empty()) {
          mode_ = Mode::kPainStrength;
        }
        break;
      case Mode::kPainStrength:
        if (key >= '0' && key <= '9' && strength_typed_.size() < 2) {
          strength_typed_ += static_cast<char>(key);
        } else if ((key == KEY_BACKSPACE || key == 127 || key == 8) && !strength_typed_.empty()) {
          strength_typed_.pop_back();
        } else if (enter && !strength_typed_.empty() && std::stoi(strength_typed_) <= 10) {
          core::SessionInput in;
          in.kind = InputKind::kCheckIn;
          in.check_in = pain_check_in(std::stoi(strength_typed_), pain_kinds_);
          close_menu(out);  // resumes first: the check-in belongs to the running phase
          out.push_back(in);
        } else if (enter) {
          strength_typed_.clear();  // "11" or more: type it again
        }
        break;
      case Mode::kRedFlag:
        if (key >= '1' && key < '1' + static_cast<int>(catalog_->red_flags().size())) {
          core::SessionInput in;
          in.kind = InputKind::kRedFlag;
          in.red_flag = catalog_->red_flags()[static_cast<std::size_t>(key - '1')].id;
          out.push_back(in);  // stops the session: no resume
          mode_ = Mode::kKeys;
          paused_for_menu_ = false;
        }
        break;
      case Mode::kConfirmStop:
        if (key == 'y' || key == 'Y') {
          input(InputKind::kStop);
          mode_ = Mode::kKeys;
          paused_for_menu_ = false;
        } else if (key == 'n' || key == 'N') {
          close_menu(out);
        }
        break;
    }
  }
  if (last_view_) render(*last_view_);  // a menu opened or closed
  return out;
}

}  // namespace smr::cli
