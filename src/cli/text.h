#pragma once
// Plain-text layout for the terminal: word wrapping and aligned tables.

#include <string>
#include <string_view>
#include <vector>

namespace smr::cli {

inline constexpr std::size_t kTextWidth = 78;

// `text` wrapped to `width` columns; the first line starts with `first_prefix`, later lines with `prefix`
// (e.g. "  1. " and "     "). Ends with a newline.
std::string wrap(std::string_view text, std::string_view first_prefix, std::string_view prefix,
                 std::size_t width = kTextWidth);

// A table with a header row; columns are padded to their widest cell. The last column is not padded.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// "1 exercise", "3 exercises".
std::string count(std::size_t n, std::string_view singular, std::string_view plural);
// A decimal as a person writes it: "0", "2.5", "0.001" (at most 6 significant digits, no trailing zeros).
std::string number_text(double value);
// "2 min 30 s", "45 s".
std::string duration(int seconds);

}  // namespace smr::cli
