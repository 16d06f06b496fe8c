#include "cli/warning_text.h"

#include <algorithm>

#include "cli/local_time_zone.h"

namespace smr::cli {

std::string clearance_item(const core::Catalog& catalog, const core::Notice& notice) {
  const auto* c = catalog.find_condition(notice.id);
  const std::string name = c != nullptr ? c->name : notice.id;
  std::string rest = notice.message;
  if (rest.rfind(kClearanceHeading, 0) == 0) {
    rest = rest.substr(kClearanceHeading.size());
    if (rest.rfind(". ", 0) == 0 || rest.rfind(", ", 0) == 0) {
      rest = rest.substr(2);
    } else if (rest.empty() || rest == ".") {
      return name + ".";
    } else {
      rest = notice.message;  // "Check with your physician before you start rolling ...": keep it whole
    }
  }
  return name + ": " + rest;
}

std::vector<std::string> after_session_reminders(const core::ScreeningResult& screening) {
  std::vector<std::string> out;
  auto add_from = [&out](const std::vector<core::Notice>& notices) {
    for (const auto& n : notices) {
      // Sentences end with ". " (the messages are plain prose, without abbreviations).
      for (std::size_t start = 0; start < n.message.size();) {
        const auto dot = n.message.find(". ", start);
        const auto end = dot == std::string::npos ? n.message.size() : dot + 1;
        const std::string sentence = n.message.substr(start, end - start);
        start = dot == std::string::npos ? n.message.size() : dot + 2;
        const bool after = sentence.find("after each session") != std::string::npos ||
                           sentence.find("afterwards") != std::string::npos;
        if (after && std::find(out.begin(), out.end(), sentence) == out.end()) out.push_back(sentence);
      }
    }
  };
  add_from(screening.clearance_needed);
  add_from(screening.cautions);
  return out;
}

void print_warnings(std::ostream& out, const core::Catalog& catalog,
                    const std::vector<service::ActiveWarning>& warnings) {
  for (const auto& w : warnings) {
    const auto* f = catalog.find_red_flag(w.red_flag);
    out << "Active warning sign: " << w.red_flag << " (since " << local_time_text(w.since_ms) << "). "
        << (f ? f->message : "Get it checked before you roll again.") << '\n';
  }
  if (!warnings.empty()) {
    out << "No session until it has been checked. Once a clinician has cleared it: smr screen --clear-warning "
        << warnings.front().red_flag << '\n';
  }
}

}  // namespace smr::cli
