#pragma once
// The knowledge catalog: every region, zone, line, tool, technique, exercise, condition, red flag, rule,
// reference, lifestyle factor, self-test guide and Learn topic, with lookups by id.
//
// A Catalog is immutable once built and safe to share between threads for reading. It trusts its input:
// build it from data that src/catalog/ has validated (every cross-reference resolves, ids are unique).

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/condition.h"
#include "core/evidence.h"
#include "core/exercise.h"
#include "core/learn.h"
#include "core/lifestyle.h"
#include "core/myofascial_line.h"
#include "core/region.h"
#include "core/self_test_guide.h"
#include "core/technique.h"
#include "core/tool.h"

namespace smr::core {

struct CatalogData {
  std::vector<Region> regions;
  std::vector<Zone> zones;
  std::vector<MyofascialLine> lines;
  std::vector<Tool> tools;
  std::vector<Technique> techniques;
  std::vector<Exercise> exercises;
  std::vector<Condition> conditions;
  std::vector<RedFlag> red_flags;
  std::vector<Rule> rules;
  std::vector<Reference> references;
  std::vector<LifestyleFactor> lifestyle;  // optional in a catalog (may be empty)
  std::vector<SelfTestGuide> self_tests;   // optional in a catalog (may be empty)
  std::vector<LearnTopic> learn;           // optional in a catalog (may be empty)
};

class Catalog {
 public:
  explicit Catalog(CatalogData data);

  const std::vector<Region>& regions() const { return data_.regions; }
  const std::vector<Zone>& zones() const { return data_.zones; }
  const std::vector<MyofascialLine>& lines() const { return data_.lines; }
  const std::vector<Tool>& tools() const { return data_.tools; }
  const std::vector<Technique>& techniques() const { return data_.techniques; }
  const std::vector<Exercise>& exercises() const { return data_.exercises; }
  const std::vector<Condition>& conditions() const { return data_.conditions; }
  const std::vector<RedFlag>& red_flags() const { return data_.red_flags; }
  const std::vector<Rule>& rules() const { return data_.rules; }
  const std::vector<Reference>& references() const { return data_.references; }
  const std::vector<LifestyleFactor>& lifestyle() const { return data_.lifestyle; }
  const std::vector<SelfTestGuide>& self_tests() const { return data_.self_tests; }
  const std::vector<LearnTopic>& learn() const { return data_.learn; }

  // nullptr when there is no such id. Pointers stay valid for the Catalog's lifetime.
  const Region* find_region(std::string_view id) const;
  const Zone* find_zone(std::string_view id) const;
  const MyofascialLine* find_line(std::string_view id) const;
  const Tool* find_tool(std::string_view id) const;
  const Technique* find_technique(std::string_view id) const;
  const Exercise* find_exercise(std::string_view id) const;
  const Condition* find_condition(std::string_view id) const;
  const RedFlag* find_red_flag(std::string_view id) const;
  const Rule* find_rule(std::string_view id) const;
  const Reference* find_reference(std::string_view id) const;
  const LifestyleFactor* find_lifestyle(std::string_view id) const;
  const SelfTestGuide* find_self_test(std::string_view id) const;
  const LearnTopic* find_learn_topic(std::string_view id) const;

  // The exercises of a region, in catalog order.
  std::vector<const Exercise*> exercises_for_region(std::string_view region_id) const;

 private:
  using Index = std::map<std::string, std::size_t, std::less<>>;

  template <typename T>
  static Index index_of(const std::vector<T>& items);
  template <typename T>
  static const T* find(const std::vector<T>& items, const Index& index, std::string_view id);

  CatalogData data_;
  Index regions_, zones_, lines_, tools_, techniques_, exercises_, conditions_, red_flags_, rules_, references_,
      lifestyle_, self_tests_, learn_;
};

}  // namespace smr::core
