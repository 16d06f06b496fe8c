// Trainers and their clients (issue 19, items 2-5; docs/accounts.md): invitations (single use, 7 days, not by
// the trainer), consent per category, the dashboard, templates and assignments, safety staying with the client,
// and authorization per record: every function, for every kind of actor, answers not_found unless allowed, with
// words that do not tell a missing record from someone else's.

#include "service/trainer_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <boost/json/serialize.hpp>

#include "catalog/exercise_entry.h"
#include "catalog/loader.h"
#include "core/catalog_extend.h"
#include "core/planner.h"
#include "core/screening.h"
#include "json/catalog_json.h"
#include "plan_test_support.h"
#include "progress_fixture.h"
#include "service/pairing_service.h"
#include "service/progress_service.h"
#include "service/routine_service.h"
#include "service/safety_service.h"
#include "store/store.h"

namespace smr::service {
namespace {

using smr::test::builtin_catalog;
using ::testing::HasSubstr;

constexpr core::UnixMillis kNow = core::testing::utc(2026, 12, 7, 12);

std::unique_ptr<store::Store> memory() {
  auto s = store::open_store("memory:");
  if (!s) throw std::runtime_error(s.error().message);
  return std::move(*s);
}

core::PersonId add_account(store::Store& st, const std::string& name, store::Role role) {
  store::Account a;
  a.login = name;
  a.password_hash = "not-a-real-hash";
  a.role = role;
  a.created_ms = kNow - core::kWeekMs;
  a.password_changed_ms = a.created_ms;
  auto added = st.add_account(name, a);
  if (!added) throw std::runtime_error(added.error().message);
  return added->person_id;
}

core::Routine plan_for(int minutes) {
  core::Profile p;
  p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
  core::PlanRequest q;
  q.goal = core::Goal::kDailyMobility;
  q.minutes = minutes;
  auto r = core::plan(builtin_catalog(), p, q);
  if (!r) throw std::runtime_error(r.error().message);
  return *r;
}

const core::Routine& planned(int minutes = 10) {
  static const core::Routine ten = plan_for(10);
  static const core::Routine twenty = plan_for(20);
  return minutes == 10 ? ten : twenty;
}

store::Sharing sharing_of(unsigned bits) {
  return store::Sharing{(bits & 1U) != 0, (bits & 2U) != 0, (bits & 4U) != 0, (bits & 8U) != 0, (bits & 16U) != 0};
}

constexpr Category kCategories[] = {Category::kSessions, Category::kTrends, Category::kSelfTests, Category::kSoreness,
                                    Category::kScreening};

// A trainer, their client, and others.
struct Studio {
  std::unique_ptr<store::Store> st = memory();
  core::PersonId trainer = add_account(*st, "tess", store::Role::kTrainer);
  core::PersonId client = add_account(*st, "ana", store::Role::kPerson);
  core::PersonId other = add_account(*st, "ben", store::Role::kPerson);
  core::PersonId idle_trainer = add_account(*st, "nora", store::Role::kTrainer);

  // `who` becomes `trainer_id`'s client, sharing `sharing`.
  void link(core::PersonId trainer_id, core::PersonId who, const store::Sharing& sharing) {
    auto inv = create_invitation(*st, trainer_id, kNow - core::kDayMs);
    ASSERT_TRUE(inv) << inv.error().message;
    auto accepted = accept_invitation(*st, who, inv->code, kNow - core::kDayMs);
    ASSERT_TRUE(accepted) << accepted.error().message;
    auto shared = set_sharing(*st, who, trainer_id, sharing);
    ASSERT_TRUE(shared) << shared.error().message;
  }
};

template <typename T>
std::optional<Error> error_of(const Result<T>& r) {
  if (r) return std::nullopt;
  return r.error();
}

// ---- invitations ----------------------------------------------------------------------------------------------

TEST(TrainerServiceTest, AnInvitationCodeIs128RandomBitsInTheAlphabetAndOnlyItsHashIsStored) {
  Studio s;
  std::set<std::string> codes;
  for (int i = 0; i < 50; ++i) {
    auto inv = create_invitation(*s.st, s.trainer, kNow);
    ASSERT_TRUE(inv) << inv.error().message;
    ASSERT_EQ(inv->code.size(), kInvitationCodeChars);
    for (char c : inv->code) EXPECT_NE(kPairingAlphabet.find(c), std::string_view::npos) << inv->code;
    EXPECT_EQ(inv->expires_ms, kNow + 7 * core::kDayMs);
    codes.insert(inv->code);
    auto stored = s.st->invitation(sha256_hex(inv->code));
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->trainer_id, s.trainer);
    auto by_code = s.st->invitation(inv->code);
    ASSERT_TRUE(by_code);
    EXPECT_FALSE(*by_code) << "the code itself must not be a key";
  }
  EXPECT_EQ(codes.size(), 50u);
}

TEST(TrainerServiceTest, OnlyATrainerInvites) {
  Studio s;
  const auto admin = add_account(*s.st, "root", store::Role::kAdmin);
  for (const auto who : {s.client, admin, core::PersonId{999}}) {
    auto inv = create_invitation(*s.st, who, kNow);
    ASSERT_FALSE(inv) << who;
    EXPECT_EQ(inv.error().code, Error::Code::kNotFound);
    EXPECT_THAT(inv.error().message, HasSubstr("trainer role"));
  }
}

TEST(TrainerServiceTest, AnInvitationIsSingleUseValidSevenDaysAndNotForItsTrainer) {
  Studio s;
  auto inv = create_invitation(*s.st, s.trainer, kNow);
  ASSERT_TRUE(inv);
  // Who invites: the trainer's name; case, spaces and dashes do not matter.
  std::string typed = inv->code.substr(0, 5) + "-" + inv->code.substr(5);
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto view = invitation(*s.st, typed, kNow);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->trainer_name, "tess");

  // Not by the trainer themself, and that leaves it unused.
  auto self = accept_invitation(*s.st, s.trainer, inv->code, kNow);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().code, Error::Code::kInvalid);
  EXPECT_EQ(self.error().field, "code");
  EXPECT_EQ(self.error().message, "code: this is your own invitation; give the link to the person you invite");

  auto ok = accept_invitation(*s.st, s.client, inv->code, kNow + 1);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->trainer_id, s.trainer);
  EXPECT_EQ(ok->sharing, store::Sharing{}) << "nothing beyond the name until the client chooses";

  // Single use: nobody else, not even the same person.
  for (const auto who : {s.other, s.client}) {
    auto again = accept_invitation(*s.st, who, inv->code, kNow + 2);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Error::Code::kCodeUsed);
    EXPECT_EQ(again.error().field, "code");
  }
  // Not twice: a second invitation from the same trainer is refused and stays unused.
  auto second = create_invitation(*s.st, s.trainer, kNow);
  ASSERT_TRUE(second);
  auto twice = accept_invitation(*s.st, s.client, second->code, kNow);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, Error::Code::kConflict);
  EXPECT_THAT(twice.error().message, HasSubstr("tess's client already"));
  EXPECT_TRUE(accept_invitation(*s.st, s.other, second->code, kNow)) << "the refused accept used it up";

  // Valid up to 7 days after it was made, not a millisecond more.
  auto later = create_invitation(*s.st, s.trainer, kNow);
  ASSERT_TRUE(later);
  EXPECT_TRUE(invitation(*s.st, later->code, kNow + kInvitationLifetimeMs - 1));
  for (const auto at : {kNow + kInvitationLifetimeMs, kNow + 30 * core::kDayMs}) {
    auto expired = accept_invitation(*s.st, s.other, later->code, at);
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code, Error::Code::kCodeExpired);
  }
  // After leaving, a new invitation links again.
  ASSERT_TRUE(leave_trainer(*s.st, s.other, s.trainer, kNow));
  auto back = create_invitation(*s.st, s.trainer, kNow);
  ASSERT_TRUE(back);
  EXPECT_TRUE(accept_invitation(*s.st, s.other, back->code, kNow + 1));
}

