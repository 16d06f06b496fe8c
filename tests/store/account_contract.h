#pragma once
// The accounts part of the Store contract (store.h, "Accounts, trainers and clients"; docs/accounts.md) as a
// typed test suite, instantiated beside StoreContractTest with the same factory:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccountStoreContractTest, SqliteFactory);
//
// A factory that can open a second store on the database of its last make() provides
//
//   static std::unique_ptr<smr::store::Store> another();
//
// and then the races run too: two connections accepting one invitation, counting attempts of one key, adding
// one login. Without it (MemoryStore: one object, one thread) they are skipped.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "store/store.h"
#include "store_contract.h"

namespace smr::store::account_contract {

using contract::describe;
using contract::fails_with;
using contract::hex_uid;
using contract::is_ok;
using core::PersonId;
using core::UnixMillis;
using store::Account;
using store::Assignment;
using store::AuthSession;
using store::Invitation;
using store::Result;
using store::Role;
using store::RoutineTemplate;
using store::Sharing;
using store::Status;
using store::Store;
using store::TrainerLink;
using Code = Error::Code;

// A 64-hex-digit hash from a small number, as a store keeps them.
inline std::string hash_of(unsigned n) {
  std::string out(64, 'c');
  for (std::size_t i = out.size(); n > 0 && i > 0; --i, n /= 16) out[i - 1] = "0123456789abcdef"[n % 16];
  return out;
}

inline Account account(PersonId person, const std::string& login, Role role = Role::kPerson,
                       UnixMillis created_ms = 1'000) {
  return Account{person,     login,       "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$" + login, role, created_ms,
                 created_ms, std::nullopt};
}

// Its token hash is made from the id: one per session.
inline AuthSession auth_session(const std::string& id, PersonId person, UnixMillis created_ms) {
  std::string token_hash(64, 'e');
  token_hash.replace(64 - id.size(), id.size(), id);
  return AuthSession{id,
                     token_hash,
                     person,
                     created_ms,
                     created_ms,
                     created_ms + 14LL * 86'400'000,
                     "Chromium on Linux \"kiosk\" — ü",
                     std::nullopt};
}

inline Invitation invitation(unsigned n, PersonId trainer, UnixMillis created_ms = 2'000) {
  return Invitation{hash_of(n), trainer, created_ms, created_ms + 7 * 86'400'000, std::nullopt, std::nullopt};
}

inline TrainerLink link(PersonId trainer, PersonId client, UnixMillis created_ms, Sharing sharing = {}) {
  return TrainerLink{trainer, client, created_ms, std::nullopt, sharing};
}

inline RoutineTemplate routine_template(const std::string& uid, PersonId trainer, const std::string& name,
                                        UnixMillis at_ms = 3'000) {
  return RoutineTemplate{uid, trainer, name, contract::kRoutineJson, "Slow passes.\nStop if it tingles.", at_ms, at_ms};
}

inline Assignment assignment(const std::string& uid, const std::string& template_uid, PersonId trainer, PersonId client,
                             UnixMillis created_ms) {
  return Assignment{uid,        template_uid, trainer,    client,      "Desk reset", contract::kRoutineJson,
                    "From Sam", created_ms,   created_ms, std::nullopt};
}

}  // namespace smr::store::account_contract

template <typename Factory>
class AccountStoreContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Factory::make();
    if (!store_) GTEST_SKIP() << "the factory gave no store (backend not available)";
  }
  void TearDown() override {
    store_.reset();
    if constexpr (requires { Factory::cleanup(); }) Factory::cleanup();
  }
  smr::store::Store& store() { return *store_; }

  // A second store on the same database (another connection), or nullptr when the backend has none.
  std::unique_ptr<smr::store::Store> another() {
    if constexpr (requires { Factory::another(); }) {
      return Factory::another();
    } else {
      return nullptr;
    }
  }

  // Adds a person with an account; returns the person's id.
  smr::core::PersonId person_with_account(const std::string& login, smr::store::Role role = smr::store::Role::kPerson) {
    const auto a = store().add_account("Person " + login, smr::store::account_contract::account(0, login, role));
    EXPECT_TRUE(smr::store::contract::is_ok(a));
    return a ? a->person_id : 0;
  }

 private:
  std::unique_ptr<smr::store::Store> store_;
};

TYPED_TEST_SUITE_P(AccountStoreContractTest);

// ---- accounts ----

