// The authorization matrix (issue 19, "Done when" 1; docs/accounts.md, "Roles and authorization"): every API
// route × every kind of actor × {own record, another's record} → the status the rules give, all from ONE table
// (kRoutes). Each row names a route, its rule and the kind of record its path or body refers to; the expected
// status of every cell is derived from the rule, then the real answer of http::Api in accounts mode (in
// process, on a memory journal) is checked for every cell. A route of the API or of docs/openapi.yaml missing
// from the table, or a row that is no route, fails the test by name.
//
// The actors: anonymous; persons A and B; seven trainers of A, one for each sharing choice (each category
// alone, nothing, everything); a trainer of nobody; an admin. Every signed-in actor has real records of their
// own (a profile, recorded sessions with pain check-ins and so a pain alert, a live session, a saved routine, a
// self-test, a soreness rating, an active warning sign, an assignment from a trainer, a spare signed-in
// session); trainers also have a template. "Another's record" is A's (B's when the actor is A); for a
// trainer's records it is another trainer's template, or a person who is not the actor's client.
//
// Beyond the status, every answer is searched for the secrets of A and B (login, record ids) that the actor
// may not see: a trainer of A sees A's name and what A shares, nobody else sees anything of theirs; and the
// trainer routes' answers carry exactly the categories A shares.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/loader.h"
#include "core/planner.h"
#include "http/api.h"
#include "http/web_assets.h"
#include "http_test_support.h"
#include "json/catalog_json.h"
#include "json/plan_json.h"
#include "service/account_service.h"
#include "service/pairing_service.h"
#include "service/safety_service.h"
#include "service/trainer_service.h"
#include "service/wall_clock.h"