TEST(TrainerServiceTest, ABadOrUnknownCodeNamesTheCodeField) {
  Studio s;
  for (const std::string& bad : std::vector<std::string>{"", "ABCD", std::string(26, '0'), std::string(27, 'A')}) {
    auto r = invitation(*s.st, bad, kNow);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, Error::Code::kInvalid) << bad;
    EXPECT_EQ(r.error().field, "code");
    EXPECT_THAT(r.error().message, HasSubstr("26 letters and digits"));
  }
  auto unknown = accept_invitation(*s.st, s.client, std::string(26, 'A'), kNow);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, Error::Code::kNotFound);
  EXPECT_EQ(unknown.error().field, "code");
}

// ---- consent ---------------------------------------------------------------------------------------------------

TEST(TrainerServiceTest, TheClientChoosesSharingPerCategoryAndLeavingEndsEverything) {
  Studio s;
  s.link(s.trainer, s.client, {});
  for (unsigned bits = 0; bits < 32; ++bits) {
    auto r = set_sharing(*s.st, s.client, s.trainer, sharing_of(bits));
    ASSERT_TRUE(r) << r.error().message;
    auto mine = trainers(*s.st, s.client);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ((*mine)[0].sharing, sharing_of(bits));
    auto theirs = clients(*s.st, s.trainer);
    ASSERT_TRUE(theirs);
    ASSERT_EQ(theirs->size(), 1u);
    EXPECT_EQ((*theirs)[0].sharing, sharing_of(bits));
    for (const auto c : kCategories) {
      EXPECT_EQ(shared_client(*s.st, s.trainer, s.client, c).has_value(), shares(sharing_of(bits), c)) << bits;
    }
  }
  ASSERT_TRUE(leave_trainer(*s.st, s.client, s.trainer, kNow));
  EXPECT_TRUE(trainers(*s.st, s.client)->empty());
  EXPECT_TRUE(clients(*s.st, s.trainer)->empty());
  auto again = leave_trainer(*s.st, s.client, s.trainer, kNow);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Error::Code::kNotFound);
  EXPECT_EQ(again.error().field, "id");
}

// ---- authorization ---------------------------------------------------------------------------------------------

// Every "not yours" answer is one of these, whether the record is missing, someone else's, of a client who left,
// or of a category not shared.
constexpr const char* kNotYoursWords =
    "^(id: no client [0-9]+ among yours|clients\\[0\\]: no client [0-9]+ among yours|id: no trainer [0-9]+ of yours|"
    "uid: no template \"[0-9a-f]{32}\" of yours|uid: no assignment \"[0-9a-f]{32}\" of yours|"
    "only a trainer keeps clients, invitations and templates, and this account is not one; an admin can give it the "
    "trainer role)$";

TEST(TrainerServiceTest, RecordsThatDoNotExistGetTheSameWordsAsOthersRecords) {
  Studio s;
  const auto& c = builtin_catalog();
  const std::string nowhere = store::new_uid();
  const std::vector<std::optional<Error>> answers{
      error_of(shared_client(*s.st, s.trainer, 4242, Category::kSessions)),
      error_of(client_progress(*s.st, c, s.trainer, 4242, kNow, core::TimeZone{})),
      error_of(template_detail(*s.st, c, s.trainer, nowhere)),
      error_of(assignment(*s.st, c, s.client, nowhere)),
      error_of(set_sharing(*s.st, s.client, 4242, {})),
      error_of(clients(*s.st, s.client)),
  };
  for (const auto& e : answers) {
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, Error::Code::kNotFound);
    EXPECT_THAT(e->message, ::testing::MatchesRegex(kNotYoursWords));
  }
}

// Every function that reads or changes a client's record, a template, an assignment or a link, called by every
// kind of actor: the trainer of the client with each of the 32 sharing choices, the same trainer after the client
// left, a trainer of nobody, another person, and the client. The answer is not_found unless the table allows it,
// and a refusal's words do not depend on whether the record exists.
TEST(TrainerServiceTest, EveryFunctionAnswersNotFoundUnlessTheActorIsAllowed) {
  enum class Actor { kTrainer, kTrainerAfterLeaving, kIdleTrainer, kOther, kClient };
  struct Call {
    std::string name;
    // Allowed for this actor with this sharing (the trainer's cases; false for anyone else unless said).
    std::function<bool(Actor, const store::Sharing&)> allowed;
    std::function<std::optional<Error>(Studio&, core::PersonId actor, const std::string& tpl, const std::string& asg)>
        run;
  };
  auto trainer_with = [](std::optional<Category> c) {
    return [c](Actor a, const store::Sharing& sh) { return a == Actor::kTrainer && (!c || shares(sh, *c)); };
  };
  const auto& cat = builtin_catalog();
  std::vector<Call> calls;
  for (const auto c : kCategories) {
    calls.push_back({"shared_client " + std::string(core::to_string(c)), trainer_with(c),
                     [c](Studio& s, core::PersonId actor, const std::string&, const std::string&) {
                       return error_of(shared_client(*s.st, actor, s.client, c));
                     }});
  }
  calls.push_back({"client_progress", trainer_with(std::nullopt),
                   [&cat](Studio& s, core::PersonId actor, const std::string&, const std::string&) {
                     return error_of(client_progress(*s.st, cat, actor, s.client, kNow, core::TimeZone{}));
                   }});
  calls.push_back(
      {"template_detail",
       [](Actor a, const store::Sharing&) { return a == Actor::kTrainer || a == Actor::kTrainerAfterLeaving; },
       [&cat](Studio& s, core::PersonId actor, const std::string& tpl, const std::string&) {
         return error_of(template_detail(*s.st, cat, actor, tpl));
       }});
  calls.push_back({"assign_template", trainer_with(std::nullopt),
                   [&cat](Studio& s, core::PersonId actor, const std::string& tpl, const std::string&) {
                     return error_of(assign_template(*s.st, cat, actor, tpl, {s.client}, std::nullopt, kNow));
                   }});
  calls.push_back({"assignment", [](Actor a, const store::Sharing&) { return a == Actor::kClient; },
                   [&cat](Studio& s, core::PersonId actor, const std::string&, const std::string& asg) {
                     return error_of(assignment(*s.st, cat, actor, asg));
                   }});
  calls.push_back({"assignment_routine", [](Actor a, const store::Sharing&) { return a == Actor::kClient; },
                   [](Studio& s, core::PersonId actor, const std::string&, const std::string& asg) {
                     return error_of(assignment_routine(*s.st, actor, asg));
                   }});
  calls.push_back({"set_sharing", [](Actor a, const store::Sharing&) { return a == Actor::kClient; },
                   [](Studio& s, core::PersonId actor, const std::string&, const std::string&) {
                     // Sharing with the trainer: only their client may (the trainer id as `id`).
                     auto r = set_sharing(*s.st, actor, s.trainer, store::Sharing{});
                     return r ? std::nullopt : std::optional<Error>(r.error());
                   }});

  int refusals = 0;
  for (unsigned bits = 0; bits < 32; ++bits) {
    for (const auto who :
         {Actor::kTrainer, Actor::kTrainerAfterLeaving, Actor::kIdleTrainer, Actor::kOther, Actor::kClient}) {
      // One studio for every call (set_sharing, which changes the sharing, comes last).
      Studio s;
      s.link(s.trainer, s.client, sharing_of(bits));
      auto tpl = create_template(*s.st, cat, s.trainer, "Morning", planned(), "", kNow);
      ASSERT_TRUE(tpl) << tpl.error().message;
      auto given = assign_template(*s.st, cat, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow);
      ASSERT_TRUE(given) << given.error().message;
      const std::string asg = s.st->assignments_of_client(s.client)->front().uid;
      if (who == Actor::kTrainerAfterLeaving) {
        ASSERT_TRUE(leave_trainer(*s.st, s.client, s.trainer, kNow));
      }
      const core::PersonId actor = who == Actor::kTrainer || who == Actor::kTrainerAfterLeaving ? s.trainer
                                   : who == Actor::kIdleTrainer                                 ? s.idle_trainer
                                   : who == Actor::kOther                                       ? s.other
                                                                                                : s.client;
      for (const auto& call : calls) {
        SCOPED_TRACE(call.name + ", sharing bits " + std::to_string(bits) + ", actor " +
                     std::to_string(static_cast<int>(who)));
        const auto sharing = sharing_of(bits);
        const auto err = call.run(s, actor, tpl->record.uid, asg);
        if (call.allowed(who, sharing)) {
          EXPECT_FALSE(err) << err->message;
          continue;
        }
        ASSERT_TRUE(err) << "allowed, but should not be";
        EXPECT_EQ(err->code, Error::Code::kNotFound) << err->message;
        ++refusals;
        // The words of "no such record": they name the id asked for, never a link, a sharing choice or an owner.
        EXPECT_THAT(err->message, ::testing::MatchesRegex(kNotYoursWords)) << err->message;
      }
    }
  }
  EXPECT_GT(refusals, 100);
}

