#include "softhsm.hpp"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>

namespace cmk::crypto::testing {

namespace fs = std::filesystem;

std::optional<std::string> softhsm_module() {
  if (std::system("command -v softhsm2-util >/dev/null 2>&1") != 0) return std::nullopt;
  if (const char* env = getenv("CMKGUARD_SOFTHSM_MODULE")) return std::string(env);
  for (const char* p :
       {"/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so", "/usr/lib64/pkcs11/libsofthsm2.so"}) {
    if (fs::exists(p)) return std::string(p);
  }
  return std::nullopt;
}

SoftHsm::SoftHsm() {
  fs::create_directory(dir_.path() / "tokens");
  write_all(dir_ / "softhsm2.conf", "directories.tokendir = " + (dir_ / "tokens") +
                                        "\nobjectstore.backend = file\nlog.level = ERROR\n");
  if (const char* old = getenv("SOFTHSM2_CONF")) old_conf_ = old;
  setenv("SOFTHSM2_CONF", (dir_ / "softhsm2.conf").c_str(), 1);
}

SoftHsm::~SoftHsm() {
  if (old_conf_) {
    setenv("SOFTHSM2_CONF", old_conf_->c_str(), 1);
  } else {
    unsetenv("SOFTHSM2_CONF");
  }
}

bool SoftHsm::init_token(const std::string& label, const std::string& pin) {
  const std::string cmd = "softhsm2-util --init-token --free --label '" + label + "' --pin '" +
                          pin + "' --so-pin 87654321 >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

}  // namespace cmk::crypto::testing
