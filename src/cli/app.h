#pragma once
// The smr command line: parses arguments, runs one subcommand and turns failures into an exit code and a
// message. main() only calls run_cli().

#include <iosfwd>

namespace smr::cli {

// Returns the process exit code (see cli_context.h).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace smr::cli
