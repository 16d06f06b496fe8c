#pragma once
// Runs a program as a child process and captures what it prints — for end-to-end tests of the smr binary.

#include <filesystem>
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

// A new, empty folder in the system's temp folder, "NAME-PID" (NAME: e.g. the fixture and the test's name),
// removed with everything in it when the object goes.
class TempDir {
 public:
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace smr::test
