#include "report/fingerprint.hpp"

#include <openssl/evp.h>

#include "util/stable_path.hpp"

namespace cmk::report {

namespace {
// A finding's fingerprint: the first 128 bits of the key's digest.
std::string digest_hex(const std::string& key) { return sha256_hex(key).substr(0, 32); }
}  // namespace

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

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
