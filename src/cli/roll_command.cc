// smr roll: a guided session in the terminal (full screen), or scripted (--script) for demos and tests.

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/interrupted_sessions.h"
#include "cli/plan_file.h"
#include "cli/plan_request_options.h"
#include "cli/service_error.h"
#include "cli/session_loop.h"
#include "cli/session_screen.h"
#include "cli/session_script.h"
#include "cli/session_text.h"
#include "cli/text.h"
#include "cli/voice.h"
#include "cli/warning_text.h"
#include "core/planner.h"
#include "json/routine_read.h"
#include "service/routine_service.h"
#include "service/safety_service.h"

namespace smr::cli {

namespace {

struct RollOptions {
  std::string plan_file;
  std::string script_file;
  std::string routine_name;  // --routine NAME: a saved routine
  std::string repeat_uid;    // --repeat UID|last: the routine a past session played
  double speed = 1.0;
  bool voice = false;
  bool no_bell = false;
  bool resume = false;
  int breaths_per_minute = 0;  // 0: the routine's
  PlanRequestOptions request;
};

std::string read_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CliError(kExitFailure, "cannot read " + path + "; expected " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The routine to play: from --plan FILE, or planned now from the flags. Either way it passes the safety gate
// in service::start_session before it plays.
core::Routine routine_for(CliContext& ctx, RollOptions& o) {
  const int sources = int{!o.plan_file.empty()} + int{!o.routine_name.empty()} + int{!o.repeat_uid.empty()};
  if (sources > 1) {
    throw CliError(kExitUsage, "--plan, --routine and --repeat each give the routine to play; pass only one", "invalid",
                   "routine");
  }
  if (!o.routine_name.empty()) {
    auto saved = service::saved_routine(ctx.store(), core::kLocalPersonId, o.routine_name);
    if (!saved) throw_service_error(saved.error(), "--routine: ");
    ctx.out() << "Playing the saved routine \"" << saved->name << "\" (checked against your screening now).\n";
    return std::move(saved->routine);
  }
  if (!o.repeat_uid.empty()) {
    auto again = service::session_routine(ctx.store(), core::kLocalPersonId, o.repeat_uid);
    if (!again) throw_service_error(again.error(), "--repeat: ");
    ctx.out() << "Playing again the routine of session " << o.repeat_uid << " (checked against your screening now).\n";
    return std::move(*again);
  }
  if (!o.plan_file.empty()) {
    return read_plan_file(o.plan_file);
  }
  core::Routine routine = plan_from_options(ctx, o.request);  // throws on a red flag or an active warning
  if (routine.steps.empty()) {
    std::string why = "nothing to roll: the plan has no steps";
    for (const auto& n : routine.warnings) {
      if (n.id == "nothing-to-roll") why = n.message;  // says why, and what to do instead (issue 15)
    }
    throw CliError(kExitFailure, why);
  }
  return routine;
}

std::int64_t unix_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The urgent advice of a red-flag stop, from the catalog (printed after the full screen has closed, so that it
// stays on the terminal).
std::string red_flag_advice(const service::PlayedSummary& s, const core::Catalog& catalog) {
  std::string out;
  for (const auto& a : s.adaptations) {
    const auto id = service::red_flag_of(a);
    const auto* f = id ? catalog.find_red_flag(*id) : nullptr;
    if (f == nullptr) continue;
    out += (f->urgency == core::Urgency::kEmergency ? "EMERGENCY: " : "URGENT: ") + f->message + "\n";
  }
  return out;
}

// Ctrl+C and SIGTERM stop the session (recorded as stopped, with its time) instead of killing the process.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int sig) { g_stop_signal = sig; }

void catch_stop_signals() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// After a session a signal stopped: the exit code says which (128 + the signal, as a shell does).
void throw_if_signalled() {
  if (g_stop_signal == 0) return;
  throw CliError(128 + g_stop_signal, std::string(g_stop_signal == SIGINT ? "Ctrl+C" : "SIGTERM") +
                                          ": the session was stopped and recorded with its time");
}

bool stopped_for_red_flag(const service::PlayedSummary& s) {
  for (const auto& a : s.adaptations) {
    if (a.kind == "stop-session") return true;
  }
  return false;
}

// smr roll --resume: the latest interrupted session, taken over (its engine rebuilt from the stored events)
// and played on from where it was; older interrupted ones are closed.
// What the person's conditions ask them to do after a session (issue 11); none when the screening cannot be
// read (the summary is shown anyway).
std::vector<std::string> reminders(CliContext& ctx, const core::Catalog& catalog) {
  auto safety = service::person_safety(ctx.store(), catalog, core::kLocalPersonId);
  if (!safety) return {};
  return after_session_reminders(safety->screening);
}

void resume_session(CliContext& ctx, RollOptions& o, std::vector<ScriptLine> script) {
  const core::Catalog& catalog = ctx.catalog();
  const auto unix_now = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  auto found = service::find_interrupted(ctx.store(), core::kLocalPersonId, unix_now());
  if (!found) throw CliError(kExitFailure, "the journal could not be read: " + found.error().message);
  std::unique_ptr<service::LiveSession> live;
  for (const auto& s : *found) {
    if (live) {  // an older one: closed
      if (auto c = service::close_interrupted(ctx.store(), catalog, s.info.uid); c) {
        ctx.err() << "smr: an older interrupted session was recorded as stopped: " << interrupted_text(s) << '\n';
      }
      continue;
    }
    auto taken = service::LiveSession::take_over(ctx.store(), catalog, s.info.uid, service::this_player());
    if (taken) {
      ctx.out() << "Resuming " << interrupted_text(s) << ".\n";
      live = std::move(*taken);
    } else if (taken.error().code == store::Error::Code::kInvalid) {
      ctx.err() << "smr: " << interrupted_text(s) << " cannot be resumed (" << taken.error().message
                << "); it is recorded as stopped where it ended\n";
      (void)service::close_interrupted(ctx.store(), catalog, s.info.uid);
    } else if (taken.error().code != store::Error::Code::kConflict) {
      throw CliError(kExitFailure, "the journal could not be written: " + taken.error().message);
    }
  }
  if (!live) {
    throw CliError(kExitFailure,
                   "no interrupted session to resume (one stopped with Ctrl+C, finished, or already closed by "
                   "smr roll or smr log cannot be); start a new one with smr roll");
  }
  // The session's clock goes on from the interruption; the time the player was gone counts as paused.
  const core::MonoMillis from = std::max<core::MonoMillis>(
      live->engine().view(0).session_elapsed_ms + live->engine().paused_ms(), unix_now() - live->started_unix_ms());
  LoopOptions loop;
  loop.speed = o.speed;
  loop.script = std::move(script);
  loop.script_mode = !o.script_file.empty();
  loop.signalled = &g_stop_signal;
  loop.resume = true;
  std::unique_ptr<Voice> voice;
  if (o.voice) {
    voice = std::make_unique<Voice>();
    if (!voice->available()) {
      ctx.err() << "smr: " << Voice::missing_message() << '\n';
      voice.reset();
    }
  }
  store::Status played;
  if (loop.script_mode) {
    loop.frame_ms.reset();
    TextFace face(ctx.out(), voice.get());
    played = play_live(*live, from, face, loop);
  } else {
    SessionScreen screen(catalog, voice.get(), !o.no_bell);
    played = play_live(*live, from, screen, loop);
  }
  if (!played) {
    throw CliError(kExitFailure, "the journal could not be written: " + played.error().message +
                                     ". The session was interrupted; what was recorded before is kept.");
  }
  ctx.out() << '\n' << summary_text(live->summary(), catalog, reminders(ctx, catalog));
  throw_if_signalled();
}

void roll(CliContext& ctx, RollOptions& o) {
  if (!(o.speed > 0 && o.speed <= 1000)) {
    throw CliError(kExitUsage,
                   "--speed: " + number_text(o.speed) + " is out of range; expected a number above 0, at most 1000");
  }
  std::vector<ScriptLine> script;
  const bool scripted = !o.script_file.empty();
  if (scripted) {
    auto parsed = parse_session_script(read_file(o.script_file, "a session script (see smr roll --help)"));
    if (!parsed) throw CliError(kExitUsage, o.script_file + ": " + parsed.error());
    script = std::move(*parsed);
  } else if (isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0) {
    throw CliError(kExitUsage,
                   "smr roll plays the session full screen and needs a terminal; for a run without one, pass "
                   "--script FILE");
  }
  catch_stop_signals();
  if (o.resume) {
    resume_session(ctx, o, std::move(script));
    return;
  }
  close_interrupted_sessions(ctx, ctx.store());  // a new session: what was interrupted before is closed
  const core::Catalog& catalog = ctx.catalog();
  service::StartRequest start;
  start.routine = routine_for(ctx, o);
  start.settings.get_ready_s = o.request.get_ready_s;  // given: overrides a --plan file's (planned now: the same)
  start.settings.check_in_s = o.request.check_in_s;
  if (o.breaths_per_minute > 0) start.settings.breaths_per_minute = o.breaths_per_minute;
  // The safety gate: the routine is checked against the current screening and active warning signs.
  auto started = service::start_session(ctx.store(), catalog, std::move(start), 0, unix_now_ms());
  if (!started) {
    if (o.plan_file.empty()) throw_service_error(started.error());
    // A plan file that does not hold together fails like one that does not parse (exit 1), naming the step.
    const int code =
        started.error().code == service::Error::Code::kInvalid ? kExitFailure : exit_code_for(started.error());
    throw CliError(code, o.plan_file + ": " + cli_message(started.error()),
                   std::string(core::to_string(started.error().code)), started.error().field);
  }
  // On the full screen the clearance is one short line (issue 11): the heading and the conditions it is about;
  // the advice itself was printed by smr screen and smr plan.
  std::string clearance;
  for (const auto& n : started->clearance_needed) {
    const auto* c = catalog.find_condition(n.id);
    clearance += (clearance.empty() ? std::string(kClearanceHeading) + " (" : ", ") + (c ? c->name : n.id);
  }
  if (!clearance.empty()) clearance += ").";
  std::string changed;
  for (const auto& c : started->changes) changed += (changed.empty() ? "" : " ") + c.message + ".";
  if (scripted) {
    for (const auto& n : started->clearance_needed)
      ctx.out() << kClearanceHeading << ": " << clearance_item(catalog, n) << '\n';
    for (const auto& n : started->warnings) ctx.out() << "Take care: " << n.message << '\n';
    for (const auto& c : started->changes) ctx.out() << "Safety change: " << c.message << '\n';
  } else {
    for (const auto& c : started->changes) ctx.out() << "Safety change: " << c.message << '\n';
  }

  std::unique_ptr<Voice> voice;
  std::string notice;
  if (o.voice) {
    voice = std::make_unique<Voice>();
    if (!voice->available()) {
      notice = std::string(Voice::missing_message());
      voice.reset();
    }
  }
  LoopOptions loop;
  loop.speed = o.speed;
  loop.script = std::move(script);
  loop.script_mode = scripted;
  loop.signalled = &g_stop_signal;

  store::Result<std::unique_ptr<service::LiveSession>> played;
  if (scripted) {
    if (!notice.empty()) ctx.err() << "smr: " << notice << '\n';
    TextFace face(ctx.out(), voice.get());
    loop.frame_ms.reset();
    played = play_session(std::move(started->live), face, loop);
  } else {
    SessionScreen screen(catalog, voice.get(), !o.no_bell);
    // A clearance comes first (issue 4): the screen's notice line shows it for the whole session.
    if (!clearance.empty()) notice = clearance + (notice.empty() ? "" : " " + notice);
    if (!changed.empty()) notice = "Changed for your safety: " + changed + (notice.empty() ? "" : " " + notice);
    screen.set_notice(notice);
    played = play_session(std::move(started->live), screen, loop);
  }  // the screen is closed here, before the summary is printed
  if (!played) {
    throw CliError(kExitFailure, "the journal could not be written: " + played.error().message +
                                     ". The session was interrupted; what was recorded before is kept.");
  }
  const auto summary = (*played)->summary();
  ctx.out() << '\n' << summary_text(summary, catalog, reminders(ctx, catalog));
  throw_if_signalled();
  if (stopped_for_red_flag(summary)) {
    // The urgent advice stays on the terminal after the full screen has closed.
    if (!scripted) ctx.out() << '\n' << red_flag_advice(summary, catalog);
    ctx.out() << "This warning sign stays active until it has been checked: smr screen --clear-warning ID "
                 "once a clinician has cleared it.\n";
    throw CliError(kExitRedFlag, "the session was stopped for a warning sign; please follow the advice above");
  }
}

}  // namespace

void add_roll_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<RollOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("--plan", o->plan_file, "Play this plan (written by smr plan --json) instead of planning now")
      ->type_name("FILE");
  sub->add_option("--routine", o->routine_name, "Play a routine saved with smr routines save (by name or uid)")
      ->type_name("NAME");
  sub->add_option("--repeat", o->repeat_uid, "Play again the routine a past session played (its uid, or last)")
      ->type_name("UID|last");
  sub->add_option("--script", o->script_file,
                  "Run without a screen, taking timed inputs from FILE (lines \"SECONDS INPUT\", see docs/cli.md); "
                  "cues are printed as lines")
      ->type_name("FILE");
  sub->add_option("--speed", o->speed, "Run the clock N times faster (demos and tests)")->type_name("N");
  sub->add_flag("--voice", o->voice, "Speak the cues (needs espeak-ng)");
  sub->add_flag("--no-bell", o->no_bell, "No bell on phase changes");
  sub->add_option("--breaths", o->breaths_per_minute, "Breaths per minute for the pacer (default 6)")
      ->type_name("N")
      ->check(CLI::Range(2, 20));
  sub->add_flag("--resume", o->resume,
                "Continue the latest interrupted session (its player was killed or crashed) where it was, instead "
                "of a new one");
  add_plan_request_options(*sub, o->request);
  sub->callback([&ctx, o] { roll(ctx, *o); });
}

}  // namespace smr::cli
