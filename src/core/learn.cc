#include "core/learn.h"

#include <algorithm>
#include <cstdio>

#include "core/catalog.h"

namespace smr::core {

namespace {

// Adds the ids of `from` to `into` that it does not hold yet, keeping first-seen order.
void merge_ids(std::vector<std::string>& into, const std::vector<std::string>& from) {
  for (const auto& id : from) {
    if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
  }
}

void merge(Citation& into, const Citation& from) {
  merge_ids(into.rules, from.rules);
  merge_ids(into.sources, from.sources);
}

LearnLink link_to(const LearnTopic& t) { return {LearnKind::kTopic, t.id, t.title, t.summary}; }
LearnLink link_to(const Technique& t) { return {LearnKind::kTechnique, t.id, t.name, t.summary}; }
LearnLink link_to(const Region& r) { return {LearnKind::kRegion, r.id, r.name, ""}; }

std::vector<LearnLink> links(const std::vector<const LearnTopic*>& topics) {
  std::vector<LearnLink> out;
  for (const auto* t : topics) out.push_back(link_to(*t));
  return out;
}

LearnPage topic_page(const Catalog& catalog, const LearnTopic& t) {
  LearnPage page{LearnKind::kTopic, t.id, t.title, t.summary, t.sections, t.evidence, {}, {}, {}};
  for (const auto& id : t.related) {
    if (const auto* other = catalog.find_learn_topic(id)) page.learn_more.push_back(link_to(*other));
  }
  for (const auto& id : t.techniques) {
    if (const auto* x = catalog.find_technique(id)) page.see_also.push_back(link_to(*x));
  }
  for (const auto& id : t.regions) {
    if (const auto* r = catalog.find_region(id)) page.see_also.push_back(link_to(*r));
  }
  return page;
}

LearnPage technique_page(const Catalog& catalog, const Technique& t) {
  LearnPage page{LearnKind::kTechnique, t.id, t.name, t.summary, {}, t.evidence, {}, {}, {}};
  page.sections.push_back(LearnSection{"How to do it", "", t.how, {}});
  if (auto timing = timing_points(t); !timing.empty()) {
    page.sections.push_back(LearnSection{"Timing", "", std::move(timing), {}});
  }
  page.learn_more = links(topics_about_technique(catalog, t.id));
  return page;
}

LearnPage region_page(const Catalog& catalog, const Region& r) {
  LearnPage page{LearnKind::kRegion, r.id, r.name, r.description, {}, {}, {}, {}, {}};
  if (!r.lines.empty()) {
    LearnSection lines{"Part of these myofascial lines",
                       "Fascia links this area to others along a line; rolling one link is an extra, never a "
                       "replacement for rolling the area itself.",
                       {},
                       {}};
    for (const auto& id : r.lines) {
      if (const auto* l = catalog.find_line(id)) {
        lines.points.push_back(l->name + ": " + l->path);
        merge_ids(lines.evidence.sources, l->sources);
      }
    }
    merge(page.evidence, lines.evidence);
    page.sections.push_back(std::move(lines));
  }
  if (!r.never_roll.empty()) {
    LearnSection keep_off{"Keep off", "Never press on these spots in or next to this area.", {}, {}};
    for (const auto& nr : r.never_roll) {
      if (const auto* z = catalog.find_zone(nr.zone)) {
        keep_off.points.push_back(z->name + ": " + z->why);
        merge(keep_off.evidence, z->evidence);
      }
    }
    merge(page.evidence, keep_off.evidence);
    page.sections.push_back(std::move(keep_off));
  }
  for (const auto* x : catalog.exercises_for_region(r.id)) page.exercises.push_back(x->id);
  page.learn_more = links(topics_about_region(catalog, r.id));
  return page;
}

}  // namespace

std::vector<std::string> timing_points(const Technique& t) {
  std::vector<std::string> out;
  if (t.min_s && t.max_s) {
    out.push_back(std::to_string(*t.min_s) + " to " + std::to_string(*t.max_s) + " s" +
                  (t.default_s ? ", usually " + std::to_string(*t.default_s) + " s" : ""));
  }
  if (t.pass_s_min && t.pass_s_max) {
    out.push_back(std::to_string(*t.pass_s_min) + " to " + std::to_string(*t.pass_s_max) +
                  " s for each pass in one direction");
  }
  if (t.breaths_per_min) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "about %g breaths a minute (%g to %g counts as slow)", *t.breaths_per_min,
                  t.breaths_per_min_min.value_or(*t.breaths_per_min),
                  t.breaths_per_min_max.value_or(*t.breaths_per_min));
    out.emplace_back(buf);
  }
  return out;
}

std::vector<LearnLink> learn_index(const Catalog& catalog) {
  std::vector<LearnLink> out;
  for (const auto& t : catalog.learn()) out.push_back(link_to(t));
  for (const auto& t : catalog.techniques()) out.push_back(link_to(t));
  for (const auto& r : catalog.regions()) out.push_back(link_to(r));
  return out;
}

std::vector<std::string> learn_ids(const Catalog& catalog) {
  std::vector<std::string> out;
  for (const auto& l : learn_index(catalog)) out.push_back(l.id);
  return out;
}

std::optional<LearnPage> learn_page(const Catalog& catalog, std::string_view id) {
  if (const auto* t = catalog.find_learn_topic(id)) return topic_page(catalog, *t);
  if (const auto* t = catalog.find_technique(id)) return technique_page(catalog, *t);
  if (const auto* r = catalog.find_region(id)) return region_page(catalog, *r);
  return std::nullopt;
}

std::vector<const LearnTopic*> topics_about_technique(const Catalog& catalog, std::string_view technique_id) {
  std::vector<const LearnTopic*> out;
  for (const auto& t : catalog.learn()) {
    if (std::find(t.techniques.begin(), t.techniques.end(), technique_id) != t.techniques.end()) out.push_back(&t);
  }
  return out;
}

std::vector<const LearnTopic*> topics_about_region(const Catalog& catalog, std::string_view region_id) {
  std::vector<const LearnTopic*> out;
  for (const auto& t : catalog.learn()) {
    if (std::find(t.regions.begin(), t.regions.end(), region_id) != t.regions.end()) out.push_back(&t);
  }
  return out;
}

}  // namespace smr::core
