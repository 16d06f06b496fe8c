#pragma once
// Runs a program as a child process and captures what it prints — for end-to-end tests of the smr binary.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace smr::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when the child did not exit normally
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is the program path) with no input and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv);

// A long-running child (smr serve): started at construction with no input; a reader thread collects its
// stdout and stderr, so it never blocks on a full pipe. The destructor kills it (SIGKILL) if it still runs.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of stdout, without its newline, waiting up to `timeout`; "" when none came in time (or the
  // child closed stdout).
  std::string read_line(std::chrono::milliseconds timeout);
  // Sends a signal (SIGTERM, SIGINT).
  void signal(int sig);
  // True while the child has not exited.
  bool running();
  // Waits up to `timeout` for the child to exit: its exit code, or -1 when it did not exit normally. A child
  // still running after `timeout` is killed (SIGKILL) and -1 returned.
  int wait(std::chrono::milliseconds timeout);
  // Everything it printed so far.
  std::string out();
  std::string err();

 private:
  void read_pipes(int out_fd, int err_fd);
  void reap(int status);

  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string out_;             // guarded by mutex_
  std::string err_;             // guarded by mutex_
  std::size_t line_start_ = 0;  // guarded by mutex_: where read_line() goes on
  bool out_closed_ = false;     // guarded by mutex_
};

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