TEST(TrainerServiceTest, ClientProgressCarriesExactlyTheSharedCategories) {
  for (unsigned bits = 0; bits < 32; ++bits) {
    Studio s;
    s.link(s.trainer, s.client, sharing_of(bits));
    auto p = client_progress(*s.st, builtin_catalog(), s.trainer, s.client, kNow, core::TimeZone{});
    ASSERT_TRUE(p) << p.error().message;
    const auto sh = sharing_of(bits);
    EXPECT_EQ(p->adherence.has_value(), sh.sessions);
    EXPECT_EQ(p->sessions.has_value(), sh.sessions);
    EXPECT_EQ(p->sensation.has_value(), sh.trends);
    EXPECT_EQ(p->alerts.has_value(), sh.trends);
    EXPECT_EQ(p->self_tests.has_value(), sh.self_tests);
    EXPECT_EQ(p->soreness.has_value(), sh.soreness);
    EXPECT_EQ(p->screening.has_value(), sh.screening);
    EXPECT_EQ(p->client.name, "ana");
  }
}

// ---- the dashboard -----------------------------------------------------------------------------------------------

// The client's journal: three sessions 20-22 days ago with sharp pain at the left calf (a repeated-pain alert),
// nothing since (inactive for 14 days). Each reason may appear only when its category is shared.
TEST(TrainerServiceTest, TheDashboardUsesOnlyReasonsFromSharedCategories) {
  for (unsigned bits = 0; bits < 32; ++bits) {
    SCOPED_TRACE("sharing bits " + std::to_string(bits));
    Studio s;
    s.link(s.trainer, s.client, sharing_of(bits));
    s.link(s.trainer, s.other, sharing_of(31));  // shares everything, did nothing
    for (int i = 0; i < 3; ++i) {
      auto info = core::testing::session(store::new_uid(), kNow - (22 - i) * core::kDayMs);
      info.person_id = s.client;
      auto started = s.st->start_session(info);
      ASSERT_TRUE(started) << started.error().message;
      auto pain = core::testing::check_in(info.uid, info.started_ms + 60'000, "calves", core::Side::kLeft, 7,
                                          core::Quality::kSharp);
      pain.uid = store::new_uid();
      auto recorded = s.st->record_check_in(pain);
      ASSERT_TRUE(recorded) << recorded.error().message;
    }
    auto d = dashboard(*s.st, s.trainer, kNow, core::TimeZone{});
    ASSERT_TRUE(d) << d.error().message;
    ASSERT_EQ(d->size(), 2u);
    const auto sh = sharing_of(bits);
    const auto& ana =
        *std::find_if(d->begin(), d->end(), [&](const DashboardEntry& e) { return e.client.client_id == s.client; });
    std::set<std::string> kinds;
    for (const auto& r : ana.reasons) kinds.insert(r.kind);
    EXPECT_EQ(kinds.count("pain-alert") > 0, sh.trends);
    EXPECT_EQ(kinds.count("inactive") > 0, sh.sessions);
    EXPECT_EQ(ana.last_session_ms.has_value(), false);  // none in the last 14 days
    if (!sh.sessions && !sh.trends) {
      EXPECT_EQ(ana.status, ClientStatus::kNotShared);
      EXPECT_EQ(kinds, std::set<std::string>{"not-shared"});
    } else {
      EXPECT_EQ(ana.status, ClientStatus::kNeedsAttention);
    }
    for (const auto& r : ana.reasons) {
      // The trainer reads it: the client in the third person, never the alert's "You reported ..." (issue 19).
      if (r.kind == "pain-alert") {
        EXPECT_EQ(r.text, "pain alert: pain, not just pressure, at the left calves in 3 of the last 3 sessions there");
      }
      if (!sh.trends) {
        EXPECT_THAT(r.text, ::testing::Not(HasSubstr("pain")));
        EXPECT_THAT(r.text, ::testing::Not(HasSubstr("calves")));
      }
    }
    // Needs attention first.
    for (std::size_t i = 1; i < d->size(); ++i) {
      EXPECT_LE(static_cast<int>((*d)[i - 1].status), static_cast<int>((*d)[i].status));
    }
  }
}

// Rising intensity at one spot (pressure, no pain: 2, 4, 6, 8 over 9 days) is a pain alert too; the trainer reads it
// about the client, never the alert's words to them ("The intensity you feel ...").
TEST(TrainerServiceTest, TheDashboardNamesARisingIntensityAboutTheClient) {
  Studio s;
  s.link(s.trainer, s.client, sharing_of(31));
  int intensity = 2;
  for (int day : {10, 7, 4, 1}) {
    auto info = core::testing::session(store::new_uid(), kNow - day * core::kDayMs);
    info.person_id = s.client;
    ASSERT_TRUE(s.st->start_session(info));
    auto felt = core::testing::check_in(info.uid, info.started_ms + 60'000, "calves", core::Side::kLeft, intensity,
                                        core::Quality::kPressure);
    felt.uid = store::new_uid();
    ASSERT_TRUE(s.st->record_check_in(felt));
    intensity += 2;
  }
  auto d = dashboard(*s.st, s.trainer, kNow, core::TimeZone{});
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 1u);
  std::vector<std::string> alerts;
  for (const auto& r : (*d)[0].reasons) {
    if (r.kind == "pain-alert") alerts.push_back(r.text);
  }
  ASSERT_EQ(alerts.size(), 1u) << "reasons: " << (*d)[0].reasons.front().text;
  EXPECT_THAT(alerts[0], ::testing::MatchesRegex(
                             "pain alert: the intensity felt at the left calves rose by about [0-9]+ points over the "
                             "last 14 days"));
}

TEST(TrainerServiceTest, ADashboardClientIsOnTrackWhenTheLastWeekMetTheTargetAndNothingHurts) {
  Studio s;
  s.link(s.trainer, s.client, sharing_of(3));  // sessions and trends
  ASSERT_TRUE(change_sessions_per_week_target(*s.st, s.client, 3));
  // Every day of the last three weeks, no pain.
  for (int day = 1; day <= 21; ++day) {
    auto info = core::testing::session(store::new_uid(), kNow - day * core::kDayMs);
    info.person_id = s.client;
    auto started = s.st->start_session(info);
    ASSERT_TRUE(started) << started.error().message;
  }
  auto d = dashboard(*s.st, s.trainer, kNow, core::TimeZone{});
  ASSERT_TRUE(d) << d.error().message;
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ((*d)[0].status, ClientStatus::kOnTrack) << (*d)[0].reasons.front().text;
  ASSERT_EQ((*d)[0].reasons.size(), 1u);
  EXPECT_EQ((*d)[0].reasons[0].text, "no open pain alert; 7 sessions last week (target 3)");
  EXPECT_EQ((*d)[0].last_session_ms, kNow - core::kDayMs);

  // Under the target: one session last week.
  ASSERT_TRUE(change_sessions_per_week_target(*s.st, s.client, 14));
  d = dashboard(*s.st, s.trainer, kNow, core::TimeZone{});
  ASSERT_TRUE(d);
  EXPECT_EQ((*d)[0].status, ClientStatus::kNeedsAttention);
  EXPECT_EQ((*d)[0].reasons[0].kind, "below-target");
  EXPECT_EQ((*d)[0].reasons[0].text, "7 sessions last week, under their target of 14 a week");
}

