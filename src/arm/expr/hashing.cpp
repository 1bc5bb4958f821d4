#include "arm/expr/hashing.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>  // SHA_DIGEST_LENGTH

#include <array>

namespace cmk::arm::expr {

namespace {
uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

uint32_t fmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

uint32_t read_le(const unsigned char* p, size_t n) {
  uint32_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(p[i]) << (8 * i);
  return v;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '-';
    out += parts[i];
  }
  return out;
}
}  // namespace

uint64_t murmur_hash64(std::string_view bytes, uint32_t seed) {
  constexpr uint32_t c1 = 0x239b961bU;
  constexpr uint32_t c2 = 0xab0e9789U;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t length = bytes.size();
  uint32_t h1 = seed;
  uint32_t h2 = seed;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint32_t k1 = read_le(data + i, 4);
    uint32_t k2 = read_le(data + i + 4, 4);
    k1 *= c1;
    k1 = rotl(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    h1 = rotl(h1, 19);
    h1 += h2;
    h1 = h1 * 5 + 0x561ccd1bU;
    k2 *= c2;
    k2 = rotl(k2, 17);
    k2 *= c1;
    h2 ^= k2;
    h2 = rotl(h2, 13);
    h2 += h1;
    h2 = h2 * 5 + 0x0bcaa747U;
  }
  const size_t tail = length - i;
  if (tail > 0) {
    uint32_t k1 = read_le(data + i, tail < 4 ? tail : 4);
    k1 *= c1;
    k1 = rotl(k1, 15);
    k1 *= c2;
    h1 ^= k1;
    if (tail > 4) {
      uint32_t k2 = read_le(data + i + 4, tail - 4);
      k2 *= c2;
      k2 = rotl(k2, 17);
      k2 *= c1;
      h2 ^= k2;
    }
  }
  h1 ^= static_cast<uint32_t>(length);
  h2 ^= static_cast<uint32_t>(length);
  h1 += h2;
  h2 += h1;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 += h2;
  h2 += h1;
  return (static_cast<uint64_t>(h2) << 32) | h1;
}

std::string unique_string(const std::vector<std::string>& parts) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  uint64_t hash = murmur_hash64(join(parts));
  std::string out;
  for (int i = 0; i < 13; ++i) {
    out += kAlphabet[hash >> 59];
    hash <<= 5;
  }
  return out;
}

std::string arm_guid(const std::vector<std::string>& parts) {
  // The namespace in network byte order, as RFC 4122 hashes it.
  static constexpr std::array<unsigned char, 16> kNamespace = {0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d,
                                                               0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b,
                                                               0xbd, 0x58, 0x88, 0x30};
  const std::string name = join(parts);
  unsigned char digest[SHA_DIGEST_LENGTH];
  // SHA1_* is deprecated in OpenSSL 3 in favour of EVP; EVP keeps this warning-free.
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestInit_ex(md, EVP_sha1(), nullptr);
  EVP_DigestUpdate(md, kNamespace.data(), kNamespace.size());
  EVP_DigestUpdate(md, name.data(), name.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(md, digest, &len);
  EVP_MD_CTX_free(md);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ') clean += c;
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  std::string out(3 * clean.size() / 4, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(clean.data()),
                                static_cast<int>(clean.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts padding as output bytes; drop them.
  size_t size = static_cast<size_t>(n);
  if (!clean.empty() && clean.back() == '=') --size;
  if (clean.size() >= 2 && clean[clean.size() - 2] == '=') --size;
  out.resize(size);
  return out;
}

}  // namespace cmk::arm::expr
