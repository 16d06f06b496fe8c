#include "service/routine_json.h"

#include "json/plan_json.h"

namespace smr::service {

boost::json::object to_json(const NamedRoutine& r, bool with_routine) {
  boost::json::object o;
  o["uid"] = r.uid;
  o["name"] = r.name;
  o["created_ms"] = r.created_ms;
  o["total_s"] = r.routine.total_s();
  o["steps"] = r.routine.steps.size();
  if (with_routine) o["routine"] = json::to_json(r.routine);
  return o;
}

}  // namespace smr::service
