#pragma once
// Trainers and their clients (issue 19, items 2-5; docs/accounts.md): invitations and consent, the trainer's
// day (dashboard, one client's progress, templates, assignments), safety staying with the client, and
// authorization per record. One use case per function, for every face (HTTP: http/trainer_api.h; CLI: smr
// invite).
//
// Every function takes the acting person (`actor`) and checks them against the record it touches:
//   - a trainer sees only their active clients, and of each only the categories the client shares;
//   - a client sees only their own links and assignments;
//   - a record of someone else, a client not linked, a category not shared, or a trainer's function called by
//     someone without the trainer role all give kNotFound, with the same words as a record that does not exist:
//     an answer never tells that something exists which the actor may not see.
// The functions take the time (`now_ms`) and the store; they read no clock.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/routine.h"
#include "core/safety_gate.h"
#include "core/screening.h"
#include "core/time_zone.h"
#include "service/error.h"
#include "service/journal_service.h"
#include "service/safety_service.h"
#include "store/store.h"

namespace smr::service {

// ---- Invitations -------------------------------------------------------------------------------------------

// A code: 128 random bits written in kPairingAlphabet (5 bits a character), 26 characters. Only its SHA-256 is
// stored. Single use; valid kInvitationLifetimeMs. Shown as the link kInvitationPathPrefix + code.
inline constexpr std::size_t kInvitationCodeChars = 26;
inline constexpr core::UnixMillis kInvitationLifetimeMs = 7 * core::kDayMs;
inline constexpr std::string_view kInvitationPathPrefix = "/invite/";

struct NewInvitation {
  std::string code;  // 26 characters: give it to the client once (it is not stored)
  core::UnixMillis expires_ms = 0;
};
// A trainer's new invitation. kNotFound when the actor is not a trainer.
Result<NewInvitation> create_invitation(store::Store& store, core::PersonId actor, core::UnixMillis now_ms);

// Who invites, for the person who opened the link (needs no sign-in: the code is the credential).
struct InvitationView {
  core::PersonId trainer_id = 0;
  std::string trainer_name;
  core::UnixMillis expires_ms = 0;
};
// kInvalid (field "code": not 26 characters of the alphabet), kNotFound (field "code": no such invitation),
// kCodeExpired, kCodeUsed. Case, spaces and dashes do not matter.
Result<InvitationView> invitation(store::Store& store, std::string_view code, core::UnixMillis now_ms);

// What a client sees of one trainer, and what they share with them.
struct TrainerOfClient {
  core::PersonId trainer_id = 0;
  std::string name;
  core::UnixMillis since_ms = 0;
  store::Sharing sharing;
};
// The actor becomes the inviting trainer's client, sharing nothing yet. Errors as invitation(), and kInvalid
// (field "code") for the trainer's own invitation, kConflict (field "code") when the actor is their client
// already (the invitation stays unused then).
Result<TrainerOfClient> accept_invitation(store::Store& store, core::PersonId actor, std::string_view code,
                                          core::UnixMillis now_ms);

// ---- A client and their trainers ----------------------------------------------------------------------------

// The actor's trainers (active links), oldest link first.
Result<std::vector<TrainerOfClient>> trainers(store::Store& store, core::PersonId actor);
// Changes what the actor shares with `trainer` (every category at once). kNotFound (field "id") when the actor
// has no active link with them.
Result<TrainerOfClient> set_sharing(store::Store& store, core::PersonId actor, core::PersonId trainer,
                                    const store::Sharing& sharing);
// The actor leaves `trainer`: the link ends, the trainer sees nothing more; the actor's records stay theirs.
// kNotFound (field "id") as set_sharing.
Status leave_trainer(store::Store& store, core::PersonId actor, core::PersonId trainer, core::UnixMillis now_ms);

// ---- A trainer and their clients ----------------------------------------------------------------------------

enum class Category { kSessions, kTrends, kSelfTests, kSoreness, kScreening };
bool shares(const store::Sharing& sharing, Category category);

struct ClientOfTrainer {
  core::PersonId client_id = 0;
  std::string name;
  core::UnixMillis since_ms = 0;
  store::Sharing sharing;
};
// The trainer's active clients, by name. kNotFound when the actor is not a trainer.
Result<std::vector<ClientOfTrainer>> clients(store::Store& store, core::PersonId actor);

// The dashboard. A client needs attention for a reason drawn only from a category they share:
//   "pain-alert"   (trends)   an unacknowledged persistent-pain alert;
//   "inactive"     (sessions) no session started in the kInactiveAfterMs before now;
//   "below-target" (sessions) the last complete week had fewer sessions than the client's weekly target.
// Otherwise on track, with the reason; a client who shares neither sessions nor trends is "not-shared": there
// is nothing to judge by, and the dashboard does not pretend they are on track.
inline constexpr core::UnixMillis kInactiveAfterMs = 14 * core::kDayMs;
enum class ClientStatus { kNeedsAttention, kOnTrack, kNotShared };
struct DashboardReason {
  std::string kind;  // "pain-alert", "inactive", "below-target", "on-track", "not-shared"
  std::string text;  // plain words
};
struct DashboardEntry {
  ClientOfTrainer client;
  ClientStatus status = ClientStatus::kOnTrack;
  std::vector<DashboardReason> reasons;             // at least one
  std::optional<core::UnixMillis> last_session_ms;  // only when sessions are shared
};
// A pain alert as the dashboard names it: the alert's own message speaks to the client ("You reported pain ..."),
// so the trainer reads the same in the third person ("pain alert: pain, not just pressure, at the left calves in 3
// of the last 5 sessions there"). The region by its catalog id, as the alert's message does.
std::string alert_reason(const core::PainAlert& alert);
// Needs attention first, then on track, then not shared; by name within each. `tz` places the weeks.
Result<std::vector<DashboardEntry>> dashboard(store::Store& store, core::PersonId actor, core::UnixMillis now_ms,
                                              const core::TimeZone& tz);

// One client's progress as far as shared: each optional is set only when its category is shared.
struct ClientProgress {
  ClientOfTrainer client;
  std::optional<core::Adherence> adherence;                       // sessions
  std::optional<std::vector<SessionSummary>> sessions;            // sessions: the last kClientSessionDays days
  std::optional<std::vector<core::RegionSensation>> sensation;    // trends
  std::optional<std::vector<core::PainAlert>> alerts;             // trends
  std::optional<std::vector<core::SelfTestProgress>> self_tests;  // self-tests
  std::optional<core::Soreness> soreness;                         // soreness
  std::optional<core::ScreeningResult> screening;                 // the screening
};
inline constexpr int kClientSessionDays = 28;
// kNotFound (field "id") for a person who is not the actor's active client.
Result<ClientProgress> client_progress(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                       core::PersonId client, core::UnixMillis now_ms, const core::TimeZone& tz);
// The client's active link with the actor when it shares `category`; kNotFound (field "id") otherwise, with the
// same words whether the link is missing or the category is not shared.
Result<ClientOfTrainer> shared_client(store::Store& store, core::PersonId actor, core::PersonId client,
                                      Category category);

// ---- Templates ----------------------------------------------------------------------------------------------

inline constexpr std::size_t kMaxNoteChars = 1000;

// A template may use exercises of the trainer's own: JSON objects with the fields of a catalog [[exercise]] entry
// (docs/catalog.md), checked by the catalog loader's own code (catalog::read_exercises_json): the same rules and
// the same messages, each named "exercises[i].<field>". Their ids must be new to the catalog and to each other.
// They are kept inside the template's routine JSON, and so travel inside each client's copy (docs/accounts.md,
// "The trainer's own exercises"); the client's gate judges them as catalog exercises.
inline constexpr std::size_t kMaxOwnExercises = 30;
struct OwnExercises {
  boost::json::array entries;             // as the trainer wrote them (what is stored)
  std::vector<core::Exercise> exercises;  // as read
};
// kInvalid with every problem for entries the catalog would refuse, or more than kMaxOwnExercises.
Result<OwnExercises> check_own_exercises(const core::Catalog& catalog, boost::json::array entries);
// The catalog a routine with `own` exercises is judged and shown by: `catalog` itself when there are none.
core::Catalog catalog_with(const core::Catalog& catalog, const OwnExercises& own);

// ---- The trainer's exercise library --------------------------------------------------------------------------

// A trainer keeps exercises of their own to use in templates: in the journal's custom exercises (person: the
// trainer; text: the catalog [[exercise]] entry as TOML), checked as check_own_exercises() checks them, ids new
// to the catalog and to the trainer's other exercises. A template step may name one: create_template() and
// update_template() then copy it into the template (a later edit of the library reaches templates saved after).
// Not yet deleted: the store keeps no way to delete a custom exercise (docs/accounts.md).
inline constexpr std::size_t kMaxLibraryExercises = 200;
struct TrainerExercise {
  std::string uid;
  core::UnixMillis created_ms = 0;
  boost::json::object entry;               // as written
  std::optional<core::Exercise> exercise;  // nullopt when the running catalog no longer accepts it
  std::string problem;                     // then why, in the catalog's words
};
// The actor's exercises, oldest first. kNotFound when the actor is not a trainer.
Result<std::vector<TrainerExercise>> trainer_exercises(store::Store& store, const core::Catalog& catalog,
                                                       core::PersonId actor);
// kInvalid with the catalog's words (fields as in the entry: "dose.set_s"); kInvalid (field "id") for an id the
// catalog or another of the actor's exercises has.
Result<TrainerExercise> add_trainer_exercise(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                             const boost::json::value& entry, core::UnixMillis now_ms);
// Replaces one (checked as add); kNotFound (field "uid") for a uid not among the actor's.
Result<TrainerExercise> update_trainer_exercise(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                                const std::string& uid, const boost::json::value& entry);

struct TemplateAssignment {  // one copy, as the trainer sees it
  std::string uid;
  core::PersonId client_id = 0;
  std::string client_name;
  bool started = false;
  // Steps the client's safety gate changes (replaced, removed, lighter); why only when the client shares the
  // screening. nullopt: the client is no longer an active client (nothing is shown).
  std::optional<int> adapted;
  std::optional<std::vector<core::GateChange>> changes;
};
struct TemplateView {
  store::RoutineTemplate record;
  core::Routine routine;
  OwnExercises own;                             // the trainer's own exercises the template carries
  std::vector<TemplateAssignment> assignments;  // filled by template_detail() and assign_template() only
};

// A new template. kNotFound when the actor is not a trainer; kInvalid naming "name" (as a saved routine's name),
// "note" (over kMaxNoteChars, control characters other than a new line), "exercises[i]..." (the trainer's own
// exercises, checked as a catalog's), "routine.steps..." (the same checks and words as a saved routine: no
// steps, steps that do not hold together in the catalog with the own exercises added); kConflict (field "name")
// when the trainer has a template of that name.
Result<TemplateView> create_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     std::string_view name, core::Routine routine, std::string_view note,
                                     core::UnixMillis now_ms, const boost::json::array& exercises = {});
