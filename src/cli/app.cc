#include "cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"
#include "store/store.h"

namespace smr::cli {

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
