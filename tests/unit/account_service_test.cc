// service/account_service.h and service/password_policy.h (docs/accounts.md, issue 19): the password policy as
// properties, argon2id hashes, sign-in tokens (only their hash stored), the idle and absolute timeouts on an
// injected clock, throttling that cannot lock a person out, signing out everywhere else, password changes and
// disabling. On the in-memory store; hashes at kTestHashing so that the tests stay fast.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <semaphore>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "service/account_service.h"
#include "service/pairing_service.h"
#include "service/password_policy.h"
#include "store/memory/memory_store.h"

namespace smr::service {
namespace {

using Code = Error::Code;
using ::testing::HasSubstr;

constexpr core::UnixMillis kT0 = 1'800'000'000'000;
constexpr core::UnixMillis kMinute = 60'000;
constexpr core::UnixMillis kHour = 60 * kMinute;

// A password of `n` code points that breaks no other rule: a cycle of ASCII and two-byte characters.
std::string password_of(std::size_t n) {
  static const std::string parts[] = {"k", "é", "7", "ß", "q", "ø", "Z", "ñ", "m", "ü", "3"};
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += parts[i % std::size(parts)];
  return out;
}

// ---- the policy ----

TEST(PasswordPolicyTest, TheEmbeddedListHasSeveralHundredDistinctPasswordsOfEightOrMore) {
  const auto list = common_passwords();
  EXPECT_GE(list.size(), 300u);
  const std::set<std::string_view> distinct(list.begin(), list.end());
  EXPECT_EQ(distinct.size(), list.size()) << "a password is listed twice";
  for (const auto p : list) EXPECT_GE(code_points(p), kMinPasswordLength) << p << ": too short to be worth listing";
}

TEST(PasswordPolicyTest, EveryListedCommonPasswordIsRefusedInAnyCase) {
  for (const auto p : common_passwords()) {
    std::string upper(p);
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    for (const auto& candidate : {std::string(p), upper}) {
      const auto checked = check_password_policy(candidate, "someone");
      ASSERT_FALSE(checked) << candidate << " was accepted";
      EXPECT_EQ(checked.error().code, Code::kInvalid);
      EXPECT_EQ(checked.error().field, "password");
      EXPECT_THAT(checked.error().message, HasSubstr("one of the most common passwords")) << candidate;
    }
  }
}

TEST(PasswordPolicyTest, LengthIsEightToOneHundredTwentyEightCodePoints) {
  for (std::size_t n = 0; n <= 140; ++n) {
    const auto p = password_of(n);
    const auto checked = check_password_policy(p, "someone");
    const bool allowed = n >= 8 && n <= 128;
    EXPECT_EQ(static_cast<bool>(checked), allowed) << n << " code points (" << p.size() << " bytes)";
    if (!allowed && !checked) {
      EXPECT_EQ(checked.error().message,
                std::string(n < 8 ? "password: too short (" : "password: too long (") + std::to_string(n) +
                    " characters); choose 8 to 128 characters; a few unrelated words make a password that is long "
                    "and easy to remember");
    }
  }
}

TEST(PasswordPolicyTest, TheLoginItselfIsRefusedIgnoringCase) {
  for (const std::string login : {"ana.lopez", "trainer-joe", "someone@example.org"}) {
    std::string upper = login;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    for (const auto& p : {login, upper}) {
      const auto checked = check_password_policy(p, login);
      ASSERT_FALSE(checked) << p;
      EXPECT_THAT(checked.error().message, HasSubstr("the login itself"));
    }
    EXPECT_TRUE(check_password_policy(login + "-rolls-daily", login));
  }
}

TEST(PasswordPolicyTest, OneCharacterRepeatedIsRefusedAtEveryLength) {
  for (const std::string c : {"x", "7", "é", "€", "🙂"}) {
    for (std::size_t n = 8; n <= 128; n += 15) {
      std::string p;
      for (std::size_t i = 0; i < n; ++i) p += c;
      const auto checked = check_password_policy(p, "someone");
      ASSERT_FALSE(checked) << c << " x " << n;
      // Some are listed common passwords too ("xxxxxxxx"); the list's rule is checked first then.
      EXPECT_THAT(checked.error().message, HasSubstr(is_common_password(p) ? "most common" : "one character repeated"));
    }
  }
  EXPECT_TRUE(check_password_policy("xxxxxxxy", "someone"));
}

TEST(PasswordHashTest, VerifiesOnlyThePasswordItWasMadeFromAndCarriesItsParameters) {
  const auto hash = hash_password("correct horse battery", kTestHashing);
  ASSERT_TRUE(hash) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(*hash, "correct horse batterz"));
  EXPECT_FALSE(verify_password(*hash, ""));
  EXPECT_FALSE(verify_password("not a hash", "correct horse battery"));
  EXPECT_FALSE(needs_rehash(*hash, kTestHashing));
  EXPECT_TRUE(needs_rehash(*hash, kOwaspHashing));
  // The same password hashes differently each time (a new salt).
  EXPECT_NE(*hash, *hash_password("correct horse battery", kTestHashing));
}

TEST(PasswordHashTest, OwaspParametersAreArgon2idNineteenMebibytesTwoPasses) {
  const auto hash = hash_password("correct horse battery", kOwaspHashing);
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *hash;
}

// ---- accounts and sessions ----

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest() { options_.hashing = kTestHashing; }

