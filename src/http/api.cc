#include "http/api.h"

#include <utility>
#include <variant>

#include "http/write_guard.h"

namespace smr::http {

Api::Api(const core::Catalog& catalog, WorkerStores& stores, JournalInfo journal, std::span<const EmbeddedFile> assets,
         LocalZone local, SessionApiOptions sessions)
    : catalog_(catalog),
      learn_(catalog),
      health_(stores, journal),
      profile_(catalog, stores),
      journal_(stores),
      progress_(catalog, stores, std::move(local)),
      self_tests_(catalog, stores),
      settings_(stores),
      routines_(catalog, stores),
      sessions_(catalog, stores, std::move(sessions)),
      assets_(assets) {
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
  router_.add(Verb::get, "/api/catalog/conditions", "Every screening condition (the web app's first-use questions)",
              [&c](const Request& r, const PathParams&) { return c.list("conditions", r); });
  router_.add(Verb::get, "/api/catalog/red-flags", "Every red flag (asked before and during a session)",
              [&c](const Request& r, const PathParams&) { return c.list("red-flags", r); });
  router_.add(Verb::get, "/api/catalog/lifestyle", "Every lifestyle factor and activity (screening, plan --activity)",
              [&c](const Request& r, const PathParams&) { return c.list("lifestyle", r); });
  router_.add(Verb::get, "/api/catalog/exercises", "Exercises, optionally filtered by region, tool, context, level",
              [&c](const Request& r, const PathParams&) { return c.exercises(r); });
  router_.add(Verb::get, "/api/catalog/{kind}/{id}", "One catalog entry in full",
              [&c](const Request& r, const PathParams& p) { return c.entry(r, p); });
  const auto& l = learn_;
  router_.add(Verb::get, "/api/learn", "Every Learn page: topics, techniques, regions",
              [&l](const Request& r, const PathParams&) { return l.index(r); });
  router_.add(Verb::get, "/api/learn/{id}", "One Learn page: a topic, technique or region, with its evidence",
              [&l](const Request& r, const PathParams& p) { return l.page(r, p); });

  const auto& pr = profile_;
  router_.add(Verb::get, "/api/profile", "The saved screening answers",
              [&pr](const Request& r, const PathParams&) { return pr.get_profile(r); });
  router_.add(Verb::put, "/api/profile", "Save the screening answers; answers them with their screening",
              [&pr](const Request& r, const PathParams&) { return pr.put_profile(r); });
  router_.add(Verb::get, "/api/screening", "What the saved answers mean: clearances, blocked regions and tools, stop",
              [&pr](const Request& r, const PathParams&) { return pr.screening(r); });
  router_.add(Verb::post, "/api/plan", "A routine for the saved profile and the request",
              [&pr](const Request& r, const PathParams&) { return pr.plan(r); });
  router_.add(Verb::get, "/api/warnings", "The active warning signs: no session until each is cleared",
              [&pr](const Request& r, const PathParams&) { return pr.warnings(r); });
  router_.add(Verb::post, "/api/warnings/{red_flag}/clear", "Say a warning sign was checked and cleared",
              [&pr](const Request& r, const PathParams& p) { return pr.clear_warning(r, p); });

  const auto& j = journal_;
  router_.add(Verb::get, "/api/sessions", "Recorded sessions, oldest first, optionally from and to a day",
              [&j](const Request& r, const PathParams&) { return j.sessions(r); });
  router_.add(Verb::get, "/api/sessions/{uid}", "One recorded session in full",
              [&j](const Request& r, const PathParams& p) { return j.session(r, p); });
  router_.add(Verb::get, "/api/export", "The whole journal, as smr export writes it",
              [&j](const Request& r, const PathParams&) { return j.export_journal(r); });
  router_.add(Verb::post, "/api/import", "Import an export file: all of it or nothing",
              [&j](const Request& r, const PathParams&) { return j.import_journal(r); });

  const auto& pg = progress_;
  router_.add(Verb::get, "/api/progress", "Progress: alerts, adherence, sensation, soreness, self-tests",
              [&pg](const Request& r, const PathParams&) { return pg.progress(r); });
  router_.add(Verb::post, "/api/progress/alerts/{id}/ack", "Acknowledge a persistent-pain alert",
              [&pg](const Request& r, const PathParams& p) { return pg.acknowledge(r, p); });

  const auto& st = self_tests_;
  router_.add(Verb::get, "/api/self-tests", "The self-test guides and every test's progress",
              [&st](const Request& r, const PathParams&) { return st.list(r); });
  router_.add(Verb::post, "/api/self-tests", "Record one self-test value",
              [&st](const Request& r, const PathParams&) { return st.record(r); });
  router_.add(Verb::post, "/api/soreness", "Record a soreness rating",
              [&st](const Request& r, const PathParams&) { return st.soreness(r); });
  router_.add(Verb::post, "/api/workouts", "Record a workout",
              [&st](const Request& r, const PathParams&) { return st.workout(r); });

  const auto& se = settings_;
  router_.add(Verb::get, "/api/settings", "The app's settings: breathing pace, voice, units",
              [&se](const Request& r, const PathParams&) { return se.get(r); });
  router_.add(Verb::put, "/api/settings", "Change some of the app's settings",
              [&se](const Request& r, const PathParams&) { return se.put(r); });

  const auto& ro = routines_;
  router_.add(Verb::get, "/api/routines", "The saved routines, by name",
              [&ro](const Request& r, const PathParams&) { return ro.list(r); });
  router_.add(Verb::post, "/api/routines", "Save a routine (a plan, or a past session's) under a name",
              [&ro](const Request& r, const PathParams&) { return ro.save(r); });
  router_.add(Verb::get, "/api/routines/{id}", "One saved routine (by uid or name), with its steps",
              [&ro](const Request& r, const PathParams& p) { return ro.get(r, p); });
  router_.add(Verb::delete_, "/api/routines/{id}", "Delete a saved routine",
              [&ro](const Request& r, const PathParams& p) { return ro.remove(r, p); });

  // ---- Live sessions (session_api.h; docs/session.md "The HTTP mapping") ----
  auto& s = sessions_;
  router_.add(Verb::post, "/api/sessions", "Start a live guided session from a plan, a saved routine or a past session",
              [&s](const Request& r, const PathParams&) { return s.create(r); });
  router_.add(Verb::post, "/api/sessions/{uid}/inputs", "Send an input (pause, skip, check-in, stop...) to a session",
              [&s](const Request& r, const PathParams& p) { return s.input(r, p); });
  router_.add(Verb::get, "/api/sessions/{uid}/live", "A live session's current state and the cues since an index",
              [&s](const Request& r, const PathParams& p) { return s.live(r, p); });
  // ---- end of live sessions ----
}

Response Api::handle(const Request& request) const {
  const auto& s = request.segments();
  if (!s.empty() && s.front() == "api") {
    // A change to a route that exists must pass the cross-site guard; a wrong path or method still gets its
    // 404 or 405 (which change nothing).
    if (std::holds_alternative<Router::Found>(router_.match(request.method(), s))) {
      if (auto refused = refuse_cross_site_write(request)) return error_response(*refused);
    }
    return router_.dispatch(request);
  }
  return assets_.serve(request);
}

}  // namespace smr::http
