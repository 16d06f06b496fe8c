#include "service/qr_code.h"

#include <memory>
#include <string>

#include <qrencode.h>

namespace smr::service {

QrCode QrCode::encode(std::string_view text) {
  QrCode out;
  const std::string data(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M),
                                                       &QRcode_free);
  if (!code) return out;
  out.size_ = code->width;
  out.modules_.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t i = 0; i < out.modules_.size(); ++i) out.modules_[i] = (code->data[i] & 1) != 0;
  return out;
}

std::string QrCode::to_terminal() const {
  if (size_ == 0) return {};
  constexpr int kQuiet = 2;
  const int side = size_ + 2 * kQuiet;
  // Light = a printed block; dark = a space (the terminal's background).
  const auto light = [&](int x, int y) {
    x -= kQuiet;
    y -= kQuiet;
    if (x < 0 || y < 0 || x >= size_ || y >= size_) return true;
    return !dark(x, y);
  };
  std::string out;
  for (int y = 0; y < side; y += 2) {
    for (int x = 0; x < side; ++x) {
      const bool top = light(x, y);
      const bool bottom = y + 1 < side ? light(x, y + 1) : false;
      if (top && bottom) {
        out += "\u2588";  // full block
      } else if (top) {
        out += "\u2580";  // upper half
      } else if (bottom) {
        out += "\u2584";  // lower half
      } else {
        out += ' ';
      }
    }
    out += '\n';
  }
  return out;
}

std::string QrCode::to_svg(int module_px) const {
  constexpr int kQuiet = 4;
  const int side = size_ + 2 * kQuiet;
  const auto px = std::to_string(side * module_px);
  std::string path;
  for (int y = 0; y < size_; ++y) {
    for (int x = 0; x < size_; ++x) {
      if (dark(x, y)) path += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h1v1h-1z";
    }
  }
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + px + "\" height=\"" + px + "\" viewBox=\"0 0 " +
         std::to_string(side) + " " + std::to_string(side) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" "
         "d=\"" +
         path + "\"/></svg>";
}

}  // namespace smr::service
