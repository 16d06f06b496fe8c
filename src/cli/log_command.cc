// smr log: the sessions in the journal, or one session in full.

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/interrupted_sessions.h"
#include "cli/local_time_zone.h"
#include "cli/service_error.h"
#include "cli/text.h"
#include "cli/warning_text.h"
#include "json/journal_json.h"
#include "json/pretty.h"
#include "service/journal_service.h"
#include "service/session_recovery.h"
#include "service/session_service.h"
#include "service/session_summary_json.h"

namespace smr::cli {

namespace {

namespace bj = boost::json;

struct LogOptions {
  std::string uid;
  std::string since;
  bool json = false;
};

std::string side_text(core::Side side) {
  return side == core::Side::kCentre ? "" : " (" + std::string(core::to_string(side)) + ")";
}

// The local time zone (TZ, else the system's) over the last 20 years, as smr progress reads it: smr log shows
// local times too (issue 11; docs/cli.md, "Times").
struct LocalClock {
  core::TimeZone tz;
  std::string zone;  // "Europe/Berlin"
};

LocalClock local_clock() {
  const auto now =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  constexpr core::UnixMillis kTwentyYearsMs = 20LL * 366 * core::kDayMs;
  return {local_time_zone(now - kTwentyYearsMs, now + core::kDayMs), local_time_zone_name(now)};
}

// "9 min 30 s (paused 30 s)": the time rolled, pauses excluded, as the end-of-session summary says it.
std::string played_text(int played_s, int wall_s) {
  std::string out = duration(played_s);
  if (wall_s - played_s >= 1) out += " (paused " + duration(wall_s - played_s) + ")";
  return out;
}

// "+3:05" from the session start.
std::string offset_text(core::UnixMillis at_ms, core::UnixMillis start_ms) {
  const auto s = (at_ms - start_ms) / 1000;
  char buf[32];
  std::snprintf(buf, sizeof buf, "+%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  return buf;
}

void show_session(CliContext& ctx, const std::string& uid_or_prefix, bool json) {
  close_interrupted_sessions(ctx, ctx.journal_for_reading());
  auto rec = service::session_detail(ctx.journal_for_reading(), core::kLocalPersonId, uid_or_prefix);
  if (!rec) throw_service_error(rec.error(), "", {{"uid", "UID"}});
  if (json) {
    ctx.out() << json::pretty(json::to_json(*rec));
    return;
  }
  const auto& i = rec->info;
  std::string out = (i.title.empty() ? std::string("Session") : i.title) + "  [" + i.uid + "]\n";
  const bool interrupted = std::any_of(rec->events.begin(), rec->events.end(), [](const core::SessionEvent& e) {
    return e.kind == "session-stopped" && e.data_json.find("\"reason\":\"interrupted\"") != std::string::npos;
  });
  out += "Started " + local_time_text(i.started_ms) + ", " +
         (interrupted ? std::string("interrupted (recorded as stopped)") : std::string(core::to_string(i.status)));
  if (i.ended_ms) {
    out += " after " + played_text(static_cast<int>(service::played_ms(*rec) / 1000),
                                   static_cast<int>((*i.ended_ms - i.started_ms) / 1000));
  }
  out += "\n";
  if (const auto times = service::region_times(rec->events); !times.empty()) {
    Table t({"REGION", "TIME"});
    for (const auto& r : times) {
      t.add({r.region + side_text(r.side), duration(static_cast<int>((r.active_ms + 500) / 1000))});
    }
    out += "\nTime per region\n" + t.render();
  }
  if (!rec->check_ins.empty()) {
    Table t({"WHEN", "REGION", "EXERCISE", "INTENSITY", "FEELS", "NOTE"});
    for (const auto& c : rec->check_ins) {
      t.add({offset_text(c.at_ms, i.started_ms), c.region + side_text(c.side), c.exercise,
             std::to_string(c.intensity) + "/10",
             std::string(core::to_string(c.quality)) + (core::is_pain(c.quality) ? " (pain)" : ""), c.note});
    }
    out += "\nCheck-ins\n" + t.render();
  } else {
    out += "\nNo check-ins.\n";
  }
  if (!rec->adaptations.empty()) {
    out += "\nChanges the coach made\n";
    for (const auto& a : rec->adaptations) {
      out += wrap(offset_text(a.at_ms, i.started_ms) + " " + a.kind + ": " + a.reason, "  - ", "    ");
    }
  }
  if (!rec->notes.empty()) {
    out += "\nNotes\n";
    for (const auto& n : rec->notes) out += wrap(offset_text(n.at_ms, i.started_ms) + " " + n.text, "  - ", "    ");
  }
  ctx.out() << out;
}

void list_sessions(CliContext& ctx, const LogOptions& o) {
  const LocalClock clock = local_clock();
  close_interrupted_sessions(ctx, ctx.journal_for_reading());
  auto summaries = service::list_sessions(ctx.journal_for_reading(), {core::kLocalPersonId, o.since, "", clock.tz});
  if (!summaries) throw_service_error(summaries.error(), "", {{"from", "--since"}});
  if (o.json) {
    bj::array arr;
    for (const auto& s : *summaries) arr.push_back(service::to_json(s));
    ctx.out() << json::pretty(arr);
    return;
  }
  if (auto warnings = service::active_warnings(ctx.journal_for_reading(), core::kLocalPersonId);
      warnings && !warnings->empty()) {
    print_warnings(ctx.out(), ctx.catalog(), *warnings);
    ctx.out() << '\n';
  }
  if (summaries->empty()) {
    ctx.out() << "No sessions recorded yet.\n";
    return;
  }
  Table t({"STARTED", "UID", "TITLE", "STATUS", "TIME", "CHECK-INS", "MEAN", "PAIN"});
  for (const auto& s : *summaries) {
    char mean[16];
    std::snprintf(mean, sizeof mean, "%.1f", s.mean_intensity);
    t.add({local_clock_text(s.info.started_ms), s.info.uid.substr(0, 8), s.info.title,
           s.interrupted ? "interrupted" : std::string(core::to_string(s.info.status)),
           s.info.ended_ms ? played_text(s.played_s, s.duration_s) : "-", std::to_string(s.check_ins),
           s.check_ins ? mean : "-", std::to_string(s.pain_check_ins)});
  }
  ctx.out() << t.render()
            << wrap(count(summaries->size(), "session", "sessions") + ". Times are local (" + clock.zone +
                        "); TIME is the time rolled, pauses excluded. Details: smr log UID (the first characters "
                        "are enough)",
                    "", "");
}

}  // namespace

void add_log_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto opts = std::make_shared<LogOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->add_option("UID", opts->uid, "Show this session in full");
  sub->add_option("--since", opts->since, "Only sessions from this local day on (YYYY-MM-DD)")->type_name("DATE");
  sub->add_flag("--json", opts->json, "Print JSON");
  sub->callback([&ctx, opts] {
    if (opts->uid.empty()) {
      list_sessions(ctx, *opts);
    } else {
      show_session(ctx, opts->uid, opts->json);
    }
  });
}

}  // namespace smr::cli
