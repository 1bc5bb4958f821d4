#include "temp_dir.hpp"

#include <stdlib.h>

#include <stdexcept>

namespace cmk::test {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cmkguard-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed: " + tmpl);
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace cmk::test
