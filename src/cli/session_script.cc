#include "cli/session_script.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace smr::cli {

namespace {

constexpr std::string_view kInputs =
    "pause, resume, skip-phase, skip-step, extend, back, stop, check-in <0-10> [quality] or red-flag <id>";

std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> out;
  std::istringstream in{std::string(line)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Seconds as a decimal (no exponent, no sign): "12", "12.5".
std::optional<core::MonoMillis> parse_seconds(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || !(seconds < 1e9)) return std::nullopt;
  return static_cast<core::MonoMillis>(std::llround(seconds * 1000.0));
}

}  // namespace

tl::expected<std::vector<ScriptLine>, std::string> parse_session_script(std::string_view text) {
  std::vector<ScriptLine> out;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const auto w = words_of(line);
    if (w.empty()) continue;
    const std::string where = "line " + std::to_string(number) + ": ";
    ScriptLine s;
    s.line = number;
    const auto at = parse_seconds(w[0]);
    if (!at) return tl::unexpected(where + "\"" + w[0] + "\" is not a time; start the line with seconds, e.g. 12.5");
    if (!out.empty() && *at < out.back().at_ms) {
      return tl::unexpected(where + "time " + w[0] + " s is before the previous line's; keep lines in time order");
    }
    s.at_ms = *at;
    if (w.size() < 2) return tl::unexpected(where + "an input is missing after the time; use " + std::string(kInputs));
    const std::string& name = w[1];
    std::size_t args = 0;
    using core::InputKind;
    if (name == "pause") {
      s.input.kind = InputKind::kPause;
    } else if (name == "resume") {
      s.input.kind = InputKind::kResume;
    } else if (name == "skip-phase") {
      s.input.kind = InputKind::kSkipPhase;
    } else if (name == "skip-step") {
      s.input.kind = InputKind::kSkipStep;
    } else if (name == "extend") {
      s.input.kind = InputKind::kExtendHold;
    } else if (name == "back") {
      s.input.kind = InputKind::kBack;
    } else if (name == "stop") {
      s.input.kind = InputKind::kStop;
    } else if (name == "check-in") {
      s.input.kind = InputKind::kCheckIn;
      if (w.size() < 3) return tl::unexpected(where + "check-in needs an intensity from 0 to 10, e.g. check-in 5");
      int intensity = -1;
      const auto [end, ec] = std::from_chars(w[2].data(), w[2].data() + w[2].size(), intensity);
      if (ec != std::errc() || end != w[2].data() + w[2].size() || intensity < 0 || intensity > 10) {
        return tl::unexpected(where + "\"" + w[2] + "\" is not an intensity; use a whole number from 0 to 10");
      }
      s.input.check_in.intensity = intensity;
      args = 1;
      if (w.size() >= 4) {
        std::vector<core::Quality> kinds;
        for (std::size_t start = 0; start <= w[3].size();) {
          const auto plus = std::min(w[3].find('+', start), w[3].size());
          const std::string part = w[3].substr(start, plus - start);
          const auto q = core::parse_enum<core::Quality>(part);
          if (!q) {
            return tl::unexpected(where + "\"" + part + "\" is not a quality; use " +
                                  core::enum_choices<core::Quality>() +
                                  " (several pain kinds joined with +, e.g. burning+stabbing)");
          }
          kinds.push_back(*q);
          start = plus + 1;
        }
        if (kinds.size() == 1) {
          s.input.check_in.quality = kinds.front();
        } else {
          s.input.check_in = pain_check_in(intensity, kinds);
        }
        args = 2;
      }
    } else if (name == "red-flag") {
      s.input.kind = InputKind::kRedFlag;
      if (w.size() < 3) return tl::unexpected(where + "red-flag needs the red flag's id, e.g. red-flag calf-swelling");
      s.input.red_flag = w[2];
      args = 1;
    } else {
      return tl::unexpected(where + "\"" + name + "\" is not an input; use " + std::string(kInputs));
    }
    if (w.size() > 2 + args) {
      return tl::unexpected(where + "unexpected \"" + w[2 + args] + "\" after " + name);
    }
    out.push_back(std::move(s));
  }
  return out;
}

core::CheckInAnswer pain_check_in(int intensity, const std::vector<core::Quality>& kinds) {
  core::CheckInAnswer answer;
  answer.intensity = intensity;
  if (kinds.empty()) return answer;
  const auto nerve = std::find_if(kinds.begin(), kinds.end(), [](core::Quality q) {
    return q == core::Quality::kNumb || q == core::Quality::kTingling || q == core::Quality::kRadiating;
  });
  answer.quality = nerve != kinds.end() ? *nerve : kinds.front();
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const auto q = kinds[i];
    if (q == answer.quality || std::find(kinds.begin(), kinds.begin() + static_cast<std::ptrdiff_t>(i), q) !=
                                   kinds.begin() + static_cast<std::ptrdiff_t>(i)) {
      continue;  // the answer's quality, or named twice
    }
    answer.note += (answer.note.empty() ? "also " : " and ") + std::string(core::to_string(q));
  }
  return answer;
}

}  // namespace smr::cli
