#pragma once
// The Learn section as text a person reads in a terminal (`smr learn`), and the "Learn more" lines that the
// catalog's exercise, technique and region pages carry.

#include <string>

#include "core/catalog.h"
#include "core/learn.h"

namespace smr::cli {

// Every Learn page: the topics with their summaries, then the technique and region ids.
std::string learn_index_text(const core::Catalog& catalog);

// One Learn page in full: sections, sources (with their citations), what to read next.
std::string learn_page_text(const core::Catalog& catalog, const core::LearnPage& page);

// "Learn more" for an exercise page: its techniques' and its region's Learn pages (smr learn ID), in the
// exercise's technique order, then the region. Ends with a newline.
std::string learn_more_for_exercise(const core::Catalog& catalog, const core::Exercise& x);
// "Learn more" for a technique's or region's catalog page: its own Learn page and the topics that name it.
std::string learn_more_for_technique(const core::Catalog& catalog, const core::Technique& t);
std::string learn_more_for_region(const core::Catalog& catalog, const core::Region& r);

}  // namespace smr::cli