namespace smr::http {
namespace {

namespace bj = boost::json;
using test::body_of;
using test::TestRequest;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

constexpr const char* kPassword = "rolling calves daily";
const std::string kMadeUpUid(32, 'f');  // a uid no record has
constexpr const char* kMadeUpPerson = "999999";

// ---- The actors ------------------------------------------------------------------------------------------------

struct Actor {
  const char* label;
  const char* login;  // "" for anonymous
  store::Role role;
  std::optional<store::Sharing> shares;  // a trainer of A: what A shares with them
};

// Sharing{sessions, trends, self_tests, soreness, screening}.
constexpr std::array kActors{
    Actor{"anonymous", "", store::Role::kPerson, std::nullopt},
    Actor{"A", "ann.q7", store::Role::kPerson, std::nullopt},
    Actor{"B", "bob.q8", store::Role::kPerson, std::nullopt},
    Actor{"trainer of A (sessions)", "t.sessions", store::Role::kTrainer,
          store::Sharing{true, false, false, false, false}},
    Actor{"trainer of A (trends)", "t.trends", store::Role::kTrainer, store::Sharing{false, true, false, false, false}},
    Actor{"trainer of A (self-tests)", "t.self-tests", store::Role::kTrainer,
          store::Sharing{false, false, true, false, false}},
    Actor{"trainer of A (soreness)", "t.soreness", store::Role::kTrainer,
          store::Sharing{false, false, false, true, false}},
    Actor{"trainer of A (screening)", "t.screening", store::Role::kTrainer,
          store::Sharing{false, false, false, false, true}},
    Actor{"trainer of A (nothing)", "t.nothing", store::Role::kTrainer, store::Sharing{}},
    Actor{"trainer of A (all)", "t.all", store::Role::kTrainer, store::Sharing{true, true, true, true, true}},
    Actor{"trainer of nobody", "nat.q9", store::Role::kTrainer, std::nullopt},
    Actor{"admin", "adm.q0", store::Role::kAdmin, std::nullopt},
};
constexpr std::size_t kAnonymous = 0;
constexpr std::size_t kA = 1;
constexpr std::size_t kB = 2;

bool signed_in(std::size_t actor) { return actor != kAnonymous; }
bool trainer_of_a(std::size_t actor) { return kActors[actor].shares.has_value(); }

// ---- The table -------------------------------------------------------------------------------------------------

// What a route's path or body refers to.
enum class Kind {
  kNone,  // nothing: one cell per actor
  // Records every signed-in person has. Own: theirs; another's: A's (B's for A).
  kSession,      // a recorded session with check-ins
  kLiveSession,  // a live session
  kRoutine,      // a saved routine
  kAssignment,   // a routine a trainer assigned to them
  kAlert,        // a persistent-pain alert in force
  kRedFlag,      // an active warning sign
  kAuthSession,  // a signed-in session (a spare one: not the one the request uses)
  kTrainer,      // a trainer they are the client of. Another's: a trainer of A's (of B's for A) only
  // A trainer's. Own: theirs (none when the actor is not a trainer, or has no client); another's: a template of
  // another trainer, a person who is not their client.
  kTemplate,
  kTrainerExercise,  // one of a trainer's own exercises (another's: one of another trainer's)
  kClient,
  // No one's in particular: one cell per actor, with a fresh or a fixed value.
  kFreshInvitation,   // a new invitation of another trainer
  kFreshPairingCode,  // a new pairing code
  kDevice,            // a paired device
  kSpareAccount,      // a person's account (not one of the actors)
};

bool two_sided(Kind k) { return k >= Kind::kSession && k <= Kind::kClient; }

enum class Rule {
  kPublic,    // anyone, signed out too
  kSignedIn,  // a signed-in actor, on their own records: another's record is 404, as one that does not exist
  kTrainer,   // a trainer, on their own templates and clients: anyone else 404 (not 403: docs/accounts.md)
  kAdmin,     // an admin; another signed-in actor 403 forbidden
  kRefused,   // 403 for every signed-in actor (the whole journal; docs/accounts.md)
};

// Cells run phase by phase, so that one cell's change does not take away a record a later cell needs (a warning
// sign blocks sessions until cleared; deleting, leaving and signing out come last).
enum class Phase { kFirst, kNormal, kLate, kEndsSessions };

enum class Side { kOwn, kOthers };

struct Cell;
class World;
// A check of a successful answer's body beyond the leak search: "" or what is wrong.
using Check = std::string (*)(const World&, const Cell&, const bj::value&);

struct Row {
  Verb method;
  const char* pattern;  // as in the routes table and docs/openapi.yaml
  Rule rule;
  Kind kind = Kind::kNone;
  Status ok = Status::ok;  // the answer when allowed
  // The request target ("@": the record, percent-encoded); nullptr: the pattern itself.
  const char* path = nullptr;
  // The body ("" for none). "@": the record; $routine: a planned routine; $profile: the actor's own profile;
  // $login: the actor's login; $client: the actor's client (A); $template: the actor's own template; $n: a
  // number new for each cell.
  const char* body = "";
  Kind needs = Kind::kNone;  // the actor must also have an own record of this kind
  Phase phase = Phase::kNormal;
  Check check = nullptr;
};

std::string check_dashboard(const World&, const Cell&, const bj::value&);
std::string check_client(const World&, const Cell&, const bj::value&);
std::string check_template(const World&, const Cell&, const bj::value&);

constexpr const char* kNoSharing =
    R"({"sessions":false,"trends":false,"self_tests":false,"soreness":false,"screening":false})";

using enum Rule;
using K = Kind;
using P = Phase;
using S = Status;

// THE table: every route of the API, with its rule. Several rows for one route try its several references
// (POST /api/sessions from a plan, a saved routine, a past session, an assignment).
const Row kRoutes[] = {
    {Verb::get, "/api/health", kPublic},
    {Verb::get, "/api/catalog/regions", kPublic},
    {Verb::get, "/api/catalog/tools", kPublic},
    {Verb::get, "/api/catalog/techniques", kPublic},
    {Verb::get, "/api/catalog/conditions", kPublic},
    {Verb::get, "/api/catalog/red-flags", kPublic},
    {Verb::get, "/api/catalog/lifestyle", kPublic},
    {Verb::get, "/api/catalog/exercises", kPublic},
    {Verb::get, "/api/catalog/{kind}/{id}", kPublic, K::kNone, S::ok, "/api/catalog/regions/calves"},
    {Verb::get, "/api/learn", kPublic},
    {Verb::get, "/api/learn/{id}", kPublic, K::kNone, S::ok, "/api/learn/how-rolling-works"},
    {Verb::post, "/api/login", kPublic, K::kNone, S::ok, nullptr,
     R"({"login":"$login","password":"rolling calves daily"})"},
    // One's own journal.
    {Verb::get, "/api/profile", kSignedIn},
    {Verb::put, "/api/profile", kSignedIn, K::kNone, S::ok, nullptr, "$profile"},
    {Verb::get, "/api/screening", kSignedIn},
    {Verb::post, "/api/plan", kSignedIn, K::kNone, S::ok, nullptr,
     R"({"goal":"post-workout","minutes":10,"activity":"running"})"},
    {Verb::get, "/api/warnings", kSignedIn},
    {Verb::post, "/api/warnings/{red_flag}/clear", kSignedIn, K::kRedFlag, S::ok, "/api/warnings/@/clear", "", K::kNone,
     P::kFirst},
    {Verb::get, "/api/sessions", kSignedIn},
    {Verb::get, "/api/sessions/{uid}", kSignedIn, K::kSession, S::ok, "/api/sessions/@"},
    {Verb::post, "/api/sessions", kSignedIn, K::kNone, S::created, nullptr, R"({"routine":$routine})"},
    {Verb::post, "/api/sessions", kSignedIn, K::kRoutine, S::created, nullptr, R"({"saved_routine":"@"})"},
    {Verb::post, "/api/sessions", kSignedIn, K::kSession, S::created, nullptr, R"({"repeat_session":"@"})"},
    {Verb::post, "/api/sessions", kSignedIn, K::kAssignment, S::created, nullptr, R"({"assignment":"@"})"},
    {Verb::post, "/api/sessions/{uid}/inputs", kSignedIn, K::kLiveSession, S::ok, "/api/sessions/@/inputs",
     R"({"kind":"pause"})"},
    {Verb::get, "/api/sessions/{uid}/live", kSignedIn, K::kLiveSession, S::ok, "/api/sessions/@/live"},
    {Verb::get, "/api/export", kSignedIn},  // one's own records only (AccountApiTest checks what is in it)
    {Verb::post, "/api/import", kSignedIn, K::kNone, S::ok, nullptr,
     R"({"format":"smr-coach-journal","version":1,"people":[],"profiles":[],"routines":[],"custom_exercises":[],)"
     R"("sessions":[],"self_tests":[],"settings":[]})"},
    {Verb::get, "/api/progress", kSignedIn},
    {Verb::post, "/api/progress/alerts/{id}/ack", kSignedIn, K::kAlert, S::ok, "/api/progress/alerts/@/ack", "",
     K::kNone, P::kLate},
    {Verb::get, "/api/self-tests", kSignedIn},
    {Verb::post, "/api/self-tests", kSignedIn, K::kSession, S::created, nullptr,
     R"({"test":"knee-to-wall","side":"left","value":9.5,"phase":"before","session":"@"})"},
    {Verb::post, "/api/soreness", kSignedIn, K::kSession, S::created, nullptr,
     R"({"region":"calves","side":"left","rating":4,"phase":"before","session":"@"})"},
    {Verb::post, "/api/workouts", kSignedIn, K::kNone, S::created, nullptr, "{}"},
    {Verb::get, "/api/settings", kSignedIn},
    {Verb::put, "/api/settings", kSignedIn, K::kNone, S::ok, nullptr, R"({"breaths_per_minute":5})"},
    {Verb::get, "/api/routines", kSignedIn},
    {Verb::post, "/api/routines", kSignedIn, K::kSession, S::created, nullptr,
     R"({"name":"Again $n","session_uid":"@"})"},
    {Verb::get, "/api/routines/{id}", kSignedIn, K::kRoutine, S::ok, "/api/routines/@"},
    {Verb::delete_, "/api/routines/{id}", kSignedIn, K::kRoutine, S::ok, "/api/routines/@", "", K::kNone, P::kLate},
    // Trainers and their clients.
    {Verb::post, "/api/invitations", kTrainer, K::kNone, S::created},
    {Verb::get, "/api/invitations/{code}", kPublic, K::kNone, S::ok, "/api/invitations/$invitation"},
    {Verb::post, "/api/invitations/{code}/accept", kSignedIn, K::kFreshInvitation, S::created,
     "/api/invitations/@/accept"},
    {Verb::get, "/api/trainers", kSignedIn},
    {Verb::put, "/api/trainers/{id}/sharing", kSignedIn, K::kTrainer, S::ok, "/api/trainers/@/sharing", kNoSharing},
    {Verb::delete_, "/api/trainers/{id}", kSignedIn, K::kTrainer, S::ok, "/api/trainers/@", "", K::kNone, P::kLate},
    {Verb::get, "/api/clients", kTrainer, K::kNone, S::ok, nullptr, "", K::kNone, P::kNormal, check_dashboard},
    {Verb::get, "/api/clients/{id}", kTrainer, K::kClient, S::ok, "/api/clients/@", "", K::kNone, P::kNormal,
     check_client},
    {Verb::get, "/api/templates", kTrainer},
    {Verb::get, "/api/trainer-exercises", kTrainer},
    {Verb::post, "/api/trainer-exercises", kTrainer, K::kNone, S::created, nullptr, "$exercise"},
    {Verb::put, "/api/trainer-exercises/{uid}", kTrainer, K::kTrainerExercise, S::ok, "/api/trainer-exercises/@",
     "$exercise"},
    {Verb::post, "/api/templates", kTrainer, K::kNone, S::created, nullptr,
     R"({"name":"Template $n","routine":$routine})"},
    {Verb::get, "/api/templates/{uid}", kTrainer, K::kTemplate, S::ok, "/api/templates/@", "", K::kNone, P::kNormal,
     check_template},
    {Verb::put, "/api/templates/{uid}", kTrainer, K::kTemplate, S::ok, "/api/templates/@",
     R"({"name":"Edited $n","routine":$routine})"},
    {Verb::delete_, "/api/templates/{uid}", kTrainer, K::kTemplate, S::ok, "/api/templates/@", "", K::kNone, P::kLate},
    {Verb::post, "/api/templates/{uid}/assign", kTrainer, K::kTemplate, S::created, "/api/templates/@/assign",
     R"({"clients":[$client]})", K::kClient},
    {Verb::post, "/api/templates/{uid}/assign", kTrainer, K::kClient, S::created, "/api/templates/$template/assign",
     R"({"clients":[@]})", K::kTemplate},
    {Verb::get, "/api/assignments", kSignedIn},
    {Verb::get, "/api/assignments/{uid}", kSignedIn, K::kAssignment, S::ok, "/api/assignments/@"},
    // Pairing: with accounts, an admin's only (a signed-in session needs no pairing).
    {Verb::post, "/api/pair", kAdmin, K::kFreshPairingCode, S::created, nullptr, R"({"code":"@","name":"Phone $n"})"},
    {Verb::get, "/api/devices", kAdmin},
    {Verb::delete_, "/api/devices/{id}", kAdmin, K::kDevice, S::ok, "/api/devices/@", "", K::kNone, P::kLate},
    {Verb::post, "/api/pairing-codes", kAdmin, K::kNone, S::created, nullptr, "{}"},
    // Accounts.
    {Verb::get, "/api/me", kSignedIn},
    {Verb::get, "/api/auth/sessions", kSignedIn},
    {Verb::delete_, "/api/auth/sessions/{id}", kSignedIn, K::kAuthSession, S::ok, "/api/auth/sessions/@", "", K::kNone,
     P::kLate},
    {Verb::get, "/api/users", kAdmin},
    {Verb::post, "/api/users", kAdmin, K::kNone, S::created, nullptr,
     R"({"login":"new.$n","password":"knees up high"})"},
    {Verb::post, "/api/users/{id}/disable", kAdmin, K::kSpareAccount, S::ok, "/api/users/@/disable"},
    // Last, in this order: a password change ends the other sessions, then everywhere else, then this one.
    {Verb::put, "/api/password", kSignedIn, K::kNone, S::ok, nullptr,
     R"({"old_password":"rolling calves daily","new_password":"foam roller evenings"})", K::kNone, P::kEndsSessions},
    {Verb::post, "/api/auth/sessions/end-others", kSignedIn, K::kNone, S::ok, nullptr, "", K::kNone, P::kEndsSessions},
    {Verb::post, "/api/logout", kSignedIn, K::kNone, S::ok, nullptr, "", K::kNone, P::kEndsSessions},
};

std::string route_name(Verb method, std::string_view pattern) {
  return std::string(boost::beast::http::to_string(method)) + " " + std::string(pattern);
}

// ---- The world: accounts and records ---------------------------------------------------------------------------

// What A and B have that others may see only by the rules.
// kSessionRef: a session's uid, which a shared trend point, self-test or soreness rating names as the session it
// was taken in (it opens nothing for a trainer: GET /api/sessions/{uid} is 404 to anyone else).
enum class Reveal { kName, kSessions, kSessionRef, kTrends, kSelfTests, kSoreness, kPrivate };

struct Records {
  core::PersonId person = 0;
  std::string token;  // the signed-in session every request of the actor uses
  std::string session, live, routine, assignment, alert, red_flag, auth_session, template_uid, self_test, soreness;
  std::string trainer_exercise;
  std::string profile_json;
};

struct Cell {
  const Row* row;
  std::size_t actor;
  Side side;
  std::string id;  // the record the request refers to ("" for none)
};

core::Routine planned() {
  core::Profile p;
  p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
  core::PlanRequest q;
  q.goal = core::Goal::kDailyMobility;
  q.minutes = 10;
  auto r = core::plan(builtin(), p, q);
  if (!r) throw std::runtime_error(r.error().message);
  return *r;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string percent_encoded(const std::string& id) { return replace_all(id, "/", "%2F"); }

class World {
 public:
  World() : stores_(std::move(*WorkerStores::open("memory:", 1))) {
    AccountApiOptions accounts;
    accounts.enabled = true;
    accounts.accounts.hashing = service::kTestHashing;
    accounts.accounts.gate = std::make_shared<service::HashingGate>(2);
    SessionApiOptions sessions;
    sessions.max_sessions = 1024;
    api_ = std::make_unique<Api>(builtin(), *stores_, JournalInfo{}, web_assets(), LocalZone{}, std::move(sessions),
                                 PairingApiOptions{}, std::move(accounts));
    routine_json_ = bj::serialize(json::to_json(planned()));
    // A trainer's own exercise: the catalog's first, under a new id each time ($n).
    bj::object entry = json::to_json(builtin().exercises().front()).as_object();
    entry["id"] = "own-exercise-$n";
    entry["rules"] = entry.at("evidence").at("rules");
    entry["sources"] = entry.at("evidence").at("sources");
    entry.erase("evidence");
    entry["dose"].as_object().erase("total_s");
    exercise_json_ = bj::serialize(entry);
  }

  // Accounts, links and records; gtest assertions report what failed.
  void build();

  Response send(std::size_t actor, Verb method, const std::string& target, const std::string& body) const {
    std::vector<std::pair<Field, std::string>> headers{{Field::host, "127.0.0.1:8080"}};
    if (signed_in(actor))
      headers.emplace_back(Field::cookie, "theme=dark; __Host-smr_session=" + records_[actor].token);
    if (!body.empty()) headers.emplace_back(Field::content_type, "application/json");
    const TestRequest req(method, target, headers, body);
    return api_->handle(req);
  }

  const Api& api() const { return *api_; }
  const Records& records(std::size_t actor) const { return records_[actor]; }

  // The record of `kind` the cell refers to: own (nullopt when the actor has none) or another's.
  std::optional<std::string> own(Kind kind, std::size_t actor) const;
  std::string others(Kind kind, std::size_t actor) const;
  std::string record(Kind kind, std::size_t actor, Side side);

  Status expected(const Row& row, std::size_t actor, Side side) const {
    if (!signed_in(actor)) return row.rule == kPublic ? row.ok : Status::unauthorized;
    switch (row.rule) {
      case kPublic: return row.ok;
      case kRefused: return Status::forbidden;
      case kAdmin: return kActors[actor].role == store::Role::kAdmin ? row.ok : Status::forbidden;
      case kTrainer:
        if (kActors[actor].role != store::Role::kTrainer) return Status::not_found;
        [[fallthrough]];
      case kSignedIn:
        if (two_sided(row.kind) && (side == Side::kOthers || !own(row.kind, actor))) return Status::not_found;
        if (row.needs != Kind::kNone && !own(row.needs, actor)) return Status::not_found;
        return row.ok;
    }
    return Status::internal_server_error;
  }

  // The request of a cell: its target and body.
  std::pair<std::string, std::string> request(const Cell& cell) {
    const Row& row = *cell.row;
    const auto fill = [&](std::string text, bool in_path) {
      text = replace_all(std::move(text), "@", in_path ? percent_encoded(cell.id) : cell.id);
      text = replace_all(std::move(text), "$routine", routine_json_);
      text = replace_all(std::move(text), "$profile", signed_in(cell.actor) ? records_[cell.actor].profile_json : "{}");
      text = replace_all(std::move(text), "$login", signed_in(cell.actor) ? kActors[cell.actor].login : "guest.q");
      text = replace_all(std::move(text), "$client", std::to_string(records_[kA].person));
      text = replace_all(std::move(text), "$template", own(Kind::kTemplate, cell.actor).value_or(kMadeUpUid));
      text = replace_all(std::move(text), "$exercise", exercise_json_);
      text = replace_all(std::move(text), "$invitation", invitation_);
      return replace_all(std::move(text), "$n", std::to_string(++counter_));
    };
    return {fill(row.path ? row.path : row.pattern, true), fill(row.body, false)};
  }

  // May `actor` see this secret of `person` (A or B) in the answer to `row`?
  bool may_see(std::size_t actor, std::size_t person, Reveal reveal, const Row& row) const {
    if (actor == person) return true;
    if (person == kA && trainer_of_a(actor)) {
      const auto& s = *kActors[actor].shares;
      switch (reveal) {
        case Reveal::kName: return true;
        case Reveal::kSessions: return s.sessions;
        case Reveal::kSessionRef: return s.sessions || s.trends || s.self_tests || s.soreness;
        case Reveal::kTrends: return s.trends;
        case Reveal::kSelfTests: return s.self_tests;
        case Reveal::kSoreness: return s.soreness;
        case Reveal::kPrivate: return false;
      }
    }
    // An admin manages accounts: the list of them names every login.
    return reveal == Reveal::kName && kActors[actor].role == store::Role::kAdmin &&
           std::string_view(row.pattern) == "/api/users";
  }

  const std::vector<std::pair<std::string, Reveal>>& secrets(std::size_t person) const { return secrets_.at(person); }

 private:
  // `client` becomes `trainer`'s client, sharing `sharing`.
  void link(core::PersonId trainer, core::PersonId client, const store::Sharing& sharing);
  core::PersonId add_account(const std::string& login, store::Role role);
  void person_kit(std::size_t actor);

  std::unique_ptr<WorkerStores> stores_;
  std::unique_ptr<Api> api_;
  std::string routine_json_;
  std::array<Records, kActors.size()> records_;
  std::map<std::size_t, std::vector<std::pair<std::string, Reveal>>> secrets_;
  core::PersonId sam_ = 0;  // a trainer of every signed-in actor, who assigned each a routine
  core::PersonId rex_ = 0;  // a trainer of A's only
  core::PersonId roy_ = 0;  // a trainer of B's only
  core::PersonId ivy_ = 0;  // a trainer whose invitations the actors accept
  std::string sam_template_;
  std::string sam_exercise_;
  std::string exercise_json_;
  std::string invitation_;  // one of ivy's, for reading
  std::string device_;
  core::PersonId spare_ = 0;
  service::PairingThrottle throttle_;
  int counter_ = 0;
};

core::PersonId World::add_account(const std::string& login, store::Role role) {
  auto added = service::add_user(*stores_->lease(), {login, "", role, kPassword}, service::wall_now_ms(),
                                 {{}, service::kTestHashing});
  EXPECT_TRUE(added) << login << ": " << added.error().message;
  return added ? added->person_id : 0;
}

void World::link(core::PersonId trainer, core::PersonId client, const store::Sharing& sharing) {
  const auto now = service::wall_now_ms();
  auto inv = service::create_invitation(*stores_->lease(), trainer, now);
  ASSERT_TRUE(inv) << inv.error().message;
  auto accepted = service::accept_invitation(*stores_->lease(), client, inv->code, now);
  ASSERT_TRUE(accepted) << accepted.error().message;
  auto shared = service::set_sharing(*stores_->lease(), client, trainer, sharing);
  ASSERT_TRUE(shared) << shared.error().message;
}

// Everything a signed-in actor has of their own, made as they would make it (the API) where it can be.
void World::person_kit(std::size_t actor) {
  auto& r = records_[actor];
  const auto now = service::wall_now_ms();
  const auto json_of = [](const Response& res) { return bj::parse(body_of(res)); };

  auto res = send(actor, Verb::put, "/api/profile", r.profile_json);
  ASSERT_EQ(res.result(), Status::ok) << body_of(res);
  // Three sessions 22 to 20 days ago, each with sharp pain at the left calf: a pain alert in force.
  for (int days = 22; days >= 20; --days) {
    core::SessionInfo info;
    info.uid = store::new_uid();
    info.person_id = r.person;
    info.title = "Calves";
    info.started_ms = now - days * core::kDayMs;
    info.ended_ms = info.started_ms + 10 * 60'000;
    info.status = core::SessionStatus::kFinished;
    info.routine_json = routine_json_;
    ASSERT_TRUE(stores_->lease()->start_session(info));
    core::CheckIn pain;
    pain.uid = store::new_uid();
    pain.session_uid = info.uid;
    pain.at_ms = info.started_ms + 60'000;
    pain.region = "calves";
    pain.side = core::Side::kLeft;
    pain.intensity = 7;
    pain.quality = core::Quality::kSharp;
    ASSERT_TRUE(stores_->lease()->record_check_in(pain));
    if (r.session.empty()) r.session = info.uid;
  }
  res = send(actor, Verb::post, "/api/sessions",
             R"({"routine":)" + routine_json_ + R"(,"settings":{"get_ready_s":10,"check_in_s":5}})");
  ASSERT_EQ(res.result(), Status::created) << body_of(res);
  r.live = json_of(res).at("uid").as_string();
  res = send(actor, Verb::post, "/api/routines", R"({"name":"Mine","routine":)" + routine_json_ + "}");
  ASSERT_EQ(res.result(), Status::created) << body_of(res);
  r.routine = json_of(res).at("uid").as_string();
  res = send(actor, Verb::post, "/api/self-tests", R"({"test":"knee-to-wall","side":"left","value":9.5})");
  ASSERT_EQ(res.result(), Status::created) << body_of(res);
  r.self_test = json_of(res).at("recorded").at("uid").as_string();
  res = send(actor, Verb::post, "/api/soreness", R"({"region":"calves","side":"left","rating":4})");
  ASSERT_EQ(res.result(), Status::created) << body_of(res);
  const auto soreness = json_of(res);
  if (const auto* uid = soreness.at("recorded").as_object().if_contains("uid")) r.soreness = uid->as_string();
  res = send(actor, Verb::get, "/api/progress", "");
  ASSERT_EQ(res.result(), Status::ok) << body_of(res);
  const auto progress = json_of(res);
  const auto& alerts = progress.at("progress").at("alerts").as_array();
  ASSERT_FALSE(alerts.empty()) << "three painful sessions make an alert: " << body_of(res);
  r.alert = alerts.at(0).at("id").as_string();
  // A warning sign (A's differs from everyone else's): no session until it is cleared.
  r.red_flag = builtin().red_flags().at(actor == kA ? 0 : 1).id;
  ASSERT_TRUE(service::record_warning(*stores_->lease(), builtin(), r.person, {r.red_flag, now, ""}));
  // A second signed-in session, for ending by id.
  auto spare = service::sign_in(*stores_->lease(), {kActors[actor].login, kPassword, "127.0.0.1", "phone"}, now,
                                {{}, service::kTestHashing});
  ASSERT_TRUE(spare) << spare.error().message;
  r.auth_session = spare->session.id;
  link(sam_, r.person, store::Sharing{});
}

void World::build() {
  const auto now = service::wall_now_ms();
  // A first: the journal's local person (id 1), as a single-person journal's owner becomes.
  for (std::size_t i = 1; i < kActors.size(); ++i) {
    records_[i].person = add_account(kActors[i].login, kActors[i].role);
    auto in = service::sign_in(*stores_->lease(), {kActors[i].login, kPassword, "127.0.0.1", "laptop"}, now,
                               {{}, service::kTestHashing});
    ASSERT_TRUE(in) << in.error().message;
    records_[i].token = in->token;
  }
  ASSERT_EQ(records_[kA].person, core::kLocalPersonId);
  sam_ = add_account("sam.t", store::Role::kTrainer);
  rex_ = add_account("rex.t", store::Role::kTrainer);
  roy_ = add_account("roy.t", store::Role::kTrainer);
  ivy_ = add_account("ivy.t", store::Role::kTrainer);
  spare_ = add_account("spare.p", store::Role::kPerson);
  add_account("guest.q", store::Role::kPerson);

  // A's screening blocks the first step's place of the planned routine (a named wound): every assigned copy
  // is adapted for A, and only the trainer who sees the screening learns why.
  const auto routine = planned();
  const auto wound = std::find_if(builtin().conditions().begin(), builtin().conditions().end(),
                                  [](const auto& c) { return c.block_named_area; });
  ASSERT_NE(wound, builtin().conditions().end());
  const std::string tools = R"("tools":["foam-roller-medium","lacrosse-ball","foam-roller-soft"])";
  for (std::size_t i = 1; i < kActors.size(); ++i) records_[i].profile_json = "{" + tools + "}";
  records_[kA].profile_json = R"({"conditions":[")" + wound->id + R"("],"named_areas":[{"condition":")" + wound->id +
                              R"(","region":")" + routine.steps[0].region + R"(","side":")" +
                              std::string(core::to_string(routine.steps[0].side)) + R"("}],)" + tools + "}";

  for (std::size_t i = 1; i < kActors.size(); ++i) {
    person_kit(i);
    if (::testing::Test::HasFatalFailure()) return;
  }
  // Sam assigns a routine to everyone.
  auto tpl = service::create_template(*stores_->lease(), builtin(), sam_, "Sam's", routine, "", now);
  ASSERT_TRUE(tpl) << tpl.error().message;
  sam_template_ = tpl->record.uid;
  auto sam_x = service::add_trainer_exercise(*stores_->lease(), builtin(), sam_,
                                             bj::parse(replace_all(exercise_json_, "$n", "sam")), now);
  ASSERT_TRUE(sam_x) << sam_x.error().message;
  sam_exercise_ = sam_x->uid;
  std::vector<core::PersonId> everyone;
  for (std::size_t i = 1; i < kActors.size(); ++i) everyone.push_back(records_[i].person);
  auto assigned =
      service::assign_template(*stores_->lease(), builtin(), sam_, sam_template_, everyone, std::nullopt, now);
  ASSERT_TRUE(assigned) << assigned.error().message;
  for (const auto& copy : assigned->assignments) {
    for (auto& r : records_) {
      if (r.person == copy.client_id) r.assignment = copy.uid;
    }
  }
  // The trainers of A, each with its sharing choice, a template, assigned to A; the trainer of nobody's template.
  for (std::size_t i = 1; i < kActors.size(); ++i) {
    if (kActors[i].role != store::Role::kTrainer) continue;
    if (trainer_of_a(i)) link(records_[i].person, records_[kA].person, *kActors[i].shares);
    auto t = service::create_template(*stores_->lease(), builtin(), records_[i].person, "Morning", routine, "", now);
    ASSERT_TRUE(t) << t.error().message;
    records_[i].template_uid = t->record.uid;
    auto x = service::add_trainer_exercise(*stores_->lease(), builtin(), records_[i].person,
                                           bj::parse(replace_all(exercise_json_, "$n", "t" + std::to_string(i))), now);
    ASSERT_TRUE(x) << x.error().message;
    records_[i].trainer_exercise = x->uid;
    if (trainer_of_a(i)) {
      ASSERT_TRUE(service::assign_template(*stores_->lease(), builtin(), records_[i].person, t->record.uid,
                                           {records_[kA].person}, std::nullopt, now));
    }
  }
  link(rex_, records_[kA].person, store::Sharing{true, true, true, true, true});
  link(roy_, records_[kB].person, store::Sharing{true, true, true, true, true});
  auto inv = service::create_invitation(*stores_->lease(), ivy_, now);
  ASSERT_TRUE(inv) << inv.error().message;
  invitation_ = inv->code;
  auto code = service::new_pairing_code(*stores_->lease(), now);
  ASSERT_TRUE(code) << code.error().message;
  auto device = service::redeem_pairing_code(*stores_->lease(), throttle_, "127.0.0.1", code->code, "Tablet", now);
  ASSERT_TRUE(device) << device.error().message;
  device_ = device->device.id;

  // The secrets of A and B, and who may see them.
  for (const std::size_t p : {kA, kB}) {
    const auto& r = records_[p];
    auto& s = secrets_[p];
    s = {{kActors[p].login, Reveal::kName},  {r.live, Reveal::kSessionRef}, {r.alert, Reveal::kTrends},
         {r.self_test, Reveal::kSelfTests},  {r.routine, Reveal::kPrivate}, {r.assignment, Reveal::kPrivate},
         {r.auth_session, Reveal::kPrivate}, {r.token, Reveal::kPrivate}};
    s.emplace_back(r.session, Reveal::kSessionRef);
    if (!r.soreness.empty()) s.emplace_back(r.soreness, Reveal::kSoreness);
  }
}

