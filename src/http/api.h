#pragma once
// The HTTP application behind `smr serve`: the API's routes table and the embedded web app. Paths under
// /api/ go to the routes (unknown ones are JSON 404s); every other path is the web app (asset_table.h).
//
// To add a route: a handler in the *_api.h of its area (handlers only translate: read the request, call
// core or service, map the result to JSON with src/json), one line in the table in api.cc, and its
// description in docs/openapi.yaml.
//
// Immutable after construction, except the live sessions (session_api.h), which guard their own state:
// handle() runs on every worker thread at once.

#include <span>
#include <vector>

#include "catalog/embedded_file.h"
#include "core/catalog.h"
#include "http/account_api.h"
#include "http/asset_table.h"
#include "http/catalog_api.h"
#include "http/health_api.h"
#include "http/journal_api.h"
#include "http/learn_api.h"
#include "http/pairing_api.h"
#include "http/profile_api.h"
#include "http/progress_api.h"
#include "http/router.h"
#include "http/routine_api.h"
#include "http/self_test_api.h"
#include "http/session_api.h"
#include "http/settings_api.h"
#include "http/trainer_api.h"
#include "http/worker_stores.h"
#include "http/zoneinfo.h"

namespace smr::http {

class Api {
 public:
  // `catalog` and `stores` must outlive the Api. `assets`: the web app's files (web_assets.h). `local`: the
  // server's time zone, for progress without a `tz` parameter (default: UTC). `sessions`: the live sessions'
  // clock and limits (session_api.h). `pairing`: the pairing clock and URLs (pairing_api.h). `accounts`:
  // accounts mode, its timeouts and clock (account_api.h; off by default: single-person mode).
  Api(const core::Catalog& catalog, WorkerStores& stores, JournalInfo journal, std::span<const EmbeddedFile> assets,
      LocalZone local = {}, SessionApiOptions sessions = {}, PairingApiOptions pairing = {},
      AccountApiOptions accounts = {});
  Api(const Api&) = delete;  // the routes hold references to the members
  Api& operator=(const Api&) = delete;

  Response handle(const Request& request) const;

  // Every API route (method, pattern, summary).
  std::vector<RouteInfo> routes() const { return router_.routes(); }

  // The live sessions (the server's shutdown hook stops and records them: SessionApi::stop_all). Thread-safe.
  SessionApi& sessions() { return sessions_; }
  // Pairing (the serve command sets the pairing URLs once it listens, before it runs).
  PairingApi& pairing() { return pairing_; }

 private:
  CatalogApi catalog_;
  LearnApi learn_;
  HealthApi health_;
  ProfileApi profile_;
  JournalApi journal_;
  ProgressApi progress_;
  SelfTestApi self_tests_;
  SettingsApi settings_;
  RoutineApi routines_;
  TrainerApi trainers_;
  SessionApi sessions_;
  PairingApi pairing_;
  AccountApi accounts_;
  AssetTable assets_;
  Router router_;
};

}  // namespace smr::http