// The dashboard as it was first written: each client's whole progress (progress()) and their sessions of the
// last 14 days (Store::sessions), one client at a time. The dashboard now reads every client in one batched store
// call and computes only what its reasons need; its answers must be these.
std::vector<DashboardEntry> dashboard_from_progress(store::Store& st, core::PersonId trainer, core::UnixMillis now_ms,
                                                    const core::TimeZone& tz) {
  auto all = clients(st, trainer);
  if (!all) throw std::runtime_error(all.error().message);
  std::vector<DashboardEntry> out;
  for (auto& c : *all) {
    DashboardEntry e;
    e.client = c;
    if (!c.sharing.sessions && !c.sharing.trends) {
      e.status = ClientStatus::kNotShared;
      e.reasons.push_back({"not-shared", "shares neither sessions nor trends yet: nothing to go by"});
      out.push_back(e);
      continue;
    }
    auto p = progress(st, ProgressQuery{c.client_id, now_ms, tz, 0});
    if (!p) throw std::runtime_error(p.error().message);
    std::vector<DashboardReason> attention;
    std::vector<std::string> fine;
    if (c.sharing.trends) {
      int open = 0;
      for (const auto& a : p->alerts) {
        if (a.acknowledged) continue;
        ++open;
        attention.push_back({"pain-alert", alert_reason(a)});
      }
      if (open == 0) fine.push_back("no open pain alert");
    }
    if (c.sharing.sessions) {
      auto recent = st.sessions(c.client_id, now_ms - kInactiveAfterMs, now_ms + 1);
      if (!recent) throw std::runtime_error(recent.error().message);
      if (recent->empty()) {
        attention.push_back({"inactive", "no session in the last 14 days"});
      } else {
        e.last_session_ms = recent->back().started_ms;
        const auto& weeks = p->adherence.weeks;
        const auto last =
            std::find_if(weeks.rbegin(), weeks.rend(), [](const core::AdherenceWeek& w) { return !w.in_progress; });
        const std::string n = last == weeks.rend() ? "" : std::to_string(last->sessions);
        const std::string word = last != weeks.rend() && last->sessions == 1 ? " session" : " sessions";
        const std::string target = std::to_string(p->adherence.target);
        if (last != weeks.rend() && last->sessions < p->adherence.target) {
          attention.push_back({"below-target", n + word + " last week, under their target of " + target + " a week"});
        } else if (last != weeks.rend()) {
          fine.push_back(n + word + " last week (target " + target + ")");
        } else {
          fine.push_back("rolling this week");
        }
      }
    }
    if (!attention.empty()) {
      e.status = ClientStatus::kNeedsAttention;
      e.reasons = attention;
    } else {
      e.status = ClientStatus::kOnTrack;
      std::string text;
      for (const auto& f : fine) text += (text.empty() ? "" : "; ") + f;
      e.reasons.push_back({"on-track", text});
    }
    out.push_back(e);
  }
  std::stable_sort(out.begin(), out.end(), [](const DashboardEntry& a, const DashboardEntry& b) {
    return static_cast<int>(a.status) < static_cast<int>(b.status);
  });
  return out;
}

// Random studios: clients with journals of up to 20 weeks (some only this week, some idle for weeks, pain at
// random places, random weekly targets, some alerts acknowledged), random sharing, a client who left, in UTC, Berlin
// (with its DST changes) and a zone 5:30 east of UTC. The dashboard's every entry equals the one from each client's
// whole progress.
TEST(TrainerServiceTest, TheDashboardAnswersWhatEachClientsWholeProgressAnswers) {
  std::mt19937 rng(20261207);
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* const regions[] = {"calves", "quads", "upper-back", "glutes"};
  const core::Side sides[] = {core::Side::kLeft, core::Side::kRight, core::Side::kCentre};
  std::map<std::string, int> kinds_seen;
  for (int round = 0; round < 12; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    Studio s;
    const core::TimeZone tz = round % 3 == 0   ? core::TimeZone{}
                              : round % 3 == 1 ? core::testing::berlin_2026()
                                               : core::TimeZone::fixed(330);
    std::vector<core::PersonId> people{s.client, s.other};
    for (int i = 0; i < 6; ++i) {
      people.push_back(add_account(*s.st, "c" + std::to_string(round) + "-" + std::to_string(i), store::Role::kPerson));
    }
    for (const core::PersonId who : people) {
      s.link(s.trainer, who, sharing_of(pick(4) == 0 ? static_cast<unsigned>(pick(32)) : 3U));
      if (pick(3) == 0) {
        ASSERT_TRUE(change_sessions_per_week_target(*s.st, who, 1 + pick(6)));
      }
      const int kind = pick(4);  // 0: none, 1: only this week, 2: stopped weeks ago, 3: ongoing
      const int weeks = kind == 0 ? 0 : kind == 1 ? 1 : 2 + pick(19);
      const int gap_days = kind == 2 ? 15 + pick(30) : 0;
      const bool painful = pick(2) == 0;
      for (int day = weeks * 7 - 1; day >= 0; --day) {
        if (kind == 1 && day > 3) continue;
        if (pick(7) >= 3 + (kind == 3 ? pick(4) : 0)) continue;
        const core::UnixMillis start = kNow - (day + gap_days) * core::kDayMs - pick(12) * 3'600'000LL;
        auto info = core::testing::session(store::new_uid(), start);
        info.person_id = who;
        ASSERT_TRUE(s.st->start_session(info));
        for (int c = 0; c < 1 + pick(3); ++c) {
          const bool pain = painful && pick(2) == 0;
          auto ci = core::testing::check_in(info.uid, start + 60'000 * (c + 1), regions[pick(painful ? 2 : 4)],
                                            sides[pick(3)], pick(11),
                                            pain ? core::Quality::kSharp : core::Quality::kGoodHurt);
          ci.uid = store::new_uid();
          ASSERT_TRUE(s.st->record_check_in(ci));
        }
      }
      // Acknowledge some of the alerts in force.
      auto p = progress(*s.st, ProgressQuery{who, kNow, tz, 0});
      ASSERT_TRUE(p);
      for (const auto& a : p->alerts) {
        if (pick(2) == 0) {
          ASSERT_TRUE(acknowledge_alert(*s.st, ProgressQuery{who, kNow, tz, 0}, a.id));
        }
      }
    }
    ASSERT_TRUE(leave_trainer(*s.st, people.back(), s.trainer, kNow));
    const auto want = dashboard_from_progress(*s.st, s.trainer, kNow, tz);
    auto got = dashboard(*s.st, s.trainer, kNow, tz);
    ASSERT_TRUE(got) << got.error().message;
    ASSERT_EQ(got->size(), want.size());
    EXPECT_EQ(got->size(), people.size() - 1);
    for (std::size_t i = 0; i < want.size(); ++i) {
      SCOPED_TRACE("entry " + std::to_string(i) + ": " + want[i].client.name);
      EXPECT_EQ((*got)[i].client.client_id, want[i].client.client_id);
      EXPECT_EQ((*got)[i].client.name, want[i].client.name);
      EXPECT_EQ((*got)[i].client.since_ms, want[i].client.since_ms);
      EXPECT_EQ((*got)[i].status, want[i].status);
      EXPECT_EQ((*got)[i].last_session_ms, want[i].last_session_ms);
      ASSERT_EQ((*got)[i].reasons.size(), want[i].reasons.size());
      for (std::size_t r = 0; r < want[i].reasons.size(); ++r) {
        EXPECT_EQ((*got)[i].reasons[r].kind, want[i].reasons[r].kind);
        EXPECT_EQ((*got)[i].reasons[r].text, want[i].reasons[r].text);
        ++kinds_seen[want[i].reasons[r].kind + (want[i].reasons[r].text == "rolling this week" ? "-week" : "")];
      }
    }
  }
  // The rounds met every reason, so the comparison covered each.
  for (const char* kind : {"pain-alert", "inactive", "below-target", "on-track", "not-shared"}) {
    EXPECT_GT(kinds_seen[kind], 0) << kind;
  }
}

// ---- templates and assignments -------------------------------------------------------------------------------------

