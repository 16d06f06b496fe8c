#include "http/api.h"

#include <utility>

namespace smr::http {

Api::Api(const core::Catalog& catalog, WorkerStores& stores, JournalInfo journal, std::span<const EmbeddedFile> assets,
         SessionApiOptions sessions)
    : catalog_(catalog), health_(stores, journal), sessions_(catalog, stores, std::move(sessions)), assets_(assets) {
  // The routes table. Keep docs/openapi.yaml in step.
  const auto& c = catalog_;
  const auto& h = health_;
  router_.add(Verb::get, "/api/health", "Version, journal backend and schema; 503 when the journal cannot be read",
              [&h](const Request& r, const PathParams&) { return h.health(r); });
  router_.add(Verb::get, "/api/catalog/regions", "Every body region",
              [&c](const Request& r, const PathParams&) { return c.list("regions", r); });
  router_.add(Verb::get, "/api/catalog/tools", "Every rolling tool",
              [&c](const Request& r, const PathParams&) { return c.list("tools", r); });
  router_.add(Verb::get, "/api/catalog/techniques", "Every technique with its timing",
              [&c](const Request& r, const PathParams&) { return c.list("techniques", r); });
  router_.add(Verb::get, "/api/catalog/exercises", "Exercises, optionally filtered by region, tool, context, level",
              [&c](const Request& r, const PathParams&) { return c.exercises(r); });
  router_.add(Verb::get, "/api/catalog/{kind}/{id}", "One catalog entry in full",
              [&c](const Request& r, const PathParams& p) { return c.entry(r, p); });

  // ---- Live sessions (session_api.h; docs/session.md "The HTTP mapping") ----
  auto& s = sessions_;
  router_.add(Verb::post, "/api/sessions", "Start a live guided session from a plan",
              [&s](const Request& r, const PathParams&) { return s.create(r); });
  router_.add(Verb::post, "/api/sessions/{uid}/inputs", "Send an input (pause, skip, check-in, stop...) to a session",
              [&s](const Request& r, const PathParams& p) { return s.input(r, p); });
  router_.add(Verb::get, "/api/sessions/{uid}/live", "A live session's current state and the cues since an index",
              [&s](const Request& r, const PathParams& p) { return s.live(r, p); });
  // ---- end of live sessions ----
}

Response Api::handle(const Request& request) const {
  const auto& s = request.segments();
  if (!s.empty() && s.front() == "api") return router_.dispatch(request);
  return assets_.serve(request);
}

}  // namespace smr::http
