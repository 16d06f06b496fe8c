#include "cli/learn_text.h"

#include <algorithm>

#include "cli/catalog_text.h"
#include "cli/text.h"

namespace smr::cli {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string command(std::string_view id) { return "smr learn " + std::string(id); }

std::string bullets(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += wrap(s, "  - ", "    ");
  return out;
}

// "R3, R9; S16, S28", or "" for an empty citation.
std::string ids_text(const core::Citation& c) {
  std::string out = join(c.rules, ", ");
  if (!c.sources.empty()) out += (out.empty() ? "" : "; ") + join(c.sources, ", ");
  return out;
}

std::string topic_commands(const std::vector<const core::LearnTopic*>& topics) {
  std::vector<std::string> items;
  for (const auto* t : topics) items.push_back(command(t->id) + " (" + t->title + ")");
  return join(items, ", ");
}

}  // namespace

std::string learn_index_text(const core::Catalog& catalog) {
  std::string out = "Learn: why rolling works, how to do it safely, and what the evidence says.\n\n";
  out += "Topics\n";
  Table topics({"TOPIC", "TITLE"});
  std::vector<std::string> techniques, regions;
  for (const auto& link : core::learn_index(catalog)) {
    if (link.kind == core::LearnKind::kTopic) topics.add({link.id, link.title});
    if (link.kind == core::LearnKind::kTechnique) techniques.push_back(link.id);
    if (link.kind == core::LearnKind::kRegion) regions.push_back(link.id);
  }
  out += catalog.learn().empty() ? "  (this catalog has no Learn topics)\n" : topics.render();
  out += "\n" + wrap("Techniques: " + join(techniques, ", "), "", "  ");
  out += "\n" + wrap("Body regions: " + join(regions, ", "), "", "  ");
  out += "\n" + wrap("Read one with: smr learn ID (a topic, technique or region), e.g. smr learn " +
                         (catalog.learn().empty() ? std::string("hold") : catalog.learn().front().id),
                     "", "");
  out += "\n" + wrap(kDisclaimer, "", "");
  return out;
}

std::string learn_page_text(const core::Catalog& catalog, const core::LearnPage& page) {
  std::string out = page.title + "  [" + page.id + "]\n";
  if (page.kind != core::LearnKind::kTopic) {
    out += std::string(page.kind == core::LearnKind::kTechnique ? "Technique" : "Body region") + "\n";
  }
  out += "\n" + wrap(page.summary, "", "");
  std::vector<std::string> cited = page.evidence.sources;
  for (const auto& s : page.sections) {
    out += "\n" + s.heading;
    if (const auto ids = ids_text(s.evidence); !ids.empty()) out += "  (" + ids + ")";
    out += "\n";
    if (!s.text.empty()) out += wrap(s.text, "  ", "  ");
    out += bullets(s.points);
    for (const auto& id : s.evidence.sources) {
      if (std::find(cited.begin(), cited.end(), id) == cited.end()) cited.push_back(id);
    }
  }
  if (!page.exercises.empty()) {
    std::vector<std::string> items;
    for (const auto& id : page.exercises) {
      const auto* x = catalog.find_exercise(id);
      items.push_back((x ? x->name : id) + "  [" + id + "]");
    }
    out += "\nExercises (read one with: smr catalog show ID)\n" + bullets(items);
  }
  if (!cited.empty() || !page.evidence.rules.empty()) {
    std::vector<std::string> items;
    for (const auto& id : page.evidence.rules) {
      if (const auto* r = catalog.find_rule(id)) items.push_back(id + " (" + r->level + "): " + r->summary);
    }
    for (const auto& id : cited) {
      if (const auto* r = catalog.find_reference(id)) items.push_back(id + ": " + r->citation);
    }
    out += "\nEvidence\n" + bullets(items);
  }
  std::vector<std::string> more;
  for (const auto& l : page.learn_more) more.push_back(command(l.id) + " (" + l.title + ")");
  for (const auto& l : page.see_also) more.push_back(command(l.id) + " (" + l.title + ")");
  if (!more.empty()) out += "\nLearn more\n" + bullets(more);
  out += "\n" + wrap(kDisclaimer, "", "");
  return out;
}

std::string learn_more_for_exercise(const core::Catalog& catalog, const core::Exercise& x) {
  std::vector<std::string> items;
  for (const auto& id : x.techniques) {
    const auto* t = catalog.find_technique(id);
    items.push_back(command(id) + " (technique: " + (t ? t->name : id) + ")");
  }
  const auto* r = catalog.find_region(x.region);
  items.push_back(command(x.region) + " (region: " + (r ? r->name : x.region) + ")");
  return "Learn more\n" + bullets(items);
}

std::string learn_more_for_technique(const core::Catalog& catalog, const core::Technique& t) {
  std::string text = "Learn more: " + command(t.id);
  if (const auto topics = core::topics_about_technique(catalog, t.id); !topics.empty()) {
    text += "; " + topic_commands(topics);
  }
  return wrap(text, "", "  ");
}

std::string learn_more_for_region(const core::Catalog& catalog, const core::Region& r) {
  std::string text = "Learn more: " + command(r.id);
  if (const auto topics = core::topics_about_region(catalog, r.id); !topics.empty()) {
    text += "; " + topic_commands(topics);
  }
  return wrap(text, "", "  ");
}

}  // namespace smr::cli