  store::Account add(const std::string& login, const std::string& password = "rolling calves daily",
                     store::Role role = store::Role::kPerson) {
    auto a = add_user(store_, {login, "", role, password}, now_, options_);
    EXPECT_TRUE(a) << a.error().message;
    return a ? *a : store::Account{};
  }

  Result<SignedIn> sign(const std::string& login, const std::string& password,
                        const std::string& address = "10.0.0.1") {
    return sign_in(store_, {login, password, address, "Firefox on Linux"}, now_, options_);
  }

  store::MemoryStore store_;
  AccountOptions options_;
  core::UnixMillis now_ = kT0;
};

TEST_F(AccountServiceTest, FirstAccountIsTheLocalPersonAndLaterOnesAreNewPeople) {
  const auto first = add("Ana");
  EXPECT_EQ(first.person_id, core::kLocalPersonId);
  EXPECT_EQ(first.login, "ana");  // lower-cased
  // The local person ("me" until now) takes the account's name: a trainer added first is not "me" to clients.
  EXPECT_EQ(store_.person(core::kLocalPersonId)->name, "ana");
  const auto second = add("ben");
  EXPECT_NE(second.person_id, core::kLocalPersonId);
  EXPECT_EQ(store_.person(second.person_id)->name, "ben");
  const auto taken = add_user(store_, {" ANA ", "", store::Role::kPerson, "another long one"}, now_, options_);
  ASSERT_FALSE(taken);
  EXPECT_EQ(taken.error().code, Code::kConflict);
  EXPECT_EQ(taken.error().field, "login");
  EXPECT_EQ(list_users(store_)->size(), 2u);
}

TEST_F(AccountServiceTest, BadLoginsAndPasswordsAreRefusedNamingTheField) {
  for (const std::string& login :
       {std::string(), std::string("   "), std::string("ana lopez"), std::string("ana/x"), std::string(65, 'a')}) {
    const auto r = add_user(store_, {login, "", store::Role::kPerson, "rolling calves daily"}, now_, options_);
    ASSERT_FALSE(r) << login;
    EXPECT_EQ(r.error().field, "login");
  }
  const auto weak = add_user(store_, {"ana", "", store::Role::kPerson, "password1"}, now_, options_);
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "password");
}