TEST(TrainerServiceTest, TemplatesAreCheckedLikeSavedRoutinesWithTheSameWords) {
  Studio s;
  const auto& c = builtin_catalog();
  auto no_steps = create_template(*s.st, c, s.trainer, "Empty", core::Routine{}, "", kNow);
  auto saved_no_steps = save_routine(*s.st, c, s.trainer, "Empty", core::Routine{}, kNow);
  ASSERT_FALSE(no_steps);
  ASSERT_FALSE(saved_no_steps);
  EXPECT_EQ(no_steps.error().message, saved_no_steps.error().message);
  EXPECT_EQ(no_steps.error().field, "routine.steps");

  auto broken = planned();
  broken.steps[0].tool = "a-tool-nobody-has";
  auto t = create_template(*s.st, c, s.trainer, "Broken", broken, "", kNow);
  auto r = save_routine(*s.st, c, s.trainer, "Broken", broken, kNow);
  ASSERT_FALSE(t);
  ASSERT_FALSE(r);
  EXPECT_EQ(t.error().message, r.error().message);
  EXPECT_EQ(t.error().field, r.error().field);

  for (const std::string& name :
       std::vector<std::string>{"", std::string(61, 'x'), "0123456789abcdef0123456789abcdef"}) {
    auto bad = create_template(*s.st, c, s.trainer, name, planned(), "", kNow);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "name");
    EXPECT_EQ(bad.error().message, routine_name(name).error().message);
  }
  auto long_note = create_template(*s.st, c, s.trainer, "Long", planned(), std::string(kMaxNoteChars + 1, 'n'), kNow);
  ASSERT_FALSE(long_note);
  EXPECT_EQ(long_note.error().field, "note");
  EXPECT_TRUE(create_template(*s.st, c, s.trainer, "Note", planned(), "two\nlines", kNow));

  ASSERT_TRUE(create_template(*s.st, c, s.trainer, "Morning", planned(), "", kNow));
  auto dup = create_template(*s.st, c, s.trainer, "MORNING", planned(), "", kNow);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, Error::Code::kConflict);
  // Another trainer may use the name.
  EXPECT_TRUE(create_template(*s.st, c, s.idle_trainer, "Morning", planned(), "", kNow));
  // Only trainers keep templates.
  auto person = create_template(*s.st, c, s.client, "Mine", planned(), "", kNow);
  ASSERT_FALSE(person);
  EXPECT_EQ(person.error().code, Error::Code::kNotFound);
}

TEST(TrainerServiceTest, AssigningChecksEveryClientBeforeWritingAnyCopy) {
  Studio s;
  const auto& c = builtin_catalog();
  s.link(s.trainer, s.client, {});
  auto tpl = create_template(*s.st, c, s.trainer, "Morning", planned(), "Slowly", kNow);
  ASSERT_TRUE(tpl);
  auto r = assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client, s.other}, std::nullopt, kNow);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Error::Code::kNotFound);
  EXPECT_EQ(r.error().field, "clients[1]");
  EXPECT_TRUE(s.st->assignments_of_client(s.client)->empty());
  auto twice = assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client, s.client}, std::nullopt, kNow);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "clients");
  auto none = assign_template(*s.st, c, s.trainer, tpl->record.uid, {}, std::nullopt, kNow);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "clients");

  s.link(s.trainer, s.other, {});
  auto ok = assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client, s.other}, std::nullopt, kNow);
  ASSERT_TRUE(ok) << ok.error().message;
  ASSERT_EQ(ok->assignments.size(), 2u);
  for (const auto who : {s.client, s.other}) {
    auto mine = assignments(*s.st, c, who);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1u);
    EXPECT_EQ((*mine)[0].record.note, "Slowly");
    EXPECT_EQ((*mine)[0].trainer_name, "tess");
    EXPECT_EQ((*mine)[0].assigned, tpl->routine);
  }
  EXPECT_NE(s.st->assignments_of_client(s.client)->front().uid, s.st->assignments_of_client(s.other)->front().uid);
}

// Property: whichever copies were started, an edit of the template reaches exactly the others.
TEST(TrainerServiceTest, EditingATemplateReachesOnlyTheCopiesNotYetStarted) {
  const auto& c = builtin_catalog();
  for (unsigned started_bits = 0; started_bits < 8; ++started_bits) {
    SCOPED_TRACE("started " + std::to_string(started_bits));
    Studio s;
    const auto third = add_account(*s.st, "cleo", store::Role::kPerson);
    const std::vector<core::PersonId> people{s.client, s.other, third};
    for (const auto p : people) s.link(s.trainer, p, {});
    const auto first = planned(10);
    auto tpl = create_template(*s.st, c, s.trainer, "Morning", first, "Slowly", kNow);
    ASSERT_TRUE(tpl);
    ASSERT_TRUE(assign_template(*s.st, c, s.trainer, tpl->record.uid, people, std::nullopt, kNow));
    ASSERT_TRUE(
        assign_template(*s.st, c, s.trainer, tpl->record.uid, {third}, std::string("Your own note"), kNow + 10));
    std::vector<std::string> copy;  // each person's copy of the first assignment
    for (const auto p : people) {
      const auto theirs = s.st->assignments_of_client(p);
      ASSERT_TRUE(theirs);
      for (const auto& a : *theirs) {
        if (a.note == "Slowly") copy.push_back(a.uid);
      }
    }
    ASSERT_EQ(copy.size(), people.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
      if ((started_bits & (1U << i)) == 0) continue;
      auto started = start_assignment(*s.st, c, people[i], copy[i], {}, 0, kNow + 15);
      ASSERT_TRUE(started) << started.error().message;
      auto a = s.st->assignment(copy[i]);
      ASSERT_TRUE(a && *a);
      EXPECT_EQ((*a)->started_session_uid, started->live->uid());
    }
    const auto second = planned(20);
    ASSERT_NE(second, first);
    auto edit = update_template(*s.st, c, s.trainer, tpl->record.uid, "Evening", second, "Gently", kNow + 20);
    ASSERT_TRUE(edit) << edit.error().message;
    int expected_updates = 1;  // the third person's second copy is never started
    for (std::size_t i = 0; i < people.size(); ++i) {
      const bool started = (started_bits & (1U << i)) != 0;
      if (!started) ++expected_updates;
      const auto now = s.st->assignment(copy[i])->value();
      EXPECT_EQ(now.name, started ? "Morning" : "Evening") << i;
      EXPECT_EQ(now.note, started ? "Slowly" : "Gently") << i;
      auto routine = assignment_routine(*s.st, people[i], now.uid);
      ASSERT_TRUE(routine);
      EXPECT_EQ(*routine, started ? first : second) << i;
    }
    const auto own_note = s.st->assignments_of_client(third)->front();  // newest first
    ASSERT_NE(own_note.uid, copy[2]);
    EXPECT_EQ(own_note.note, "Your own note") << "a note given at assignment stays";
    EXPECT_EQ(own_note.name, "Evening");
    EXPECT_EQ(edit->copies_updated, expected_updates);
  }
}

// An assignment with a step that is unsafe for the client (an open wound on the region of its first step) comes out
// of the client's gate changed, with rule ids; the trainer learns how many steps were adapted, and why only when the
// client shares the screening.
TEST(TrainerServiceTest, AnAssignmentPassesTheClientsGateAndTheTrainerLearnsWhyOnlyWithTheScreening) {
  const auto& c = builtin_catalog();
  const auto routine = planned(10);
  const auto wound = std::find_if(c.conditions().begin(), c.conditions().end(),
                                  [](const auto& cond) { return cond.block_named_area; });
  ASSERT_NE(wound, c.conditions().end());
  for (const bool screening : {false, true}) {
    SCOPED_TRACE(screening ? "screening shared" : "screening not shared");
    Studio s;
    store::Sharing sh;
    sh.screening = screening;
    s.link(s.trainer, s.client, sh);
    core::Profile p;
    p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
    p.conditions = {wound->id};
    p.named_areas = {{wound->id, routine.steps[0].region, routine.steps[0].side}};
    ASSERT_TRUE(save_profile(*s.st, c, s.client, p, kNow));
    auto tpl = create_template(*s.st, c, s.trainer, "Morning", routine, "See you Friday", kNow);
    ASSERT_TRUE(tpl);
    auto given = assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow);
    ASSERT_TRUE(given);

    // The client: from their trainer, the note, the routine as gated, each change with its rule ids.
    auto mine = assignments(*s.st, c, s.client);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1u);
    const auto& a = (*mine)[0];
    EXPECT_EQ(a.trainer_name, "tess");
    EXPECT_EQ(a.record.note, "See you Friday");
    ASSERT_TRUE(a.gated) << a.refused->message;
    ASSERT_FALSE(a.gated->changes.empty());
    const auto direct = gate(*s.st, c, s.client, routine);
    ASSERT_TRUE(direct);
    EXPECT_EQ(a.gated->changes, direct->changes);
    EXPECT_EQ(a.gated->routine, direct->routine);
    for (const auto& ch : a.gated->changes) {
      EXPECT_EQ(ch.step, 0);
      EXPECT_FALSE(ch.rules.empty());
      for (const auto& step : a.gated->routine.steps) {
        EXPECT_FALSE(step.region == routine.steps[0].region && step.side == routine.steps[0].side &&
                     step.exercise == routine.steps[0].exercise && step.tool == routine.steps[0].tool)
            << "the unsafe step is played as assigned";
      }
    }

    // The trainer: a count; why only with the screening.
    auto detail = template_detail(*s.st, c, s.trainer, tpl->record.uid);
    ASSERT_TRUE(detail);
    ASSERT_EQ(detail->assignments.size(), 1u);
    const auto& seen = detail->assignments[0];
    ASSERT_TRUE(seen.adapted);
    EXPECT_EQ(*seen.adapted, static_cast<int>(direct->changes.size()));
    EXPECT_EQ(seen.changes.has_value(), screening);
    if (screening) {
      EXPECT_EQ(*seen.changes, direct->changes);
    }

    // Starting it plays the gated routine, and marks the copy started.
    auto started = start_assignment(*s.st, c, s.client, a.record.uid, {}, 0, kNow);
    ASSERT_TRUE(started) << started.error().message;
    EXPECT_EQ(started->routine, direct->routine);
    EXPECT_EQ(started->changes, direct->changes);
  }
}

