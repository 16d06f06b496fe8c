#include "cli/commands.h"

#include <array>

namespace smr::cli {

namespace {

constexpr std::array<CommandSpec, 1> kCommands{{
    {"catalog", "Browse the knowledge base: regions, tools, techniques, exercises, conditions, evidence",
     &add_catalog_command},
}};

}  // namespace

std::span<const CommandSpec> commands() { return kCommands; }

}  // namespace smr::cli
