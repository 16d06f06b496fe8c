#include "catalog/loader.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <system_error>

#include "catalog/builtin_catalog.h"
#include "catalog/entry_reader_internal.h"
#include "catalog/exercise_entry.h"
#include "core/progress_self_test.h"
#include "core/suggest.h"

namespace smr::catalog {

namespace {

using detail::EntryReader;
using detail::IdSet;
using detail::Location;

// The top-level arrays a catalog file may hold, in the order they are converted (dependencies first).
enum class Kind {
  kRule,
  kReference,
  kLine,
  kZone,
  kTool,
  kTechnique,
  kRegion,
  kCondition,
  kRedFlag,
  kExercise,
  kLifestyle,
  kSelfTest,
  kLearn,
};
constexpr std::size_t kKindCount = 13;

struct KindInfo {
  Kind kind;
  std::string_view key;   // TOML key: [[region]]
  std::string_view noun;  // in messages: region "calves"
};
constexpr std::array<KindInfo, kKindCount> kKinds{{
    {Kind::kRule, "rule", "rule"},
    {Kind::kReference, "reference", "source"},
    {Kind::kLine, "line", "line"},
    {Kind::kZone, "zone", "zone"},
    {Kind::kTool, "tool", "tool"},
    {Kind::kTechnique, "technique", "technique"},
    {Kind::kRegion, "region", "region"},
    {Kind::kCondition, "condition", "condition"},
    {Kind::kRedFlag, "red_flag", "red flag"},
    {Kind::kExercise, "exercise", "exercise"},
    {Kind::kLifestyle, "lifestyle", "lifestyle factor"},
    {Kind::kSelfTest, "self_test", "self-test"},
    {Kind::kLearn, "learn", "Learn topic"},
}};

std::string kind_keys() {
  std::string out;
  for (const auto& k : kKinds) out += (out.empty() ? "\"" : ", \"") + std::string(k.key) + "\"";
  return out;
}

struct Entry {
  const std::string* file;
  const toml::table* table;
  std::string name;  // region "calves", or region #3 when the id is missing
};

bool is_evidence_id(std::string_view id, char prefix) {
  if (id.size() < 2 || id[0] != prefix) return false;
  return std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Loader {
 public:
  Loader(std::span<const SourceFile> files, std::string catalog_name)
      : files_(files), catalog_name_(std::move(catalog_name)) {}

  // A loader for entries added to `base` (a validated catalog): its ids resolve references and clash with new
  // ones as another file's would; its regions and tools are judged as in a whole load.
  Loader(const core::Catalog& base, std::string catalog_name, std::span<const std::string> taken = {},
         const std::string& taken_name = "")
      : catalog_name_(std::move(catalog_name)) {
    for (const auto& id : taken) ids(Kind::kExercise).emplace(id, Location{taken_name, 0});
    const Location there{catalog_name_, 0};
    const auto seed = [&](Kind kind, const auto& items) {
      for (const auto& item : items) ids(kind).emplace(item.id, there);
    };
    seed(Kind::kRule, base.rules());
    seed(Kind::kReference, base.references());
    seed(Kind::kLine, base.lines());
    seed(Kind::kZone, base.zones());
    seed(Kind::kTool, base.tools());
    seed(Kind::kTechnique, base.techniques());
    seed(Kind::kRegion, base.regions());
    seed(Kind::kCondition, base.conditions());
    seed(Kind::kRedFlag, base.red_flags());
    seed(Kind::kExercise, base.exercises());
    data_.regions = base.regions();
    data_.tools = base.tools();
  }

  // [[exercise]] entries (each with the file it is named by), with exactly the checks (and words) of a whole
  // load: ids (valid, not taken, not repeated), every field, references into the base catalog, contexts, and
  // tools that suit the region and no never-roll zone forbids.
  tl::expected<std::vector<core::Exercise>, std::vector<CatalogError>> run_exercises(
      const std::vector<std::pair<std::string, const toml::table*>>& tables) {
    for (const auto& [file, table] : tables) entries(Kind::kExercise).push_back(Entry{&file, table, ""});
    collect_ids();
    std::vector<core::Exercise> out;
    for (const auto& e : entries(Kind::kExercise)) out.push_back(read_exercise(e));
    if (!errors_.empty()) return tl::unexpected(std::move(errors_));
    return out;
  }

  LoadResult run() {
    parse_files();
    collect_ids();
    for (const auto& e : entries(Kind::kRule)) data_.rules.push_back(read_rule(e));
    for (const auto& e : entries(Kind::kReference)) data_.references.push_back(read_reference(e));
    for (const auto& e : entries(Kind::kLine)) data_.lines.push_back(read_line(e));
    for (const auto& e : entries(Kind::kZone)) data_.zones.push_back(read_zone(e));
    for (const auto& e : entries(Kind::kTool)) data_.tools.push_back(read_tool(e));
    for (const auto& e : entries(Kind::kTechnique)) data_.techniques.push_back(read_technique(e));
    for (const auto& e : entries(Kind::kRegion)) data_.regions.push_back(read_region(e));
    for (const auto& e : entries(Kind::kCondition)) data_.conditions.push_back(read_condition(e));
    for (const auto& e : entries(Kind::kRedFlag)) data_.red_flags.push_back(read_red_flag(e));
    for (const auto& e : entries(Kind::kExercise)) data_.exercises.push_back(read_exercise(e));
    for (const auto& e : entries(Kind::kLifestyle)) data_.lifestyle.push_back(read_lifestyle(e));
    for (const auto& e : entries(Kind::kSelfTest)) data_.self_tests.push_back(read_self_test(e));
    for (const auto& e : entries(Kind::kLearn)) data_.learn.push_back(read_learn(e));
    check_tool_suits();
    check_region_coverage();
    check_required_kinds();

    if (!errors_.empty()) {
      std::stable_sort(errors_.begin(), errors_.end(), [](const CatalogError& a, const CatalogError& b) {
        return a.file != b.file ? a.file < b.file : a.line < b.line;
      });
      return tl::unexpected(std::move(errors_));
    }
    return core::Catalog(std::move(data_));
  }

 private:
  std::vector<Entry>& entries(Kind kind) { return entries_[static_cast<std::size_t>(kind)]; }
  IdSet& ids(Kind kind) { return ids_[static_cast<std::size_t>(kind)]; }

  void file_error(const std::string& file, int line, const std::string& message) {
    errors_.push_back(CatalogError{file, line, "", "", message});
  }

  void parse_files() {
    for (const auto& f : files_) {
      try {
        auto table = std::make_unique<toml::table>(toml::parse(f.text, f.path));
        for (const auto& entry : *table) {
          const auto& key = entry.first;  // not a structured binding: clang 14 cannot capture one
          const auto& node = entry.second;
          const auto it =
              std::find_if(kKinds.begin(), kKinds.end(), [&](const KindInfo& k) { return k.key == key.str(); });
          if (it == kKinds.end()) {
            file_error(f.path, static_cast<int>(key.source().begin.line),
                       "unknown table \"" + std::string(key.str()) + "\"; expected one of " + kind_keys());
            continue;
          }
          const auto* arr = node.as_array();
          if (!arr || !arr->is_array_of_tables()) {
            file_error(f.path, static_cast<int>(key.source().begin.line),
                       "\"" + std::string(key.str()) + "\" must be an array of tables, written [[" +
                           std::string(key.str()) + "]]");
            continue;
          }
          for (const auto& el : *arr) {
            entries(it->kind).push_back(Entry{&f.path, el.as_table(), ""});
          }
        }
        tables_.push_back(std::move(table));
      } catch (const toml::parse_error& e) {
        file_error(f.path, static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
      }
    }
  }

  // Names every entry and records its id; duplicates and malformed ids are reported here, once.
  void collect_ids() {
    for (const auto& k : kKinds) {
      auto& list = entries(k.kind);
      for (std::size_t i = 0; i < list.size(); ++i) {
        auto& e = list[i];
        const auto* id_node = e.table->get("id");
        const auto* id = id_node ? id_node->as_string() : nullptr;
        e.name = std::string(k.noun) + " #" + std::to_string(i + 1);
        if (!id) continue;  // reported as missing / wrong type when the entry is read
        const std::string& text = id->get();
        e.name = std::string(k.noun) + " \"" + text + "\"";
        const bool evidence = k.kind == Kind::kRule || k.kind == Kind::kReference;
        const bool valid = k.kind == Kind::kRule        ? is_evidence_id(text, 'R')
                           : k.kind == Kind::kReference ? is_evidence_id(text, 'S')
                                                        : detail::is_valid_id(text);
        if (!valid) {
          errors_.push_back(CatalogError{
              *e.file, detail::line_of(*id_node), e.name, "id",
              evidence ? "\"" + text + "\" is not a valid id; expected " + (k.kind == Kind::kRule ? "R" : "S") +
                             " followed by a number, e.g. \"" + (k.kind == Kind::kRule ? "R1" : "S1") + "\""
                       : "\"" + text +
                             "\" is not a valid id; use lower-case letters and digits joined by single "
                             "hyphens, e.g. \"calves-roller\""});
          continue;
        }
        auto& set = ids(k.kind);
        if (const auto it = set.find(text); it != set.end()) {
          errors_.push_back(
              CatalogError{*e.file, detail::line_of(*id_node), e.name, "id",
                           "duplicate id; first defined at " + it->second.file +
                               (it->second.line > 0 ? ":" + std::to_string(it->second.line) : std::string())});
          continue;
        }
        set.emplace(text, Location{*e.file, detail::line_of(*e.table)});
      }
    }
  }

  EntryReader reader(const Entry& e) { return EntryReader(errors_, *e.file, e.name, *e.table); }

  core::Citation citation(EntryReader& r, std::size_t min_rules, std::size_t min_sources) {
    core::Citation c;
    c.rules = r.refs("rules", "rule", ids(Kind::kRule), min_rules);
    c.sources = r.refs("sources", "source", ids(Kind::kReference), min_sources);
    return c;
  }

  std::vector<core::Shape> shapes(EntryReader& r) {
    std::vector<core::Shape> out;
    const auto tables = r.tables("map", 1);
    for (std::size_t i = 0; i < tables.size(); ++i) {
      auto s = r.nested("map[" + std::to_string(i + 1) + "].", *tables[i]);
      core::Shape shape;
      shape.view = s.enumeration<core::View>("view").value_or(core::View::kFront);
      const toml::node* points = s.raw("points");
      if (points) {
        const auto* arr = points->as_array();
        bool ok = arr && arr->size() >= 3;
        if (arr) {
          for (const auto& pt : *arr) {
            const auto* xy = pt.as_array();
            if (!xy || xy->size() != 2 || !(*xy)[0].is_number() || !(*xy)[1].is_number()) {
              ok = false;
              break;
            }
            const double x = (*xy)[0].value<double>().value_or(-1);
            const double y = (*xy)[1].value<double>().value_or(-1);
            if (x < 0 || x > core::kMapWidth || y < 0 || y > core::kMapHeight) {
              std::ostringstream msg;
              msg << "point (" << x << ", " << y << ") is off the 200 x 400 canvas";
              s.error("points", msg.str());
            }
            shape.points.push_back({x, y});
          }
        }
        if (!ok) s.error("points", "must be at least 3 points, each [x, y]");
      } else {
        shape.centre.x = s.number("cx", 0, core::kMapWidth, "the canvas is 200 x 400");
        shape.centre.y = s.number("cy", 0, core::kMapHeight, "the canvas is 200 x 400");
        shape.rx = s.number("rx", 0.5, core::kMapWidth / 2);
        shape.ry = s.number("ry", 0.5, core::kMapHeight / 2);
      }
      s.finish();
      out.push_back(std::move(shape));
    }
    return out;
  }

  std::vector<core::ToolSelector> selectors(EntryReader& r, std::string_view key) {
    std::vector<core::ToolSelector> out;
    for (const auto& text : r.strings(key)) {
      if (auto sel = core::ToolSelector::parse(text)) {
        out.push_back(std::move(*sel));
      } else {
        r.error(key, "\"" + text + "\" is not a tool selector; expected " + core::ToolSelector::choices());
      }
    }
    return out;
  }

  core::Rule read_rule(const Entry& e) {
    auto r = reader(e);
    core::Rule rule;
    rule.id = r.string("id");
    rule.summary = r.string("summary");
    rule.level = r.string("level");
    rule.sources = r.refs("sources", "source", ids(Kind::kReference), 1);
    r.finish();
    return rule;
  }

  core::Reference read_reference(const Entry& e) {
    auto r = reader(e);
    core::Reference ref;
    ref.id = r.string("id");
    ref.citation = r.string("citation");
    ref.note = r.optional_string("note").value_or("");
    r.finish();
    return ref;
  }

  core::MyofascialLine read_line(const Entry& e) {
    auto r = reader(e);
    core::MyofascialLine line;
    line.id = r.string("id");
    line.name = r.string("name");
    line.support = r.enumeration<core::Support>("support").value_or(core::Support::kNone);
    line.path = r.string("path");
    line.sources = r.refs("sources", "source", ids(Kind::kReference), 1);
    r.finish();
    return line;
  }

  core::Zone read_zone(const Entry& e) {
    auto r = reader(e);
    core::Zone zone;
    zone.id = r.string("id");
    zone.name = r.string("name");
    zone.why = r.string("why");
    zone.map = shapes(r);
    zone.evidence = citation(r, 1, 1);
    r.finish();
    return zone;
  }

  core::Tool read_tool(const Entry& e) {
    auto r = reader(e);
    core::Tool tool;
    tool.id = r.string("id");
    tool.name = r.string("name");
    const auto kind = r.enumeration<core::ToolKind>("kind");
    const auto density = r.enumeration<core::Density>("density");
    const auto texture = r.enumeration<core::Texture>("texture");
    tool.kind = kind.value_or(core::ToolKind::kRoller);
    tool.density = density.value_or(core::Density::kMedium);
    tool.texture = texture.value_or(core::Texture::kSmooth);
    tool.vibration = r.boolean("vibration");
    const bool vibration_known = r.raw("vibration") && r.raw("vibration")->is_boolean();
    // Never-roll checks match on these properties: a tool whose properties are invalid is left out of them
    // rather than judged on fallback values.
    if (!kind || !density || !texture || !vibration_known) unknown_tools_.insert(tool.id);
    tool.diameter_cm = r.number("diameter_cm", 2, 40);
    tool.contact = r.enumeration<core::Contact>("contact").value_or(core::Contact::kBroad);
    tool.suits = r.refs("suits", "region", ids(Kind::kRegion), 1);
    tool.description = r.string("description");
    tool.evidence = citation(r, 1, 1);
    r.finish();
    return tool;
  }

  core::Technique read_technique(const Entry& e) {
    auto r = reader(e);
    core::Technique t;
    t.id = r.string("id");
    t.name = r.string("name");
    t.summary = r.string("summary");
    t.how = r.strings("how", 2);
    t.default_s = r.optional_integer("default_s", 1, 600);
    t.min_s = r.optional_integer("min_s", 1, 600);
    t.max_s = r.optional_integer("max_s", 1, 600);
    if (t.min_s && t.max_s && *t.min_s > *t.max_s) r.error("min_s", "must not be more than max_s");
    if (t.default_s && ((t.min_s && *t.default_s < *t.min_s) || (t.max_s && *t.default_s > *t.max_s))) {
      r.error("default_s", "must lie between min_s and max_s");
    }
    t.pass_s_min = r.optional_integer("pass_s_min", 2, 4, "R2: one slow pass takes 2-4 s");
    t.pass_s_max = r.optional_integer("pass_s_max", 2, 4, "R2: one slow pass takes 2-4 s");
    t.breaths_per_min = r.optional_number("breaths_per_min", 4, 10, "R13: slow breathing is 4-10 a minute");
    t.breaths_per_min_min = r.optional_number("breaths_per_min_min", 4, 10, "R13: slow breathing is 4-10 a minute");
    t.breaths_per_min_max = r.optional_number("breaths_per_min_max", 4, 10, "R13: slow breathing is 4-10 a minute");
    t.evidence = citation(r, 1, 1);
    r.finish();
    return t;
  }

  core::Region read_region(const Entry& e) {
    auto r = reader(e);
    core::Region region;
    region.id = r.string("id");
    region.name = r.string("name");
    region.group = r.enumeration<core::RegionGroup>("group").value_or(core::RegionGroup::kTrunk);
    region.laterality = r.enumeration<core::Laterality>("laterality").value_or(core::Laterality::kPaired);
    region.aliases = r.strings("aliases");
    region.description = r.string("description");
    region.lines = r.refs("lines", "line", ids(Kind::kLine));
    region.map = shapes(r);
    const auto zones = r.tables("never_roll");
    for (std::size_t i = 0; i < zones.size(); ++i) {
      auto z = r.nested("never_roll[" + std::to_string(i + 1) + "].", *zones[i]);
      core::NeverRoll nr;
      nr.zone = z.ref("zone", "zone", ids(Kind::kZone));
      nr.forbid = selectors(z, "forbid");
      z.finish();
      region.never_roll.push_back(std::move(nr));
    }
    r.finish();
    return region;
  }

  core::Condition read_condition(const Entry& e) {
    auto r = reader(e);
    core::Condition c;
    c.id = r.string("id");
    c.name = r.string("name");
    c.question = r.optional_string("question").value_or("");
    const auto effect = r.enumeration<core::ConditionEffect>("effect");
    c.effect = effect.value_or(core::ConditionEffect::kCaution);
    c.message = r.string("message");
    c.block_regions = r.refs("block_regions", "region", ids(Kind::kRegion));
    c.block_named_area = r.optional_boolean("block_named_area").value_or(false);
    if (effect == core::ConditionEffect::kBlock && c.block_regions.empty() && !c.block_named_area) {
      r.error("effect", "\"block\" needs block_regions or block_named_area = true");
    }
    const auto limits = r.tables("limit");
    for (std::size_t i = 0; i < limits.size(); ++i) {
      auto l = r.nested("limit[" + std::to_string(i + 1) + "].", *limits[i]);
      core::ConditionLimit limit;
      limit.regions = l.refs("regions", "region", ids(Kind::kRegion));
      limit.forbid = selectors(l, "forbid");
      limit.positions = l.enumerations<core::Position>("positions");
      limit.intensity_max = l.optional_integer("intensity_max", 1, 7, "R3: 7 of 10 is the usual ceiling");
      limit.note = l.string("note");
      if (limit.forbid.empty() && limit.positions.empty() && !limit.intensity_max && !l.has("forbid") &&
          !l.has("positions") && !l.has("intensity_max")) {
        l.entry_error("sets none of forbid, positions or intensity_max; a limit needs at least one");
      }
      l.finish();
      c.limits.push_back(std::move(limit));
    }
    c.evidence = citation(r, 1, 1);
    r.finish();
    return c;
  }

  core::RedFlag read_red_flag(const Entry& e) {
    auto r = reader(e);
    core::RedFlag f;
    f.id = r.string("id");
    f.question = r.string("question");
    f.urgency = r.enumeration<core::Urgency>("urgency").value_or(core::Urgency::kUrgent);
    f.message = r.string("message");
    f.evidence = citation(r, 1, 1);
    r.finish();
    return f;
  }

  // A lifestyle factor (catalog/lifestyle.toml): the regions it loads, each with a weight of 1-3.
  core::LifestyleFactor read_lifestyle(const Entry& e) {
    auto r = reader(e);
    core::LifestyleFactor f;
    f.id = r.string("id");
    f.name = r.string("name");
    f.question = r.string("question");
    f.activity = r.optional_boolean("activity").value_or(false);
    f.model = r.string("model");
    const auto regions = r.tables("regions", 1);
    std::set<std::string, std::less<>> seen;
    for (std::size_t i = 0; i < regions.size(); ++i) {
      auto g = r.nested("regions[" + std::to_string(i + 1) + "].", *regions[i]);
      core::LifestyleRegion lr;
      lr.region = g.ref("region", "region", ids(Kind::kRegion));
      lr.weight = g.integer("weight", 1, 3, "1 = raises the priority a little, 3 = a lot");
      if (!lr.region.empty() && !seen.insert(lr.region).second) g.error("region", "is listed twice");
      g.finish();
      f.regions.push_back(std::move(lr));
    }
    f.evidence = citation(r, 0, 1);
    r.finish();
    return f;
  }

  // A self-test guide (catalog/self_tests.toml). Its id and unit must be those of a test in
  // core::kSmallestRealChanges, so that its progress can be judged against a smallest real change.
  core::SelfTestGuide read_self_test(const Entry& e) {
    auto r = reader(e);
    core::SelfTestGuide g;
    g.id = r.string("id");
    g.name = r.string("name");
    g.measures = r.string("measures");
    const auto unit = r.enumeration<core::TestUnit>("unit");
    g.unit = unit.value_or(core::TestUnit::kCm);
    g.laterality = r.enumeration<core::Laterality>("laterality").value_or(core::Laterality::kPaired);
    g.min_value = r.number("min_value", -1000, 1000);
    g.max_value = r.number("max_value", -1000, 1000);
    if (r.has("min_value") && r.has("max_value") && g.min_value >= g.max_value)
      r.error("max_value", "must be more than min_value");
    if (unit == core::TestUnit::kPassFail && (g.min_value != 0 || g.max_value != 1)) {
      r.error("min_value", "a \"pass-fail\" test takes 0 (fail) and 1 (pass): set min_value = 0 and max_value = 1");
    }
    g.setup = r.string("setup");
    g.steps = r.strings("steps", 3);
    g.reading = r.string("reading");
    g.mistakes = r.strings("mistakes", 2);
    g.evidence = citation(r, 0, 1);
    if (ids(Kind::kSelfTest).count(g.id) > 0) {  // a valid id (an invalid one is reported already)
      if (const auto src = core::smallest_real_change(g.id); !src) {
        std::vector<std::string> known;
        for (const auto& s : core::kSmallestRealChanges) known.emplace_back(s.test);
        r.error("id", "\"" + g.id + "\" has no smallest real change, so its progress could not be judged; expected " +
                          core::quoted_list(known));
      } else if (unit && src->unit != core::to_string(*unit)) {
        r.error("unit", "\"" + std::string(core::to_string(*unit)) +
                            "\" does not match the unit of its smallest real "
                            "change; expected \"" +
                            std::string(src->unit) + "\"");
      }
    }
    r.finish();
    return g;
  }

  // A Learn topic (catalog/learn.toml): sections with their own evidence, the techniques and regions it
  // explains (their Learn pages link to it) and related topics. Topic, technique and region ids share one id
  // space in `smr learn ID`, so a topic may not take a technique's or region's id.
  core::LearnTopic read_learn(const Entry& e) {
    auto r = reader(e);
    core::LearnTopic t;
    t.id = r.string("id");
    t.title = r.string("title");
    t.summary = r.string("summary");
    const auto sections = r.tables("sections", 1);
    for (std::size_t i = 0; i < sections.size(); ++i) {
      auto s = r.nested("sections[" + std::to_string(i + 1) + "].", *sections[i]);
      core::LearnSection section;
      section.heading = s.string("heading");
      section.text = s.string("text");
      section.points = s.strings("points");
      section.evidence = citation(s, 0, 0);
      s.finish();
      t.sections.push_back(std::move(section));
    }
    t.techniques = r.refs("techniques", "technique", ids(Kind::kTechnique));
    t.regions = r.refs("regions", "region", ids(Kind::kRegion));
    t.related = r.refs("related", "Learn topic", ids(Kind::kLearn));
    if (std::find(t.related.begin(), t.related.end(), t.id) != t.related.end()) {
      r.error("related", "lists the topic itself; name other topics");
    }
    for (const auto kind : {Kind::kTechnique, Kind::kRegion}) {
      if (ids(kind).count(t.id) > 0) {
        const auto& loc = ids(kind).find(t.id)->second;
        r.error("id", "\"" + t.id + "\" is also the id of a " + (kind == Kind::kTechnique ? "technique" : "region") +
                          " (" + loc.file + ":" + std::to_string(loc.line) + "); `smr learn " + t.id +
                          "` could not tell them apart: choose another id");
      }
    }
    t.evidence = citation(r, 0, 1);
    r.finish();
    return t;
  }

  const core::Region* region_by_id(std::string_view id) const {
    const auto it =
        std::find_if(data_.regions.begin(), data_.regions.end(), [&](const core::Region& reg) { return reg.id == id; });
    return it == data_.regions.end() ? nullptr : &*it;
  }
  const core::Tool* tool_by_id(std::string_view id) const {
    const auto it =
        std::find_if(data_.tools.begin(), data_.tools.end(), [&](const core::Tool& t) { return t.id == id; });
    return it == data_.tools.end() ? nullptr : &*it;
  }

  // "one of \"a\" or \"b\"": the tools whose suits list `region`, for an error message.
  std::string suiting_tools(std::string_view region) const {
    std::vector<std::string> ids;
    for (const auto& t : data_.tools) {
      if (std::find(t.suits.begin(), t.suits.end(), region) != t.suits.end()) ids.push_back(t.id);
    }
    if (ids.empty()) return "a tool whose suits lists it (no tool does yet)";
    return "one of " + core::quoted_list(ids);
  }

  // The never-roll zone of `region` that forbids `tool`, with the selector; empty when allowed.
  static std::pair<std::string, std::string> forbidding(const core::Region& region, const core::Tool& tool) {
    for (const auto& nr : region.never_roll) {
      for (const auto& sel : nr.forbid) {
        if (sel.matches(tool)) return {nr.zone, sel.text()};
      }
    }
    return {};
  }

  core::Exercise read_exercise(const Entry& e) {
    auto r = reader(e);
    core::Exercise x;
    x.id = r.string("id");
    x.name = r.string("name");
    x.region = r.ref("region", "region", ids(Kind::kRegion));
    x.tools = r.refs("tools", "tool", ids(Kind::kTool), 1);
    const auto position = r.enumeration<core::Position>("position");
    x.position = position.value_or(core::Position::kFloorBack);
    x.level = r.enumeration<core::Level>("level").value_or(core::Level::kBeginner);
    x.contexts = r.enumerations<core::Context>("contexts", 1);
    x.hands_free = r.boolean("hands_free");
    x.summary = r.string("summary");
    x.steps = r.strings("steps", 3);
    x.cues = r.strings("cues", 2);
    x.mistakes = r.strings("mistakes", 2);
    x.lighter = r.string("lighter");
    x.stronger = r.string("stronger");
    x.techniques = r.refs("techniques", "technique", ids(Kind::kTechnique), 1);

    if (const auto* dose = r.optional_table("dose")) {
      auto d = r.nested("dose.", *dose);
      x.dose.sets = d.integer("sets", 1, 3, "R1: 1-3 sets");
      x.dose.set_s = d.integer("set_s", 20, 120, "R1: a set lasts 20-120 s");
      x.dose.hold_s = d.optional_integer("hold_s", 20, 60, "R8: hold a tender spot 20-60 s");
      x.dose.pass_s = d.optional_integer("pass_s", 2, 4, "R2: one slow pass takes 2-4 s");
      if (x.uses_technique("hold") && !d.has("hold_s")) {
        d.error("hold_s", "is missing; it is required because \"hold\" is one of the techniques");
      }
      if (x.uses_technique("slow-roll") && !d.has("pass_s")) {
        d.error("pass_s", "is missing; it is required because \"slow-roll\" is one of the techniques");
      }
      if (x.dose.hold_s && *x.dose.hold_s > x.dose.set_s) d.error("hold_s", "must not be longer than set_s");
      d.finish();
    } else if (!r.has("dose")) {
      r.error("dose", "is missing (expected a table such as { sets = 2, set_s = 45, hold_s = 30, pass_s = 3 })");
    }

    const bool moves = x.uses_technique("contract-relax") || x.uses_technique("pin-and-move");
    if (const auto* move = r.optional_table("move")) {
      auto m = r.nested("move.", *move);
      core::Move mv;
      mv.reps = m.integer("reps", 3, 15);
      mv.cue = m.string("cue");
      m.finish();
      x.move = std::move(mv);
      if (!moves) r.error("move", "is set but neither \"contract-relax\" nor \"pin-and-move\" is a technique");
    } else if (moves && !r.has("move")) {
      r.error("move",
              "is missing; it is required because \"contract-relax\" or \"pin-and-move\" is one of the techniques");
    }

    x.unsafe_for = r.refs("unsafe_for", "condition", ids(Kind::kCondition));
    x.evidence = citation(r, 1, 1);

    for (const auto c : x.contexts) {
      if (!position) break;  // the position itself is reported; do not judge contexts against a fallback
      if (!core::position_fits_context(x.position, c)) {
        r.error("contexts", "\"" + std::string(core::to_string(c)) + "\" does not fit position \"" +
                                std::string(core::to_string(x.position)) + "\"");
      } else if (c == core::Context::kCall && !x.hands_free) {
        r.error("contexts", "\"call\" needs hands_free = true (the person is on a call at a desk)");
      }
    }

    if (const auto* region = region_by_id(x.region)) {
      for (const auto& tool_id : x.tools) {
        const auto* tool = tool_by_id(tool_id);
        if (!tool || unknown_tools_.count(tool_id) > 0) continue;
        if (const auto [zone, sel] = forbidding(*region, *tool); !zone.empty()) {
          r.error("tools", "tool \"" + tool_id + "\" is not allowed on region \"" + region->id +
                               "\": never-roll zone \"" + zone + "\" forbids \"" + sel + "\"");
        } else if (std::find(tool->suits.begin(), tool->suits.end(), region->id) == tool->suits.end()) {
          r.error("tools", "tool \"" + tool_id + "\" does not suit region \"" + region->id +
                               "\" (it is not in the tool's suits); add the region to the tool's suits or choose " +
                               suiting_tools(region->id));
        }
      }
    }
    r.finish();
    return x;
  }

  void check_tool_suits() {
    for (const auto& tool : data_.tools) {
      for (const auto& region_id : tool.suits) {
        const auto* region = region_by_id(region_id);
        if (!region) continue;
        const auto loc = ids(Kind::kTool).find(tool.id);
        if (loc == ids(Kind::kTool).end()) continue;  // its id is invalid; reported already
        if (unknown_tools_.count(tool.id) > 0) continue;
        if (const auto [zone, sel] = forbidding(*region, tool); !zone.empty()) {
          errors_.push_back(CatalogError{loc->second.file, loc->second.line, "tool \"" + tool.id + "\"", "suits",
                                         "region \"" + region_id + "\" forbids this tool (never-roll zone \"" + zone +
                                             "\" forbids \"" + sel + "\")"});
        }
      }
    }
  }

  void check_region_coverage() {
    std::set<std::string, std::less<>> checked;
    for (const auto& region : data_.regions) {
      const auto loc = ids(Kind::kRegion).find(region.id);
      if (loc == ids(Kind::kRegion).end()) continue;    // missing or invalid id; reported already
      if (!checked.insert(region.id).second) continue;  // a duplicate id; reported already
      int count = 0;
      int beginner = 0;
      for (const auto& x : data_.exercises) {
        if (x.region != region.id) continue;
        ++count;
        if (x.level == core::Level::kBeginner) ++beginner;
      }
      if (count >= 2 && beginner >= 1) continue;
      errors_.push_back(CatalogError{
          loc->second.file, loc->second.line, "region \"" + region.id + "\"", "",
          "has " + std::to_string(count) + (count == 1 ? " exercise" : " exercises") + " (" + std::to_string(beginner) +
              " for beginners); every region needs at least 2, at least one with level = \"beginner\""});
    }
  }

  void check_required_kinds() {
    if (!errors_.empty()) return;  // an empty kind is then most likely a symptom of earlier errors
    for (const auto& k : kKinds) {
      if (k.kind == Kind::kLifestyle) continue;  // optional: the planner then uses no lifestyle model
      if (k.kind == Kind::kSelfTest) continue;   // optional: smr test then has nothing to guide
      if (k.kind == Kind::kLearn) continue;      // optional: Learn then has technique and region pages only
      if (entries(k.kind).empty()) {
        file_error(catalog_name_, 0, "has no [[" + std::string(k.key) + "]] entries; every catalog needs some");
      }
    }
  }

  std::span<const SourceFile> files_;
  std::string catalog_name_;
  std::vector<std::unique_ptr<toml::table>> tables_;  // parsed files; entries point into them
  std::array<std::vector<Entry>, kKindCount> entries_;
  std::array<IdSet, kKindCount> ids_;
  std::set<std::string, std::less<>> unknown_tools_;  // tools whose kind/density/texture/vibration is invalid
  core::CatalogData data_;
  std::vector<CatalogError> errors_;
};

}  // namespace

LoadResult load_catalog(std::span<const SourceFile> files, std::string_view catalog_name) {
  return Loader(files, std::string(catalog_name)).run();
}

tl::expected<std::vector<SourceFile>, std::vector<CatalogError>> read_catalog_dir(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const std::string shown = dir.string();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return tl::unexpected(
        std::vector<CatalogError>{{shown, 0, "", "", "is not a directory; expected a folder of catalog .toml files"}});
  }
  std::vector<fs::path> paths;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".toml") paths.push_back(it->path());
  }
  if (ec) {
    return tl::unexpected(std::vector<CatalogError>{{shown, 0, "", "", "cannot be read: " + ec.message()}});
  }
  if (paths.empty()) {
    return tl::unexpected(
        std::vector<CatalogError>{{shown, 0, "", "", "holds no .toml files; expected a catalog folder"}});
  }
  std::sort(paths.begin(), paths.end());
  std::vector<SourceFile> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return tl::unexpected(std::vector<CatalogError>{{p.string(), 0, "", "", "cannot be read"}});
    }
    files.push_back(SourceFile{p.string(), text.str()});
  }
  return files;
}

