#include "cli/commands.h"

#include <array>

namespace smr::cli {

namespace {

constexpr std::array<CommandSpec, 23> kCommands{{
    {"catalog", "Browse the knowledge base: regions, tools, techniques, exercises, conditions, evidence",
     &add_catalog_command},
    {"learn", "Learn why rolling works and how to do it safely: topics, techniques and regions, with the evidence",
     &add_learn_command},
    {"screen", "Answer the safety questions (or give them as flags or JSON); saves your profile", &add_screen_command},
    {"plan", "Plan a routine for a goal, time, tools, focus regions and place, and say why each step is there",
     &add_plan_command},
    {"roll", "Roll with a guide: timer, breathing pacer, check-ins that adapt the plan (full screen)",
     &add_roll_command},
    {"routines", "Routines you keep: save one under a name, list, show, delete; play one with smr roll --routine",
     &add_routines_command},
    {"log", "List your sessions, or show one in full", &add_log_command},
    {"test", "Self-tests of range of motion: list them, be guided through one, record values, see your progress",
     &add_test_command},
    {"soreness", "Record how sore a region is, 0-10 (before or after a session, or on the days after a workout)",
     &add_soreness_command},
    {"workout", "Record a workout (now or --at a time), to follow soreness on the days after it", &add_workout_command},
    {"progress", "See what your practice is doing: alerts, sessions per week, sensation and time by region, self-tests",
     &add_progress_command},
    {"report", "Write your progress as one HTML page (body map, charts, tables, alerts) that opens offline",
     &add_report_command},
    {"export", "Write everything in your journal as JSON (or check-ins as CSV)", &add_export_command},
    {"import", "Add a journal exported by smr export (all of it or nothing)", &add_import_command},
    {"backup", "Copy the SQLite journal to a new file while it is in use", &add_backup_command},
    {"doctor", "Check the journal: schema version and integrity", &add_doctor_command},
    {"settings", "Show or change the app's settings: breathing pace, voice, units (shared with the web app)",
     &add_settings_command},
    {"serve", "Run the web app and the JSON API (http://127.0.0.1:8080/ by default) until Ctrl+C", &add_serve_command},
    {"pair", "Pair a phone with the running server (smr serve --lan): a one-time code, its address and QR code",
     &add_pair_command},
    {"devices", "List the paired devices (paired, last used, revoked); smr devices revoke ID revokes one",
     &add_devices_command},
    {"user", "Accounts for smr serve --accounts: add one, list them, disable one, change a role", &add_user_command},
    {"invite", "A trainer's one-time invitation link for a client (accounts: docs/accounts.md)", &add_invite_command},
    {"trainers", "A person's trainers and what each sees; change what one sees, or leave one (accounts)",
     &add_trainers_command},
}};

}  // namespace

std::span<const CommandSpec> commands() { return kCommands; }

}  // namespace smr::cli