// A warning sign stops the client's assignment (with the advice) and tells the trainer nothing of it.
TEST(TrainerServiceTest, AWarningSignStopsTheAssignmentForTheClientAndIsNeverShownToTheTrainer) {
  const auto& c = builtin_catalog();
  ASSERT_FALSE(c.red_flags().empty());
  Studio s;
  s.link(s.trainer, s.client, sharing_of(15));  // everything but the screening
  ASSERT_TRUE(record_warning(*s.st, c, s.client, ActiveWarning{c.red_flags().front().id, kNow, ""}));
  auto tpl = create_template(*s.st, c, s.trainer, "Morning", planned(), "", kNow);
  ASSERT_TRUE(tpl);
  ASSERT_TRUE(assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow));
  auto mine = assignments(*s.st, c, s.client);
  ASSERT_TRUE(mine);
  ASSERT_FALSE((*mine)[0].gated);
  ASSERT_TRUE((*mine)[0].refused);
  EXPECT_EQ((*mine)[0].refused->code, Error::Code::kStop);
  auto started = start_assignment(*s.st, c, s.client, (*mine)[0].record.uid, {}, 0, kNow);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Error::Code::kStop);
  EXPECT_FALSE(s.st->assignment((*mine)[0].record.uid).value()->started_session_uid);

  auto detail = template_detail(*s.st, c, s.trainer, tpl->record.uid);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->assignments.size(), 1u);
  EXPECT_EQ(detail->assignments[0].adapted, std::optional<int>(0)) << "judged by conditions only";
  EXPECT_FALSE(detail->assignments[0].changes);
}

TEST(TrainerServiceTest, DeletingATemplateLeavesTheClientsCopies) {
  Studio s;
  const auto& c = builtin_catalog();
  s.link(s.trainer, s.client, {});
  auto tpl = create_template(*s.st, c, s.trainer, "Morning", planned(), "", kNow);
  ASSERT_TRUE(tpl);
  ASSERT_TRUE(assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow));
  ASSERT_TRUE(delete_template(*s.st, s.trainer, tpl->record.uid));
  EXPECT_TRUE(templates(*s.st, s.trainer)->empty());
  auto mine = assignments(*s.st, c, s.client);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->size(), 1u);
  auto gone = template_detail(*s.st, c, s.trainer, tpl->record.uid);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, Error::Code::kNotFound);
}

// ---- the trainer's own exercises ------------------------------------------------------------------------------

// A catalog exercise written as a trainer writes their own: the fields of a catalog [[exercise]] entry, as JSON.
boost::json::object entry_of(const core::Exercise& x) {
  const auto strings = [](const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& s : v) a.emplace_back(s);
    return a;
  };
  boost::json::array contexts;
  for (const auto c : x.contexts) contexts.emplace_back(core::to_string(c));
  boost::json::object dose{{"sets", x.dose.sets}, {"set_s", x.dose.set_s}};
  if (x.dose.hold_s) dose["hold_s"] = *x.dose.hold_s;
  if (x.dose.pass_s) dose["pass_s"] = *x.dose.pass_s;
  boost::json::object o{{"id", x.id},
                        {"name", x.name},
                        {"region", x.region},
                        {"tools", strings(x.tools)},
                        {"position", core::to_string(x.position)},
                        {"level", core::to_string(x.level)},
                        {"contexts", std::move(contexts)},
                        {"hands_free", x.hands_free},
                        {"summary", x.summary},
                        {"steps", strings(x.steps)},
                        {"cues", strings(x.cues)},
                        {"mistakes", strings(x.mistakes)},
                        {"lighter", x.lighter},
                        {"stronger", x.stronger},
                        {"techniques", strings(x.techniques)},
                        {"dose", std::move(dose)},
                        {"unsafe_for", strings(x.unsafe_for)},
                        {"rules", strings(x.evidence.rules)},
                        {"sources", strings(x.evidence.sources)}};
  if (x.move) o["move"] = boost::json::object{{"reps", x.move->reps}, {"cue", x.move->cue}};
  return o;
}

