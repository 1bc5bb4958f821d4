#include "temp_dir.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support.hpp"

namespace cmk::crypto::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cmkguard-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_all(const std::string& path) { return cmk::test::read_text(path); }

void write_all(const std::string& path, const std::string& contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

}  // namespace cmk::crypto::testing
