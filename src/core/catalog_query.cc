#include "core/catalog_query.h"

#include <algorithm>

namespace smr::core {

std::vector<const Exercise*> filter_exercises(const Catalog& catalog, const ExerciseFilter& filter) {
  std::vector<const Exercise*> out;
  for (const auto& x : catalog.exercises()) {
    if (filter.region && x.region != *filter.region) continue;
    if (filter.tool && std::find(x.tools.begin(), x.tools.end(), *filter.tool) == x.tools.end()) continue;
    if (filter.context && !x.fits(*filter.context)) continue;
    if (filter.level && x.level != *filter.level) continue;
    out.push_back(&x);
  }
  return out;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) {
      word += c;
    } else if (c >= 'A' && c <= 'Z') {
      word += static_cast<char>(c - 'A' + 'a');
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

namespace {

// Folds simple English plurals: calves -> calf, bodies -> body, balls -> ball (not "press").
std::string stem(std::string w) {
  const auto ends_with = [&](std::string_view suffix) {
    return w.size() > suffix.size() + 2 && w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("ves")) {
    w.replace(w.size() - 3, 3, "f");
  } else if (ends_with("ies")) {
    w.replace(w.size() - 3, 3, "y");
  } else if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.pop_back();
  }
  return w;
}

// Text of one entry, split into strongly weighted words (id, name, aliases) and the rest.
struct Document {
  std::vector<std::string> strong;
  std::vector<std::string> weak;

  void add(std::vector<std::string>& to, std::string_view text) {
    for (auto& w : words_of(text)) to.push_back(stem(std::move(w)));
  }
};

double score_word(const std::vector<std::string>& words, const std::string& query) {
  double best = 0;
  for (const auto& w : words) {
    if (w == query) return 1.0;
    if (w.compare(0, query.size(), query) == 0) best = 0.6;
  }
  return best;
}

// 0 when some query word is missing; otherwise the sum of per-word scores.
double score(const Document& doc, const std::vector<std::string>& query) {
  double total = 0;
  for (const auto& q : query) {
    const double s = std::max(3.0 * score_word(doc.strong, q), score_word(doc.weak, q));
    if (s == 0) return 0;
    total += s;
  }
  return total;
}

}  // namespace

std::vector<SearchHit> search(const Catalog& catalog, std::string_view query_text, std::size_t limit) {
  std::vector<std::string> query;
  for (auto& w : words_of(query_text)) query.push_back(stem(std::move(w)));
  std::vector<SearchHit> hits;
  if (query.empty()) return hits;

  auto consider = [&](HitKind kind, const std::string& id, const std::string& name, const Document& doc) {
    if (const double s = score(doc, query); s > 0) hits.push_back(SearchHit{kind, id, name, s});
  };

  for (const auto& r : catalog.regions()) {
    Document d;
    d.add(d.strong, r.id);
    d.add(d.strong, r.name);
    for (const auto& a : r.aliases) d.add(d.strong, a);
    d.add(d.weak, r.description);
    consider(HitKind::kRegion, r.id, r.name, d);
  }
  for (const auto& t : catalog.tools()) {
    Document d;
    d.add(d.strong, t.id);
    d.add(d.strong, t.name);
    d.add(d.weak, t.description);
    consider(HitKind::kTool, t.id, t.name, d);
  }
  for (const auto& t : catalog.techniques()) {
    Document d;
    d.add(d.strong, t.id);
    d.add(d.strong, t.name);
    d.add(d.weak, t.summary);
    for (const auto& h : t.how) d.add(d.weak, h);
    consider(HitKind::kTechnique, t.id, t.name, d);
  }
  for (const auto& x : catalog.exercises()) {
    Document d;
    d.add(d.strong, x.id);
    d.add(d.strong, x.name);
    if (const auto* r = catalog.find_region(x.region)) {
      d.add(d.strong, r->name);
      for (const auto& a : r->aliases) d.add(d.strong, a);
    }
    d.add(d.weak, x.summary);
    for (const auto& s : x.steps) d.add(d.weak, s);
    for (const auto& s : x.cues) d.add(d.weak, s);
    for (const auto& t : x.tools) d.add(d.weak, t);
    consider(HitKind::kExercise, x.id, x.name, d);
  }
  for (const auto& c : catalog.conditions()) {
    Document d;
    d.add(d.strong, c.id);
    d.add(d.strong, c.name);
    d.add(d.weak, c.message);
    consider(HitKind::kCondition, c.id, c.name, d);
  }
  for (const auto& z : catalog.zones()) {
    Document d;
    d.add(d.strong, z.id);
    d.add(d.strong, z.name);
    d.add(d.weak, z.why);
    consider(HitKind::kZone, z.id, z.name, d);
  }

  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace smr::core