// The same entry as TOML text (JSON strings, numbers and booleans are TOML's too; objects become inline tables).
std::string toml_of(const boost::json::value& v) {
  if (v.is_array()) {
    std::string out = "[";
    for (const auto& el : v.as_array()) out += (out.size() == 1 ? "" : ", ") + toml_of(el);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{ ";
    bool first = true;
    for (const auto& [k, el] : v.as_object()) {
      out += (first ? "" : ", ") + std::string(k) + " = " + toml_of(el);
      first = false;
    }
    return out + " }";
  }
  return boost::json::serialize(v);
}
std::string toml_entry(const boost::json::object& o) {
  std::string out = "[[exercise]]\n";
  for (const auto& [k, v] : o) out += std::string(k) + " = " + toml_of(v) + "\n";
  return out;
}

// (entry, field, message) of each problem, without file and line (a file has lines, JSON has none).
using Said = std::multiset<std::tuple<std::string, std::string, std::string>>;
Said said(const std::vector<catalog::CatalogError>& errors) {
  Said out;
  for (const auto& e : errors) out.emplace(e.entry, e.field, e.message);
  return out;
}

// The catalog's own exercises, renamed, read back exactly as the catalog loader read them.
TEST(TrainerExerciseTest, EveryCatalogExerciseWrittenAsATrainersOwnReadsBackTheSame) {
  const auto& c = builtin_catalog();
  boost::json::array entries;
  for (const auto& x : c.exercises()) {
    auto e = entry_of(x);
    e["id"] = "own-" + x.id;
    entries.push_back(std::move(e));
  }
  auto read = catalog::read_exercises_json(entries, c, "exercises");
  ASSERT_TRUE(read) << (read.error().empty() ? "" : read.error()[0].to_string());
  ASSERT_EQ(read->size(), c.exercises().size());
  for (std::size_t i = 0; i < read->size(); ++i) {
    auto expected = c.exercises()[i];
    expected.id = "own-" + expected.id;
    EXPECT_EQ(json::to_json((*read)[i]), json::to_json(expected)) << expected.id;
  }
}

// Each way to get an exercise wrong gets the very words the catalog loader gives the same entry in a file.
TEST(TrainerExerciseTest, AWrongExerciseGetsTheCatalogLoadersOwnWords) {
  const auto& c = builtin_catalog();
  const auto& base = c.exercises().front();
  const auto* roller = c.find_tool("foam-roller-medium");
  ASSERT_NE(roller, nullptr);
  std::string unsuited_region;  // a region the medium roller does not suit
  for (const auto& r : c.regions()) {
    if (std::find(roller->suits.begin(), roller->suits.end(), r.id) == roller->suits.end()) unsuited_region = r.id;
  }
  ASSERT_FALSE(unsuited_region.empty());
  std::string forbidden_region, forbidden_tool;  // a never-roll zone forbids this tool on this region
  for (const auto& r : c.regions()) {
    for (const auto& t : c.tools()) {
      for (const auto& nr : r.never_roll) {
        for (const auto& sel : nr.forbid) {
          if (forbidden_region.empty() && sel.matches(t)) {
            forbidden_region = r.id;
            forbidden_tool = t.id;
          }
        }
      }
    }
  }
  ASSERT_FALSE(forbidden_region.empty());

  using Change = std::function<void(boost::json::object&)>;
  const std::vector<std::pair<std::string, Change>> mistakes{
      {"no name", [](auto& o) { o.erase("name"); }},
      {"a misspelt region", [](auto& o) { o["region"] = "calvs"; }},
      {"no tools", [](auto& o) { o["tools"] = boost::json::array{}; }},
      {"an unknown tool", [](auto& o) { o["tools"] = boost::json::array{"foam-roler-medium"}; }},
      {"a tool that does not suit the region",
       [&](auto& o) {
         o["region"] = unsuited_region;
         o["tools"] = boost::json::array{"foam-roller-medium"};
       }},
      {"a tool a never-roll zone forbids",
       [&](auto& o) {
         o["region"] = forbidden_region;
         o["tools"] = boost::json::array{forbidden_tool};
       }},
      {"a set too long", [](auto& o) { o["dose"].as_object()["set_s"] = 600; }},
      {"a hold without hold_s",
       [](auto& o) {
         o["techniques"] = boost::json::array{"hold"};
         o["dose"].as_object().erase("hold_s");
       }},
      {"an unknown condition", [](auto& o) { o["unsafe_for"] = boost::json::array{"not-a-condition"}; }},
      {"no evidence", [](auto& o) { o["rules"] = boost::json::array{}; }},
      {"a misspelt field", [](auto& o) { o["cuess"] = o["cues"]; }},
      {"a bad id", [](auto& o) { o["id"] = "My Exercise"; }},
      {"a position that does not fit a context",
       [](auto& o) {
         o["position"] = "floor-back";
         o["contexts"] = boost::json::array{"seated"};
       }},
      {"yes as text", [](auto& o) { o["hands_free"] = "yes"; }},
  };
  for (const auto& [what, change] : mistakes) {
    SCOPED_TRACE(what);
    auto entry = entry_of(base);
    entry["id"] = "own-exercise";
    change(entry);
    auto own = catalog::read_exercises_json(boost::json::array{entry}, c, "exercises");
    ASSERT_FALSE(own);
    auto files = catalog::builtin_catalog_files();
    files.push_back(catalog::SourceFile{"<built-in>/zz-trainer.toml", toml_entry(entry)});
    auto whole = catalog::load_catalog(files, "<built-in>");
    ASSERT_FALSE(whole);
    EXPECT_EQ(said(own.error()), said(whole.error()));
    for (const auto& e : own.error()) EXPECT_EQ(e.file, "exercises[0]");
  }
}

TEST(TrainerExerciseTest, AnOwnExerciseTakesNoIdOfTheCatalogNorOfAnotherOwn) {
  const auto& c = builtin_catalog();
  auto taken = entry_of(c.exercises().front());
  auto own = catalog::read_exercises_json(boost::json::array{taken}, c, "exercises");
  ASSERT_FALSE(own);
  ASSERT_EQ(own.error().size(), 1u);
  EXPECT_EQ(own.error()[0].field, "id");
  EXPECT_EQ(own.error()[0].message, "duplicate id; first defined at the catalog");

  auto a = entry_of(c.exercises().front());
  a["id"] = "own-one";
  auto twice = catalog::read_exercises_json(boost::json::array{a, a}, c, "exercises");
  ASSERT_FALSE(twice);
  ASSERT_EQ(twice.error().size(), 1u);
  EXPECT_EQ(twice.error()[0].file, "exercises[1]");
  EXPECT_EQ(twice.error()[0].message, "duplicate id; first defined at exercises[0]");
}

TEST(TrainerExerciseTest, ATemplateNamesEachProblemOfAnOwnExerciseByItsPlace) {
  Studio s;
  const auto& c = builtin_catalog();
  auto good = entry_of(c.exercises().front());
  good["id"] = "own-good";
  auto bad = good;
  bad["id"] = "own-bad";
  bad["dose"].as_object()["set_s"] = 600;
  bad.erase("name");
  auto tpl = create_template(*s.st, c, s.trainer, "Mine", planned(), "", kNow, boost::json::array{good, bad});
  ASSERT_FALSE(tpl);
  EXPECT_EQ(tpl.error().code, Error::Code::kInvalid);
  std::set<std::string> fields;
  for (const auto& p : tpl.error().problems) fields.insert(p.field);
  EXPECT_TRUE(fields.count("exercises[1].name"));
  EXPECT_TRUE(fields.count("exercises[1].dose.set_s"));
  for (const auto& f : fields) EXPECT_EQ(f.rfind("exercises[1].", 0), 0u) << f << ": only the bad one is named";
  EXPECT_THAT(tpl.error().message, HasSubstr("R1: a set lasts 20-120 s"));
  EXPECT_TRUE(templates(*s.st, s.trainer)->empty()) << "nothing is kept";

  // A step with an own exercise the template does not carry does not hold together, as a saved routine's.
  auto routine = planned();
  routine.steps[0].exercise = "own-missing";
  auto missing = create_template(*s.st, c, s.trainer, "Mine", routine, "", kNow, boost::json::array{good});
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().field, HasSubstr("routine.steps[0]"));
}

// The trainer's twin of every exercise of a routine (the same fields under another id), and the routine played
// with the twins.
struct Twins {
  boost::json::array entries;
  core::Routine routine;
  std::map<std::string, std::string> original;  // twin id -> catalog id
};
Twins twins_of(const core::Catalog& c, const core::Routine& routine) {
  Twins t;
  t.routine = routine;
  std::set<std::string> done;
  for (auto& step : t.routine.steps) {
    const std::string twin = "own-" + step.exercise;
    if (done.insert(step.exercise).second) {
      auto e = entry_of(*c.find_exercise(step.exercise));
      e["id"] = twin;
      t.entries.push_back(std::move(e));
      t.original[twin] = step.exercise;
    }
    step.exercise = twin;
  }
  return t;
}

