#include "json/learn_json.h"

#include <algorithm>

#include "json/catalog_json.h"
#include "json/json_util_internal.h"

namespace smr::json {

namespace bj = boost::json;

bj::value to_json(const core::LearnLink& link) {
  return bj::object{
      {"kind", core::to_string(link.kind)}, {"id", link.id}, {"title", link.title}, {"summary", link.summary}};
}

bj::value to_json(const core::LearnSection& section) {
  return bj::object{{"heading", section.heading},
                    {"text", section.text},
                    {"points", detail::strings(section.points)},
                    {"evidence", to_json(section.evidence)}};
}

namespace {

// to_json_array (catalog_json.h) cannot see the overloads above: they are declared after it.
template <typename T>
bj::array array_of(const std::vector<T>& items) {
  bj::array out;
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

bj::value learn_index_json(const core::Catalog& catalog) {
  bj::array topics, techniques, regions;
  for (const auto& link : core::learn_index(catalog)) {
    auto& into = link.kind == core::LearnKind::kTopic       ? topics
                 : link.kind == core::LearnKind::kTechnique ? techniques
                                                            : regions;
    into.push_back(to_json(link));
  }
  return bj::object{
      {"topics", std::move(topics)}, {"techniques", std::move(techniques)}, {"regions", std::move(regions)}};
}

bj::value learn_page_json(const core::Catalog& catalog, const core::LearnPage& page) {
  std::vector<std::string> cited = page.evidence.sources;
  for (const auto& s : page.sections) {
    for (const auto& id : s.evidence.sources) {
      if (std::find(cited.begin(), cited.end(), id) == cited.end()) cited.push_back(id);
    }
  }
  bj::array references;
  for (const auto& id : cited) {
    if (const auto* ref = catalog.find_reference(id)) {
      references.push_back(bj::object{{"id", ref->id}, {"citation", ref->citation}, {"note", ref->note}});
    }
  }
  bj::array exercises;
  for (const auto& id : page.exercises) {
    const auto* x = catalog.find_exercise(id);
    exercises.push_back(bj::object{{"id", id}, {"name", x ? x->name : id}});
  }
  return bj::object{{"kind", core::to_string(page.kind)},
                    {"id", page.id},
                    {"title", page.title},
                    {"summary", page.summary},
                    {"sections", array_of(page.sections)},
                    {"evidence", to_json(page.evidence)},
                    {"references", std::move(references)},
                    {"learn_more", array_of(page.learn_more)},
                    {"see_also", array_of(page.see_also)},
                    {"exercises", std::move(exercises)}};
}

}  // namespace smr::json
