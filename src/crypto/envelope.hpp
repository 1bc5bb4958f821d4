#pragma once
// Envelope encryption with Azure's CMK semantics (docs/crypto.md). A fresh 32-byte data key per
// file encrypts the body (C2SP chunked AES-256-GCM). The data key is split into XOR shares, one
// per layer: with only a service layer the service key alone recovers it; with a customer layer
// both the service key and the customer-managed key are needed (double encryption). Rewrapping
// changes the wrapped shares and the header MAC, never the body.

#include <memory>
#include <vector>

#include "crypto/chunked.hpp"
#include "crypto/header.hpp"
#include "crypto/key_encryption_key.hpp"
#include "crypto/result.hpp"
#include "crypto/stream.hpp"

namespace cmk::crypto {

struct EncryptOptions {
  size_t chunk_size = kDefaultChunkSize;  // a power of two from 16 bytes to 16 MiB
  EncryptionContext context;              // authenticated, not secret
};

// service is required; customer may be null (service-only encryption).
struct EnvelopeKeys {
  std::shared_ptr<KeyEncryptionKey> service;
  std::shared_ptr<KeyEncryptionKey> customer;
};

Status encrypt_stream(const EnvelopeKeys& keys, const EncryptOptions& options, ByteSource& in,
                      ByteSink& out);

// Reads the header, unwraps every layer (errors name the key that failed), checks the header MAC
// and key commitment, then streams the body. On error `out` may hold a verified prefix: discard it.
Status decrypt_stream(KeyResolver& keys, ByteSource& in, ByteSink& out);

struct RewrapRequest {
  // Service key to wrap the service share with; null keeps the current service wrapping.
  std::shared_ptr<KeyEncryptionKey> service;
  // Customer key for the customer layer (added when the file has none); null keeps it as is.
  std::shared_ptr<KeyEncryptionKey> customer;
  // Drops the customer layer (CMK disabled): the service layer alone then protects the data key.
  bool remove_customer = false;
};

// A new header for the same body. Needs every current layer to unwrap (the MAC is re-keyed from
// the data key); InvalidArgument for contradictory requests.
Result<FileHeader> rewrap_header(const FileHeader& header, KeyResolver& keys,
                                 const RewrapRequest& request);

// The key ids a header's layers name, for messages.
std::string describe_layers(const FileHeader& header);

}  // namespace cmk::crypto
