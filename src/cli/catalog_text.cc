#include "cli/catalog_text.h"

#include <algorithm>

#include "cli/learn_text.h"
#include "cli/text.h"

namespace smr::cli {

namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string tool_names(const core::Catalog& catalog, const std::vector<std::string>& ids) {
  std::vector<std::string> names;
  for (const auto& id : ids) {
    const auto* t = catalog.find_tool(id);
    names.push_back(t ? t->name : id);
  }
  return join(names, ", ");
}

std::string region_name(const core::Catalog& catalog, const std::string& id) {
  const auto* r = catalog.find_region(id);
  return r ? r->name : id;
}

std::string heading(std::string_view title) { return std::string(title) + "\n"; }

std::string bullets(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += wrap(s, "  - ", "    ");
  return out;
}

std::string numbered(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string prefix = "  " + std::to_string(i + 1) + ". ";
    if (i + 1 < 10 && items.size() >= 10) prefix = " " + prefix;
    out += wrap(items[i], prefix, std::string(prefix.size(), ' '));
  }
  return out;
}

std::string dose_text(const core::Exercise& x, bool paired) {
  std::string out = std::to_string(x.dose.sets) + " x " + std::to_string(x.dose.set_s) + " s";
  if (paired) out += " per side";
  return out;
}

}  // namespace

std::string why_text(const core::Catalog& catalog, const core::Citation& c) {
  std::string out = "Why: ";
  for (std::size_t i = 0; i < c.rules.size(); ++i) {
    const auto* rule = catalog.find_rule(c.rules[i]);
    out += (i ? ", " : "") + c.rules[i];
    if (rule) out += " (" + rule->level + ")";
  }
  out += ". Sources: " + join(c.sources, ", ") + ".";
  if (!c.rules.empty()) out += " Read any of them with: smr catalog show " + c.rules.front();
  return out;
}

namespace {

// A long text cut after a whole word for a table cell ("...").
std::string cell(const std::string& text, std::size_t max = 60) {
  if (text.size() <= max) return text;
  auto cut = text.rfind(' ', max - 3);
  if (cut == std::string::npos) cut = max - 3;
  std::string out = text.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':' || out.back() == '.'))
    out.pop_back();
  return out + "...";
}

}  // namespace

std::string conditions_table(const core::Catalog& catalog) {
  Table t({"ID", "EFFECT", "NAME"});
  for (const auto& c : catalog.conditions()) {
    const char* effect = c.effect == core::ConditionEffect::kBlock       ? "blocks areas"
                         : c.effect == core::ConditionEffect::kClearance ? "ask a physician first"
                                                                         : "caution";
    t.add({c.id, effect, cell(c.name)});
  }
  return t.render() + "Details: smr catalog show ID. Give yours with: smr screen --condition ID\n";
}

std::string warning_signs_table(const core::Catalog& catalog) {
  Table t({"ID", "QUESTION"});
  for (const auto& f : catalog.red_flags()) t.add({f.id, cell(f.question, 70)});
  return t.render() + "Any of these stops a session. Details: smr catalog show ID\n";
}

std::string zones_table(const core::Catalog& catalog) {
  Table t({"ID", "NAME"});
  for (const auto& z : catalog.zones()) t.add({z.id, cell(z.name, 70)});
  return t.render() + "Never rolled on. Details: smr catalog show ID\n";
}

std::string rules_table(const core::Catalog& catalog) {
  Table t({"ID", "RULE"});
  for (const auto& r : catalog.rules()) t.add({r.id, cell(r.summary, 70)});
  return t.render() + "Details and sources: smr catalog show ID (e.g. smr catalog show R3)\n";
}

std::string regions_table(const core::Catalog& catalog) {
  Table t({"ID", "NAME", "SIDES", "AREA", "EXERCISES"});
  for (const auto& r : catalog.regions()) {
    t.add({r.id, r.name, r.paired() ? "left/right" : "centre", std::string(core::to_string(r.group)),
           std::to_string(catalog.exercises_for_region(r.id).size())});
  }
  return t.render();
}

std::string tools_table(const core::Catalog& catalog) {
  Table t({"ID", "NAME", "KIND", "DENSITY", "CONTACT"});
  for (const auto& tool : catalog.tools()) {
    std::string kind(core::to_string(tool.kind));
    if (tool.texture == core::Texture::kTextured) kind += ", textured";
    if (tool.vibration) kind += ", vibrating";
    t.add({tool.id, tool.name, kind, std::string(core::to_string(tool.density)),
           std::string(core::to_string(tool.contact))});
  }
  return t.render();
}

