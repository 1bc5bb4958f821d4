#include "file_helpers.hpp"

#include <fstream>

#include "test_support.hpp"

namespace cmk::crypto::testing {

std::string read_all(const std::string& path) { return cmk::test::read_text(path); }

void write_all(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

}  // namespace cmk::crypto::testing