TYPED_TEST_P(AccountStoreContractTest, AnAccountWithANewPersonAddsBothAndReadsBackByIdAndLogin) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const auto before = s.people();
  ASSERT_TRUE(is_ok(before));
  const auto added = s.add_account("Sam Ödegaard", account(0, "sam", Role::kTrainer, 5'000));
  ASSERT_TRUE(is_ok(added));
  EXPECT_GT(added->person_id, 0);
  const auto person = s.person(added->person_id);
  ASSERT_TRUE(is_ok(person));
  EXPECT_EQ(person->name, "Sam Ödegaard");
  EXPECT_EQ(person->created_ms, 5'000);
  EXPECT_EQ(s.people()->size(), before->size() + 1);
  Account expected = account(added->person_id, "sam", Role::kTrainer, 5'000);
  EXPECT_EQ(*added, expected);
  EXPECT_EQ(s.account(added->person_id).value(), std::optional<Account>(expected));
  EXPECT_EQ(s.account_by_login("sam").value(), std::optional<Account>(expected));
  EXPECT_EQ(s.account_by_login("SAM").value(), std::nullopt) << "logins compare as stored";
  EXPECT_EQ(s.account(999).value(), std::nullopt);
}

TYPED_TEST_P(AccountStoreContractTest, AnAccountAttachesToAnExistingPersonRenamedOnlyWhenANameIsGiven) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const auto local = s.person(smr::core::kLocalPersonId);
  ASSERT_TRUE(is_ok(local));
  const auto kept = s.add_account("", account(smr::core::kLocalPersonId, "me"));
  ASSERT_TRUE(is_ok(kept));
  EXPECT_EQ(kept->person_id, smr::core::kLocalPersonId);
  EXPECT_EQ(s.person(smr::core::kLocalPersonId)->name, local->name) << "no name given: the person keeps theirs";
  EXPECT_EQ(s.people()->size(), 1u) << "attaching added a person";
  // A second journal's local person, attached with a name: renamed (the first account's "--name").
  const auto other = s.add_person("Other", 5);
  ASSERT_TRUE(is_ok(other));
  const auto named = s.add_account("Ana Trainer", account(other->id, "ana"));
  ASSERT_TRUE(is_ok(named));
  EXPECT_EQ(s.person(other->id)->name, "Ana Trainer");
  EXPECT_EQ(s.people()->size(), 2u);
}

TYPED_TEST_P(AccountStoreContractTest, AccountsAreListedByPersonId) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId b = this->person_with_account("bea");
  const PersonId c = this->person_with_account("abe");
  ASSERT_TRUE(is_ok(s.add_account("", account(smr::core::kLocalPersonId, "zed"))));
  const auto all = s.accounts();
  ASSERT_TRUE(is_ok(all));
  std::vector<PersonId> ids;
  for (const auto& a : *all) ids.push_back(a.person_id);
  EXPECT_EQ(ids, (std::vector<PersonId>{smr::core::kLocalPersonId, b, c}));
}

TYPED_TEST_P(AccountStoreContractTest, AddingAnAccountIsRefusedForATakenLoginAPersonWithOneOrAnUnknownPerson) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  const auto people = s.people()->size();
  EXPECT_TRUE(fails_with(s.add_account("Other Sam", account(0, "sam")), Code::kConflict));
  EXPECT_TRUE(fails_with(s.add_account("", account(smr::core::kLocalPersonId, "sam")), Code::kConflict));
  EXPECT_TRUE(fails_with(s.add_account("", account(sam, "sam2")), Code::kConflict));
  EXPECT_TRUE(fails_with(s.add_account("", account(999, "nobody")), Code::kNotFound));
  EXPECT_TRUE(fails_with(s.add_account("Blank", account(0, "")), Code::kInvalid));
  EXPECT_TRUE(fails_with(s.add_account("", account(0, "noname")), Code::kInvalid));
  EXPECT_EQ(s.people()->size(), people) << "a refused account added its person";
  EXPECT_EQ(s.accounts()->size(), 1u);
  EXPECT_EQ(s.account_by_login("sam2").value(), std::nullopt);
  EXPECT_EQ(s.account_by_login("sam")->value().person_id, sam);
}

TYPED_TEST_P(AccountStoreContractTest, UpdatingAnAccountReplacesItsFieldsAndRefusesATakenLogin) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  this->person_with_account("kim");
  Account changed = account(sam, "samuel", Role::kAdmin, 1'000);
  changed.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$bmV3$bmV3";
  changed.password_changed_ms = 9'000;
  changed.disabled_ms = 10'000;
  ASSERT_TRUE(is_ok(s.update_account(changed)));
  EXPECT_EQ(s.account(sam).value(), std::optional<Account>(changed));
  EXPECT_EQ(s.account_by_login("sam").value(), std::nullopt);
  changed.disabled_ms.reset();
  ASSERT_TRUE(is_ok(s.update_account(changed)));
  EXPECT_EQ(s.account(sam).value(), std::optional<Account>(changed)) << "re-enabling is an update too";

  Account taken = changed;
  taken.login = "kim";
  EXPECT_TRUE(fails_with(s.update_account(taken), Code::kConflict));
  taken.login = "";
  EXPECT_TRUE(fails_with(s.update_account(taken), Code::kInvalid));
  EXPECT_EQ(s.account(sam).value(), std::optional<Account>(changed)) << "a refused update changed the account";
  EXPECT_TRUE(fails_with(s.update_account(account(999, "ghost")), Code::kNotFound));
  EXPECT_TRUE(fails_with(s.update_account(account(smr::core::kLocalPersonId, "me")), Code::kNotFound))
      << "a person without an account";
}