// Safety stays with the client for the trainer's own exercises too: whatever the client's condition, an own
// exercise is kept, replaced or removed exactly as the catalog exercise with the same fields would be, with the
// same reasons and rule ids, and what is played breaks none of the client's rules.
TEST(TrainerExerciseTest, TheClientsGateTreatsAnOwnExerciseExactlyAsTheCatalogOne) {
  const auto& c = builtin_catalog();
  const auto routine = planned(20);
  const auto twins = twins_of(c, routine);
  const auto to_catalog = [&](std::string id) {
    const auto it = twins.original.find(id);
    return it == twins.original.end() ? id : it->second;
  };
  int changed = 0;
  for (const auto& cond : c.conditions()) {
    SCOPED_TRACE(cond.id);
    Studio s;
    s.link(s.trainer, s.client, sharing_of(31));
    core::Profile p;
    p.tools = {"foam-roller-medium", "lacrosse-ball", "foam-roller-soft"};
    p.conditions = {cond.id};
    if (cond.block_named_area) p.named_areas = {{cond.id, routine.steps[0].region, routine.steps[0].side}};
    ASSERT_TRUE(save_profile(*s.st, c, s.client, p, kNow));
    auto catalog_tpl = create_template(*s.st, c, s.trainer, "Catalog", routine, "", kNow);
    ASSERT_TRUE(catalog_tpl) << catalog_tpl.error().message;
    auto own_tpl = create_template(*s.st, c, s.trainer, "Own", twins.routine, "", kNow, twins.entries);
    ASSERT_TRUE(own_tpl) << own_tpl.error().message;
    ASSERT_TRUE(assign_template(*s.st, c, s.trainer, catalog_tpl->record.uid, {s.client}, std::nullopt, kNow));
    ASSERT_TRUE(assign_template(*s.st, c, s.trainer, own_tpl->record.uid, {s.client}, std::nullopt, kNow));
    auto mine = assignments(*s.st, c, s.client);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 2u);
    const auto& own = (*mine)[0].record.template_uid == own_tpl->record.uid ? (*mine)[0] : (*mine)[1];
    const auto& cat = (*mine)[0].record.template_uid == own_tpl->record.uid ? (*mine)[1] : (*mine)[0];
    EXPECT_EQ(own.own.size(), twins.entries.size()) << "the client sees the instructions of each";
    ASSERT_EQ(own.gated.has_value(), cat.gated.has_value());
    if (!cat.gated) {
      EXPECT_EQ(own.refused->code, cat.refused->code);
      EXPECT_EQ(own.refused->message, cat.refused->message);
      continue;
    }
    auto played = own.gated->routine;
    for (auto& step : played.steps) step.exercise = to_catalog(step.exercise);
    EXPECT_EQ(played, cat.gated->routine);
    auto changes = own.gated->changes;
    for (auto& ch : changes) {
      ch.from_exercise = to_catalog(ch.from_exercise);
      ch.to_exercise = to_catalog(ch.to_exercise);
    }
    EXPECT_EQ(changes, cat.gated->changes);
    changed += cat.gated->changed() ? 1 : 0;

    // What is played of the own routine breaks none of the client's rules, judged with the own exercises.
    auto safety = person_safety(*s.st, c, s.client);
    ASSERT_TRUE(safety);
    const auto with_own = core::with_exercises(c, own.own);
    for (const auto& step : own.gated->routine.steps) {
      EXPECT_TRUE(core::step_problems(with_own, safety->screening, step, own.gated->routine.context).empty())
          << step.exercise;
    }
    // The trainer's count of adapted steps is the same for both.
    auto own_detail = template_detail(*s.st, c, s.trainer, own_tpl->record.uid);
    auto cat_detail = template_detail(*s.st, c, s.trainer, catalog_tpl->record.uid);
    ASSERT_TRUE(own_detail && cat_detail);
    EXPECT_EQ(own_detail->assignments.at(0).adapted, cat_detail->assignments.at(0).adapted);
  }
  EXPECT_GT(changed, 0) << "no condition changed the routine: the property was not tried";
}

TEST(TrainerExerciseTest, OwnExercisesTravelWithTheCopyAndAreNotPlayedLiveYet) {
  Studio s;
  const auto& c = builtin_catalog();
  s.link(s.trainer, s.client, {});
  const auto twins = twins_of(c, planned());
  auto tpl = create_template(*s.st, c, s.trainer, "Own", twins.routine, "", kNow, twins.entries);
  ASSERT_TRUE(tpl) << tpl.error().message;
  EXPECT_EQ(tpl->own.entries, twins.entries);
  ASSERT_TRUE(assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow));
  ASSERT_TRUE(delete_template(*s.st, s.trainer, tpl->record.uid));
  auto mine = assignments(*s.st, c, s.client);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  ASSERT_EQ((*mine)[0].own.size(), twins.entries.size()) << "the copy keeps them when the template is gone";
  for (const auto& x : (*mine)[0].own) EXPECT_EQ(x.cues, c.find_exercise(twins.original.at(x.id))->cues) << x.id;
  auto started = start_assignment(*s.st, c, s.client, (*mine)[0].record.uid, {}, 0, kNow);
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Error::Code::kInvalid);
  EXPECT_THAT(started.error().message, HasSubstr("own exercises"));
  EXPECT_FALSE(s.st->assignment((*mine)[0].record.uid).value()->started_session_uid);
}

// A trainer keeps their own exercises (checked as the catalog's) and names them in templates, which take a copy.
TEST(TrainerExerciseTest, ATrainerKeepsOwnExercisesAndATemplateStepNamingOneTakesACopy) {
  Studio s;
  const auto& c = builtin_catalog();
  auto routine = planned();
  const auto& original = *c.find_exercise(routine.steps[0].exercise);
  auto entry = entry_of(original);
  entry["id"] = "tess-sweep";
  entry["name"] = "Tess's sweep";

  // Only a trainer keeps them; the words are the other trainer functions'.
  for (const auto who : {s.client, core::PersonId{999}}) {
    auto refused = add_trainer_exercise(*s.st, c, who, entry, kNow);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Error::Code::kNotFound);
    EXPECT_THAT(refused.error().message, HasSubstr("trainer role"));
  }
  auto bad = entry;
  bad["dose"].as_object()["set_s"] = 5;
  auto refused = add_trainer_exercise(*s.st, c, s.trainer, bad, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "dose.set_s");
  EXPECT_THAT(refused.error().message, HasSubstr("R1: a set lasts 20-120 s"));

  auto kept = add_trainer_exercise(*s.st, c, s.trainer, entry, kNow);
  ASSERT_TRUE(kept) << kept.error().message;
  auto twice = add_trainer_exercise(*s.st, c, s.trainer, entry, kNow);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "id");
  EXPECT_THAT(twice.error().message, HasSubstr("duplicate id; first defined at your exercises"));
  // Another trainer's library is theirs: the same id is free for them, and the first one's is not theirs to see.
  EXPECT_TRUE(add_trainer_exercise(*s.st, c, s.idle_trainer, entry, kNow));
  auto theirs = update_trainer_exercise(*s.st, c, s.idle_trainer, kept->uid, entry);
  ASSERT_FALSE(theirs);
  EXPECT_EQ(theirs.error().code, Error::Code::kNotFound);
  EXPECT_EQ(theirs.error().message, "uid: no exercise \"" + kept->uid + "\" of yours")
      << "the same words as for one that does not exist";
  EXPECT_EQ(error_of(update_trainer_exercise(*s.st, c, s.idle_trainer, "nope", entry))->message,
            "uid: no exercise \"nope\" of yours");

  auto library = trainer_exercises(*s.st, c, s.trainer);
  ASSERT_TRUE(library);
  ASSERT_EQ(library->size(), 1u);
  EXPECT_EQ((*library)[0].entry, entry) << "kept as TOML, read back as written";
  ASSERT_TRUE((*library)[0].exercise);
  EXPECT_EQ((*library)[0].exercise->name, "Tess's sweep");

  // A step names it: the template carries a copy, and so does the client's.
  s.link(s.trainer, s.client, {});
  routine.steps[0].exercise = "tess-sweep";
  auto tpl = create_template(*s.st, c, s.trainer, "Mine", routine, "", kNow);
  ASSERT_TRUE(tpl) << tpl.error().message;
  ASSERT_EQ(tpl->own.entries.size(), 1u);
  EXPECT_EQ(tpl->own.entries[0], entry);
  ASSERT_TRUE(assign_template(*s.st, c, s.trainer, tpl->record.uid, {s.client}, std::nullopt, kNow));

  // Changing the kept one leaves the template and the copy as they were.
  auto changed = entry;
  changed["name"] = "Tess's new sweep";
  auto updated = update_trainer_exercise(*s.st, c, s.trainer, kept->uid, changed);
  ASSERT_TRUE(updated) << updated.error().message;
  EXPECT_EQ(updated->created_ms, kept->created_ms);
  EXPECT_EQ(trainer_exercises(*s.st, c, s.trainer)->at(0).entry, changed);
  auto detail = template_detail(*s.st, c, s.trainer, tpl->record.uid);
  ASSERT_TRUE(detail) << detail.error().message;
  EXPECT_EQ(detail->own.exercises.at(0).name, "Tess's sweep");
  auto mine = assignments(*s.st, c, s.client);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->at(0).own.size(), 1u);
  EXPECT_EQ(mine->at(0).own[0].name, "Tess's sweep");
  ASSERT_TRUE(mine->at(0).gated) << mine->at(0).refused->message;

  // A template saved after takes the new one.
  auto later = create_template(*s.st, c, s.trainer, "Later", routine, "", kNow);
  ASSERT_TRUE(later) << later.error().message;
  EXPECT_EQ(later->own.entries.at(0), changed);

  // Not in the library nor given: a step naming it does not hold together, as an unknown exercise.
  routine.steps[0].exercise = "tess-nothing";
  auto missing = create_template(*s.st, c, s.trainer, "Other", routine, "", kNow);
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().field, HasSubstr("routine.steps[0]"));
}

}  // namespace
}  // namespace smr::service
