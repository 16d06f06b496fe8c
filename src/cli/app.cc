#include "cli/app.h"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "http/health_api.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace smr::cli {

namespace {

// The option named `name` ("--minutes") in `app` or any of its subcommands; nullptr when there is none.
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
  if (const auto* o = app.get_option_no_throw(name)) return o;
  for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (const auto* o = find_option(*sub, name)) return o;
  }
  return nullptr;
}

// CLI11's "Could not convert: --minutes = abc" in our words (issue 11): the flag, the value, what a valid
// one looks like and the flag's own help.
std::string conversion_message(const CLI::App& app, const CLI::ConversionError& e) {
  const std::string what = e.what();
  const std::string prefix = "Could not convert: ";
  const auto eq = what.find(" = ");
  if (what.rfind(prefix, 0) != 0 || eq == std::string::npos) return what;
  const std::string name = what.substr(prefix.size(), eq - prefix.size());
  const std::string value = what.substr(eq + 3);
  // A value that reads as a decimal number but was refused can only be a decimal for a whole-number option.
  char* end = nullptr;
  (void)std::strtod(value.c_str(), &end);
  const bool is_number = !value.empty() && end != nullptr && *end == '\0';
  std::string message = name + ": \"" + value + "\" is not " + (is_number ? "a whole number" : "a number");
  if (const auto* o = find_option(app, name); o != nullptr && !o->get_description().empty()) {
    message += " (" + name + " " + o->get_type_name() + ": " + o->get_description() + ")";
  }
  return message;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CliContext ctx(out, err);
  CLI::App app{
      "SMR Coach: safe, evidence-based self-myofascial rolling (foam roller, balls, stick).\n"
      "General guidance, not medical advice.",
      "smr"};
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.add_option("--catalog", ctx.catalog_dir, "Use the catalog in DIR instead of the built-in one")->type_name("DIR");
  app.add_option("--db", ctx.db_url,
                 "The journal: sqlite:PATH (default " + store::default_store_url() +
                     "), postgresql://USER:PASSWORD@HOST:PORT/DB, or memory: (nothing is kept)")
      ->type_name("URL");
  std::string error_format = "text";
  app.add_option("--error-format", error_format,
                 "How a failure is printed on stderr: text (default), or json: {\"error\": {\"code\", \"message\", "
                 "\"field\"}} with the same code and field as the HTTP API")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "json"}));
  app.set_version_flag("--version",
                       "SMR Coach " + std::string(http::smr_version()) + " (journal schema " +
                           std::to_string(store::latest_sqlite_schema_version()) + ")",
                       "Print the version and exit");
  for (const auto& spec : commands()) spec.add(app, ctx, spec);

  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      out << app.help();
    }
    return kExitOk;
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ConversionError& e) {
    err << "smr: " << conversion_message(app, e) << "\n";
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    // Help for a subcommand is raised as a ParseError whose exit code is 0.
    if (e.get_exit_code() == 0) return app.exit(e, out, err);
    err << "smr: " << e.what() << "\nRun 'smr --help' (or 'smr COMMAND --help') for the options.\n";
    return kExitUsage;
  } catch (const CliError& e) {
    if (error_format == "json") {
      boost::json::object inner{
          {"code", e.code().empty() ? (e.exit_code() == kExitUsage ? "invalid" : "failed") : e.code()},
          {"message", e.what()}};
      inner["field"] = e.field().empty() ? boost::json::value(nullptr) : boost::json::value(e.field());
      err << boost::json::serialize(boost::json::object{{"error", std::move(inner)}}) << "\n";
      return e.exit_code();
    }
    err << "smr: " << e.what() << "\n";
    return e.exit_code();
  }
}

}  // namespace smr::cli