std::string techniques_table(const core::Catalog& catalog) {
  Table t({"ID", "NAME", "TIMING"});
  for (const auto& tech : catalog.techniques()) {
    std::string timing;
    if (tech.pass_s_min && tech.pass_s_max) {
      timing = std::to_string(*tech.pass_s_min) + "-" + std::to_string(*tech.pass_s_max) + " s per pass";
    } else if (tech.breaths_per_min) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g breaths a minute", *tech.breaths_per_min);
      timing = buf;
    } else if (tech.min_s && tech.max_s) {
      timing = std::to_string(*tech.min_s) + "-" + std::to_string(*tech.max_s) + " s";
    } else if (tech.default_s) {
      timing = "about " + std::to_string(*tech.default_s) + " s";
    }
    t.add({tech.id, tech.name, timing});
  }
  return t.render();
}

std::string exercises_table(const core::Catalog& catalog, const std::vector<const core::Exercise*>& exercises) {
  if (exercises.empty()) return "No exercises match.\n";
  Table t({"ID", "REGION", "POSITION", "LEVEL", "DOSE"});
  for (const auto* x : exercises) {
    const auto* r = catalog.find_region(x->region);
    t.add({x->id, r ? r->name : x->region, std::string(core::to_string(x->position)),
           std::string(core::to_string(x->level)), dose_text(*x, r && r->paired())});
  }
  return t.render() + count(exercises.size(), "exercise", "exercises") + ". Details: smr catalog show ID\n";
}

std::string search_table(const std::vector<core::SearchHit>& hits) {
  if (hits.empty()) return "Nothing matches. Try fewer or other words, e.g. \"calf\", \"ball\", \"breathing\".\n";
  Table t({"KIND", "ID", "NAME"});
  for (const auto& h : hits) t.add({std::string(core::to_string(h.kind)), h.id, h.name});
  return t.render() + "Details: smr catalog show ID\n";
}

std::string catalog_overview(const core::Catalog& catalog) {
  std::string out = "SMR Coach knowledge catalog\n\n";
  Table t({"WHAT", "COUNT", "LIST WITH"});
  t.add({"body regions", std::to_string(catalog.regions().size()), "smr catalog regions"});
  t.add({"tools", std::to_string(catalog.tools().size()), "smr catalog tools"});
  t.add({"techniques", std::to_string(catalog.techniques().size()), "smr catalog techniques"});
  t.add({"exercises", std::to_string(catalog.exercises().size()),
         "smr catalog exercises [--region R] [--tool T] [--context C]"});
  t.add({"health conditions", std::to_string(catalog.conditions().size()), "smr catalog conditions"});
  t.add({"warning signs", std::to_string(catalog.red_flags().size()), "smr catalog warning-signs"});
  t.add({"never-roll zones", std::to_string(catalog.zones().size()), "smr catalog zones"});
  t.add({"evidence rules", std::to_string(catalog.rules().size()), "smr catalog rules"});
  t.add({"sources", std::to_string(catalog.references().size()), "smr catalog show S1"});
  out += t.render();
  out += "\nFind anything: smr catalog search WORDS   (e.g. smr catalog search calf ball)\n";
  out += "Full instructions: smr catalog show ID     (e.g. smr catalog show " +
         (catalog.exercises().empty() ? std::string("ID") : catalog.exercises().front().id) + ")\n";
  out += "Every listing also prints JSON with --json.\n";
  return out;
}