TEST_F(AccountServiceTest, SignInGivesANewRandomTokenStoredOnlyAsItsHash) {
  add("ana");
  std::set<std::string> tokens;
  for (int i = 0; i < 5; ++i) {
    const auto s = sign("ana", "rolling calves daily");
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->token.size(), 64u);  // 256 bits as hex
    EXPECT_EQ(s->token.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(s->session.token_hash, sha256_hex(s->token));
    const auto stored = store_.auth_session_by_token(sha256_hex(s->token));
    ASSERT_TRUE(stored && *stored);
    EXPECT_NE((*stored)->token_hash, s->token);
    EXPECT_EQ((*stored)->expires_ms, now_ + options_.limits.max_ms);
    tokens.insert(s->token);
  }
  EXPECT_EQ(tokens.size(), 5u);
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownLoginGetTheSameAnswer) {
  add("ana");
  const auto wrong = sign("ana", "rolling calves weekly");
  const auto unknown = sign("nobody", "rolling calves daily");
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, Code::kSignedOut);
  EXPECT_EQ(wrong.error().code, unknown.error().code);
  EXPECT_EQ(wrong.error().field, unknown.error().field);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AccountServiceTest, IdleTimeoutCountsFromTheLastUse) {
  add("ana");
  for (const core::UnixMillis idle : {5 * kMinute, kHour, 24 * kHour}) {
    options_.limits.idle_ms = idle;
    const auto s = sign("ana", "rolling calves daily");
    ASSERT_TRUE(s);
    // Used just before each idle timeout, it lives on (well past the idle time from the sign-in)...
    core::UnixMillis t = now_;
    for (int i = 0; i < 3; ++i) {
      t += idle - 1;
      EXPECT_TRUE(authenticate(store_, s->token, t, options_.limits)) << idle << " use " << i;
    }
    // ...and left unused for the idle time, it ends, and stays ended.
    const auto late = authenticate(store_, s->token, t + idle, options_.limits);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, Code::kSignedOut);
    EXPECT_FALSE(authenticate(store_, s->token, t + 1, options_.limits));
    now_ = t + idle;
  }
}

TEST_F(AccountServiceTest, AbsoluteTimeoutEndsEvenASessionInUse) {
  add("ana");
  options_.limits = {kHour, 10 * kHour};
  const auto s = sign("ana", "rolling calves daily");
  ASSERT_TRUE(s);
  for (core::UnixMillis t = now_ + 30 * kMinute; t < now_ + 10 * kHour; t += 30 * kMinute) {
    ASSERT_TRUE(authenticate(store_, s->token, t, options_.limits)) << (t - now_) / kMinute << " min";
  }
  const auto expired = authenticate(store_, s->token, now_ + 10 * kHour, options_.limits);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, Code::kSignedOut);
  EXPECT_THAT(expired.error().message, HasSubstr("expired"));
}

TEST_F(AccountServiceTest, FailuresFromOneAddressNeverStopASignInFromAnother) {
  add("ana");
  // The attacker at A guesses until refused...
  int refused_after = 0;
  for (int i = 0; i < 20; ++i) {
    const auto r = sign("ana", "guess number " + std::to_string(i), "203.0.113.7");
    ASSERT_FALSE(r);
    if (r.error().code == Code::kTooManyAttempts) break;
    ++refused_after;
  }
  EXPECT_EQ(refused_after, kMaxFailuresPerLogin);
  // ...A is refused even with the right password (nothing is looked up)...
  const auto at_a = sign("ana", "rolling calves daily", "203.0.113.7");
  ASSERT_FALSE(at_a);
  EXPECT_EQ(at_a.error().code, Code::kTooManyAttempts);
  // ...and Ana signs in from her own device.
  EXPECT_TRUE(sign("ana", "rolling calves daily", "192.168.1.20"));
  // After the window, A may try again.
  now_ += kSignInWindowMs;
  EXPECT_TRUE(sign("ana", "rolling calves daily", "203.0.113.7"));
}

TEST_F(AccountServiceTest, AnAddressTryingManyLoginsIsRefusedForAllWhileOthersAreNot) {
  add("ana");
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    const auto r = sign("user" + std::to_string(i), "rolling calves daily", "203.0.113.7");
    ASSERT_FALSE(r);
    ASSERT_EQ(r.error().code, Code::kSignedOut) << i;
  }
  const auto next = sign("ana", "rolling calves daily", "203.0.113.7");
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().code, Code::kTooManyAttempts);
  EXPECT_TRUE(sign("ana", "rolling calves daily", "198.51.100.4"));
}

TEST_F(AccountServiceTest, ASuccessClearsTheCountOfItsLoginAndAddress) {
  add("ana");
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i + 1 < kMaxFailuresPerLogin; ++i) ASSERT_FALSE(sign("ana", "typo typo typo"));
    ASSERT_TRUE(sign("ana", "rolling calves daily")) << "round " << round;
  }
}

