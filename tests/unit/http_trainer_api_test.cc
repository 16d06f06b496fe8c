// The trainer routes through the API application, in process (http/trainer_api.h): each route is one call into
// service/trainer_service.h acting for actor(request) (the local person until accounts are on). A person who is
// not a trainer gets 404 from every trainer route; a trainer invites, keeps templates and assigns them; a client
// sees an assignment through their own safety gate and plays it from POST /api/sessions {"assignment"}.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "catalog/loader.h"
#include "core/planner.h"
#include "http/api.h"
#include "http/web_assets.h"
#include "http_test_support.h"
#include "json/catalog_json.h"
#include "json/plan_json.h"
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

class TrainerApiTest : public ::testing::Test {
 protected:
  TrainerApiTest()
      : stores_(std::move(*WorkerStores::open("memory:", 1))), api_(builtin(), *stores_, {}, web_assets()) {}

  Response send(Verb method, const std::string& target, std::string body = "") {
    std::vector<std::pair<Field, std::string>> headers{{Field::host, "127.0.0.1:8080"}};
    if (!body.empty()) headers.emplace_back(Field::content_type, "application/json");
    const TestRequest req(method, target, headers, std::move(body));
    return api_.handle(req);
  }
  bj::value json_of(const Response& r) { return bj::parse(body_of(r)); }

  // An account for the local person (the actor of every request), or for a new person.
  core::PersonId account(core::PersonId person, const std::string& login, store::Role role) {
    store::Account a;
    a.person_id = person;
    a.login = login;
    a.password_hash = "not-a-real-hash";
    a.role = role;
    auto added = (*stores_->lease()).add_account(login, a);
    EXPECT_TRUE(added) << added.error().message;
    return added ? added->person_id : 0;
  }

  std::unique_ptr<WorkerStores> stores_;
  Api api_;
};

TEST_F(TrainerApiTest, WithoutTheTrainerRoleEveryTrainerRouteIs404AndTheClientRoutesAreEmpty) {
  const std::string uid(32, 'a');
  const std::string routine = bj::serialize(json::to_json(planned()));
  const std::pair<Verb, std::string> trainer_routes[] = {
      {Verb::post, "/api/invitations"},       {Verb::get, "/api/clients"},
      {Verb::get, "/api/clients/2"},          {Verb::get, "/api/templates"},
      {Verb::get, "/api/templates/" + uid},   {Verb::delete_, "/api/templates/" + uid},
      {Verb::put, "/api/trainers/2/sharing"}, {Verb::delete_, "/api/trainers/2"},
      {Verb::get, "/api/assignments/" + uid},
  };
  for (const auto& [verb, target] : trainer_routes) {
    const std::string body = verb == Verb::put ? R"({"sessions": true, "trends": true, "self_tests": true,
                                                   "soreness": true, "screening": true})"
                                               : "";
    const auto r = send(verb, target, body);
    EXPECT_EQ(r.result(), Status::not_found) << target << ": " << body_of(r);
    EXPECT_EQ(json_of(r).at("error").at("code"), "not_found") << target;
  }
  const auto created = send(Verb::post, "/api/templates", R"({"name": "Mine", "routine": )" + routine + "}");
  EXPECT_EQ(created.result(), Status::not_found) << body_of(created);
  for (const char* target : {"/api/trainers", "/api/assignments"}) {
    const auto r = send(Verb::get, target);
    EXPECT_EQ(r.result(), Status::ok) << target;
    EXPECT_EQ(body_of(r), "[]");
  }
}