std::optional<std::string> World::own(Kind kind, std::size_t actor) const {
  if (!signed_in(actor)) return std::nullopt;
  const auto& r = records_[actor];
  switch (kind) {
    case Kind::kSession: return r.session;
    case Kind::kLiveSession: return r.live;
    case Kind::kRoutine: return r.routine;
    case Kind::kAssignment: return r.assignment;
    case Kind::kAlert: return r.alert;
    case Kind::kRedFlag: return r.red_flag;
    case Kind::kAuthSession: return r.auth_session;
    case Kind::kTrainer: return std::to_string(sam_);
    case Kind::kTemplate:
      if (r.template_uid.empty()) return std::nullopt;
      return r.template_uid;
    case Kind::kTrainerExercise:
      if (r.trainer_exercise.empty()) return std::nullopt;
      return r.trainer_exercise;
    case Kind::kClient:
      if (!trainer_of_a(actor)) return std::nullopt;
      return std::to_string(records_[kA].person);
    default: return std::nullopt;
  }
}

std::string World::others(Kind kind, std::size_t actor) const {
  const std::size_t victim = actor == kA ? kB : kA;
  switch (kind) {
    case Kind::kTrainer: return std::to_string(actor == kA ? roy_ : rex_);
    case Kind::kTemplate: return sam_template_;
    case Kind::kTrainerExercise: return sam_exercise_;
    case Kind::kClient: return std::to_string(records_[actor == kA || trainer_of_a(actor) ? kB : kA].person);
    default: return own(kind, victim).value_or(kMadeUpUid);
  }
}