std::vector<SourceFile> builtin_catalog_files() {
  std::vector<SourceFile> files;
  for (const auto& f : builtin_catalog()) {
    files.push_back(SourceFile{"<built-in>/" + std::string(f.path), std::string(f.data)});
  }
  return files;
}

namespace {

// JSON as TOML, for the entry reader: objects are tables, arrays arrays; a null is left out (an absent field).
std::unique_ptr<toml::node> toml_of(const boost::json::value& v);

toml::table toml_table_of(const boost::json::object& o) {
  toml::table t;
  for (const auto& [key, value] : o) {
    if (auto node = toml_of(value)) t.insert(std::string_view(key), std::move(*node));
  }
  return t;
}

std::unique_ptr<toml::node> toml_of(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return nullptr;
    case boost::json::kind::bool_: return std::make_unique<toml::value<bool>>(v.get_bool());
    case boost::json::kind::int64: return std::make_unique<toml::value<std::int64_t>>(v.get_int64());
    case boost::json::kind::uint64:
      return std::make_unique<toml::value<std::int64_t>>(
          static_cast<std::int64_t>(std::min<std::uint64_t>(v.get_uint64(), static_cast<std::uint64_t>(INT64_MAX))));
    case boost::json::kind::double_: return std::make_unique<toml::value<double>>(v.get_double());
    case boost::json::kind::string: return std::make_unique<toml::value<std::string>>(std::string(v.get_string()));
    case boost::json::kind::array: {
      auto a = std::make_unique<toml::array>();
      for (const auto& el : v.get_array()) {
        if (auto node = toml_of(el)) a->push_back(std::move(*node));
      }
      return a;
    }
    case boost::json::kind::object: return std::make_unique<toml::table>(toml_table_of(v.get_object()));
  }
  return nullptr;
}

}  // namespace