std::string show_exercise(const core::Catalog& catalog, const core::Exercise& x) {
  const auto* region = catalog.find_region(x.region);
  const bool paired = region && region->paired();
  std::string out = x.name + "  [" + x.id + "]\n";
  out += wrap(region_name(catalog, x.region) + " | " + std::string(core::to_string(x.level)) + " | " +
                  std::string(core::describe(x.position)) + " | " + dose_text(x, paired),
              "", "");
  out += "\n" + wrap(x.summary, "", "");
  out += "\n" + wrap("Tools (best first): " + tool_names(catalog, x.tools), "", "  ");
  if (paired) {
    out += wrap("Sides: do your left side first, then switch sides and do the same on the right.", "", "  ");
  }

  out += "\n" + heading("Steps") + numbered(x.steps);

  std::vector<std::string> timing;
  if (x.dose.hold_s) {
    timing.push_back("Hold: stay on a tender spot for about " + std::to_string(*x.dose.hold_s) +
                     " s, breathing slowly in and out through your nose so your belly rises (about 6 breaths a "
                     "minute).");
  }
  if (x.move) {
    timing.push_back("Move: " + x.move->cue + " (" + std::to_string(x.move->reps) + " times).");
  }
  if (x.dose.pass_s) {
    timing.push_back("Roll: slowly, about " + std::to_string(*x.dose.pass_s) + " s for each pass in one direction.");
  }
  timing.push_back("Dose: " + std::to_string(x.dose.sets) + (x.dose.sets == 1 ? " set" : " sets") + " of " +
                   std::to_string(x.dose.set_s) + " s" + (paired ? " on each side" : "") + ", " +
                   duration(x.dose.total_s()) + (paired ? " per side" : "") + " in all.");
  out += "\n" + heading("Timing") + bullets(timing);

  out += "\n" + heading("Cues") + bullets(x.cues);
  out += "\n" + heading("Common mistakes") + bullets(x.mistakes);
  out += "\n" + wrap("Lighter: " + x.lighter, "", "  ");
  out += wrap("Stronger: " + x.stronger, "", "  ");

  if (region && !region->never_roll.empty()) {
    std::vector<std::string> keep_off;
    for (const auto& nr : region->never_roll) {
      if (const auto* z = catalog.find_zone(nr.zone)) keep_off.push_back(z->name + ": " + z->why);
    }
    out += "\n" + heading("Never roll here") + bullets(keep_off);
  }

  out += "\n" + heading("How it should feel");
  out += wrap(
      "Aim for comfortable discomfort, about 4 to 6 out of 10; 7 is the most. Sharp, burning, stinging, "
      "stabbing, radiating, numb or tingling feelings are pain, not sensation: ease off, move to a nearby spot "
      "or stop. (R3)",
      "  ", "  ");

  if (!x.unsafe_for.empty()) {
    std::vector<std::string> names;
    for (const auto& id : x.unsafe_for) {
      const auto* c = catalog.find_condition(id);
      names.push_back(c ? c->name : id);
    }
    out += "\n" + wrap("Not for people with: " + join(names, ", ") + ". Ask your physician which exercises suit you.",
                       "", "  ");
  }
  out += "\n" + learn_more_for_exercise(catalog, x);
  out += "\n" + wrap(why_text(catalog, x.evidence), "", "  ");
  out += "\n" + wrap(kDisclaimer, "", "");
  return out;
}

std::string show_region(const core::Catalog& catalog, const core::Region& r) {
  std::string out = r.name + "  [" + r.id + "]\n";
  out += wrap(
      std::string(r.paired() ? "Left and right" : "Centre of the body") + " | " + std::string(core::to_string(r.group)),
      "", "");
  out += "\n" + wrap(r.description, "", "");
  if (!r.aliases.empty()) out += wrap("Also called: " + join(r.aliases, ", "), "", "  ");
  if (!r.lines.empty()) {
    std::vector<std::string> names;
    for (const auto& id : r.lines) {
      const auto* l = catalog.find_line(id);
      names.push_back(l ? l->name : id);
    }
    out += wrap("Myofascial lines: " + join(names, ", "), "", "  ");
  }
  if (!r.never_roll.empty()) {
    std::vector<std::string> items;
    for (const auto& nr : r.never_roll) {
      const auto* z = catalog.find_zone(nr.zone);
      std::string item = (z ? z->name : nr.zone);
      if (!nr.forbid.empty()) {
        std::vector<std::string> sel;
        for (const auto& s : nr.forbid) sel.push_back(s.text());
        item += " (so never with: " + join(sel, ", ") + ")";
      }
      items.push_back(item);
    }
    out += "\n" + heading("Never roll here") + bullets(items);
  }
  const auto exercises = catalog.exercises_for_region(r.id);
  out += "\n" + heading("Exercises") + exercises_table(catalog, exercises);
  out += "\n" + learn_more_for_region(catalog, r);
  return out;
}

std::string show_tool(const core::Catalog& catalog, const core::Tool& t) {
  std::string out = t.name + "  [" + t.id + "]\n";
  char size[64];
  std::snprintf(size, sizeof size, "%g cm", t.diameter_cm);
  out += wrap(std::string(core::to_string(t.kind)) + " | " + std::string(core::to_string(t.density)) + " | " +
                  std::string(core::to_string(t.texture)) + (t.vibration ? " | vibrating" : "") + " | " + size + " | " +
                  std::string(core::to_string(t.contact)) + " contact",
              "", "");
  out += "\n" + wrap(t.description, "", "");
  std::vector<std::string> suits;
  for (const auto& id : t.suits) suits.push_back(region_name(catalog, id));
  out += "\n" + wrap("Suits: " + join(suits, ", "), "", "  ");
  out += wrap("Exercises with it: smr catalog exercises --tool " + t.id, "", "  ");
  out += "\n" + wrap(why_text(catalog, t.evidence), "", "  ");
  return out;
}

std::string show_technique(const core::Catalog& catalog, const core::Technique& t) {
  std::string out = t.name + "  [" + t.id + "]\n\n" + wrap(t.summary, "", "");
  out += "\n" + heading("How") + numbered(t.how);
  const auto timing = core::timing_points(t);
  if (!timing.empty()) out += "\n" + heading("Timing") + bullets(timing);
  out += "\n" + wrap(why_text(catalog, t.evidence), "", "  ");
  out += "\n" + learn_more_for_technique(catalog, t);
  return out;
}