std::string World::record(Kind kind, std::size_t actor, Side side) {
  const auto now = service::wall_now_ms();
  switch (kind) {
    case Kind::kNone: return "";
    case Kind::kFreshInvitation: {
      auto inv = service::create_invitation(*stores_->lease(), ivy_, now);
      return inv ? inv->code : "no-invitation: " + inv.error().message;
    }
    case Kind::kFreshPairingCode: {
      auto code = service::new_pairing_code(*stores_->lease(), now);
      return code ? code->code : "no-code: " + code.error().message;
    }
    case Kind::kDevice: return device_;
    case Kind::kSpareAccount: return std::to_string(spare_);
    default: break;
  }
  if (side == Side::kOthers) return others(kind, actor == kAnonymous ? kB : actor);
  if (auto mine = own(kind, actor)) return *mine;
  if (actor == kAnonymous) return own(kind, kB).value_or(others(kind, kB));  // signed out: a real record
  return kind == Kind::kClient || kind == Kind::kTrainer ? kMadeUpPerson : kMadeUpUid;
}

// ---- Checks of the trainer routes' bodies: exactly the shared categories ---------------------------------------

std::string check_dashboard(const World& w, const Cell& cell, const bj::value& body) {
  const auto& list = body.as_array();
  if (!trainer_of_a(cell.actor)) return list.empty() ? "" : "a trainer of nobody has clients on the dashboard";
  if (list.size() != 1) return "expected A alone on the dashboard";
  const auto& a = list[0].as_object();
  if (a.at("id").as_int64() != w.records(kA).person) return "the client on the dashboard is not A";
  const auto& s = *kActors[cell.actor].shares;
  std::set<std::string> kinds;
  for (const auto& r : a.at("reasons").as_array()) kinds.insert(std::string(r.at("kind").as_string()));
  if ((kinds.count("pain-alert") > 0) != s.trends) return "a pain-alert reason exactly when trends are shared";
  if ((kinds.count("inactive") + kinds.count("below-target") > 0) != s.sessions) {
    return "an inactive or below-target reason exactly when sessions are shared";
  }
  if ((a.at("status") == "not-shared") != (!s.sessions && !s.trends)) return "not-shared exactly when nothing to judge";
  if (a.contains("last_session_ms") != s.sessions) return "last_session_ms exactly when sessions are shared";
  return "";
}