TEST_F(AccountServiceTest, SignOutEverywhereElseKeepsOnlyThisSession) {
  add("ana");
  add("ben");
  const auto here = sign("ana", "rolling calves daily");
  const auto phone = sign("ana", "rolling calves daily");
  const auto tablet = sign("ana", "rolling calves daily");
  const auto bens = sign("ben", "rolling calves daily");
  ASSERT_TRUE(here && phone && tablet && bens);
  EXPECT_EQ(list_auth_sessions(store_, here->account.person_id, now_)->size(), 3u);
  EXPECT_EQ(*end_other_sessions(store_, here->account.person_id, here->session.id, now_), 2);
  EXPECT_TRUE(authenticate(store_, here->token, now_));
  EXPECT_FALSE(authenticate(store_, phone->token, now_));
  EXPECT_FALSE(authenticate(store_, tablet->token, now_));
  EXPECT_TRUE(authenticate(store_, bens->token, now_)) << "another person's session ended";
  const auto left = list_auth_sessions(store_, here->account.person_id, now_);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().id, here->session.id);
}

TEST_F(AccountServiceTest, EndingAnotherPersonsSessionIsNotFound) {
  add("ana");
  add("ben");
  const auto ana = sign("ana", "rolling calves daily");
  const auto ben = sign("ben", "rolling calves daily");
  const auto r = end_auth_session(store_, ana->account.person_id, ben->session.id, now_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNotFound);
  EXPECT_TRUE(authenticate(store_, ben->token, now_));
  EXPECT_TRUE(end_auth_session(store_, ben->account.person_id, ben->session.id, now_));
  EXPECT_FALSE(authenticate(store_, ben->token, now_));
}

TEST_F(AccountServiceTest, PasswordChangeNeedsTheOldOneAndEndsEveryOtherSession) {
  const auto ana = add("ana");
  const auto here = sign("ana", "rolling calves daily");
  const auto phone = sign("ana", "rolling calves daily");
  const auto wrong_old = change_password(store_, ana.person_id, "rolling calves weekly", "foam roller evenings",
                                         here->session.id, "10.0.0.1", now_, options_);
  ASSERT_FALSE(wrong_old);
  EXPECT_EQ(wrong_old.error().field, "old_password");
  EXPECT_TRUE(authenticate(store_, phone->token, now_)) << "a refused change ended sessions";
  const auto weak = change_password(store_, ana.person_id, "rolling calves daily", "qwertyuiop", here->session.id,
                                    "10.0.0.1", now_, options_);
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field, "new_password");
  now_ += kMinute;
  const auto changed = change_password(store_, ana.person_id, "rolling calves daily", "foam roller evenings",
                                       here->session.id, "10.0.0.1", now_, options_);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->password_changed_ms, now_);
  EXPECT_TRUE(authenticate(store_, here->token, now_));
  EXPECT_FALSE(authenticate(store_, phone->token, now_));
  EXPECT_FALSE(sign("ana", "rolling calves daily"));
  EXPECT_TRUE(sign("ana", "foam roller evenings"));
}

TEST_F(AccountServiceTest, DisablingEndsEverySessionAndRefusesSignIn) {
  add("ana");
  const auto s = sign("ana", "rolling calves daily");
  const auto disabled = disable_user(store_, "ANA", now_);
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->disabled_ms, now_);
  EXPECT_FALSE(authenticate(store_, s->token, now_));
  const auto again = sign("ana", "rolling calves daily");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Code::kForbidden);
  // A wrong password does not learn that the account is disabled.
  EXPECT_EQ(sign("ana", "rolling calves weekly").error().code, Code::kSignedOut);
}

TEST_F(AccountServiceTest, RoleChangesAndUnknownLoginsAreNotFound) {
  add("ana");
  EXPECT_EQ(set_user_role(store_, "ana", store::Role::kTrainer)->role, store::Role::kTrainer);
  EXPECT_EQ(user_by_login(store_, "ana")->role, store::Role::kTrainer);
  const auto r = set_user_role(store_, "nobody", store::Role::kAdmin);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Code::kNotFound);
  EXPECT_EQ(r.error().field, "login");
}