// The trainer's templates, by name (ignoring case).
Result<std::vector<TemplateView>> templates(store::Store& store, core::PersonId actor);
// One of the actor's templates with its copies. kNotFound (field "uid") for any other uid.
Result<TemplateView> template_detail(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid);
// Replaces name, routine and note (checked as create_template). The copies not yet started follow (routine,
// name, and the note where it was the template's); started ones stay as they were played.
struct TemplateEdit {
  TemplateView template_view;
  int copies_updated = 0;
};
Result<TemplateEdit> update_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid, std::string_view name, core::Routine routine,
                                     std::string_view note, core::UnixMillis now_ms,
                                     const boost::json::array& exercises = {});
// Deletes the template; the copies stay with the clients. kNotFound as template_detail.
Status delete_template(store::Store& store, core::PersonId actor, const std::string& uid);

// Gives each client their own copy, with `note` (nullopt: the template's). Every client is checked before
// anything is written: kInvalid (field "clients") for none or a repeated one, kNotFound (field "clients[i]") for
// one who is not the actor's active client. Answers the template with its copies.
Result<TemplateView> assign_template(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                     const std::string& uid, const std::vector<core::PersonId>& clients,
                                     const std::optional<std::string>& note, core::UnixMillis now_ms);

// ---- The client's assignments -------------------------------------------------------------------------------

