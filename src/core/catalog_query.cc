#include "core/catalog_query.h"

#include <algorithm>

#include "core/suggest.h"

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

namespace {

// "; did you mean "x"?" or "".
std::string did_you_mean(std::string_view wanted, const std::vector<std::string>& ids) {
  const auto best = closest_match(wanted, ids);
  return best.empty() ? "" : "; did you mean \"" + best + "\"?";
}

}  // namespace

tl::expected<ExerciseFilter, FilterError> parse_exercise_filter(const Catalog& catalog,
                                                                const ExerciseFilterText& text) {
  ExerciseFilter f;
  if (!text.region.empty()) {
    if (!catalog.find_region(text.region)) {
      return tl::unexpected(FilterError{
          "region", "unknown region \"" + text.region + "\"" + did_you_mean(text.region, ids_of(catalog.regions()))});
    }
    f.region = text.region;
  }
  if (!text.tool.empty()) {
    if (!catalog.find_tool(text.tool)) {
      return tl::unexpected(
          FilterError{"tool", "unknown tool \"" + text.tool + "\"" + did_you_mean(text.tool, ids_of(catalog.tools()))});
    }
    f.tool = text.tool;
  }
  if (!text.context.empty()) {
    f.context = parse_enum<Context>(text.context);
    if (!f.context) {
      return tl::unexpected(
          FilterError{"context", "\"" + text.context + "\" is not valid; expected " + enum_choices<Context>()});
    }
  }
  if (!text.level.empty()) {
    f.level = parse_enum<Level>(text.level);
    if (!f.level) {
      return tl::unexpected(
          FilterError{"level", "\"" + text.level + "\" is not valid; expected " + enum_choices<Level>()});
    }
  }
  return f;
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

std::vector<std::string> stems_of(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : words_of(text)) out.push_back(stem(std::move(w)));
  return out;
}

// Both the word and its stem, so that "calv" (a word start of "calves") and "calf" both find "calves".
void append_stems(std::vector<std::string>& to, std::string_view text) {
  for (auto& w : words_of(text)) {
    auto s = stem(w);
    if (s != w) to.push_back(std::move(s));
    to.push_back(std::move(w));
  }
}

}  // namespace

namespace {

// A long text as a hit's name: its first 70 characters, cut after a whole word, with "..." when cut.
std::string headline(const std::string& text) {
  constexpr std::size_t kMax = 70;
  if (text.size() <= kMax) return text;
  auto cut = text.rfind(' ', kMax - 3);
  if (cut == std::string::npos) cut = kMax - 3;
  std::string out = text.substr(0, cut);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':' || out.back() == '.'))
    out.pop_back();
  return out + "...";
}

}  // namespace

void SearchIndex::add(HitKind kind, const std::string& id, const std::string& name,
                      const std::vector<std::string>& strong, const std::vector<std::string>& weak) {
  const auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back(Entry{kind, id, name});
  for (const auto& w : strong) postings_.push_back(Posting{w, index, true});
  for (const auto& w : weak) postings_.push_back(Posting{w, index, false});
}

SearchIndex::SearchIndex(const Catalog& catalog) {
  for (const auto& r : catalog.regions()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, r.id);
    append_stems(strong, r.name);
    for (const auto& a : r.aliases) append_stems(strong, a);
    append_stems(weak, r.description);
    add(HitKind::kRegion, r.id, r.name, strong, weak);
  }
  for (const auto& t : catalog.tools()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, t.id);
    append_stems(strong, t.name);
    append_stems(weak, t.description);
    add(HitKind::kTool, t.id, t.name, strong, weak);
  }
  for (const auto& t : catalog.techniques()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, t.id);
    append_stems(strong, t.name);
    append_stems(weak, t.summary);
    for (const auto& h : t.how) append_stems(weak, h);
    add(HitKind::kTechnique, t.id, t.name, strong, weak);
  }
  for (const auto& x : catalog.exercises()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, x.id);
    append_stems(strong, x.name);
    if (const auto* r = catalog.find_region(x.region)) {
      append_stems(strong, r->name);
      for (const auto& a : r->aliases) append_stems(strong, a);
    }
    append_stems(weak, x.summary);
    for (const auto& t : x.steps) append_stems(weak, t);
    for (const auto& t : x.cues) append_stems(weak, t);
    for (const auto& t : x.tools) append_stems(weak, t);
    add(HitKind::kExercise, x.id, x.name, strong, weak);
  }
  for (const auto& c : catalog.conditions()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, c.id);
    append_stems(strong, c.name);
    append_stems(strong, c.question);
    append_stems(weak, c.message);
    add(HitKind::kCondition, c.id, c.name, strong, weak);
  }
  for (const auto& f : catalog.red_flags()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, f.id);
    append_stems(strong, f.question);
    append_stems(weak, f.message);
    add(HitKind::kRedFlag, f.id, headline(f.question), strong, weak);
  }
  for (const auto& z : catalog.zones()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, z.id);
    append_stems(strong, z.name);
    append_stems(weak, z.why);
    add(HitKind::kZone, z.id, z.name, strong, weak);
  }
  for (const auto& l : catalog.lines()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, l.id);
    append_stems(strong, l.name);
    append_stems(weak, l.path);
    add(HitKind::kLine, l.id, l.name, strong, weak);
  }
  for (const auto& r : catalog.rules()) {
    std::vector<std::string> strong, weak;
    append_stems(strong, r.id);
    append_stems(weak, r.summary);
    add(HitKind::kRule, r.id, headline(r.summary), strong, weak);
  }
  std::sort(postings_.begin(), postings_.end(),
            [](const Posting& a, const Posting& b) { return a.word != b.word ? a.word < b.word : a.entry < b.entry; });
}

std::vector<SearchHit> SearchIndex::search(std::string_view query_text, std::size_t limit) const {
  const auto query = stems_of(query_text);
  std::vector<SearchHit> hits;
  if (query.empty()) return hits;

  std::vector<double> total(entries_.size(), 0.0);
  std::vector<double> best(entries_.size());
  for (const auto& q : query) {
    std::fill(best.begin(), best.end(), 0.0);
    // Postings whose word starts with q form one contiguous range of the sorted list.
    auto it = std::lower_bound(postings_.begin(), postings_.end(), q,
                               [](const Posting& p, const std::string& w) { return p.word < w; });
    for (; it != postings_.end() && it->word.compare(0, q.size(), q) == 0; ++it) {
      const double s = (it->word.size() == q.size() ? 1.0 : 0.6) * (it->strong ? 3.0 : 1.0);
      best[it->entry] = std::max(best[it->entry], s);
    }
    for (std::size_t e = 0; e < entries_.size(); ++e) {
      // An entry missing any query word is out for good (total stays negative).
      total[e] = (best[e] == 0.0 || total[e] < 0) ? -1.0 : total[e] + best[e];
    }
  }
  for (std::size_t e = 0; e < entries_.size(); ++e) {
    if (total[e] > 0) hits.push_back(SearchHit{entries_[e].kind, entries_[e].id, entries_[e].name, total[e]});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

std::vector<SearchHit> search(const Catalog& catalog, std::string_view query, std::size_t limit) {
  return SearchIndex(catalog).search(query, limit);
}

}  // namespace smr::core