TEST_F(AccountServiceTest, AWeakerStoredHashIsUpgradedAtSignIn) {
  const auto ana = add("ana");  // at kTestHashing
  options_.hashing = HashParams{2, 16u * 1024};
  ASSERT_TRUE(needs_rehash(ana.password_hash, options_.hashing));
  ASSERT_TRUE(sign("ana", "rolling calves daily"));
  const auto stored = user_by_login(store_, "ana");
  EXPECT_NE(stored->password_hash, ana.password_hash);
  EXPECT_FALSE(needs_rehash(stored->password_hash, options_.hashing));
  EXPECT_TRUE(sign("ana", "rolling calves daily"));
}

// ---- the cap on concurrent hashing ----

TEST(HashingGateTest, TheDefaultGateHasOneSlotPerHardwareThreadOrTwo) {
  const auto threads = std::thread::hardware_concurrency();
  EXPECT_EQ(default_hashing_gate()->slots(), threads == 0 ? 2 : static_cast<std::ptrdiff_t>(threads));
  EXPECT_EQ(default_hashing_gate(), default_hashing_gate()) << "one gate for the process";
  EXPECT_THROW(HashingGate(0), std::invalid_argument);
}

TEST(HashingGateTest, AtMostSlotsPermitsAreHeldAndAFreedOneIsGivenAgain) {
  for (const std::ptrdiff_t slots : {1, 2, 5}) {
    HashingGate gate(slots);
    std::vector<HashingGate::Permit> held;
    for (std::ptrdiff_t i = 0; i < slots; ++i) {
      auto p = gate.enter(std::chrono::milliseconds(0));
      ASSERT_TRUE(p) << "slot " << i + 1 << " of " << slots;
      held.push_back(std::move(*p));
    }
    EXPECT_FALSE(gate.enter(std::chrono::milliseconds(5))) << slots << " slots, all held";
    held.pop_back();
    EXPECT_TRUE(gate.enter(std::chrono::milliseconds(0))) << "a freed slot is given again";
  }
}

// With the cap at k and a verification that blocks until the test lets it go, k sign-ins run at once, the next
// one is refused kBusy (and not counted as a failure), and once they end sign-in works again.
TEST_F(AccountServiceTest, BeyondTheHashingCapASignInIsBusyAndWorksOnceASlotFrees) {
  add("ana");
  for (const std::ptrdiff_t cap : {1, 3}) {
    options_.gate = std::make_shared<HashingGate>(cap);
    options_.hashing_wait = std::chrono::milliseconds(20);
    std::counting_semaphore<> entered(0), release(0), finished(0);
    options_.verify = [&](const std::string& hash, std::string_view password) {
      entered.release();
      release.acquire();
      return verify_password(hash, password);
    };
    std::vector<Result<SignedIn>> results(static_cast<std::size_t>(cap), tl::unexpected(Error{}));
    std::vector<std::thread> slow;
    for (std::ptrdiff_t i = 0; i < cap; ++i) {
      // One at a time into the verification, so that the in-memory store is never used by two threads at once.
      slow.emplace_back([&, i] {
        results[static_cast<std::size_t>(i)] = sign("ana", "rolling calves daily");
        finished.release();
      });
      entered.acquire();
    }
    const auto busy = sign("ana", "rolling calves daily");
    ASSERT_FALSE(busy) << "cap " << cap;
    EXPECT_EQ(busy.error().code, Code::kBusy);
    EXPECT_EQ(busy.error().field, "password");
    EXPECT_THAT(busy.error().message, HasSubstr("try again"));
    EXPECT_EQ(*store_.attempts("login-address:10.0.0.1", now_, kSignInWindowMs), 0) << "a busy refusal counts nothing";
    for (std::ptrdiff_t i = 0; i < cap; ++i) {
      release.release();
      finished.acquire();
    }
    for (auto& t : slow) t.join();
    for (const auto& r : results) EXPECT_TRUE(r) << r.error().message;
    options_.verify = nullptr;
    EXPECT_TRUE(sign("ana", "rolling calves daily")) << "cap " << cap << ": the slots are free again";
  }
}

