#pragma once
// What the store keeps for accounts, trainers and their clients (issue 19; docs/accounts.md). None of it is
// part of export_journal or import_journal: credentials belong to the installation, and a person's journal
// export stays their own records only.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/enum_names.h"
#include "core/journal.h"

namespace smr::store {

enum class Role { kPerson, kTrainer, kAdmin };

// An account: a person (core::Person, the journal's people table) who can sign in. A person has at most one.
struct Account {
  core::PersonId person_id = 0;
  std::string login;          // unique, compared as stored: the service lower-cases it (NFKC is not applied)
  std::string password_hash;  // libsodium crypto_pwhash_str (argon2id) text: algorithm, parameters, salt, hash
  Role role = Role::kPerson;
  core::UnixMillis created_ms = 0;
  core::UnixMillis password_changed_ms = 0;
  std::optional<core::UnixMillis> disabled_ms;  // a disabled account cannot sign in; its sessions end

  bool operator==(const Account&) const = default;
};

// A signed-in session (a browser, a terminal). The token itself is never stored, only its SHA-256.
struct AuthSession {
  std::string id;          // a uid (new_uid()): what the list of one's sessions shows and ends
  std::string token_hash;  // 64 lower-case hex digits: SHA-256 of the bearer token
  core::PersonId person_id = 0;
  core::UnixMillis created_ms = 0;
  core::UnixMillis last_used_ms = 0;         // the idle timeout counts from here
  core::UnixMillis expires_ms = 0;           // the absolute timeout
  std::string agent;                         // what the person sees in the list: "Chromium on Linux", "smr (terminal)"
  std::optional<core::UnixMillis> ended_ms;  // signed out, or ended by a password change or "sign out everywhere"

  bool operator==(const AuthSession&) const = default;
};

// What a client shares with one trainer, per category. Default: nothing beyond the name.
struct Sharing {
  bool sessions = false;    // sessions and adherence
  bool trends = false;      // sensation trends and pain alerts
  bool self_tests = false;  // self-tests (range of motion)
  bool soreness = false;    // soreness ratings
  bool screening = false;   // the screening: conditions, blocked regions, and why a step was adapted

  bool operator==(const Sharing&) const = default;
};

// A trainer and one client. Ended links are kept (ended_ms set): leaving keeps the client's data with the client.
struct TrainerLink {
  core::PersonId trainer_id = 0;
  core::PersonId client_id = 0;
  core::UnixMillis created_ms = 0;
  std::optional<core::UnixMillis> ended_ms;
  Sharing sharing;

  bool operator==(const TrainerLink&) const = default;
};

// A trainer's one-time invitation. Only the SHA-256 of its code is stored.
struct Invitation {
  std::string code_hash;
  core::PersonId trainer_id = 0;
  core::UnixMillis created_ms = 0;
  core::UnixMillis expires_ms = 0;
  std::optional<core::UnixMillis> used_ms;
  std::optional<core::PersonId> used_by;

  bool operator==(const Invitation&) const = default;
};

// A trainer's routine template: a routine built with the planner or by hand.
struct RoutineTemplate {
  std::string uid;
  core::PersonId trainer_id = 0;
  std::string name;
  std::string routine_json;  // as `smr plan --json` prints it
  std::string note;          // to the client, copied into each assignment
  core::UnixMillis created_ms = 0;
  core::UnixMillis updated_ms = 0;

  bool operator==(const RoutineTemplate&) const = default;
};

// A template given to one client: the client's own copy. A later edit of the template reaches the copy only
// while the client has not started it (started_session_uid unset).
struct Assignment {
  std::string uid;
  std::string template_uid;
  core::PersonId trainer_id = 0;
  core::PersonId client_id = 0;
  std::string name;
  std::string routine_json;
  std::string note;
  core::UnixMillis created_ms = 0;
  core::UnixMillis updated_ms = 0;
  std::optional<std::string> started_session_uid;  // the client's first session of it

  bool operator==(const Assignment&) const = default;
};

}  // namespace smr::store

namespace smr::core {
template <>
struct EnumNames<store::Role> {
  static constexpr std::array<std::pair<store::Role, std::string_view>, 3> kNames{{
      {store::Role::kPerson, "person"},
      {store::Role::kTrainer, "trainer"},
      {store::Role::kAdmin, "admin"},
  }};
};
}  // namespace smr::core
