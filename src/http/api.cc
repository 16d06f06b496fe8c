#include "http/api.h"

#include <utility>
#include <variant>

#include "http/write_guard.h"

namespace smr::http {

Api::Api(const core::Catalog& catalog, WorkerStores& stores, JournalInfo journal, std::span<const EmbeddedFile> assets,
         LocalZone local, SessionApiOptions sessions, PairingApiOptions pairing, AccountApiOptions accounts)
    : catalog_(catalog),
      learn_(catalog),
      health_(stores, journal),
      profile_(catalog, stores),
      journal_(stores),
      progress_(catalog, stores, local),
      self_tests_(catalog, stores),
      settings_(stores),
      routines_(catalog, stores),
      trainers_(catalog, stores, std::move(local)),
      sessions_(catalog, stores, std::move(sessions)),
      pairing_(stores, std::move(pairing)),
      accounts_(stores, std::move(accounts)),
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

  // ---- Trainers and their clients (trainer_api.h; docs/accounts.md) ----
  const auto& tr = trainers_;
  router_.add(Verb::post, "/api/invitations", "A trainer's new one-time invitation for a client",
              [&tr](const Request& r, const PathParams&) { return tr.invite(r); });
  router_.add(Verb::get, "/api/invitations/{code}", "Who invites, for the person who opened the link",
              [&tr](const Request& r, const PathParams& p) { return tr.invitation(r, p); });
  router_.add(Verb::post, "/api/invitations/{code}/accept", "Become the inviting trainer's client, sharing nothing yet",
              [&tr](const Request& r, const PathParams& p) { return tr.accept(r, p); });
  router_.add(Verb::get, "/api/trainers", "Your trainers and what you share with each",
              [&tr](const Request& r, const PathParams&) { return tr.trainers(r); });
  router_.add(Verb::put, "/api/trainers/{id}/sharing", "Choose what a trainer sees, category by category",
              [&tr](const Request& r, const PathParams& p) { return tr.share(r, p); });
  router_.add(Verb::delete_, "/api/trainers/{id}", "Leave a trainer; your records stay yours",
              [&tr](const Request& r, const PathParams& p) { return tr.leave(r, p); });
  router_.add(Verb::get, "/api/clients", "The trainer's dashboard: clients needing attention first, with reasons",
              [&tr](const Request& r, const PathParams&) { return tr.clients(r); });
  router_.add(Verb::get, "/api/clients/{id}", "One client's progress, as far as they share it",
              [&tr](const Request& r, const PathParams& p) { return tr.client(r, p); });
  router_.add(Verb::get, "/api/trainer-exercises", "The trainer's own exercises, to use in templates",
              [&tr](const Request& r, const PathParams&) { return tr.exercises(r); });
  router_.add(Verb::post, "/api/trainer-exercises", "Keep an exercise of your own, checked as the catalog's",
              [&tr](const Request& r, const PathParams&) { return tr.add_exercise(r); });
  router_.add(Verb::put, "/api/trainer-exercises/{uid}", "Change one of your exercises",
              [&tr](const Request& r, const PathParams& p) { return tr.update_exercise(r, p); });
  router_.add(Verb::get, "/api/templates", "The trainer's routine templates, by name",
              [&tr](const Request& r, const PathParams&) { return tr.templates(r); });
  router_.add(Verb::post, "/api/templates", "Keep a routine (a plan, or one made by hand) as a template",
              [&tr](const Request& r, const PathParams&) { return tr.create_template(r); });
  router_.add(Verb::get, "/api/templates/{uid}", "One template with its copies and how many steps each adapts",
              [&tr](const Request& r, const PathParams& p) { return tr.get_template(r, p); });
  router_.add(Verb::put, "/api/templates/{uid}", "Change a template; the copies not yet started follow",
              [&tr](const Request& r, const PathParams& p) { return tr.update_template(r, p); });
  router_.add(Verb::delete_, "/api/templates/{uid}", "Delete a template; the clients keep their copies",
              [&tr](const Request& r, const PathParams& p) { return tr.delete_template(r, p); });
  router_.add(Verb::post, "/api/templates/{uid}/assign", "Give one or several clients their own copy, with a note",
              [&tr](const Request& r, const PathParams& p) { return tr.assign(r, p); });
  router_.add(Verb::get, "/api/assignments", "Routines from your trainers, each through your own safety gate",
              [&tr](const Request& r, const PathParams&) { return tr.assignments(r); });
  router_.add(Verb::get, "/api/assignments/{uid}", "One routine from your trainer, through your own safety gate",
              [&tr](const Request& r, const PathParams& p) { return tr.assignment(r, p); });

