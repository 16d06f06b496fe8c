// smr trainers: a person's trainers and what each may see; changing what one sees; leaving one (docs/accounts.md,
// "Invitations and consent"). Each subcommand is one call into service/trainer_service.h for the person named by
// --person (the command runs on the server's machine, as smr user and smr invite do).

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "cli/local_time_zone.h"
#include "cli/service_error.h"
#include "core/enum_names.h"
#include "service/account_service.h"
#include "service/trainer_service.h"
#include "service/wall_clock.h"

namespace smr::cli {

namespace {

struct TrainersOptions {
  std::string person;   // --person LOGIN
  std::string trainer;  // TRAINER (a login)
  std::string with;     // --with LIST
};

constexpr service::Category kAllCategories[] = {service::Category::kSessions, service::Category::kTrends,
                                                service::Category::kSelfTests, service::Category::kSoreness,
                                                service::Category::kScreening};

std::string_view category_words(service::Category c) {
  switch (c) {
    case service::Category::kSessions: return "sessions and adherence";
    case service::Category::kTrends: return "sensation trends and pain alerts";
    case service::Category::kSelfTests: return "self-tests";
    case service::Category::kSoreness: return "soreness";
    case service::Category::kScreening: return "the screening (conditions)";
  }
  return "";
}

std::string sees(const store::Sharing& sharing) {
  std::string out;
  for (const auto c : kAllCategories) {
    if (service::shares(sharing, c)) out += (out.empty() ? "" : ", ") + std::string(category_words(c));
  }
  return out.empty() ? "nothing beyond your name" : out;
}

std::string choices() {
  std::string out;
  for (const auto c : kAllCategories) out += std::string(core::to_string(c)) + ", ";
  return out + "or none";
}

// --with: categories joined by commas, or "none".
store::Sharing parse_with(const std::string& text) {
  store::Sharing s;
  if (text == "none") return s;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(',', start), text.size());
    const std::string word = text.substr(start, end - start);
    const auto c = core::parse_enum<service::Category>(word);
    if (!c) {
      throw CliError(kExitUsage, "--with: \"" + word + "\" is not a category; expected some of " + choices() +
                                     ", joined by commas (sessions,trends)");
    }
    switch (*c) {
      case service::Category::kSessions: s.sessions = true; break;
      case service::Category::kTrends: s.trends = true; break;
      case service::Category::kSelfTests: s.self_tests = true; break;
      case service::Category::kSoreness: s.soreness = true; break;
      case service::Category::kScreening: s.screening = true; break;
    }
    start = end + 1;
  }
  return s;
}

// The stored form of a login (trimmed, lower case); exit 2 naming `flag` when it cannot be one.
std::string login_of(const std::string& text, std::string_view flag) {
  auto login = service::normalise_login(text, std::string(flag));
  if (!login) throw CliError(kExitUsage, login.error().message);
  return *login;
}

core::PersonId person_of(store::Store& store, const std::string& text, std::string_view flag) {
  auto account = store.account_by_login(login_of(text, flag));
  if (!account) throw_service_error(service::from_store(account.error()));
  if (!*account)
    throw CliError(kExitUsage, std::string(flag) + ": no account \"" + text + "\"; smr user list lists them");
  return (*account)->person_id;
}

// The person's active link with the trainer of login `trainer`, or exit 1 saying it is not there.
service::TrainerOfClient trainer_of(store::Store& store, core::PersonId person, const TrainersOptions& o) {
  auto account = store.account_by_login(login_of(o.trainer, "TRAINER"));
  if (!account) throw_service_error(service::from_store(account.error()));
  auto mine = service::trainers(store, person);
  if (!mine) throw_service_error(mine.error());
  for (const auto& t : *mine) {
    if (*account && t.trainer_id == (*account)->person_id) return t;
  }
  throw CliError(kExitFailure, "TRAINER: \"" + o.trainer + "\" is not a trainer of " + o.person +
                                   "; smr trainers list --person " + o.person + " lists them");
}

void list(CliContext& ctx, const TrainersOptions& o) {
  auto& store = ctx.journal_for_reading();
  const auto person = person_of(store, o.person, "--person");
  auto mine = service::trainers(store, person);
  if (!mine) throw_service_error(mine.error());
  if (mine->empty()) {
    ctx.out() << o.person << " has no trainer. A trainer's invitation (smr invite) makes one.\n";
    return;
  }
  for (const auto& t : *mine) {
    auto account = store.account(t.trainer_id);
    const std::string login = account && *account ? (*account)->login : std::to_string(t.trainer_id);
    ctx.out() << login << " (" << t.name << "), since " << local_clock_text(t.since_ms) << "\n"
              << "    sees: " << sees(t.sharing) << "\n";
  }
  ctx.out() << "Change what one sees with smr trainers share TRAINER --person " << o.person
            << " --with LIST; leave one with smr trainers leave TRAINER --person " << o.person << ".\n";
}

void share(CliContext& ctx, const TrainersOptions& o) {
  const auto sharing = parse_with(o.with);
  auto& store = ctx.store();
  const auto person = person_of(store, o.person, "--person");
  const auto link = trainer_of(store, person, o);
  auto set = service::set_sharing(store, person, link.trainer_id, sharing);
  if (!set) throw_service_error(set.error());
  ctx.out() << o.trainer << " now sees: " << sees(set->sharing) << ".\n";
}

void leave(CliContext& ctx, const TrainersOptions& o) {
  auto& store = ctx.store();
  const auto person = person_of(store, o.person, "--person");
  const auto link = trainer_of(store, person, o);
  if (auto s = service::leave_trainer(store, person, link.trainer_id, service::wall_now_ms()); !s) {
    throw_service_error(s.error());
  }
  ctx.out() << o.person << " left " << o.trainer << ": they see nothing more, and " << o.person
            << "'s records stay theirs.\n";
}

}  // namespace

void add_trainers_command(CLI::App& app, CliContext& ctx, const CommandSpec& spec) {
  auto o = std::make_shared<TrainersOptions>();
  auto* sub = app.add_subcommand(std::string(spec.name), std::string(spec.summary));
  sub->require_subcommand(1);
  const auto person = [&o](CLI::App* s) {
    s->add_option("--person", o->person, "Whose trainers: the person's login")->required()->type_name("LOGIN");
  };
  auto* list_sub = sub->add_subcommand("list", "The person's trainers and what each sees");
  person(list_sub);
  list_sub->callback([&ctx, o] { list(ctx, *o); });
  auto* share_sub = sub->add_subcommand("share", "Change what one trainer sees (every category at once)");
  share_sub->add_option("TRAINER", o->trainer, "The trainer's login")->required();
  person(share_sub);
  share_sub
      ->add_option("--with", o->with,
                   "What the trainer sees: some of sessions, trends, self_tests, soreness, screening joined by "
                   "commas, or none")
      ->required()
      ->type_name("LIST");
  share_sub->callback([&ctx, o] { share(ctx, *o); });
  auto* leave_sub = sub->add_subcommand("leave", "Leave a trainer: they see nothing more; the records stay yours");
  leave_sub->add_option("TRAINER", o->trainer, "The trainer's login")->required();
  person(leave_sub);
  leave_sub->callback([&ctx, o] { leave(ctx, *o); });
}

}  // namespace smr::cli
