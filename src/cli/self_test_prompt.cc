#include "cli/self_test_prompt.h"

#include <istream>
#include <ostream>
#include <string>

#include "cli/cli_context.h"
#include "cli/self_test_text.h"
#include "cli/text.h"

namespace smr::cli {

namespace {

[[noreturn]] void stopped() {
  throw CliError(kExitUsage, "the test stopped before every value was given; nothing was recorded");
}

std::string read_line(std::istream& in) {
  std::string line;
  if (!std::getline(in, line)) stopped();
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

std::string value_prompt(const core::SelfTestGuide& g) {
  if (g.unit == core::TestUnit::kPassFail) return "pass or fail";
  return std::string(core::to_string(g.unit)) + ", " + core::format_number(g.min_value) + " to " +
         core::format_number(g.max_value);
}

}  // namespace

std::vector<SideValues> guide_and_ask(const core::Catalog& catalog, const core::SelfTestGuide& g,
                                      std::vector<SideValues> plan, std::istream& in, std::ostream& out) {
  out << guide_header(catalog, g) << "\nSet-up\n" << wrap(g.setup, "  ", "  ");
  out << "\nCommon mistakes\n";
  for (const auto& m : g.mistakes) out << wrap(m, "  - ", "    ");
  out << "\nPress Enter for each step.\n";
  for (std::size_t i = 0; i < g.steps.size(); ++i) {
    const std::string prefix = "Step " + std::to_string(i + 1) + " of " + std::to_string(g.steps.size()) + ": ";
    out << wrap(g.steps[i], prefix, std::string(prefix.size(), ' '));
    out.flush();
    read_line(in);
  }
  out << "\nReading the value\n" << wrap(g.reading, "  ", "  ") << "\n";
  for (auto& sv : plan) {
    const int trials = sv.phase == core::SelfTestPhase::kBaseline ? core::kBaselineTrials : 1;
    const std::string label = sv.side == core::Side::kCentre ? "Your value"
                              : sv.side == core::Side::kLeft ? "Left side"
                                                             : "Right side";
    for (int t = 1; t <= trials; ++t) {
      for (;;) {
        std::string question = label;
        if (trials > 1) question += ", trial " + std::to_string(t) + " of " + std::to_string(trials);
        if (t > 1) question += ", once more";
        out << question << " (" << value_prompt(g) << "): ";
        out.flush();
        const std::string text = read_line(in);
        if (text.empty()) continue;
        const auto value = core::parse_test_value(g, text);
        if (value) {
          sv.values.push_back(*value);
          break;
        }
        out << "  " << value.error() << "\n";
      }
    }
  }
  return plan;
}

}  // namespace smr::cli
