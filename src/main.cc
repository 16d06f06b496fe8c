// smr: the SMR Coach binary. Wires the layers together and turns anything unexpected into a message.

#include <exception>
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  try {
    return smr::cli::run_cli(argc, argv, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "smr: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
