#include "report/fingerprint.hpp"

#include <openssl/evp.h>

#include "util/stable_path.hpp"

namespace cmk::report {

namespace {
std::string digest_hex(const std::string& key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16 && i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}
}  // namespace

std::string finding_fingerprint(const rules::Finding& f) {
  // Fields are newline-separated; "v2" keeps these keys apart from the legacy ones.
  std::string key = "v2\n" + f.rule->id + "\n" + f.resource_type + "\n" + f.resource_name + "\n" +
                    f.evaluated_name.value_or("") + "\n";
  for (const std::string& d : f.deployment_path) key += d + "\x1f";
  key += "\n" + f.path + "\n" + stable_path(f.file);
  return digest_hex(key);
}

std::string legacy_fingerprint(const rules::Finding& f) {
  return digest_hex(f.rule->id + "\n" + f.resource_type + "\n" + f.resource_name + "\n" + f.path +
                    "\n" + f.file);
}

}  // namespace cmk::report