TEST_F(TrainerApiTest, ATrainerInvitesKeepsTemplatesAndAssignsThem) {
  account(core::kLocalPersonId, "tess", store::Role::kTrainer);
  const auto ana = account(0, "ana", store::Role::kPerson);

  auto r = send(Verb::post, "/api/invitations");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  const auto inv = json_of(r);
  const std::string code(inv.at("code").as_string());
  EXPECT_EQ(code.size(), service::kInvitationCodeChars);
  EXPECT_EQ(std::string(inv.at("path").as_string()), "/invite/" + code);
  r = send(Verb::get, "/api/invitations/" + code);
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  // The local person keeps their name when their account is attached (the login does not rename them).
  const auto me = (*stores_->lease()).person(core::kLocalPersonId);
  ASSERT_TRUE(me);
  EXPECT_EQ(std::string(json_of(r).at("trainer").at("name").as_string()), me->name);
  r = send(Verb::post, "/api/invitations/" + code + "/accept");  // the trainer's own
  EXPECT_EQ(r.result(), Status::bad_request) << body_of(r);
  EXPECT_EQ(json_of(r).at("error").at("field"), "code");

  // The client accepts (on their own device) and shares sessions only.
  ASSERT_TRUE(service::accept_invitation(*stores_->lease(), ana, code, service::wall_now_ms()));
  ASSERT_TRUE(service::set_sharing(*stores_->lease(), ana, core::kLocalPersonId,
                                   store::Sharing{true, false, false, false, false}));
  r = send(Verb::get, "/api/clients");
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  const auto dashboard = json_of(r).as_array();
  ASSERT_EQ(dashboard.size(), 1u);
  EXPECT_EQ(dashboard[0].at("name"), "ana");
  EXPECT_EQ(dashboard[0].at("status"), "needs-attention");
  EXPECT_EQ(dashboard[0].at("reasons").at(0).at("kind"), "inactive");
  r = send(Verb::get, "/api/clients/" + std::to_string(ana));
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  const auto client = json_of(r).as_object();
  EXPECT_TRUE(client.contains("adherence"));
  EXPECT_TRUE(client.contains("sessions"));
  for (const char* not_shared : {"sensation", "alerts", "self_tests", "soreness", "screening"}) {
    EXPECT_FALSE(client.contains(not_shared)) << not_shared;
  }
  EXPECT_EQ(send(Verb::get, "/api/clients/abc").result(), Status::bad_request);

  // A template, assigned; an edit reaches the copy not yet started.
  const std::string routine = bj::serialize(json::to_json(planned()));
  r = send(Verb::post, "/api/templates", R"({"name": "Morning", "note": "Slowly", "routine": )" + routine + "}");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  const std::string uid(json_of(r).at("uid").as_string());
  r = send(Verb::post, "/api/templates", R"({"name": "morning", "routine": )" + routine + "}");
  EXPECT_EQ(r.result(), Status::conflict) << body_of(r);
  r = send(Verb::post, "/api/templates/" + uid + "/assign", R"({"clients": [)" + std::to_string(ana) + "]}");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  const auto copies = json_of(r).at("assignments").as_array();
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(copies[0].at("adapted"), 0);
  EXPECT_FALSE(copies[0].as_object().contains("safety_changes")) << "the screening is not shared";
  r = send(Verb::post, "/api/templates/" + uid + "/assign", R"({"clients": [99]})");
  EXPECT_EQ(r.result(), Status::not_found);
  EXPECT_EQ(json_of(r).at("error").at("field"), "clients[0]");
  r = send(Verb::put, "/api/templates/" + uid, R"({"name": "Evening", "routine": )" + routine + "}");
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(json_of(r).at("copies_updated"), 1);
  r = send(Verb::get, "/api/templates");
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(json_of(r).at(0).at("name"), "Evening");
  r = send(Verb::delete_, "/api/templates/" + uid);
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(send(Verb::get, "/api/templates/" + uid).result(), Status::not_found);
}

