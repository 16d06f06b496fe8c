#pragma once
// Trainers and their clients (issue 19; docs/accounts.md), each route one call into service/trainer_service.h,
// which checks the acting person against every record (404 for anything not theirs to see):
//   POST   /api/invitations                 a trainer's new one-time invitation: {code, path, expires_ms}
//   GET    /api/invitations/{code}          who invites: {trainer: {id, name}, expires_ms}
//   POST   /api/invitations/{code}/accept   become the trainer's client, sharing nothing yet
//   GET    /api/trainers                    the acting person's trainers with what they share
//   PUT    /api/trainers/{id}/sharing       {sessions, trends, self_tests, soreness, screening} (booleans)
//   DELETE /api/trainers/{id}               leave the trainer
//   GET    /api/clients                     the trainer's dashboard
//   GET    /api/clients/{id}                one client's progress, as far as shared
//   GET    /api/templates                   the trainer's templates
//   GET    /api/trainer-exercises           the trainer's own exercises (uid, entry as written, exercise as read)
//   POST   /api/trainer-exercises           an exercise as a catalog [[exercise]] entry in JSON, checked as one
//   PUT    /api/trainer-exercises/{uid}     replace one (templates saved before keep their copy)
//   POST   /api/templates                   {name, routine, note, exercises}: steps may use own exercises
//   GET    /api/templates/{uid}             one, with its copies ("adapted" counts; why only with the screening)
//   PUT    /api/templates/{uid}             {name, routine, note, exercises}: the copies not yet started follow
//   DELETE /api/templates/{uid}             the copies stay with the clients
//   POST   /api/templates/{uid}/assign      {clients: [id...], note}
//   GET    /api/assignments                 the acting person's assignments, each through their safety gate
//   GET    /api/assignments/{uid}           one of them
// Starting a session from an assignment is POST /api/sessions {"assignment": uid} (session_api.h).
// Thread-safe.

#include "core/catalog.h"
#include "core/journal.h"
#include "http/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/worker_stores.h"
#include "http/zoneinfo.h"

namespace smr::http {

class TrainerApi {
 public:
  TrainerApi(const core::Catalog& catalog, WorkerStores& stores, LocalZone local);  // both must outlive this

  Response invite(const Request& request) const;
  Response invitation(const Request& request, const PathParams& params) const;
  Response accept(const Request& request, const PathParams& params) const;
  Response trainers(const Request& request) const;
  Response share(const Request& request, const PathParams& params) const;
  Response leave(const Request& request, const PathParams& params) const;
  Response clients(const Request& request) const;
  Response client(const Request& request, const PathParams& params) const;
  Response templates(const Request& request) const;
  Response create_template(const Request& request) const;
  Response get_template(const Request& request, const PathParams& params) const;
  Response update_template(const Request& request, const PathParams& params) const;
  Response delete_template(const Request& request, const PathParams& params) const;
  Response exercises(const Request& request) const;
  Response add_exercise(const Request& request) const;
  Response update_exercise(const Request& request, const PathParams& params) const;
  Response assign(const Request& request, const PathParams& params) const;
  Response assignments(const Request& request) const;
  Response assignment(const Request& request, const PathParams& params) const;

 private:
  core::TimeZone zone_now(core::UnixMillis now_ms) const;

  const core::Catalog* catalog_;
  WorkerStores* stores_;
  LocalZone local_;
};

}  // namespace smr::http
