#include "core/catalog_extend.h"

#include <utility>

namespace smr::core {

Catalog with_exercises(const Catalog& base, std::vector<Exercise> extra) {
  CatalogData data{base.regions(),   base.zones(),      base.lines(),     base.tools(), base.techniques(),
                   base.exercises(), base.conditions(), base.red_flags(), base.rules(), base.references(),
                   base.lifestyle(), base.self_tests(), base.learn()};
  for (auto& x : extra) data.exercises.push_back(std::move(x));
  return Catalog(std::move(data));
}

}  // namespace smr::core
