#include "crypto/key_encryption_key.hpp"

namespace cmk::crypto {

const char* layer_name(KeyLayer layer) {
  return layer == KeyLayer::Service ? "service" : "customer";
}

const char* wrap_algorithm_name(WrapAlgorithm alg) {
  switch (alg) {
    case WrapAlgorithm::A256Kwp:
      return "A256KWP";
    case WrapAlgorithm::RsaOaep256:
      return "RSA-OAEP-256";
    case WrapAlgorithm::RsaOaep:
      return "RSA-OAEP";
  }
  return "unknown";
}

}  // namespace cmk::crypto