TEST_F(TrainerApiTest, AClientSeesTheAssignmentThroughTheirGateAndPlaysIt) {
  const auto& c = builtin();
  const auto tess = account(0, "tess", store::Role::kTrainer);
  account(core::kLocalPersonId, "ana", store::Role::kPerson);
  const auto routine = planned();
  const auto wound = std::find_if(c.conditions().begin(), c.conditions().end(),
                                  [](const auto& cond) { return cond.block_named_area; });
  ASSERT_NE(wound, c.conditions().end());
  core::Profile p;
  p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
  p.conditions = {wound->id};
  p.named_areas = {{wound->id, routine.steps[0].region, routine.steps[0].side}};
  {
    auto st = stores_->lease();
    ASSERT_TRUE(service::save_profile(*st, c, core::kLocalPersonId, p, 1));
    auto inv = service::create_invitation(*st, tess, service::wall_now_ms());
    ASSERT_TRUE(inv);
    ASSERT_TRUE(service::accept_invitation(*st, core::kLocalPersonId, inv->code, service::wall_now_ms()));
    auto tpl = service::create_template(*st, c, tess, "Morning", routine, "See you Friday", service::wall_now_ms());
    ASSERT_TRUE(tpl);
    ASSERT_TRUE(service::assign_template(*st, c, tess, tpl->record.uid, {core::kLocalPersonId}, std::nullopt,
                                         service::wall_now_ms()));
  }
  auto r = send(Verb::get, "/api/trainers");
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(json_of(r).at(0).at("name"), "tess");

  r = send(Verb::get, "/api/assignments");
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  const auto a = json_of(r).at(0).as_object();
  EXPECT_EQ(a.at("from_trainer").at("name"), "tess");
  EXPECT_EQ(a.at("note"), "See you Friday");
  ASSERT_FALSE(a.at("safety_changes").as_array().empty());
  for (const auto& change : a.at("safety_changes").as_array()) EXPECT_FALSE(change.at("rules").as_array().empty());
  const std::string uid(a.at("uid").as_string());

  r = send(Verb::post, "/api/sessions", R"({"assignment": ")" + uid + R"("})");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  EXPECT_FALSE(json_of(r).at("safety_changes").as_array().empty());
  const std::string session(json_of(r).at("uid").as_string());
  r = send(Verb::get, "/api/assignments/" + uid);
  ASSERT_EQ(r.result(), Status::ok);
  EXPECT_EQ(std::string(json_of(r).at("started_session_uid").as_string()), session);
  EXPECT_TRUE(json_of(r).as_object().contains("assigned"));

  r = send(Verb::post, "/api/sessions", R"({"assignment": ")" + std::string(32, 'b') + R"("})");
  EXPECT_EQ(r.result(), Status::not_found);
  EXPECT_EQ(json_of(r).at("error").at("field"), "assignment");

  // Leaving: the trainer is gone from the list; sharing with them again is 404.
  r = send(Verb::delete_, "/api/trainers/" + std::to_string(tess));
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(body_of(send(Verb::get, "/api/trainers")), "[]");
  r = send(Verb::put, "/api/trainers/" + std::to_string(tess) + "/sharing",
           R"({"sessions": true, "trends": true, "self_tests": true, "soreness": true, "screening": true})");
  EXPECT_EQ(r.result(), Status::not_found);
}

// A trainer's own exercise through the routes: sent with the template, refused with the catalog's words under
// "exercises[i]", echoed as written, and shown to the client with its instructions.
TEST_F(TrainerApiTest, ATemplateCarriesTheTrainersOwnExercisesToTheClient) {
  const auto& c = builtin();
  account(core::kLocalPersonId, "tess", store::Role::kTrainer);
  const auto ana = account(0, "ana", store::Role::kPerson);
  {
    auto st = stores_->lease();
    auto inv = service::create_invitation(*st, core::kLocalPersonId, service::wall_now_ms());
    ASSERT_TRUE(inv);
    ASSERT_TRUE(service::accept_invitation(*st, ana, inv->code, service::wall_now_ms()));
  }
  auto routine = planned();
  const auto* original = c.find_exercise(routine.steps[0].exercise);
  ASSERT_NE(original, nullptr);
  // The catalog's exercise in the catalog's own JSON is not an entry (evidence, dose.total_s): the entry's fields.
  bj::object entry = json::to_json(*original).as_object();
  entry["id"] = "tess-calf-sweep";
  entry["name"] = "Tess's calf sweep";
  entry["rules"] = entry.at("evidence").at("rules");
  entry["sources"] = entry.at("evidence").at("sources");
  entry.erase("evidence");
  entry["dose"].as_object().erase("total_s");
  routine.steps[0].exercise = "tess-calf-sweep";
  const std::string routine_json = bj::serialize(json::to_json(routine));

  auto bad = entry;
  bad["dose"].as_object()["set_s"] = 5;
  auto r = send(Verb::post, "/api/templates",
                R"({"name": "Mine", "routine": )" + routine_json + R"(, "exercises": [)" + bj::serialize(bad) + "]}");
  ASSERT_EQ(r.result(), Status::bad_request) << body_of(r);
  EXPECT_EQ(json_of(r).at("error").at("field"), "exercises[0].dose.set_s");
  EXPECT_THAT(std::string(json_of(r).at("error").at("message").as_string()),
              ::testing::HasSubstr("R1: a set lasts 20-120 s"));
  r = send(Verb::post, "/api/templates", R"({"name": "Mine", "routine": )" + routine_json + "}");
  ASSERT_EQ(r.result(), Status::bad_request) << "the step's exercise is not there without it: " << body_of(r);
  r = send(Verb::post, "/api/templates", R"({"name": "Mine", "routine": )" + routine_json + R"(, "exercises": 3})");
  ASSERT_EQ(r.result(), Status::bad_request) << body_of(r);
  EXPECT_EQ(json_of(r).at("error").at("field"), "exercises");

  r = send(Verb::post, "/api/templates",
           R"({"name": "Mine", "routine": )" + routine_json + R"(, "exercises": [)" + bj::serialize(entry) + "]}");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  EXPECT_EQ(json_of(r).at("exercises"), bj::array{entry});
  const std::string uid(json_of(r).at("uid").as_string());
  r = send(Verb::post, "/api/templates/" + uid + "/assign", R"({"clients": [)" + std::to_string(ana) + "]}");
  ASSERT_EQ(r.result(), Status::created) << body_of(r);

  auto mine = service::assignments(*stores_->lease(), c, ana);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  ASSERT_EQ((*mine)[0].own.size(), 1u);
  EXPECT_EQ((*mine)[0].own[0].name, "Tess's calf sweep");
  EXPECT_EQ((*mine)[0].own[0].cues, original->cues);
  ASSERT_TRUE((*mine)[0].gated) << (*mine)[0].refused->message;
  EXPECT_EQ((*mine)[0].gated->routine.steps[0].exercise, "tess-calf-sweep");
}

