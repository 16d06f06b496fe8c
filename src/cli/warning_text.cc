#include "cli/warning_text.h"

#include "service/journal_service.h"

namespace smr::cli {

void print_warnings(std::ostream& out, const core::Catalog& catalog,
                    const std::vector<service::ActiveWarning>& warnings) {
  for (const auto& w : warnings) {
    const auto* f = catalog.find_red_flag(w.red_flag);
    out << "Active warning sign: " << w.red_flag << " (since " << service::format_utc(w.since_ms) << " UTC). "
        << (f ? f->message : "Get it checked before you roll again.") << '\n';
  }
  if (!warnings.empty()) {
    out << "No session until it has been checked. Once a clinician has cleared it: smr screen --clear-warning "
        << warnings.front().red_flag << '\n';
  }
}

}  // namespace smr::cli
