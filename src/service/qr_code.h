#pragma once
// A QR code (libqrencode, error correction level M) of a pairing URL, drawn for a terminal and as SVG
// (docs/pairing.md). Pure: no I/O.

#include <string>
#include <string_view>
#include <vector>

namespace smr::service {

class QrCode {
 public:
  // The code for `text`; an empty code (size() 0) when the text is too long for a QR code.
  static QrCode encode(std::string_view text);

  // Modules per side (0 for an empty code).
  int size() const { return size_; }
  // True for a dark module; 0 <= x, y < size().
  bool dark(int x, int y) const { return modules_[static_cast<std::size_t>(y * size_ + x)]; }

  // Lines of text (UTF-8 half blocks, two rows of modules per line) with a 2-module quiet zone, dark modules
  // drawn as the terminal's background so that it scans on dark and light terminals alike (the quiet zone and
  // light modules are full blocks). One '\n' after each line.
  std::string to_terminal() const;
  // A standalone SVG (one path, black on white, 4-module quiet zone, `module_px` pixels a module).
  std::string to_svg(int module_px = 6) const;

 private:
  int size_ = 0;
  std::vector<bool> modules_;
};

}  // namespace smr::service