std::string check_client(const World&, const Cell& cell, const bj::value& body) {
  const auto& s = *kActors[cell.actor].shares;
  const auto& o = body.as_object();
  const std::pair<const char*, bool> keys[] = {
      {"adherence", s.sessions},    {"sessions", s.sessions}, {"sensation", s.trends},   {"alerts", s.trends},
      {"self_tests", s.self_tests}, {"soreness", s.soreness}, {"screening", s.screening}};
  for (const auto& [key, shared] : keys) {
    if (o.contains(key) != shared) return std::string(key) + (shared ? " missing though shared" : " though not shared");
  }
  const auto text = bj::serialize(body);
  if (!s.soreness && text.find("soreness/") != std::string::npos) return "soreness ratings though not shared";
  if (!s.self_tests && text.find("knee-to-wall") != std::string::npos) return "self-tests though not shared";
  return "";
}

std::string check_template(const World& w, const Cell& cell, const bj::value& body) {
  const auto& copies = body.at("assignments").as_array();
  if (!trainer_of_a(cell.actor)) return copies.empty() ? "" : "copies of a template never assigned";
  for (const auto& c : copies) {
    if (c.at("client").at("id").as_int64() != w.records(kA).person) continue;
    const bool screening = kActors[cell.actor].shares->screening;
    if (c.at("adapted").is_null() || c.at("adapted").as_int64() < 1) return "A's copy should count adapted steps";
    if (c.as_object().contains("safety_changes") != screening) {
      return screening ? "the screening is shared but why steps were adapted is missing"
                       : "why steps were adapted, though the screening is not shared";
    }
    return "";
  }
  return "no copy for A";
}

