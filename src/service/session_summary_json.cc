#include "service/session_summary_json.h"

#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "core/enum_names.h"

namespace smr::service {

boost::json::value to_json(const SessionSummary& s) {
  boost::json::array regions;
  for (const auto& r : s.regions) regions.emplace_back(r);
  return boost::json::object{{"uid", s.info.uid},
                             {"title", s.info.title},
                             {"started_ms", s.info.started_ms},
                             {"status", core::to_string(s.info.status)},
                             {"interrupted", s.interrupted},
                             {"duration_s", s.duration_s},
                             {"check_ins", s.check_ins},
                             {"mean_intensity", s.mean_intensity},
                             {"pain_check_ins", s.pain_check_ins},
                             {"adaptations", s.adaptations},
                             {"regions", std::move(regions)}};
}

}  // namespace smr::service
