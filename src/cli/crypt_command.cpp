#include <iostream>

#include "cli/commands.hpp"

namespace cmk::cli {

// Not built yet: says so instead of pretending to succeed.
int run_crypt(const Args&) {
  std::cerr << "cmkguard crypt: not implemented yet\n";
  return 2;
}

}  // namespace cmk::cli