tl::expected<std::vector<core::Exercise>, std::vector<CatalogError>> read_exercises_json(
    const boost::json::array& entries, const core::Catalog& catalog, std::string_view source,
    std::string_view catalog_name, std::span<const std::string> taken, std::string_view taken_name) {
  std::vector<CatalogError> shape;
  std::vector<toml::table> tables;
  std::vector<std::pair<std::string, const toml::table*>> named;
  tables.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::string file = std::string(source) + "[" + std::to_string(i) + "]";
    if (!entries[i].is_object()) {
      shape.push_back(CatalogError{
          file, 0, "", "", "must be an object with the fields of a catalog [[exercise]] entry (docs/catalog.md)"});
      continue;
    }
    tables.push_back(toml_table_of(entries[i].get_object()));
    named.emplace_back(std::move(file), &tables.back());
  }
  if (!shape.empty()) return tl::unexpected(std::move(shape));
  return Loader(catalog, std::string(catalog_name), taken, std::string(taken_name)).run_exercises(named);
}

namespace {

boost::json::value json_of(const toml::node& node) {
  if (const auto* t = node.as_table()) {
    boost::json::object o;
    for (const auto& [k, v] : *t) o[std::string_view(k.str())] = json_of(v);
    return o;
  }
  if (const auto* a = node.as_array()) {
    boost::json::array out;
    for (const auto& el : *a) out.push_back(json_of(el));
    return out;
  }
  if (const auto* s = node.as_string()) return boost::json::value(std::string_view(s->get()));
  if (const auto* i = node.as_integer()) return boost::json::value(i->get());
  if (const auto* d = node.as_floating_point()) return boost::json::value(d->get());
  if (const auto* b = node.as_boolean()) return boost::json::value(b->get());
  return nullptr;  // dates and times: no exercise field takes one
}

}  // namespace

std::string exercise_toml(const boost::json::object& entry) {
  toml::array entries;
  entries.push_back(toml_table_of(entry));
  toml::table root;
  root.insert("exercise", std::move(entries));
  std::ostringstream out;
  out << toml::toml_formatter(root);
  return out.str();
}

tl::expected<boost::json::object, std::string> exercise_entry(std::string_view toml_text) {
  try {
    const auto root = toml::parse(toml_text);
    const auto* list = root.get_as<toml::array>("exercise");
    if (root.size() != 1 || list == nullptr || list->size() != 1 || !list->front().is_table()) {
      return tl::unexpected(std::string("is not one [[exercise]] entry"));
    }
    return json_of(list->front()).as_object();
  } catch (const toml::parse_error& e) {
    return tl::unexpected("is not valid TOML: " + std::string(e.description()));
  }
}

LoadResult load_catalog_dir(const std::filesystem::path& dir) {
  auto files = read_catalog_dir(dir);
  if (!files) return tl::unexpected(std::move(files.error()));
  return load_catalog(*files, dir.string());
}

LoadResult load_builtin_catalog() { return load_catalog(builtin_catalog_files(), "<built-in>"); }

}  // namespace smr::catalog
