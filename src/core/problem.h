#pragma once
// A problem with one field of an input, kept apart from its words: programs read `field`, people read
// message(). Produced by the core's input checks (profile_field_problems, request_field_problems) and carried
// by the use cases' errors (service/error.h), so that no caller splits a message to find the field.

#include <string>
#include <vector>

namespace smr::core {

struct Problem {
  std::string field;  // JSON path of the field at fault: "minutes", "tools[1]", "aches[0].side"; "" for none
  std::string text;   // what is wrong and what would be right, without the field: "2 is out of range; ..."

  // "tools[1]: unknown tool ...": the text after the field, or alone when there is no field.
  std::string message() const { return field.empty() ? text : field + ": " + text; }

  bool operator==(const Problem&) const = default;
};

// Every problem's message(), one a line.
inline std::string messages(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p.message();
  return out;
}

}  // namespace smr::core
