// Several server instances on ONE journal (issue 19, item 6; docs/architecture.md, "State and instances"): two
// SessionApi, each with its own store connections, over one SQLite file, or (built as
// smr_instances_postgres_tests with SMR_INSTANCES_POSTGRES) one schema on the PostgreSQL test server. A live
// session may be driven on either; it must answer and record exactly as one instance would.

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

#include "catalog/loader.h"
#include "http/session_api.h"
#include "http/worker_stores.h"
#include "http_test_support.h"
#include "json/plan_json.h"
#include "service/pairing_service.h"
#include "service/session_service.h"
#include "session_fixture.h"

#ifdef SMR_INSTANCES_POSTGRES
#include <pqxx/pqxx>
#endif

namespace smr::http {
namespace {

namespace bj = boost::json;
namespace fs = std::filesystem;
using test::body_of;

const core::Catalog& builtin() {
  static const auto loaded = catalog::load_builtin_catalog();
  return *loaded;
}

std::string create_body() {
  return R"({"routine":)" + bj::serialize(json::to_json(core::testing::builtin_calves_routine("Calves"))) +
         R"(,"settings":{"get_ready_s":10,"check_in_s":5}})";
}

class BodyRequest {
 public:
  BodyRequest(Verb method, const std::string& target, std::string body) : message_(method, target, 11) {
    message_.body() = std::move(body);
    url_ = *boost::urls::parse_origin_form(message_.target());
    request_.emplace(message_, url_);
  }
  operator const Request&() const { return *request_; }  // NOLINT

