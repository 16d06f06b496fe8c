#pragma once
// Runs a program as a child process and captures what it prints — for end-to-end tests of the smr binary.

#include <string>
#include <vector>

namespace smr::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when the child did not exit normally
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) with no input and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv);

}  // namespace smr::test
