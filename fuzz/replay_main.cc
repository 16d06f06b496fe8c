// The fuzz targets without libFuzzer (fuzz/CMakeLists.txt, the asan preset: `make test`): each input file (a
// folder: every file in it, in name order) is given to LLVMFuzzerTestOneInput as it is, then as a fixed number
// of mutations of it (bytes flipped, inserted or removed, the input cut short or doubled) from a fixed seed, so
// a run is repeatable. A smoke test of the harnesses and of the seeds' paths through the product under ASan and
// UBSan with g++; the fuzzing proper is `make fuzz` (clang, libFuzzer, 10^7 executions per target).
//
//   fuzz_replay_<target> [--mutations N] PATH...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

namespace fs = std::filesystem;

void run(const std::string& input) {
  // A copy of exactly `size` bytes on the heap, as libFuzzer gives it: ASan sees a read past the end.
  std::vector<std::uint8_t> bytes(input.begin(), input.end());
  LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
}

std::string mutate(std::string s, std::mt19937& rng) {
  auto pick = [&rng](std::size_t n) {
    return n == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  const auto edits = 1 + pick(4);
  for (std::size_t e = 0; e < edits; ++e) {
    switch (pick(6)) {
      case 0:  // flip a bit
        if (!s.empty()) s[pick(s.size())] = static_cast<char>(s[pick(s.size())] ^ (1 << pick(8)));
        break;
      case 1:  // an interesting byte
        if (!s.empty()) {
          static constexpr std::string_view kBytes("\0\xff\"\\{}[],:-0e\r\n %", 17);
          s[pick(s.size())] = kBytes[pick(kBytes.size())];
        }
        break;
      case 2:  // insert a byte
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(pick(s.size() + 1)), static_cast<char>(pick(256)));
        break;
      case 3:  // remove a run
        if (!s.empty()) {
          const auto at = pick(s.size());
          s.erase(at, 1 + pick(std::min<std::size_t>(16, s.size() - at)));
        }
        break;
      case 4:  // cut short
        s.resize(pick(s.size() + 1));
        break;
      default:  // repeat a piece
        if (!s.empty() && s.size() < 64 * 1024) {
          const auto at = pick(s.size());
          const auto piece = s.substr(at, 1 + pick(std::min<std::size_t>(64, s.size() - at)));
          s.insert(pick(s.size() + 1), piece);
        }
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  long mutations = 0;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--mutations" && i + 1 < argc) {
      mutations = std::strtol(argv[++i], nullptr, 10);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(argv[i], ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& entry : fs::directory_iterator(argv[i])) {
        if (entry.is_regular_file()) in_dir.push_back(entry.path());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else if (fs::is_regular_file(argv[i], ec)) {
      files.emplace_back(argv[i]);
    } else {
      std::fprintf(stderr, "fuzz replay: %s is neither a file nor a folder of inputs\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--mutations N] FILE_OR_FOLDER... (no input given)\n", argv[0]);
    return 2;
  }
  std::mt19937 rng(20261207);
  std::size_t runs = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string seed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    run(seed);
    ++runs;
    for (long m = 0; m < mutations; ++m, ++runs) run(mutate(seed, rng));
  }
  std::printf("fuzz replay: %zu inputs (%zu seeds, %ld mutations each), no crash\n", runs, files.size(), mutations);
  return 0;
}