// ---- signed-in sessions ----

TYPED_TEST_P(AccountStoreContractTest, SignedInSessionsAreFoundByTokenAndListedNewestFirstUntilEnded) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  const PersonId kim = this->person_with_account("kim");
  // Added out of order; two share a creation time (ties by id, descending).
  for (const auto& [id, at] : std::vector<std::pair<std::string, UnixMillis>>{
           {"s-b", 2'000}, {"s-d", 4'000}, {"s-a", 1'000}, {"s-c", 4'000}}) {
    ASSERT_TRUE(is_ok(s.add_auth_session(auth_session(id, sam, at)))) << id;
  }
  ASSERT_TRUE(is_ok(s.add_auth_session(auth_session("k-1", kim, 3'000))));
  const auto listed = s.auth_sessions(sam);
  ASSERT_TRUE(is_ok(listed));
  std::vector<std::string> ids;
  for (const auto& a : *listed) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"s-d", "s-c", "s-b", "s-a"}));
  const AuthSession expected = auth_session("s-b", sam, 2'000);
  EXPECT_EQ(s.auth_session_by_token(expected.token_hash).value(), std::optional<AuthSession>(expected));
  EXPECT_EQ(s.auth_session_by_token(hash_of(4242)).value(), std::nullopt);

  ASSERT_TRUE(is_ok(s.end_auth_session("s-b", 5'000)));
  ASSERT_TRUE(is_ok(s.end_auth_session("s-b", 6'000)));
  const auto ended = s.auth_session_by_token(expected.token_hash);
  ASSERT_TRUE(is_ok(ended) && ended->has_value()) << "an ended session is still found by its token";
  EXPECT_EQ((*ended)->ended_ms, std::optional<UnixMillis>(5'000)) << "ending again kept the first end time";
  EXPECT_EQ(s.auth_sessions(sam)->size(), 3u);
  EXPECT_EQ(s.auth_sessions(kim)->size(), 1u);
}

TYPED_TEST_P(AccountStoreContractTest, TouchingASessionSetsItsLastUse) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  const AuthSession a = auth_session("s-1", sam, 1'000);
  ASSERT_TRUE(is_ok(s.add_auth_session(a)));
  ASSERT_TRUE(is_ok(s.touch_auth_session("s-1", 77'000)));
  AuthSession expected = a;
  expected.last_used_ms = 77'000;
  EXPECT_EQ(s.auth_session_by_token(a.token_hash).value(), std::optional<AuthSession>(expected));
  EXPECT_TRUE(fails_with(s.touch_auth_session("nope", 1), Code::kNotFound));
  EXPECT_TRUE(fails_with(s.end_auth_session("nope", 1), Code::kNotFound));
}

TYPED_TEST_P(AccountStoreContractTest, EndingAllOfAPersonsSessionsKeepsTheOneAskedAndCountsTheEnded) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  const PersonId kim = this->person_with_account("kim");
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(is_ok(s.add_auth_session(auth_session("s-" + std::to_string(i), sam, 1'000 * i))));
  }
  ASSERT_TRUE(is_ok(s.add_auth_session(auth_session("k-1", kim, 1'000))));
  ASSERT_TRUE(is_ok(s.end_auth_session("s-1", 5'000)));
  const auto ended = s.end_auth_sessions(sam, 9'000, std::string("s-3"));
  ASSERT_TRUE(is_ok(ended));
  EXPECT_EQ(*ended, 2) << "s-2 and s-4: s-1 had ended, s-3 is kept";
  const auto left = s.auth_sessions(sam);
  ASSERT_TRUE(is_ok(left));
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().id, "s-3");
  EXPECT_EQ(s.auth_session_by_token(auth_session("s-1", sam, 1'000).token_hash)->value().ended_ms,
            std::optional<UnixMillis>(5'000))
      << "a session that had ended kept its end time";
  EXPECT_EQ(s.auth_session_by_token(auth_session("s-2", sam, 2'000).token_hash)->value().ended_ms,
            std::optional<UnixMillis>(9'000));
  EXPECT_EQ(s.auth_sessions(kim)->size(), 1u) << "another person's session ended";
  EXPECT_EQ(s.end_auth_sessions(sam, 10'000, std::nullopt).value(), 1);
  EXPECT_TRUE(s.auth_sessions(sam)->empty());
  EXPECT_EQ(s.end_auth_sessions(sam, 11'000, std::nullopt).value(), 0);
}

TYPED_TEST_P(AccountStoreContractTest, ASessionWithATakenIdOrTokenOrWithoutAnAccountIsRefused) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId sam = this->person_with_account("sam");
  const AuthSession a = auth_session("s-1", sam, 1'000);
  ASSERT_TRUE(is_ok(s.add_auth_session(a)));
  AuthSession same_id = auth_session("s-1", sam, 2'000);
  same_id.token_hash = hash_of(7);
  EXPECT_TRUE(fails_with(s.add_auth_session(same_id), Code::kConflict));
  AuthSession same_token = auth_session("s-2", sam, 2'000);
  same_token.token_hash = a.token_hash;
  EXPECT_TRUE(fails_with(s.add_auth_session(same_token), Code::kConflict));
  EXPECT_TRUE(fails_with(s.add_auth_session(auth_session("s-3", smr::core::kLocalPersonId, 1)), Code::kNotFound))
      << "a person without an account";
  EXPECT_TRUE(fails_with(s.add_auth_session(auth_session("s-4", 999, 1)), Code::kNotFound));
  const auto listed = s.auth_sessions(sam);
  ASSERT_TRUE(is_ok(listed));
  EXPECT_EQ(*listed, std::vector<AuthSession>{a}) << "a refused session changed what is stored";
}

// ---- attempt counters ----

// Against a model of fixed windows, over random attempt times of a few keys: count_attempt returns how many
// attempts the key has in the window that holds now (the first attempt after a window ended starts the next),
// attempts() the same without counting, clear_attempts starts over.
TYPED_TEST_P(AccountStoreContractTest, AttemptsAreCountedPerKeyInFixedWindows) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  constexpr UnixMillis kWindow = 15 * 60'000;
  struct Model {
    UnixMillis start = 0;
    int count = 0;
  };
  std::map<std::string, Model> model;
  std::mt19937 gen(19);
  std::uniform_int_distribution<int> key_of(0, 2);
  std::uniform_int_distribution<UnixMillis> gap(0, kWindow / 3);
  std::uniform_int_distribution<int> action(0, 19);
  UnixMillis now = 1'700'000'000'000;
  int restarted = 0;
  for (int i = 0; i < 150; ++i) {
    now += gap(gen);
    const std::string key = "login:sam|10.0.0." + std::to_string(key_of(gen));
    Model& m = model[key];
    const bool in_window = m.count > 0 && now - m.start < kWindow;
    const int a = action(gen);
    if (a == 0) {
      ASSERT_TRUE(is_ok(s.clear_attempts(key)));
      m = Model{};
      continue;
    }
    if (a == 1) {
      EXPECT_EQ(s.attempts(key, now, kWindow).value(), in_window ? m.count : 0) << key << " at " << now;
      continue;
    }
    if (!in_window) {
      restarted += m.count > 0 ? 1 : 0;
      m = Model{now, 0};
    }
    ++m.count;
    const auto counted = s.count_attempt(key, now, kWindow);
    ASSERT_TRUE(is_ok(counted));
    EXPECT_EQ(*counted, m.count) << key << " at " << now;
    EXPECT_EQ(s.attempts(key, now, kWindow).value(), m.count);
    EXPECT_EQ(s.attempts(key, m.start + kWindow, kWindow).value(), 0) << "the window ends window_ms after its start";
    EXPECT_EQ(s.attempts(key, m.start + kWindow - 1, kWindow).value(), m.count);
  }
  EXPECT_GT(restarted, 3) << "the sequence never restarted a window: the test would not see a stale count";
  EXPECT_EQ(s.attempts("never", now, kWindow).value(), 0);
  ASSERT_TRUE(is_ok(s.clear_attempts("never")));
  EXPECT_TRUE(fails_with(s.count_attempt("k", now, 0), Code::kInvalid));
  EXPECT_TRUE(fails_with(s.attempts("k", now, -1), Code::kInvalid));
}

// ---- invitations and trainer links ----

TYPED_TEST_P(AccountStoreContractTest, AnInvitationReadsBackAndItsHashIsUnique) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, trainer))));
  EXPECT_EQ(s.invitation(hash_of(1)).value(), std::optional<Invitation>(invitation(1, trainer)));
  EXPECT_EQ(s.invitation(hash_of(2)).value(), std::nullopt);
  EXPECT_TRUE(fails_with(s.add_invitation(invitation(1, trainer, 9'000)), Code::kConflict));
  EXPECT_EQ(s.invitation(hash_of(1))->value().created_ms, 2'000) << "the refused invitation replaced the stored one";
  EXPECT_TRUE(fails_with(s.add_invitation(invitation(3, 999)), Code::kNotFound));
  EXPECT_EQ(s.invitation(hash_of(3)).value(), std::nullopt);
}

TYPED_TEST_P(AccountStoreContractTest, AcceptingAnInvitationUsesItOnceAndLinksTheClient) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  const PersonId bob = this->person_with_account("bob");
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, trainer))));
  ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(1), 5'000, link(trainer, ann, 5'000))));
  Invitation used = invitation(1, trainer);
  used.used_ms = 5'000;
  used.used_by = ann;
  EXPECT_EQ(s.invitation(hash_of(1)).value(), std::optional<Invitation>(used));
  EXPECT_EQ(s.trainer_link(trainer, ann).value(), std::optional<TrainerLink>(link(trainer, ann, 5'000)));

  EXPECT_TRUE(fails_with(s.accept_invitation(hash_of(1), 6'000, link(trainer, bob, 6'000)), Code::kConflict));
  EXPECT_TRUE(fails_with(s.accept_invitation(hash_of(9), 6'000, link(trainer, bob, 6'000)), Code::kNotFound));
  EXPECT_EQ(s.invitation(hash_of(1)).value(), std::optional<Invitation>(used)) << "a refused accept changed it";
  EXPECT_EQ(s.trainer_link(trainer, bob).value(), std::nullopt) << "a refused accept linked the client";
}

TYPED_TEST_P(AccountStoreContractTest, ARefusedAcceptChangesNothing) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId other = this->person_with_account("other", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, trainer))));
  ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(1), 5'000, link(trainer, ann, 5'000))));
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(2, trainer))));
  // The link is active already; the link names another trainer; the client does not exist.
  EXPECT_TRUE(fails_with(s.accept_invitation(hash_of(2), 6'000, link(trainer, ann, 6'000)), Code::kConflict));
  EXPECT_TRUE(fails_with(s.accept_invitation(hash_of(2), 6'000, link(other, ann, 6'000)), Code::kInvalid));
  EXPECT_TRUE(fails_with(s.accept_invitation(hash_of(2), 6'000, link(trainer, 999, 6'000)), Code::kNotFound));
  EXPECT_EQ(s.invitation(hash_of(2)).value(), std::optional<Invitation>(invitation(2, trainer)))
      << "a refused accept used the invitation";
  EXPECT_EQ(s.trainer_link(trainer, ann).value(), std::optional<TrainerLink>(link(trainer, ann, 5'000)));
  EXPECT_EQ(s.trainer_link(other, ann).value(), std::nullopt);
}

TYPED_TEST_P(AccountStoreContractTest, AnEndedLinkIsKeptAndANewInvitationReopensItWithItsValues) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, trainer))));
  ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(1), 5'000, link(trainer, ann, 5'000, Sharing{true, true}))));
  ASSERT_TRUE(is_ok(s.end_trainer_link(trainer, ann, 8'000)));
  TrainerLink ended = link(trainer, ann, 5'000, Sharing{true, true});
  ended.ended_ms = 8'000;
  EXPECT_EQ(s.trainer_link(trainer, ann).value(), std::optional<TrainerLink>(ended));
  EXPECT_TRUE(fails_with(s.end_trainer_link(trainer, ann, 9'000), Code::kNotFound)) << "ending an ended link";
  EXPECT_TRUE(fails_with(s.set_sharing(trainer, ann, Sharing{true}), Code::kNotFound)) << "sharing on an ended link";
  EXPECT_EQ(s.trainer_link(trainer, ann).value(), std::optional<TrainerLink>(ended));

  ASSERT_TRUE(is_ok(s.add_invitation(invitation(2, trainer))));
  ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(2), 20'000, link(trainer, ann, 20'000))));
  EXPECT_EQ(s.trainer_link(trainer, ann).value(), std::optional<TrainerLink>(link(trainer, ann, 20'000)))
      << "re-opened with the new link's values: nothing shared until the client chooses again";
  EXPECT_EQ(s.clients_of(trainer)->size(), 1u);
}

TYPED_TEST_P(AccountStoreContractTest, LinksAreListedOldestFirstFromEitherSideEndedOnesToo) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId t1 = this->person_with_account("t1", Role::kTrainer);
  const PersonId t2 = this->person_with_account("t2", Role::kTrainer);
  const PersonId a = this->person_with_account("a");
  const PersonId b = this->person_with_account("b");
  const PersonId c = this->person_with_account("c");
  // (trainer, client, created): two of t1's clients share a creation time (ties by client id).
  const std::vector<std::tuple<PersonId, PersonId, UnixMillis>> made{
      {t1, c, 3'000}, {t1, a, 1'000}, {t2, a, 2'000}, {t1, b, 3'000}, {t2, c, 500}};
  unsigned n = 1;
  for (const auto& [trainer, client, at] : made) {
    ASSERT_TRUE(is_ok(s.add_invitation(invitation(n, trainer))));
    ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(n), at, link(trainer, client, at))));
    ++n;
  }
  ASSERT_TRUE(is_ok(s.end_trainer_link(t1, a, 4'000)));
  auto clients = [](const std::vector<TrainerLink>& links) {
    std::vector<PersonId> out;
    for (const auto& l : links) out.push_back(l.client_id);
    return out;
  };
  auto trainers = [](const std::vector<TrainerLink>& links) {
    std::vector<PersonId> out;
    for (const auto& l : links) out.push_back(l.trainer_id);
    return out;
  };
  EXPECT_EQ(clients(s.clients_of(t1).value()), (std::vector<PersonId>{a, b, c}));
  EXPECT_EQ(clients(s.clients_of(t2).value()), (std::vector<PersonId>{c, a}));
  EXPECT_EQ(trainers(s.trainers_of(a).value()), (std::vector<PersonId>{t1, t2}));
  EXPECT_EQ(trainers(s.trainers_of(c).value()), (std::vector<PersonId>{t2, t1}));
  EXPECT_TRUE(s.clients_of(a)->empty());
  EXPECT_EQ(s.clients_of(t1)->front().ended_ms, std::optional<UnixMillis>(4'000));
  EXPECT_EQ(s.trainer_link(t2, b).value(), std::nullopt);
}

TYPED_TEST_P(AccountStoreContractTest, EachSharingCategoryIsStoredOnItsOwn) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, trainer))));
  ASSERT_TRUE(is_ok(s.accept_invitation(hash_of(1), 5'000, link(trainer, ann, 5'000))));
  // Every one of the 32 combinations reads back as set: no category is stored in another's column.
  for (unsigned bits = 0; bits < 32; ++bits) {
    const Sharing sharing{(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0, (bits & 16) != 0};
    ASSERT_TRUE(is_ok(s.set_sharing(trainer, ann, sharing))) << bits;
    const auto got = s.trainer_link(trainer, ann);
    ASSERT_TRUE(is_ok(got) && got->has_value());
    EXPECT_EQ((*got)->sharing, sharing) << bits;
  }
  EXPECT_TRUE(fails_with(s.set_sharing(trainer, 999, Sharing{}), Code::kNotFound));
  EXPECT_TRUE(fails_with(s.end_trainer_link(ann, trainer, 1), Code::kNotFound)) << "the pair the other way round";
}

// ---- templates and assignments ----

TYPED_TEST_P(AccountStoreContractTest, TemplatesAreSavedReplacedListedByNameAndDeleted) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId t1 = this->person_with_account("t1", Role::kTrainer);
  const PersonId t2 = this->person_with_account("t2", Role::kTrainer);
  ASSERT_TRUE(is_ok(s.save_template(routine_template("u3", t1, "Runner"))));
  ASSERT_TRUE(is_ok(s.save_template(routine_template("u1", t1, "desk"))));
  ASSERT_TRUE(is_ok(s.save_template(routine_template("u2", t1, "Runner"))));
  ASSERT_TRUE(is_ok(s.save_template(routine_template("u4", t2, "Apple"))));
  auto uids = [](const std::vector<RoutineTemplate>& ts) {
    std::vector<std::string> out;
    for (const auto& t : ts) out.push_back(t.uid);
    return out;
  };
  // By name as bytes ("Runner" before "desk"), then uid.
  EXPECT_EQ(uids(s.templates(t1).value()), (std::vector<std::string>{"u2", "u3", "u1"}));
  EXPECT_EQ(uids(s.templates(t2).value()), (std::vector<std::string>{"u4"}));

  RoutineTemplate edited = routine_template("u1", t1, "Desk reset", 3'000);
  edited.note = "New note";
  edited.updated_ms = 9'000;
  ASSERT_TRUE(is_ok(s.save_template(edited)));
  EXPECT_EQ(s.routine_template("u1").value(), std::optional<RoutineTemplate>(edited));
  EXPECT_TRUE(fails_with(s.save_template(routine_template("u1", t2, "Stolen")), Code::kConflict));
  EXPECT_EQ(s.routine_template("u1").value(), std::optional<RoutineTemplate>(edited)) << "another trainer replaced it";
  EXPECT_TRUE(fails_with(s.save_template(routine_template("u9", 999, "Nobody's")), Code::kNotFound));

  ASSERT_TRUE(is_ok(s.delete_template("u1")));
  EXPECT_EQ(s.routine_template("u1").value(), std::nullopt);
  EXPECT_TRUE(fails_with(s.delete_template("u1"), Code::kNotFound));
  EXPECT_EQ(uids(s.templates(t1).value()), (std::vector<std::string>{"u2", "u3"}));
}

TYPED_TEST_P(AccountStoreContractTest, AssignmentsAreSavedReplacedAndListedNewestFirstPerClientAndTemplate) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  const PersonId bob = this->person_with_account("bob");
  ASSERT_TRUE(is_ok(s.save_template(routine_template("t-a", trainer, "A"))));
  ASSERT_TRUE(is_ok(s.save_template(routine_template("t-b", trainer, "B"))));
  ASSERT_TRUE(is_ok(s.save_assignment(assignment("x1", "t-a", trainer, ann, 1'000))));
  ASSERT_TRUE(is_ok(s.save_assignment(assignment("x3", "t-b", trainer, ann, 3'000))));
  ASSERT_TRUE(is_ok(s.save_assignment(assignment("x2", "t-a", trainer, ann, 3'000))));
  ASSERT_TRUE(is_ok(s.save_assignment(assignment("x4", "t-a", trainer, bob, 2'000))));
  auto uids = [](const std::vector<Assignment>& as) {
    std::vector<std::string> out;
    for (const auto& a : as) out.push_back(a.uid);
    return out;
  };
  EXPECT_EQ(uids(s.assignments_of_client(ann).value()), (std::vector<std::string>{"x3", "x2", "x1"}));
  EXPECT_EQ(uids(s.assignments_of_client(bob).value()), (std::vector<std::string>{"x4"}));
  EXPECT_EQ(uids(s.assignments_of_template("t-a").value()), (std::vector<std::string>{"x2", "x4", "x1"}));
  EXPECT_TRUE(s.assignments_of_client(trainer)->empty());

  Assignment started = assignment("x1", "t-a", trainer, ann, 1'000);
  started.started_session_uid = hex_uid(0x51);
  started.routine_json = R"({"steps": []})";
  started.updated_ms = 7'000;
  ASSERT_TRUE(is_ok(s.save_assignment(started)));
  EXPECT_EQ(s.assignment("x1").value(), std::optional<Assignment>(started));
  EXPECT_EQ(s.assignment("nope").value(), std::nullopt);
  EXPECT_TRUE(fails_with(s.save_assignment(assignment("x9", "t-a", trainer, 999, 1)), Code::kNotFound));
  EXPECT_TRUE(fails_with(s.save_assignment(assignment("x9", "t-a", 999, ann, 1)), Code::kNotFound));
  EXPECT_EQ(s.assignment("x9").value(), std::nullopt);

  ASSERT_TRUE(is_ok(s.delete_template("t-a")));
  EXPECT_EQ(uids(s.assignments_of_client(ann).value()), (std::vector<std::string>{"x3", "x2", "x1"}))
      << "a client's copies outlive the deleted template";
}

// ---- export ----

TYPED_TEST_P(AccountStoreContractTest, NothingOfAccountsIsExportedOrImported) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  const auto before = s.export_journal();
  ASSERT_TRUE(is_ok(before));
  ASSERT_TRUE(is_ok(s.add_account("", account(smr::core::kLocalPersonId, "me", Role::kTrainer))));
  ASSERT_TRUE(is_ok(s.add_auth_session(auth_session("s-1", smr::core::kLocalPersonId, 1'000))));
  ASSERT_TRUE(is_ok(s.count_attempt("k", 1'000, 60'000)));
  ASSERT_TRUE(is_ok(s.add_invitation(invitation(1, smr::core::kLocalPersonId))));
  ASSERT_TRUE(is_ok(s.save_template(routine_template("t", smr::core::kLocalPersonId, "T"))));
  ASSERT_TRUE(is_ok(s.save_assignment(assignment("x", "t", smr::core::kLocalPersonId, smr::core::kLocalPersonId, 1))));
  const auto after = s.export_journal();
  ASSERT_TRUE(is_ok(after));
  EXPECT_EQ(*after, *before);
  const auto summary = s.import_journal(*after);
  ASSERT_TRUE(is_ok(summary));
  EXPECT_EQ(summary->added, 0);
  EXPECT_EQ(s.account(smr::core::kLocalPersonId)->value().login, "me") << "an import touched the accounts";
}

// ---- races between connections ----

TYPED_TEST_P(AccountStoreContractTest, OfTwoConnectionsAcceptingOneInvitationExactlyOneWins) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  auto other = this->another();
  if (!other) GTEST_SKIP() << "this backend has no second connection to the same data";
  const PersonId trainer = this->person_with_account("coach", Role::kTrainer);
  const PersonId ann = this->person_with_account("ann");
  const PersonId bob = this->person_with_account("bob");
  constexpr unsigned kRounds = 20;
  for (unsigned n = 1; n <= kRounds; ++n) ASSERT_TRUE(is_ok(s.add_invitation(invitation(n, trainer))));
  for (unsigned n = 1; n <= kRounds; ++n) {
    std::atomic<int> ready{0};
    Status results[2];
    Store* stores[2] = {&s, other.get()};
    const PersonId clients[2] = {ann, bob};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready.load() < 2) {
        }
        results[i] = stores[i]->accept_invitation(hash_of(n), 1'000 * n, link(trainer, clients[i], 1'000 * n));
      });
    }
    for (auto& t : threads) t.join();
    const int won = (results[0] ? 1 : 0) + (results[1] ? 1 : 0);
    ASSERT_EQ(won, 1) << "round " << n << ": " << (results[0] ? "ok" : describe(results[0].error())) << " / "
                      << (results[1] ? "ok" : describe(results[1].error()));
    const int winner = results[0] ? 0 : 1;
    EXPECT_TRUE(fails_with(results[1 - winner], Code::kConflict)) << "round " << n;
    EXPECT_EQ(s.invitation(hash_of(n))->value().used_by, std::optional<PersonId>(clients[winner]));
    // The winner's link is active; the loser's is absent or (from an earlier round) ended again below.
    ASSERT_TRUE(is_ok(s.end_trainer_link(trainer, clients[winner], 1'000 * n + 1)));
    const auto loser = s.trainer_link(trainer, clients[1 - winner]);
    ASSERT_TRUE(is_ok(loser));
    EXPECT_TRUE(!loser->has_value() || (*loser)->ended_ms) << "round " << n << ": the loser was linked";
  }
}

TYPED_TEST_P(AccountStoreContractTest, AttemptsCountedFromTwoConnectionsAreEachCounted) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  auto other = this->another();
  if (!other) GTEST_SKIP() << "this backend has no second connection to the same data";
  constexpr int kEach = 60;
  constexpr UnixMillis kWindow = 3'600'000;
  std::vector<int> seen[2];
  std::vector<std::string> errors[2];
  Store* stores[2] = {&s, other.get()};
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < 2) {
      }
      for (int k = 0; k < kEach; ++k) {
        const auto r = stores[i]->count_attempt("address:10.1.2.3", 1'000'000 + k, kWindow);
        if (r) {
          seen[i].push_back(*r);
        } else {
          errors[i].push_back(describe(r.error()));
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(errors[0].empty() && errors[1].empty())
      << ::testing::PrintToString(errors[0]) << ::testing::PrintToString(errors[1]);
  // Atomic increments: every count from 1 to 2 * kEach is returned exactly once, whoever returned it.
  std::vector<int> all = seen[0];
  all.insert(all.end(), seen[1].begin(), seen[1].end());
  std::sort(all.begin(), all.end());
  std::vector<int> expected(2 * kEach);
  for (int k = 0; k < 2 * kEach; ++k) expected[static_cast<std::size_t>(k)] = k + 1;
  EXPECT_EQ(all, expected);
  EXPECT_EQ(s.attempts("address:10.1.2.3", 1'000'000 + kEach, kWindow).value(), 2 * kEach);
  EXPECT_EQ(other->attempts("address:10.1.2.3", 1'000'000 + kEach, kWindow).value(), 2 * kEach);
}

TYPED_TEST_P(AccountStoreContractTest, OfTwoConnectionsAddingOneLoginExactlyOneWins) {
  using namespace smr::store::account_contract;
  auto& s = this->store();
  auto other = this->another();
  if (!other) GTEST_SKIP() << "this backend has no second connection to the same data";
  constexpr int kRounds = 10;
  for (int n = 0; n < kRounds; ++n) {
    const std::string login = "racer" + std::to_string(n);
    Result<Account> results[2];
    Store* stores[2] = {&s, other.get()};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready.load() < 2) {
        }
        results[i] = stores[i]->add_account("Racer " + std::to_string(i), account(0, login));
      });
    }
    for (auto& t : threads) t.join();
    ASSERT_EQ((results[0] ? 1 : 0) + (results[1] ? 1 : 0), 1) << login;
    const int winner = results[0] ? 0 : 1;
    EXPECT_TRUE(fails_with(results[1 - winner], Code::kConflict)) << login;
    EXPECT_EQ(s.account_by_login(login)->value().person_id, results[winner]->person_id);
  }
  EXPECT_EQ(s.people()->size(), 1u + kRounds) << "a losing add left its person behind";
}

REGISTER_TYPED_TEST_SUITE_P(AccountStoreContractTest, AnAccountWithANewPersonAddsBothAndReadsBackByIdAndLogin,
                            AnAccountAttachesToAnExistingPersonRenamedOnlyWhenANameIsGiven, AccountsAreListedByPersonId,
                            AddingAnAccountIsRefusedForATakenLoginAPersonWithOneOrAnUnknownPerson,
                            UpdatingAnAccountReplacesItsFieldsAndRefusesATakenLogin,
                            SignedInSessionsAreFoundByTokenAndListedNewestFirstUntilEnded,
                            TouchingASessionSetsItsLastUse,
                            EndingAllOfAPersonsSessionsKeepsTheOneAskedAndCountsTheEnded,
                            ASessionWithATakenIdOrTokenOrWithoutAnAccountIsRefused,
                            AttemptsAreCountedPerKeyInFixedWindows, AnInvitationReadsBackAndItsHashIsUnique,
                            AcceptingAnInvitationUsesItOnceAndLinksTheClient, ARefusedAcceptChangesNothing,
                            AnEndedLinkIsKeptAndANewInvitationReopensItWithItsValues,
                            LinksAreListedOldestFirstFromEitherSideEndedOnesToo, EachSharingCategoryIsStoredOnItsOwn,
                            TemplatesAreSavedReplacedListedByNameAndDeleted,
                            AssignmentsAreSavedReplacedAndListedNewestFirstPerClientAndTemplate,
                            NothingOfAccountsIsExportedOrImported, OfTwoConnectionsAcceptingOneInvitationExactlyOneWins,
                            AttemptsCountedFromTwoConnectionsAreEachCounted,
                            OfTwoConnectionsAddingOneLoginExactlyOneWins);