  // ---- Live sessions (session_api.h; docs/session.md "The HTTP mapping") ----
  auto& s = sessions_;
  router_.add(Verb::post, "/api/sessions", "Start a live guided session from a plan, a saved routine or a past session",
              [&s](const Request& r, const PathParams&) { return s.create(r); });
  router_.add(Verb::post, "/api/sessions/{uid}/inputs", "Send an input (pause, skip, check-in, stop...) to a session",
              [&s](const Request& r, const PathParams& p) { return s.input(r, p); });
  router_.add(Verb::get, "/api/sessions/{uid}/live", "A live session's current state and the cues since an index",
              [&s](const Request& r, const PathParams& p) { return s.live(r, p); });
  // ---- end of live sessions ----

  // ---- Pairing (pairing_api.h; docs/pairing.md) ----
  const auto& pa = pairing_;
  router_.add(Verb::post, "/api/pair", "Pair this device with a one-time code; sets its credential cookie",
              [&pa](const Request& r, const PathParams&) { return pa.pair(r); });
  router_.add(Verb::get, "/api/devices", "The paired devices, revoked ones too",
              [&pa](const Request& r, const PathParams&) { return pa.devices(r); });
  router_.add(Verb::delete_, "/api/devices/{id}", "Revoke a paired device",
              [&pa](const Request& r, const PathParams& p) { return pa.revoke(r, p); });
  router_.add(Verb::post, "/api/pairing-codes", "A new one-time pairing code and the URLs to open with it",
              [&pa](const Request& r, const PathParams&) { return pa.new_code(r); });

  // ---- Accounts (account_api.h; docs/accounts.md) ----
  const auto& ac = accounts_;
  router_.add(Verb::post, "/api/login", "Sign in with a login and password; sets the session cookie",
              [&ac](const Request& r, const PathParams&) { return ac.login(r); });
  router_.add(Verb::post, "/api/logout", "Sign out: end this session",
              [&ac](const Request& r, const PathParams&) { return ac.logout(r); });
  router_.add(Verb::get, "/api/me", "Who requests act for: accounts mode or not, the person, login and role",
              [&ac](const Request& r, const PathParams&) { return ac.me(r); });
  router_.add(Verb::get, "/api/auth/sessions", "One's own signed-in sessions, this one marked",
              [&ac](const Request& r, const PathParams&) { return ac.sessions(r); });
  router_.add(Verb::delete_, "/api/auth/sessions/{id}", "End one of one's signed-in sessions",
              [&ac](const Request& r, const PathParams& p) { return ac.end_session(r, p); });
  router_.add(Verb::post, "/api/auth/sessions/end-others", "Sign out everywhere else",
              [&ac](const Request& r, const PathParams&) { return ac.end_others(r); });
  router_.add(Verb::put, "/api/password", "Change one's password; ends every other session",
              [&ac](const Request& r, const PathParams&) { return ac.change_password(r); });
  router_.add(Verb::get, "/api/users", "Admin: every account",
              [&ac](const Request& r, const PathParams&) { return ac.users(r); });
  router_.add(Verb::post, "/api/users", "Admin: add an account",
              [&ac](const Request& r, const PathParams&) { return ac.add_user(r); });
  router_.add(Verb::post, "/api/users/{id}/disable", "Admin: disable an account and end its sessions",
              [&ac](const Request& r, const PathParams& p) { return ac.disable_user(r, p); });
}