TEST_F(AccountServiceTest, PasswordChangeAndAddingAUserAreBusyWhileEverySlotIsHeld) {
  const auto ana = add("ana");
  const auto here = sign("ana", "rolling calves daily");
  options_.gate = std::make_shared<HashingGate>(1);
  options_.hashing_wait = std::chrono::milliseconds(5);
  {
    const auto held = options_.gate->enter(std::chrono::milliseconds(0));
    ASSERT_TRUE(held);
    const auto changed = change_password(store_, ana.person_id, "rolling calves daily", "foam roller evenings",
                                         here->session.id, "10.0.0.1", now_, options_);
    ASSERT_FALSE(changed);
    EXPECT_EQ(changed.error().code, Code::kBusy);
    EXPECT_EQ(changed.error().field, "old_password");
    const auto added = add_user(store_, {"ben", "", store::Role::kPerson, "another long one"}, now_, options_);
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, Code::kBusy);
  }
  EXPECT_TRUE(change_password(store_, ana.person_id, "rolling calves daily", "foam roller evenings", here->session.id,
                              "10.0.0.1", now_, options_));
}

// ---- throttling password changes ----

TEST_F(AccountServiceTest, WrongCurrentPasswordsAreThrottledPerPersonFromAnyAddressButSignInIsNot) {
  const auto ana = add("ana");
  const auto here = sign("ana", "rolling calves daily");
  const auto change = [&](const std::string& old_password, const std::string& address) {
    return change_password(store_, ana.person_id, old_password, "foam roller evenings", here->session.id, address, now_,
                           options_);
  };
  for (int i = 0; i < kMaxFailuresPerLogin; ++i) {
    // Each from another address: a session can be used from anywhere, so the count is the person's.
    const auto wrong = change("not it at all", "10.0.1." + std::to_string(i));
    ASSERT_FALSE(wrong);
    ASSERT_EQ(wrong.error().code, Code::kInvalid) << "attempt " << i + 1;
  }
  for (const auto* address : {"10.0.1.0", "10.9.9.9"}) {
    const auto refused = change("rolling calves daily", address);
    ASSERT_FALSE(refused) << address;
    EXPECT_EQ(refused.error().code, Code::kTooManyAttempts);
    EXPECT_EQ(refused.error().field, "old_password");
    EXPECT_THAT(refused.error().message, HasSubstr("wait 15 minutes"));
  }
  EXPECT_TRUE(sign("ana", "rolling calves daily")) << "sign-in is not throttled by password changes";
  now_ += kSignInWindowMs;
  EXPECT_TRUE(change("rolling calves daily", "10.0.1.0")) << "the window has passed";
}

TEST_F(AccountServiceTest, ARightCurrentPasswordClearsThePersonsCount) {
  const auto ana = add("ana");
  const auto here = sign("ana", "rolling calves daily");
  std::string current = "rolling calves daily";
  const std::string next[] = {"foam roller evenings", "rolling calves daily"};
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i + 1 < kMaxFailuresPerLogin; ++i) {
      ASSERT_EQ(change_password(store_, ana.person_id, "not it at all", "knees up high", here->session.id, "10.0.0.1",
                                now_, options_)
                    .error()
                    .code,
                Code::kInvalid);
    }
    const auto& new_password = next[round % 2];
    const auto ok =
        change_password(store_, ana.person_id, current, new_password, here->session.id, "10.0.0.2", now_, options_);
    ASSERT_TRUE(ok) << "round " << round << ": " << ok.error().message;
    current = new_password;
  }
}

TEST_F(AccountServiceTest, AnAddressOverTheSignInLimitCannotChangePasswordsEither) {
  const auto ana = add("ana");
  const auto here = sign("ana", "rolling calves daily", "10.0.0.7");
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    // Many logins, so that only the address's count reaches its limit.
    ASSERT_FALSE(sign("nobody" + std::to_string(i), "wrong guess here", "10.0.0.7"));
  }
  const auto refused = change_password(store_, ana.person_id, "rolling calves daily", "foam roller evenings",
                                       here->session.id, "10.0.0.7", now_, options_);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Code::kTooManyAttempts);
  EXPECT_TRUE(change_password(store_, ana.person_id, "rolling calves daily", "foam roller evenings", here->session.id,
                              "10.0.0.8", now_, options_))
      << "another address is not affected";
}

}  // namespace
}  // namespace smr::service