// ---- The tests -------------------------------------------------------------------------------------------------

class AuthorizationMatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = std::make_unique<World>();
    world_->build();
    built_ = !::testing::Test::HasFailure();
  }
  static void TearDownTestSuite() { world_.reset(); }

  void SetUp() override { ASSERT_TRUE(built_) << "building the accounts and records failed (above)"; }

  static std::unique_ptr<World> world_;
  static bool built_;
};
std::unique_ptr<World> AuthorizationMatrixTest::world_;
bool AuthorizationMatrixTest::built_ = false;

// A path fits a pattern: the same segments, a parameter taking any one.
bool fits(std::string_view pattern, std::string_view path) {
  const auto segments = [](std::string_view s) {
    std::vector<std::string_view> out;
    for (auto at = s.find('/'); at != std::string_view::npos; at = s.find('/')) {
      s.remove_prefix(at + 1);
      out.push_back(s.substr(0, s.find('/')));
    }
    return out;
  };
  const auto p = segments(pattern);
  const auto q = segments(path.substr(0, path.find('?')));
  if (p.size() != q.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!p[i].starts_with('{') && p[i] != q[i]) return false;
  }
  return true;
}

TEST_F(AuthorizationMatrixTest, TheTableListsEveryRouteOfTheApiAndOfTheOpenApiDocumentAndNothingElse) {
  std::set<std::string> table;
  for (const auto& row : kRoutes) {
    table.insert(route_name(row.method, row.pattern));
    if (row.path && std::string_view(row.path).find('$') == std::string_view::npos) {
      EXPECT_TRUE(fits(row.pattern, row.path)) << row.path << " is not a path of " << row.pattern;
    }
  }
  std::set<std::string> routes;
  for (const auto& r : world_->api().routes()) routes.insert(route_name(r.method, r.pattern));
  const auto documented = test::documented_routes();
  ASSERT_GT(documented.size(), 30u) << "docs/openapi.yaml's paths were not read";
  for (const auto& r : routes) EXPECT_TRUE(table.count(r)) << r << " (a route of the API) is not in the table";
  for (const auto& r : documented) {
    EXPECT_TRUE(table.count(r)) << r << " (a route of docs/openapi.yaml) is not in the table";
  }
  for (const auto& r : table) {
    EXPECT_TRUE(routes.count(r)) << r << " is in the table but is not a route of the API";
    EXPECT_TRUE(documented.count(r)) << r << " is in the table but not in docs/openapi.yaml";
  }
}

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryActorAsTheTableSaysAndShowsNoOneElsesRecords) {
  std::vector<const Row*> rows;
  for (const auto& row : kRoutes) rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [](const Row* a, const Row* b) { return a->phase < b->phase; });
  int cells = 0;
  std::map<Status, int> answers;
  for (const Row* row : rows) {
    int allowed = 0;  // cells whose answer is the row's success
    // Another's record first: those cells must change nothing, so the owner's cell still finds it.
    const std::vector<Side> sides =
        two_sided(row->kind) ? std::vector<Side>{Side::kOthers, Side::kOwn} : std::vector<Side>{Side::kOwn};
    for (const Side side : sides) {
      for (std::size_t actor = 0; actor < kActors.size(); ++actor) {
        Cell cell{row, actor, side, world_->record(row->kind, actor, side)};
        const auto [target, body] = world_->request(cell);
        const auto res = world_->send(actor, row->method, target, body);
        const auto expected = world_->expected(*row, actor, side);
        allowed += expected == row->ok ? 1 : 0;
        const auto text = body_of(res);
        ++cells;
        ++answers[res.result()];
        std::ostringstream where;
        where << route_name(row->method, row->pattern) << " | actor: " << kActors[actor].label
              << " | target: " << (two_sided(row->kind) ? (side == Side::kOwn ? "own" : "another's") : "-") << " ("
              << row->method << " " << target << ")";
        EXPECT_EQ(res.result(), expected) << where.str() << "\n  expected " << static_cast<int>(expected) << ", got "
                                          << res.result_int() << "\n  body: " << text.substr(0, 400);
        if (res.result() != expected) continue;
        if (expected == Status::unauthorized || expected == Status::forbidden || expected == Status::not_found) {
          const char* code = expected == Status::unauthorized ? "signed_out"
                             : expected == Status::forbidden  ? "forbidden"
                                                              : "not_found";
          EXPECT_EQ(bj::parse(text).at("error").at("code"), code) << where.str() << "\n  body: " << text;
        }
        // Nothing of A's or B's that the actor may not see, except the id the request itself named.
        for (const std::size_t person : {kA, kB}) {
          for (const auto& [secret, reveal] : world_->secrets(person)) {
            if (secret.empty() || secret == cell.id || world_->may_see(actor, person, reveal, *row)) continue;
            EXPECT_EQ(text.find(secret), std::string::npos)
                << where.str() << "\n  leaks " << kActors[person].label << "'s \"" << secret << "\": " << text;
          }
        }
        if (row->check && res.result() == row->ok) {
          const auto problem = row->check(*world_, cell, bj::parse(text));
          EXPECT_EQ(problem, "") << where.str() << "\n  body: " << text;
        }
      }
    }
    // A row nobody may use tests nothing but refusals (only export and import are refused to all).
    if (row->rule != kRefused) {
      EXPECT_GT(allowed, 0) << route_name(row->method, row->pattern) << ": no actor may use it";
    }
  }
  // Every kind of answer occurs: the table is not all one status.
  EXPECT_GT(cells, 1000);
  for (const Status s : {Status::ok, Status::created, Status::unauthorized, Status::forbidden, Status::not_found}) {
    EXPECT_GT(answers[s], 10) << "answers " << static_cast<int>(s);
  }
}

}  // namespace
}  // namespace smr::http