// An assignment as its client sees it: "from your trainer", the note, and the routine after the client's own
// safety gate (what it changed, with rule ids), or why it cannot be played now.
struct ClientAssignment {
  store::Assignment record;
  std::string trainer_name;
  core::Routine assigned;                 // as the trainer made it
  std::vector<core::Exercise> own;        // the trainer's own exercises it carries (their instructions)
  std::optional<core::GateResult> gated;  // the routine to play and what the gate changed
  std::optional<Error> refused;           // kStop (a warning sign: the advice) or nothing safe
};
// The actor's assignments, newest first, each through the actor's gate as of now.
Result<std::vector<ClientAssignment>> assignments(store::Store& store, const core::Catalog& catalog,
                                                  core::PersonId actor);
// One of them; kNotFound (field "uid") for any other uid.
Result<ClientAssignment> assignment(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                    const std::string& uid);
// The routine an assignment asks for (before the gate: start_session gates it); kNotFound as assignment().
Result<core::Routine> assignment_routine(store::Store& store, core::PersonId actor, const std::string& uid);
// Records the session the client started from the assignment (the first one is kept: the copy stops following
// the template). kNotFound as assignment().
Status mark_assignment_started(store::Store& store, core::PersonId actor, const std::string& uid,
                               const std::string& session_uid, core::UnixMillis now_ms);
// assignment_routine(), start_session() (the gate), then mark_assignment_started(): the one call of a face that
// starts a session from an assignment.
Result<Started> start_assignment(store::Store& store, const core::Catalog& catalog, core::PersonId actor,
                                 const std::string& uid, core::SessionSettings settings, core::MonoMillis now,
                                 core::UnixMillis wall_now_ms);

}  // namespace smr::service

namespace smr::core {
template <>
struct EnumNames<service::ClientStatus> {
  static constexpr std::array<std::pair<service::ClientStatus, std::string_view>, 3> kNames{{
      {service::ClientStatus::kNeedsAttention, "needs-attention"},
      {service::ClientStatus::kOnTrack, "on-track"},
      {service::ClientStatus::kNotShared, "not-shared"},
  }};
};
template <>
struct EnumNames<service::Category> {
  static constexpr std::array<std::pair<service::Category, std::string_view>, 5> kNames{{
      {service::Category::kSessions, "sessions"},
      {service::Category::kTrends, "trends"},
      {service::Category::kSelfTests, "self_tests"},
      {service::Category::kSoreness, "soreness"},
      {service::Category::kScreening, "screening"},
  }};
};
}  // namespace smr::core
