#pragma once
// Spoken cues in the terminal: espeak-ng, when it is installed (offline speech). Each say() starts espeak-ng
// in the background and returns at once; a newer cue interrupts one still being spoken (it is more relevant
// than the rest of the old one). Children are reaped as they finish and on destruction.

#include <sys/types.h>
#include <string>
#include <string_view>

namespace smr::cli {

class Voice {
 public:
  // Finds espeak-ng on PATH (or `program` when given). available() tells whether it was found.
  explicit Voice(std::string program = "");
  ~Voice();
  Voice(const Voice&) = delete;
  Voice& operator=(const Voice&) = delete;

  bool available() const { return !path_.empty(); }
  // What to tell a person who asked for --voice without espeak-ng.
  static std::string_view missing_message();

  void say(std::string_view text);

 private:
  void reap(bool wait);

  std::string path_;
  pid_t speaking_ = -1;
};

}  // namespace smr::cli
