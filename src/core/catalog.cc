#include "core/catalog.h"

#include <utility>

namespace smr::core {

template <typename T>
Catalog::Index Catalog::index_of(const std::vector<T>& items) {
  Index index;
  for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].id, i);
  return index;
}

template <typename T>
const T* Catalog::find(const std::vector<T>& items, const Index& index, std::string_view id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}

Catalog::Catalog(CatalogData data)
    : data_(std::move(data)),
      regions_(index_of(data_.regions)),
      zones_(index_of(data_.zones)),
      lines_(index_of(data_.lines)),
      tools_(index_of(data_.tools)),
      techniques_(index_of(data_.techniques)),
      exercises_(index_of(data_.exercises)),
      conditions_(index_of(data_.conditions)),
      red_flags_(index_of(data_.red_flags)),
      rules_(index_of(data_.rules)),
      references_(index_of(data_.references)),
      lifestyle_(index_of(data_.lifestyle)),
      self_tests_(index_of(data_.self_tests)),
      learn_(index_of(data_.learn)) {}

const Region* Catalog::find_region(std::string_view id) const { return find(data_.regions, regions_, id); }
const Zone* Catalog::find_zone(std::string_view id) const { return find(data_.zones, zones_, id); }
const MyofascialLine* Catalog::find_line(std::string_view id) const { return find(data_.lines, lines_, id); }
const Tool* Catalog::find_tool(std::string_view id) const { return find(data_.tools, tools_, id); }
const Technique* Catalog::find_technique(std::string_view id) const { return find(data_.techniques, techniques_, id); }
const Exercise* Catalog::find_exercise(std::string_view id) const { return find(data_.exercises, exercises_, id); }
const Condition* Catalog::find_condition(std::string_view id) const { return find(data_.conditions, conditions_, id); }
const RedFlag* Catalog::find_red_flag(std::string_view id) const { return find(data_.red_flags, red_flags_, id); }
const Rule* Catalog::find_rule(std::string_view id) const { return find(data_.rules, rules_, id); }
const Reference* Catalog::find_reference(std::string_view id) const { return find(data_.references, references_, id); }
const LifestyleFactor* Catalog::find_lifestyle(std::string_view id) const {
  return find(data_.lifestyle, lifestyle_, id);
}

const SelfTestGuide* Catalog::find_self_test(std::string_view id) const {
  return find(data_.self_tests, self_tests_, id);
}

const LearnTopic* Catalog::find_learn_topic(std::string_view id) const { return find(data_.learn, learn_, id); }

std::vector<const Exercise*> Catalog::exercises_for_region(std::string_view region_id) const {
  std::vector<const Exercise*> out;
  for (const auto& e : data_.exercises) {
    if (e.region == region_id) out.push_back(&e);
  }
  return out;
}

}  // namespace smr::core
