#include "cli/text.h"

#include <algorithm>
#include <cstdio>

namespace smr::cli {

namespace {

// Display width of UTF-8 text: counts code points, not bytes.
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string wrap(std::string_view text, std::string_view first_prefix, std::string_view prefix, std::size_t width) {
  std::string out(first_prefix);
  std::size_t col = display_width(first_prefix);
  const std::size_t indent = display_width(prefix);
  bool line_empty = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size()) break;
    if (text[i] == '\n') {
      out += '\n';
      out += prefix;
      col = indent;
      line_empty = true;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n') ++j;
    const std::string_view word = text.substr(i, j - i);
    const std::size_t w = display_width(word);
    if (!line_empty && col + 1 + w > width) {
      out += '\n';
      out += prefix;
      col = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
    line_empty = false;
    i = j;
  }
  out += '\n';
  return out;
}

std::string Table::render() const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - display_width(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

std::string count(std::size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

std::string duration(int seconds) {
  if (seconds < 60) return std::to_string(seconds) + " s";
  const int min = seconds / 60;
  const int s = seconds % 60;
  return std::to_string(min) + " min" + (s ? " " + std::to_string(s) + " s" : "");
}

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

}  // namespace smr::cli