std::string show_condition(const core::Catalog& catalog, const core::Condition& c) {
  std::string out = c.name + "  [" + c.id + "]\n";
  const char* effect = c.effect == core::ConditionEffect::kBlock       ? "Some areas must not be rolled"
                       : c.effect == core::ConditionEffect::kClearance ? "Check with your physician before you start"
                                                                       : "Take care";
  out += std::string(effect) + "\n\n" + wrap(c.message, "", "");
  std::vector<std::string> items;
  if (!c.block_regions.empty()) {
    std::vector<std::string> names;
    for (const auto& id : c.block_regions) names.push_back(region_name(catalog, id));
    items.push_back("Not rolled at all: " + join(names, ", ") + ".");
  }
  if (c.block_named_area) items.push_back("Not rolled: the areas you name when you set up your profile.");
  for (const auto& l : c.limits) {
    std::string item = "Everywhere:";
    if (!l.regions.empty()) {
      std::vector<std::string> names;
      for (const auto& id : l.regions) names.push_back(region_name(catalog, id));
      item = "On " + join(names, ", ") + ":";
    }
    if (!l.forbid.empty()) {
      std::vector<std::string> sel;
      for (const auto& s : l.forbid) sel.push_back(s.text());
      item += " no " + join(sel, ", ") + " tools;";
    }
    if (!l.positions.empty()) {
      std::vector<std::string> pos;
      for (const auto p : l.positions) pos.push_back(std::string(core::describe(p)));
      item += " not " + join(pos, ", or ") + ";";
    }
    if (l.intensity_max) item += " keep the intensity at " + std::to_string(*l.intensity_max) + " of 10 or less;";
    item.back() = '.';
    if (!l.note.empty()) item += " " + l.note;
    items.push_back(item);
  }
  if (!items.empty()) out += "\n" + heading("What changes") + bullets(items);
  out += "\n" + wrap(why_text(catalog, c.evidence), "", "  ");
  out += "\n" + wrap(kDisclaimer, "", "");
  return out;
}

std::string show_zone(const core::Catalog& catalog, const core::Zone& z) {
  std::string out = z.name + "  [" + z.id + "]\nNever roll here.\n\n" + wrap(z.why, "", "");
  std::vector<std::string> near;
  for (const auto& r : catalog.regions()) {
    for (const auto& nr : r.never_roll) {
      if (nr.zone == z.id) near.push_back(r.name);
    }
  }
  if (!near.empty()) out += "\n" + wrap("Take care when rolling: " + join(near, ", "), "", "  ");
  out += "\n" + wrap(why_text(catalog, z.evidence), "", "  ");
  return out;
}

std::string show_line(const core::Catalog& catalog, const core::MyofascialLine& l) {
  std::string out = l.name + "  [" + l.id + "]\n";
  out += "Anatomical support: " + std::string(core::to_string(l.support)) + "\n\n" + wrap(l.path, "", "");
  std::vector<std::string> regions;
  for (const auto& r : catalog.regions()) {
    if (std::find(r.lines.begin(), r.lines.end(), l.id) != r.lines.end()) regions.push_back(r.name);
  }
  if (!regions.empty()) out += "\n" + wrap("Regions on this line: " + join(regions, ", "), "", "  ");
  out += "\n" + wrap(
                    "Rolling another part of a line is an optional extra, never a substitute: effects along "
                    "lines are small and inconsistent. (R14)",
                    "", "");
  out += wrap("Sources: " + join(l.sources, ", ") + ".", "", "  ");
  return out;
}

std::string show_red_flag(const core::Catalog& catalog, const core::RedFlag& f) {
  std::string out = f.question + "  [" + f.id + "]\n";
  out +=
      std::string(f.urgency == core::Urgency::kEmergency ? "EMERGENCY" : "URGENT") + "\n\n" + wrap(f.message, "", "");
  out += "\n" + wrap(why_text(catalog, f.evidence), "", "  ");
  return out;
}

std::string show_rule(const core::Catalog& catalog, const core::Rule& r) {
  std::string out = "Rule " + r.id + " (evidence: " + r.level + ")\n\n" + wrap(r.summary, "", "");
  std::vector<std::string> cites;
  for (const auto& id : r.sources) {
    const auto* ref = catalog.find_reference(id);
    cites.push_back(id + ": " + (ref ? ref->citation : "?"));
  }
  out += "\n" + heading("Sources") + bullets(cites);
  return out;
}

std::string show_reference(const core::Reference& r) {
  std::string out = "Source " + r.id + "\n\n" + wrap(r.citation, "", "");
  if (!r.note.empty()) out += "\n" + wrap(r.note, "", "");
  return out;
}

}  // namespace smr::cli