// The trainer's library through its routes: kept (201 with Location), listed as written and as read, changed,
// refused with the catalog's words naming the entry's field; not a trainer's: 404.
TEST_F(TrainerApiTest, ATrainerKeepsExercisesThroughTheRoutes) {
  const auto& c = builtin();
  bj::object entry = json::to_json(c.exercises().front()).as_object();
  entry["id"] = "tess-own";
  entry["rules"] = entry.at("evidence").at("rules");
  entry["sources"] = entry.at("evidence").at("sources");
  entry.erase("evidence");
  entry["dose"].as_object().erase("total_s");
  EXPECT_EQ(send(Verb::post, "/api/trainer-exercises", bj::serialize(entry)).result(), Status::not_found);
  EXPECT_EQ(send(Verb::get, "/api/trainer-exercises").result(), Status::not_found);

  account(core::kLocalPersonId, "tess", store::Role::kTrainer);
  auto r = send(Verb::post, "/api/trainer-exercises", bj::serialize(entry));
  ASSERT_EQ(r.result(), Status::created) << body_of(r);
  const std::string uid(json_of(r).at("uid").as_string());
  EXPECT_EQ(std::string(r[Field::location]), "/api/trainer-exercises/" + uid);
  r = send(Verb::get, "/api/trainer-exercises");
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  ASSERT_EQ(json_of(r).as_array().size(), 1u);
  EXPECT_EQ(json_of(r).at(0).at("entry"), entry);
  EXPECT_EQ(json_of(r).at(0).at("exercise").at("id"), "tess-own");
  EXPECT_TRUE(json_of(r).at(0).at("problem").is_null());

  auto renamed = entry;
  renamed["name"] = "Tess's own";
  r = send(Verb::put, "/api/trainer-exercises/" + uid, bj::serialize(renamed));
  ASSERT_EQ(r.result(), Status::ok) << body_of(r);
  EXPECT_EQ(json_of(r).at("exercise").at("name"), "Tess's own");
  auto bad = renamed;
  bad["region"] = "calvs";
  r = send(Verb::put, "/api/trainer-exercises/" + uid, bj::serialize(bad));
  ASSERT_EQ(r.result(), Status::bad_request) << body_of(r);
  EXPECT_EQ(json_of(r).at("error").at("field"), "region");
  EXPECT_THAT(std::string(json_of(r).at("error").at("message").as_string()), ::testing::HasSubstr("did you mean"));
  r = send(Verb::put, "/api/trainer-exercises/" + std::string(32, 'f'), bj::serialize(renamed));
  EXPECT_EQ(r.result(), Status::not_found);
  EXPECT_EQ(json_of(r).at("error").at("field"), "uid");
}

}  // namespace
}  // namespace smr::http
