#pragma once
// Accounts, trainers and clients in the stores (docs/accounts.md, docs/storage.md "Accounts"). Internal to the
// backends: the checks and messages every backend shares, so that each fails the same way.

#include <string>

#include "store/store.h"

namespace smr::store::detail {

// The input problems every backend refuses (kInvalid) before touching storage; empty when there is none.
inline std::string problem_with_login(const std::string& login) {
  return login.empty() ? "login: must not be empty" : "";
}
inline std::string problem_with_window(core::UnixMillis window_ms) {
  return window_ms <= 0 ? "window_ms: must be more than 0 (the length of the throttling window)" : "";
}

// Whether an attempt window that started at window_start_ms still holds now_ms (fixed windows: one that started
// window_ms or more before now_ms is over).
inline bool window_holds(core::UnixMillis window_start_ms, core::UnixMillis now_ms, core::UnixMillis window_ms) {
  return now_ms - window_start_ms < window_ms;
}

inline tl::unexpected<Error> login_taken(const std::string& login) {
  return fail(Error::Code::kConflict, "the login \"" + login + "\" is taken; choose another");
}
inline tl::unexpected<Error> has_account(core::PersonId person) {
  return fail(Error::Code::kConflict, "person " + std::to_string(person) + " has an account already");
}
inline tl::unexpected<Error> no_account(core::PersonId person) {
  return fail(Error::Code::kNotFound, "person " + std::to_string(person) + " has no account");
}
inline tl::unexpected<Error> no_person_with(core::PersonId person) {
  return fail(Error::Code::kNotFound, "no person has the id " + std::to_string(person));
}
inline tl::unexpected<Error> auth_session_taken() {
  return fail(Error::Code::kConflict, "a signed-in session with this id or token is stored already");
}
inline tl::unexpected<Error> no_auth_session(const std::string& id) {
  return fail(Error::Code::kNotFound, "no signed-in session has the id \"" + id + "\"");
}
inline tl::unexpected<Error> invitation_taken() {
  return fail(Error::Code::kConflict, "an invitation with this code is stored already");
}
inline tl::unexpected<Error> no_invitation() { return fail(Error::Code::kNotFound, "no such invitation"); }
inline tl::unexpected<Error> invitation_used() {
  return fail(Error::Code::kConflict, "this invitation was used already; ask the trainer for a new one");
}
inline tl::unexpected<Error> wrong_trainer(core::PersonId invited_by, core::PersonId link_trainer) {
  return fail(Error::Code::kInvalid, "link.trainer_id: must be the inviting trainer (" + std::to_string(invited_by) +
                                         "), not " + std::to_string(link_trainer));
}
inline tl::unexpected<Error> link_active(core::PersonId trainer, core::PersonId client) {
  return fail(Error::Code::kConflict,
              "person " + std::to_string(client) + " is a client of trainer " + std::to_string(trainer) + " already");
}
inline tl::unexpected<Error> no_active_link(core::PersonId trainer, core::PersonId client) {
  return fail(Error::Code::kNotFound,
              "person " + std::to_string(client) + " is not a client of trainer " + std::to_string(trainer));
}
inline tl::unexpected<Error> template_of_other_trainer(const std::string& uid) {
  return fail(Error::Code::kConflict, "the template \"" + uid + "\" belongs to another trainer");
}
inline tl::unexpected<Error> no_template(const std::string& uid) {
  return fail(Error::Code::kNotFound, "no routine template has the uid \"" + uid + "\"");
}

}  // namespace smr::store::detail
