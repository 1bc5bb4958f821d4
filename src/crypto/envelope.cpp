#include "crypto/envelope.hpp"

#include <openssl/crypto.h>

#include <bit>

#include "crypto/hkdf.hpp"
#include "crypto/random.hpp"

namespace cmk::crypto {

namespace {
constexpr size_t kDataKeySize = 32;
constexpr std::string_view kMacInfo = "cmkguard/v1 header mac";

void xor_into(SecretBytes& acc, const SecretBytes& share) {
  auto a = acc.expose_secret_mutable();
  auto s = share.expose_secret();
  for (size_t i = 0; i < a.size(); ++i) a[i] ^= s[i];
}

Result<Bytes> header_mac(const SecretBytes& data_key, const FileHeader& h) {
  auto mac_key = hkdf_expand(data_key.expose_secret(), as_bytes(kMacInfo), 64);
  if (!mac_key) return mac_key.error();
  auto mac = hmac(mac_key->expose_secret(), encode_header_unmacced(h));
  if (!mac) return mac.error();
  mac->resize(kHeaderMacSize);
  return mac;
}

Error key_error(const WrappedKey& entry, const Error& e) {
  return make_error(e.code, std::string("cannot unwrap the ") + layer_name(entry.layer) +
                                " layer with key " + entry.key_id + ": " + e.message);
}

Result<WrappedKey> wrap_share(KeyLayer layer, KeyEncryptionKey& kek, const SecretBytes& share) {
  auto wrapped = kek.wrap(share);
  if (!wrapped) {
    return make_error(wrapped.error().code, std::string("cannot wrap the ") + layer_name(layer) +
                                                " layer with key " + kek.key_id() + ": " +
                                                wrapped.error().message);
  }
  return WrappedKey{layer, kek.key_id(), kek.algorithm(), std::move(*wrapped)};
}

struct Unlocked {
  SecretBytes data_key;
  std::vector<SecretBytes> shares;  // parallel to header.keys
};

// Unwraps every share, recombines the data key and checks the header MAC with it.
Result<Unlocked> unlock(const FileHeader& h, KeyResolver& resolver) {
  Unlocked u;
  u.data_key = SecretBytes(kDataKeySize);
  for (const auto& entry : h.keys) {
    auto kek = resolver.resolve(entry.key_id, entry.algorithm);
    if (!kek) return key_error(entry, kek.error());
    if ((*kek)->algorithm() != entry.algorithm) {
      return key_error(
          entry, make_error(ErrorCode::Unsupported, std::string("the key does not offer ") +
                                                        wrap_algorithm_name(entry.algorithm)));
    }
    auto share = (*kek)->unwrap(entry.wrapped);
    if (!share) return key_error(entry, share.error());
    if (share->size() != kDataKeySize) {
      return key_error(entry, make_error(ErrorCode::Format, "unwrapped share has the wrong size"));
    }
    xor_into(u.data_key, *share);
    u.shares.push_back(std::move(*share));
  }
  auto mac = header_mac(u.data_key, h);
  if (!mac) return mac.error();
  if (h.mac.size() != kHeaderMacSize ||
      CRYPTO_memcmp(mac->data(), h.mac.data(), kHeaderMacSize) != 0) {
    return make_error(ErrorCode::Authentication,
                      "header MAC does not verify: the header was modified");
  }
  return u;
}

uint8_t chunk_log2_of(size_t chunk_size) {
  return static_cast<uint8_t>(std::countr_zero(chunk_size));
}
}  // namespace

Status encrypt_stream(const EnvelopeKeys& keys, const EncryptOptions& options, ByteSource& in,
                      ByteSink& out) {
  if (!keys.service) return make_error(ErrorCode::InvalidArgument, "a service key is required");
  const size_t cs = options.chunk_size;
  if (!std::has_single_bit(cs) || chunk_log2_of(cs) < kMinChunkLog2 ||
      chunk_log2_of(cs) > kMaxChunkLog2) {
    return make_error(ErrorCode::InvalidArgument,
                      "chunk size must be a power of two from 16 B to 16 MiB");
  }
  FileHeader h;
  h.chunk_log2 = chunk_log2_of(cs);
  h.context = options.context;
  auto data_key = random_secret(kDataKeySize);
  if (!data_key) return data_key.error();
  SecretBytes service_share = data_key->clone();
  if (keys.customer) {
    auto customer_share = random_secret(kDataKeySize);
    if (!customer_share) return customer_share.error();
    xor_into(service_share, *customer_share);
    auto s = wrap_share(KeyLayer::Service, *keys.service, service_share);
    if (!s) return s.error();
    auto c = wrap_share(KeyLayer::Customer, *keys.customer, *customer_share);
    if (!c) return c.error();
    h.keys = {std::move(*s), std::move(*c)};
  } else {
    auto s = wrap_share(KeyLayer::Service, *keys.service, service_share);
    if (!s) return s.error();
    h.keys = {std::move(*s)};
  }
  auto salt = random_bytes(kChunkSaltSize);
  if (!salt) return salt.error();
  h.salt = std::move(*salt);
  auto chunk_keys = derive_chunk_keys(*data_key, h.salt, body_context(h));
  if (!chunk_keys) return chunk_keys.error();
  h.commitment = chunk_keys->commitment;
  auto mac = header_mac(*data_key, h);
  if (!mac) return mac.error();
  h.mac = std::move(*mac);
  CMK_TRY(out.write(encode_header(h)));
  return seal_chunks(*chunk_keys, cs, in, out);
}

Status decrypt_stream(KeyResolver& keys, ByteSource& in, ByteSink& out) {
  auto h = read_header(in);
  if (!h) return h.error();
  auto unlocked = unlock(*h, keys);
  if (!unlocked) return unlocked.error();
  auto chunk_keys = derive_chunk_keys(unlocked->data_key, h->salt, body_context(*h));
  if (!chunk_keys) return chunk_keys.error();
  if (CRYPTO_memcmp(chunk_keys->commitment.data(), h->commitment.data(), kCommitmentSize) != 0) {
    return make_error(ErrorCode::Authentication, "key commitment does not match the data key");
  }
  return open_chunks(*chunk_keys, h->chunk_size(), in, out);
}

Result<FileHeader> rewrap_header(const FileHeader& header, KeyResolver& keys,
                                 const RewrapRequest& request) {
  if (request.remove_customer && request.customer) {
    return make_error(ErrorCode::InvalidArgument, "cannot both set and remove the customer layer");
  }
  auto unlocked = unlock(header, keys);
  if (!unlocked) return unlocked.error();

  // Collapse to one service share and an optional customer share, keeping the data key.
  const WrappedKey* old_service = nullptr;
  const WrappedKey* old_customer = nullptr;
  SecretBytes customer_share;
  for (size_t i = 0; i < header.keys.size(); ++i) {
    const auto& k = header.keys[i];
    if (k.layer == KeyLayer::Service && !old_service) old_service = &k;
    if (k.layer == KeyLayer::Customer && !old_customer) {
      old_customer = &k;
      customer_share = unlocked->shares[i].clone();
    }
  }
  if (!old_service) return make_error(ErrorCode::Format, "the file has no service layer");
  const bool keep_customer = !request.remove_customer && (old_customer || request.customer);
  if (keep_customer && !old_customer) {
    auto r = random_secret(kDataKeySize);
    if (!r) return r.error();
    customer_share = std::move(*r);
  }
  SecretBytes service_share = unlocked->data_key.clone();
  if (keep_customer) xor_into(service_share, customer_share);

  std::shared_ptr<KeyEncryptionKey> service = request.service;
  if (!service) {
    auto resolved = keys.resolve(old_service->key_id, old_service->algorithm);
    if (!resolved) return resolved.error();
    service = *resolved;
  }
  FileHeader out = header;
  out.keys.clear();
  auto s = wrap_share(KeyLayer::Service, *service, service_share);
  if (!s) return s.error();
  out.keys.push_back(std::move(*s));
  if (keep_customer) {
    std::shared_ptr<KeyEncryptionKey> customer = request.customer;
    if (!customer) {
      auto resolved = keys.resolve(old_customer->key_id, old_customer->algorithm);
      if (!resolved) return resolved.error();
      customer = *resolved;
    }
    auto c = wrap_share(KeyLayer::Customer, *customer, customer_share);
    if (!c) return c.error();
    out.keys.push_back(std::move(*c));
  }
  auto mac = header_mac(unlocked->data_key, out);
  if (!mac) return mac.error();
  out.mac = std::move(*mac);
  return out;
}

std::string describe_layers(const FileHeader& header) {
  std::string out;
  for (const auto& k : header.keys) {
    if (!out.empty()) out += ", ";
    out += std::string(layer_name(k.layer)) + ": " + k.key_id + " (" +
           wrap_algorithm_name(k.algorithm) + ")";
  }
  return out;
}

}  // namespace cmk::crypto
