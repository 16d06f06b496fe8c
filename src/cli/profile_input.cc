#include "cli/profile_input.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/json/parse.hpp>

#include "cli/cli_context.h"
#include "cli/text.h"
#include "core/screening.h"
#include "core/suggest.h"
#include "json/plan_json.h"
#include "service/safety_service.h"

namespace smr::cli {

core::Profile read_profile_file(const std::string& path) {
  std::string text;
  if (path == "-") {
    std::ostringstream s;
    s << std::cin.rdbuf();
    text = s.str();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CliError(kExitFailure, "cannot read " + path + "; expected a profile as JSON (see docs/cli.md)");
    std::ostringstream s;
    s << in.rdbuf();
    text = s.str();
  }
  boost::system::error_code ec;
  const auto value = boost::json::parse(text, ec);
  if (ec) throw CliError(kExitFailure, path + ": not valid JSON (" + ec.message() + "); expected a profile object");
  auto profile = json::profile_from_input_json(value);
  if (!profile) throw CliError(kExitFailure, path + ": " + profile.error().message());
  return *profile;
}

void check_profile(const core::Catalog& catalog, const core::Profile& profile, const std::string& from, int exit_code) {
  const auto error = service::profile_error(catalog, profile);
  if (!error) return;
  std::string message;
  for (const auto& p : error->problems) {  // each problem on its line, after where the profile came from
    message += (message.empty() ? "" : "\n") + (from.empty() ? "" : from + ": ") + p.message();
  }
  throw CliError(exit_code, message, "invalid", error->field);
}

std::pair<std::string, core::Side> parse_region_side(const std::string& text, const std::string& flag) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return {text, core::Side::kCentre};
  const auto side_text = text.substr(colon + 1);
  const auto side = core::parse_enum<core::Side>(side_text);
  if (!side || *side == core::Side::kCentre) {
    throw CliError(kExitUsage,
                   flag + ": \"" + text + "\": the side must be \"left\" or \"right\" (REGION or REGION:left)");
  }
  return {text.substr(0, colon), *side};
}

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::stringstream s(v);
    std::string part;
    while (std::getline(s, part, ',')) {
      if (!part.empty()) out.push_back(part);
    }
  }
  return out;
}

namespace {

bool ask_yes(std::istream& in, std::ostream& out, const std::string& question) {
  for (;;) {
    out << wrap(question + " [y/n] ", "", "  ");
    out.flush();
    std::string line;
    if (!std::getline(in, line)) throw CliError(kExitUsage, "screening stopped before every question was answered");
    if (line == "y" || line == "yes" || line == "Y") return true;
    if (line == "n" || line == "no" || line == "N" || line.empty()) return false;
    out << "  Please answer y (yes) or n (no).\n";
  }
}

std::string ask_line(std::istream& in, std::ostream& out, const std::string& question) {
  out << question;
  out.flush();
  std::string line;
  if (!std::getline(in, line)) return {};
  return line;
}

}  // namespace

core::Profile ask_profile(const core::Catalog& catalog, std::istream& in, std::ostream& out) {
  core::Profile p;
  out << "A few questions before you roll. Answers stay on this computer. This is general guidance, not medical "
         "advice.\n\nRight now:\n";
  for (const auto& f : catalog.red_flags()) {
    if (ask_yes(in, out, f.question)) p.symptoms.push_back(f.id);
  }
  out << "\nYour health (answer yes if it applies to you now):\n";
  for (const auto& c : catalog.conditions()) {
    if (!ask_yes(in, out, c.question.empty() ? c.name + "?" : c.question)) continue;
    p.conditions.push_back(c.id);
    if (!c.block_named_area) continue;
    for (;;) {
      const auto answer = ask_line(in, out,
                                   "  Where? A region id, with :left or :right for one side (e.g. calves:left); "
                                   "empty when done: ");
      if (answer.empty()) break;
      try {
        const auto [region, side] = parse_region_side(answer, "area");
        if (!catalog.find_region(region)) {
          const auto best = core::closest_match(region, core::ids_of(catalog.regions()));
          out << "  There is no region \"" << region << "\""
              << (best.empty() ? std::string() : "; did you mean \"" + best + "\"?")
              << " Type it again (smr catalog regions lists them).\n";
          continue;
        }
        p.named_areas.push_back({c.id, region, side});
      } catch (const CliError& e) {
        out << "  " << e.what() << "\n";
      }
    }
  }
  p.experience = ask_yes(in, out, "\nHave you used a foam roller or ball regularly before?")
                     ? core::Experience::kRegular
                     : core::Experience::kNew;
  out << "\nWhich tools do you have? Type their numbers, separated by spaces:\n";
  for (std::size_t i = 0; i < catalog.tools().size(); ++i) {
    out << "  " << (i + 1) << ". " << catalog.tools()[i].name << "\n";
  }
  std::stringstream picks(ask_line(in, out, "Tools: "));
  for (std::string word; picks >> word;) {
    std::size_t n = 0;
    try {
      n = std::stoul(word);
    } catch (const std::exception&) {
      n = 0;
    }
    if (n >= 1 && n <= catalog.tools().size()) p.tools.push_back(catalog.tools()[n - 1].id);
  }
  out << "\nYour days:\n";
  for (const auto& l : catalog.lifestyle()) {
    if (ask_yes(in, out, l.question)) p.lifestyle.push_back(l.id);
  }
  for (;;) {
    const auto answer = ask_line(in, out, "\nA region that aches (e.g. calves:left, neck), or empty when done: ");
    if (answer.empty()) break;
    try {
      const auto [region, side] = parse_region_side(answer, "ache");
      if (!catalog.find_region(region)) {
        const auto best = core::closest_match(region, core::ids_of(catalog.regions()));
        out << "  There is no region \"" << region << "\""
            << (best.empty() ? std::string() : "; did you mean \"" + best + "\"?")
            << " Type it again (smr catalog regions lists them).\n";
        continue;
      }
      p.aches.push_back({region, side, ""});
    } catch (const CliError& e) {
      out << "  " << e.what() << "\n";
    }
  }
  return p;
}

}  // namespace smr::cli
