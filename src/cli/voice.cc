#include "cli/voice.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

extern char** environ;

namespace smr::cli {

namespace {

std::string find_on_path(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t colon = dirs.find(':', start);
    const std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    start = colon == std::string::npos ? dirs.size() + 1 : colon + 1;
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return {};
}

}  // namespace

Voice::Voice(std::string program) : path_(find_on_path(program.empty() ? "espeak-ng" : program)) {}

Voice::~Voice() {
  if (speaking_ > 0) kill(speaking_, SIGTERM);
  reap(true);
}

std::string_view Voice::missing_message() {
  return "spoken cues need espeak-ng, which is not installed; install it with `apt-get install espeak-ng` "
         "(the session runs without a voice meanwhile)";
}

void Voice::reap(bool wait) {
  if (speaking_ <= 0) return;
  int status = 0;
  if (waitpid(speaking_, &status, wait ? 0 : WNOHANG) != 0) speaking_ = -1;
}

void Voice::say(std::string_view text) {
  if (!available() || text.empty()) return;
  reap(false);
  if (speaking_ > 0) {
    kill(speaking_, SIGTERM);
    reap(true);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::string words(text);
  std::string rate = "150";
  std::vector<char*> argv{path_.data(), const_cast<char*>("-s"), rate.data(), const_cast<char*>("--"), words.data(),
                          nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, path_.c_str(), &actions, nullptr, argv.data(), environ) == 0) speaking_ = pid;
  posix_spawn_file_actions_destroy(&actions);
}

}  // namespace smr::cli