namespace {

// The one API route a device that is not paired may use: POST /api/pair.
bool is_pairing_request(const Request& request) {
  const auto& s = request.segments();
  return request.method() == Verb::post && s.size() == 2 && s[1] == "pair";
}

// Accounts mode: the routes anyone may use signed out (docs/accounts.md): the catalog, Learn, health and
// POST /api/login.
bool is_public_request(const Request& request) {
  const auto& s = request.segments();
  if (s.size() < 2) return false;
  if (request.method() == Verb::post) return s.size() == 2 && s[1] == "login";
  if (request.method() != Verb::get && request.method() != Verb::head) return false;
  // Reading an invitation (who invites) comes before signing in to accept it; its code is 128 random bits.
  return s[1] == "catalog" || s[1] == "learn" || (s.size() == 2 && s[1] == "health") ||
         (s.size() == 3 && s[1] == "invitations");
}

// The pairing routes: POST /api/pair, POST /api/pairing-codes, GET /api/devices, DELETE /api/devices/{id}. In
// accounts mode only an admin uses them (a signed-in session needs no pairing; docs/accounts.md). POST /api/pair
// too: a device credential is the whole journal's key once the server runs without accounts again, so a person
// who is not an admin may not make one (found by the authorization matrix, issue 19).
bool is_pairing_admin_request(const Request& request) {
  const auto& s = request.segments();
  if (s.size() == 2 && (s[1] == "pairing-codes" || s[1] == "pair")) return request.method() == Verb::post;
  if (s.size() == 2 && s[1] == "devices") return request.method() == Verb::get || request.method() == Verb::head;
  return s.size() == 3 && s[1] == "devices" && request.method() == Verb::delete_;
}

}  // namespace

Response Api::handle(const Request& request) const {
  const auto& s = request.segments();
  if (!s.empty() && s.front() == "api" && accounts_.enabled()) {
    // Accounts mode: a signed-in session is the credential, from any address (pairing is not needed on top of
    // it); the request acts for its person. Public routes work signed out.
    Identity identity;
    identity.person_id = 0;  // signed out: no one's records
    if (const bool open = is_public_request(request); !open || !session_token(request).empty()) {
      auto found = accounts_.identify(request);
      if (found) {
        identity = std::move(*found);
      } else if (!open) {
        auto res = error_response(found.error());
        if (found.error().status == Status::unauthorized) res.set(Field::www_authenticate, "Bearer realm=\"smr\"");
        return res;
      }
    }
    const auto acting = request.with_identity(std::move(identity));
    if (std::holds_alternative<Router::Found>(router_.match(request.method(), s))) {
      if (auto refused = refuse_cross_site_write(acting, request.scheme() == "https", false)) {
        return error_response(*refused);
      }
      if (is_pairing_admin_request(request) && acting.identity().role != store::Role::kAdmin) {
        return error_response({Status::forbidden, "forbidden",
                               "only an administrator manages paired devices and pairing codes; with accounts, "
                               "signing in is enough on any device",
                               std::nullopt});
      }
    }
    return router_.dispatch(acting);
  }
  if (!s.empty() && s.front() == "api") {
    // From another machine, every API path (routes that exist or not) needs a paired device, except pairing.
    const bool needs_device = !request.from_this_machine() && !is_pairing_request(request);
    if (needs_device) {
      if (auto refused = pairing_.refuse_unpaired(request)) {
        auto res = error_response(*refused);
        if (refused->status == Status::unauthorized) res.set(Field::www_authenticate, "Bearer realm=\"smr\"");
        return res;
      }
    }
    // A change to a route that exists must pass the cross-site guard; a wrong path or method still gets its
    // 404 or 405 (which change nothing). From another machine, a change without an Origin (not from a
    // browser page) is taken only with a device credential (write_guard.h).
    if (std::holds_alternative<Router::Found>(router_.match(request.method(), s))) {
      if (auto refused = refuse_cross_site_write(request, request.scheme() == "https",
                                                 !request.from_this_machine() && !needs_device)) {
        return error_response(*refused);
      }
    }
    return router_.dispatch(request);
  }
  return assets_.serve(request);
}

}  // namespace smr::http