 private:
  RequestMessage message_;
  boost::urls::url_view url_;
  std::optional<Request> request_;
};

// ---- journals: a new, empty one per call ----

#ifdef SMR_INSTANCES_POSTGRES
std::string server_url() {
  if (const char* url = std::getenv("SMR_TEST_PG_URL"); url && *url) return url;
  const char* file = std::getenv("SMR_TEST_PG_URL_FILE");
  if (!file || !*file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

// A new schema on the test server; the URL that keeps the store's tables there.
std::string new_journal(const fs::path&) {
  static std::atomic<int> counter{0};
  const std::string url = server_url();
  const std::string name = "inst_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("SET client_min_messages = warning");
  tx.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  tx.exec("CREATE SCHEMA " + name);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name;
}
bool backend_missing() { return server_url().empty(); }
#else
std::string new_journal(const fs::path& dir) {
  static int counter = 0;
  return (dir / ("journal-" + std::to_string(counter++) + ".db")).string();
}
bool backend_missing() { return false; }
#endif

struct Answer {
  unsigned status = 0;
  bj::object body;
};

constexpr std::int64_t kUnixAtSteadyZero = 1'700'000'000'000;

class SessionInstancesTest : public ::testing::Test {
 protected:
  SessionInstancesTest()
      : dir_(fs::temp_directory_path() / ("smr-instances-test-" + std::to_string(::getpid()) + "-" +
                                          ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~SessionInstancesTest() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void SetUp() override {
    if (backend_missing()) GTEST_SKIP() << "no PostgreSQL test server: run through ctest (label postgres)";
  }

  // One server instance: its own connections (two worker slots) to the journal at `url`.
  struct Instance {
    std::unique_ptr<WorkerStores> stores;
    std::unique_ptr<SessionApi> api;
  };
  Instance instance(const std::string& url) {
    Instance i;
    auto stores = WorkerStores::open(url, 2);
    EXPECT_TRUE(stores) << stores.error().message;
    i.stores = std::move(*stores);
    SessionApiOptions o;
    o.steady_ms = [this] { return steady_ms_.load(); };
    // Every instance's clocks agree (one host, or NTP): Unix time moves with the steady clock.
    o.unix_ms = [this] { return kUnixAtSteadyZero + steady_ms_.load(); };
    o.shared_journal = true;
    i.api = std::make_unique<SessionApi>(builtin(), *i.stores, o);
    return i;
  }

  static Answer answer(const Response& r) { return {r.result_int(), bj::parse(body_of(r)).as_object()}; }
  static Answer create(SessionApi& api) {
    return answer(api.create(BodyRequest(Verb::post, "/api/sessions", create_body())));
  }
  static Answer input(SessionApi& api, const std::string& uid, const std::string& body) {
    PathParams p;
    p.add("uid", uid);
    return answer(api.input(BodyRequest(Verb::post, "/api/sessions/" + uid + "/inputs", body), p));
  }
  static Answer live(SessionApi& api, const std::string& uid, const std::string& query = "") {
    PathParams p;
    p.add("uid", uid);
    return answer(api.live(BodyRequest(Verb::get, "/api/sessions/" + uid + "/live" + query, ""), p));
  }

  fs::path dir_;
  std::atomic<std::int64_t> steady_ms_{5'000'000};
};

// The journal of a session as times from its start, without its uid: comparable between two journals.
std::vector<std::string> journal_of(store::Store& store, const std::string& uid) {
  auto rec = store.session(uid);
  EXPECT_TRUE(rec) << rec.error().message;
  if (!rec) return {};
  std::vector<std::string> out;
  out.push_back("status " + std::string(core::to_string(rec->info.status)) + " ended_at " +
                std::to_string(rec->info.ended_ms.value_or(0) - (rec->info.ended_ms ? rec->info.started_ms : 0)));
  for (const auto& e : rec->events) {
    out.push_back("event " + std::to_string(e.seq) + " " + e.kind + " at " +
                  std::to_string(e.at_ms - rec->info.started_ms) + " step " + std::to_string(e.step) + " " +
                  e.data_json);
  }
  for (const auto& c : rec->check_ins) {
    out.push_back("check-in at " + std::to_string(c.at_ms - rec->info.started_ms) + " step " + std::to_string(c.step) +
                  " " + std::to_string(c.intensity) + " " + std::string(core::to_string(c.quality)));
  }
  for (const auto& a : rec->adaptations) {
    out.push_back("adaptation at " + std::to_string(a.at_ms - rec->info.started_ms) + " " + a.kind + " " +
                  a.detail_json);
  }
  return out;
}

// An answer without its session uid (two journals give their sessions different uids) and, unless `with_cues`,
// without its cues: without `since`, an answer's cues are "those that fell due in this call", and an instance that
// has just rebuilt its copy cannot know which ones the other instance has answered already, so it may give some
// again. They carry the same index and content (checked by cue index); the player keeps each index once.
std::string comparable(Answer a, bool with_cues = true) {
  a.body.erase("uid");
  if (!with_cues) a.body.erase("cues");
  return std::to_string(a.status) + " " + bj::serialize(a.body);
}

// The answer's cues by their index.
void collect_cues(const Answer& a, std::map<std::size_t, std::string>& out) {
  if (const auto* cues = a.body.if_contains("cues")) {
    for (const auto& c : cues->as_array()) {
      out[c.as_object().at("index").to_number<std::size_t>()] = bj::serialize(c);
    }
  }
}

// One random call of a player: an input, or a poll with a random `since`.
struct Call {
  bool poll = false;
  std::string body;   // the input's
  std::string query;  // the poll's
};
Call random_call(std::mt19937& rng, std::size_t next_cue) {
  static const std::vector<std::string> kInputs = {
      R"({"kind":"pause"})",
      R"({"kind":"resume"})",
      R"({"kind":"skip-phase"})",
      R"({"kind":"skip-step"})",
      R"({"kind":"extend"})",
      R"({"kind":"back"})",
      R"({"kind":"check-in","intensity":3,"quality":"pressure"})",
      R"({"kind":"check-in","intensity":8,"quality":"sharp"})",
  };
  Call c;
  if (rng() % 3 == 0) {
    c.poll = true;
    if (rng() % 2 == 0) c.query = "?since=" + std::to_string(rng() % (next_cue + 2));  // past the end: 400 both
  } else {
    c.body = kInputs[rng() % kInputs.size()];
  }
  return c;
}

#ifdef SMR_INSTANCES_POSTGRES
constexpr int kSeeds = 6;
#else
constexpr int kSeeds = 25;
#endif

TEST_F(SessionInstancesTest, ASessionDrivenOnTwoInstancesAnswersAndRecordsAsOneInstance) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(static_cast<std::uint32_t>(seed));
    auto one = instance(new_journal(dir_));
    const std::string shared = new_journal(dir_);
    auto a = instance(shared);
    auto b = instance(shared);

    const auto first_one = create(*one.api);
    const auto first_a = create(*a.api);
    ASSERT_EQ(first_one.status, 201u);
    ASSERT_EQ(comparable(first_one), comparable(first_a));
    const std::string uid_one(first_one.body.at("uid").as_string());
    const std::string uid(first_a.body.at("uid").as_string());

    std::size_t next_cue = first_one.body.at("next_cue").to_number<std::size_t>();
    std::map<std::size_t, std::string> got_cues;  // every cue the two instances answered, by index
    for (int k = 0; k < 14; ++k) {
      static const std::int64_t kSteps[] = {0, 400, 3'000, 12'000, 45'000};
      steady_ms_ += kSteps[rng() % 5];
      const Call call = random_call(rng, next_cue);
      SessionApi& other = rng() % 2 == 0 ? *a.api : *b.api;  // either instance, as a round robin would
      const Answer want = call.poll ? live(*one.api, uid_one, call.query) : input(*one.api, uid_one, call.body);
      const Answer got = call.poll ? live(other, uid, call.query) : input(other, uid, call.body);
      ASSERT_EQ(comparable(want, !call.query.empty()), comparable(got, !call.query.empty()))
          << "call " << k << ": " << (call.poll ? call.query : call.body);
      collect_cues(got, got_cues);
      if (const auto* n = want.body.if_contains("next_cue")) next_cue = n->to_number<std::size_t>();
    }
    steady_ms_ += 1'000;
    const auto stopped = input(rng() % 2 == 0 ? *a.api : *b.api, uid, R"({"kind":"stop"})");
    ASSERT_EQ(comparable(input(*one.api, uid_one, R"({"kind":"stop"})"), false), comparable(stopped, false));
    collect_cues(stopped, got_cues);
    // Every cue either instance answered is the one instance's cue at that index.
    std::map<std::size_t, std::string> want_cues;
    collect_cues(live(*one.api, uid_one, "?since=0"), want_cues);
    for (const auto& [index, cue] : got_cues) EXPECT_EQ(want_cues[index], cue) << "cue " << index;
    // The whole cue list, from index 0, from whichever instance.
    EXPECT_EQ(comparable(live(*one.api, uid_one, "?since=0")), comparable(live(*a.api, uid, "?since=0")));
    EXPECT_EQ(comparable(live(*one.api, uid_one, "?since=0")), comparable(live(*b.api, uid, "?since=0")));
    EXPECT_EQ(journal_of(*one.stores->lease(0), uid_one), journal_of(*a.stores->lease(0), uid));
  }
}

TEST_F(SessionInstancesTest, WhenAnInstanceGoesAwayTheOtherCarriesTheSessionOn) {
  const std::string shared = new_journal(dir_);
  auto a = instance(shared);
  auto b = instance(shared);
  const auto started = create(*a.api);
  ASSERT_EQ(started.status, 201u);
  const std::string uid(started.body.at("uid").as_string());
  steady_ms_ += 15'000;
  ASSERT_EQ(input(*a.api, uid, R"({"kind":"extend"})").status, 200u);
  a.api.reset();  // killed: nothing stopped, nothing said
  a.stores.reset();
  steady_ms_ += 20'000;
  const auto on_b = live(*b.api, uid, "?since=0");
  ASSERT_EQ(on_b.status, 200u) << bj::serialize(on_b.body);
  EXPECT_FALSE(on_b.body.at("view").as_object().at("state").as_string() == "ended");
  EXPECT_EQ(input(*b.api, uid, R"({"kind":"stop"})").status, 200u);
  auto rec = b.stores->lease(0)->session(uid);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->info.status, core::SessionStatus::kStopped);
  for (std::size_t i = 0; i < rec->events.size(); ++i) EXPECT_EQ(rec->events[i].seq, static_cast<std::int64_t>(i));
  EXPECT_THAT(
      rec->events,
      ::testing::Not(::testing::Contains(::testing::Field(&core::SessionEvent::kind, std::string("interrupted")))));
}

TEST_F(SessionInstancesTest, InputsOnTwoInstancesAtOnceNeverForkTheEventOrder) {
  const std::string shared = new_journal(dir_);
  auto a = instance(shared);
  auto b = instance(shared);
  const auto started = create(*a.api);
  ASSERT_EQ(started.status, 201u);
  const std::string uid(started.body.at("uid").as_string());
  steady_ms_ += 12'000;
  std::atomic<int> unexpected{0};
  const auto player = [&](SessionApi& api, int n) {
    for (int i = 0; i < n; ++i) {
      const auto r = input(api, uid, i % 2 == 0 ? R"({"kind":"pause"})" : R"({"kind":"resume"})");
      // 200, or 409: the engine refused (already paused) or the other instance won twice.
      if (r.status != 200u && r.status != 409u) ++unexpected;
      steady_ms_ += 7;
    }
  };
  std::thread ta(player, std::ref(*a.api), 20);
  std::thread tb(player, std::ref(*b.api), 20);
  ta.join();
  tb.join();
  EXPECT_EQ(unexpected.load(), 0);
  auto rec = a.stores->lease(0)->session(uid);
  ASSERT_TRUE(rec);
  for (std::size_t i = 0; i < rec->events.size(); ++i) EXPECT_EQ(rec->events[i].seq, static_cast<std::int64_t>(i));
  // The journal is one session, not two interleaved: it replays.
  auto rebuilt = service::LiveSession::rebuild(*b.stores->lease(0), builtin(), uid);
  EXPECT_TRUE(rebuilt) << (rebuilt ? "" : rebuilt.error().message);
}

TEST_F(SessionInstancesTest, WrongPairingCodesAreThrottledAcrossInstances) {
  const std::string shared = new_journal(dir_);
  auto a = WorkerStores::open(shared, 1);
  auto b = WorkerStores::open(shared, 1);
  ASSERT_TRUE(a && b);
  service::PairingThrottle throttle_a, throttle_b;  // each instance's own: the store must carry the count
  const std::int64_t now = kUnixAtSteadyZero;
  for (std::size_t i = 0; i < service::kMaxFailedRedeemsPerMinute; ++i) {
    auto& stores = i % 2 == 0 ? **a : **b;
    auto& throttle = i % 2 == 0 ? throttle_a : throttle_b;
    const auto r = service::redeem_pairing_code(*stores.lease(0), throttle, "10.0.0.66", "ABCD-EFGH", "Phone",
                                                now + static_cast<std::int64_t>(i));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, service::Error::Code::kNotFound);
  }
  const auto good = service::new_pairing_code(*(*a)->lease(0), now);
  ASSERT_TRUE(good);
  for (auto* stores : {a->get(), b->get()}) {
    auto& throttle = stores == a->get() ? throttle_a : throttle_b;
    const auto blocked =
        service::redeem_pairing_code(*stores->lease(0), throttle, "10.0.0.66", good->code, "Phone", now + 10);
    ASSERT_FALSE(blocked);
    EXPECT_EQ(blocked.error().code, service::Error::Code::kTooManyAttempts);
  }
  EXPECT_TRUE(service::redeem_pairing_code(*(*b)->lease(0), throttle_b, "10.0.0.66", good->code, "Phone",
                                           now + service::kPairingAttemptWindowMs + 1));
}

}  // namespace
}  // namespace smr::http
