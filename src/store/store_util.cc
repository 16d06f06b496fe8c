// Store helpers shared by every backend: uids and the default location.

#include <algorithm>
#include <cstdlib>
#include <random>

#include "store/digest_util.h"
#include "store/store.h"

namespace smr::store {

std::string new_uid() {
  // One generator per thread, seeded from the OS; 128 random bits per uid.
  thread_local std::mt19937_64 gen{[] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = gen();
    for (int i = 0; i < 16; ++i) {
      out[static_cast<std::size_t>(half * 16 + i)] = kHex[bits & 0xF];
      bits >>= 4;
    }
  }
  return out;
}

std::string default_store_url() {
  std::string dir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    dir = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.local/share";
  } else {
    dir = ".";
  }
  return "sqlite:" + dir + "/smr-coach/journal.db";
}

Result<std::vector<PersonDigests>> Store::people_digests(const std::vector<core::PersonId>& people,
                                                         core::UnixMillis from_ms, core::UnixMillis to_ms,
                                                         const std::vector<std::string>& keys) {
  std::vector<PersonDigests> out;
  out.reserve(people.size());
  for (const core::PersonId id : people) {
    PersonDigests& p = out.emplace_back();
    auto person = this->person(id);
    if (!person) return tl::unexpected(person.error());
    p.person = std::move(*person);
    auto digests = session_digests(id, from_ms, to_ms);
    if (!digests) return tl::unexpected(digests.error());
    p.digests = std::move(*digests);
    for (const auto& key : keys) {
      auto value = setting(id, key);
      if (!value) return tl::unexpected(value.error());
      p.settings.push_back(std::move(*value));
    }
  }
  return out;
}

namespace detail {

Result<std::vector<core::SessionDigest>> digests_from_records(Store& store, core::PersonId id, core::UnixMillis from_ms,
                                                              core::UnixMillis to_ms) {
  auto infos = store.sessions(id, from_ms, to_ms);
  if (!infos) return tl::unexpected(infos.error());
  std::stable_sort(infos->begin(), infos->end(), [](const core::SessionInfo& a, const core::SessionInfo& b) {
    return a.started_ms != b.started_ms ? a.started_ms < b.started_ms : a.uid < b.uid;
  });
  std::vector<core::SessionDigest> out;
  out.reserve(infos->size());
  for (const auto& info : *infos) {
    auto rec = store.session(info.uid);
    if (!rec) return tl::unexpected(rec.error());
    out.push_back(core::digest_session(*rec));
  }
  return out;
}

}  // namespace detail

}  // namespace smr::store

// ---- the defaults for a Store that keeps no paired devices (store.h) ----

namespace smr::store {

namespace {
tl::unexpected<Error> no_devices() {
  return fail(Error::Code::kIncompatible, "this journal does not keep paired devices");
}
tl::unexpected<Error> no_accounts() { return fail(Error::Code::kIncompatible, "this journal does not keep accounts"); }
}  // namespace

Result<Account> Store::add_account(const std::string&, const Account&) { return no_accounts(); }
Result<std::optional<Account>> Store::account(core::PersonId) { return no_accounts(); }
Result<std::optional<Account>> Store::account_by_login(const std::string&) { return no_accounts(); }
Result<std::vector<Account>> Store::accounts() { return no_accounts(); }
Status Store::update_account(const Account&) { return no_accounts(); }
Status Store::add_auth_session(const AuthSession&) { return no_accounts(); }
Result<std::optional<AuthSession>> Store::auth_session_by_token(const std::string&) { return no_accounts(); }
Result<std::vector<AuthSession>> Store::auth_sessions(core::PersonId) { return no_accounts(); }
Status Store::touch_auth_session(const std::string&, core::UnixMillis) { return no_accounts(); }
Status Store::end_auth_session(const std::string&, core::UnixMillis) { return no_accounts(); }
Result<int> Store::end_auth_sessions(core::PersonId, core::UnixMillis, const std::optional<std::string>&) {
  return no_accounts();
}
Result<Store::SessionProgress> Store::session_progress(const std::string& uid) {
  auto rec = session(uid);
  if (!rec) return tl::unexpected(rec.error());
  return SessionProgress{rec->events.size(), rec->info.status, rec->info.ended_ms};
}
Result<int> Store::count_attempt(const std::string&, core::UnixMillis, core::UnixMillis) { return no_accounts(); }
Result<int> Store::attempts(const std::string&, core::UnixMillis, core::UnixMillis) { return no_accounts(); }
Status Store::clear_attempts(const std::string&) { return no_accounts(); }
Status Store::add_invitation(const Invitation&) { return no_accounts(); }
Result<std::optional<Invitation>> Store::invitation(const std::string&) { return no_accounts(); }
Status Store::accept_invitation(const std::string&, core::UnixMillis, const TrainerLink&) { return no_accounts(); }
Result<std::vector<TrainerLink>> Store::clients_of(core::PersonId) { return no_accounts(); }
Result<std::vector<TrainerLink>> Store::trainers_of(core::PersonId) { return no_accounts(); }
Result<std::optional<TrainerLink>> Store::trainer_link(core::PersonId, core::PersonId) { return no_accounts(); }
Status Store::set_sharing(core::PersonId, core::PersonId, const Sharing&) { return no_accounts(); }
Status Store::end_trainer_link(core::PersonId, core::PersonId, core::UnixMillis) { return no_accounts(); }
Status Store::save_template(const RoutineTemplate&) { return no_accounts(); }
Result<std::optional<RoutineTemplate>> Store::routine_template(const std::string&) { return no_accounts(); }
Result<std::vector<RoutineTemplate>> Store::templates(core::PersonId) { return no_accounts(); }
Status Store::delete_template(const std::string&) { return no_accounts(); }
Status Store::save_assignment(const Assignment&) { return no_accounts(); }
Result<std::optional<Assignment>> Store::assignment(const std::string&) { return no_accounts(); }
Result<std::vector<Assignment>> Store::assignments_of_client(core::PersonId) { return no_accounts(); }
Result<std::vector<Assignment>> Store::assignments_of_template(const std::string&) { return no_accounts(); }

Status Store::add_pairing_code(const PairingCode&) { return no_devices(); }
Result<std::optional<PairingCode>> Store::pairing_code(const std::string&) { return no_devices(); }
Status Store::redeem_pairing_code(const std::string&, core::UnixMillis, const PairedDevice&) { return no_devices(); }
Result<std::vector<PairedDevice>> Store::paired_devices() { return no_devices(); }
Result<std::optional<PairedDevice>> Store::device_by_credential(const std::string&) { return no_devices(); }
Status Store::touch_device(const std::string&, core::UnixMillis) { return no_devices(); }
Status Store::revoke_device(const std::string&, core::UnixMillis) { return no_devices(); }

}  // namespace smr::store
