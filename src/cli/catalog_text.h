#pragma once
// Catalog entities as text a person reads in a terminal: listings and the full "show" pages.

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/catalog_query.h"

namespace smr::cli {

std::string regions_table(const core::Catalog& catalog);
std::string tools_table(const core::Catalog& catalog);
std::string techniques_table(const core::Catalog& catalog);
// Issue 11: the health conditions the screening asks about (id, what it does: blocks areas, needs a
// physician's clearance, or a caution), the warning signs that stop a session, the never-roll zones and the
// evidence rules, each with the id `smr catalog show` takes.
std::string conditions_table(const core::Catalog& catalog);
std::string warning_signs_table(const core::Catalog& catalog);
std::string zones_table(const core::Catalog& catalog);
std::string rules_table(const core::Catalog& catalog);
std::string exercises_table(const core::Catalog& catalog, const std::vector<const core::Exercise*>& exercises);
std::string search_table(const std::vector<core::SearchHit>& hits);
// What the catalog holds and how to browse it.
std::string catalog_overview(const core::Catalog& catalog);

std::string show_exercise(const core::Catalog& catalog, const core::Exercise& x);
std::string show_region(const core::Catalog& catalog, const core::Region& r);
std::string show_tool(const core::Catalog& catalog, const core::Tool& t);
std::string show_technique(const core::Catalog& catalog, const core::Technique& t);
std::string show_condition(const core::Catalog& catalog, const core::Condition& c);
std::string show_zone(const core::Catalog& catalog, const core::Zone& z);
std::string show_line(const core::Catalog& catalog, const core::MyofascialLine& l);
std::string show_red_flag(const core::Catalog& catalog, const core::RedFlag& f);
std::string show_rule(const core::Catalog& catalog, const core::Rule& r);
std::string show_reference(const core::Reference& r);

// "Why: R1 (...), R8 (...). Sources: S1, S13." — the evidence behind a recommendation, in words.
std::string why_text(const core::Catalog& catalog, const core::Citation& c);

// Shown under every page of guidance.
inline constexpr const char* kDisclaimer =
    "SMR Coach gives general guidance, not medical advice. If something hurts in a way that worries you, "
    "stop and ask a clinician.";

}  // namespace smr::cli
