#include "crypto/rsa_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include "crypto/openssl_error.hpp"

namespace cmk::crypto {

namespace {
using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_clear_free)>;

BnPtr to_bn(ByteView bytes) {
  return BnPtr(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr), &BN_clear_free);
}

Result<Bytes> bn_param(const EVP_PKEY* pkey, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(pkey, name, &raw) != 1) {
    return openssl_error(ErrorCode::Crypto, std::string("RSA key lacks ") + name);
  }
  BnPtr bn(raw, &BN_clear_free);
  Bytes out(static_cast<size_t>(BN_num_bytes(bn.get())));
  BN_bn2bin(bn.get(), out.data());
  return out;
}

Result<SecretBytes> secret_bn_param(const EVP_PKEY* pkey, const char* name) {
  auto b = bn_param(pkey, name);
  if (!b) return b.error();
  SecretBytes s{ByteView(*b)};
  OPENSSL_cleanse(b->data(), b->size());
  return s;
}
}  // namespace

std::shared_ptr<evp_pkey_st> RsaKey::adopt(evp_pkey_st* pkey) {
  return std::shared_ptr<evp_pkey_st>(pkey, &EVP_PKEY_free);
}

Result<RsaKey> RsaKey::generate(int bits) {
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    return make_error(ErrorCode::InvalidArgument, "RSA key size must be 2048, 3072 or 4096");
  }
  EVP_PKEY* pkey = EVP_RSA_gen(static_cast<unsigned>(bits));
  if (!pkey) return openssl_error(ErrorCode::Crypto, "RSA key generation failed");
  return RsaKey(adopt(pkey), true);
}

Result<RsaKey> RsaKey::from_components(const RsaComponents& c) {
  if (c.n.empty() || c.e.empty()) {
    return make_error(ErrorCode::InvalidArgument, "RSA key needs n and e");
  }
  const bool priv = c.d.has_value();
  if (priv && !(c.p && c.q && c.dp && c.dq && c.qi)) {
    return make_error(ErrorCode::InvalidArgument, "RSA private key needs p, q, dp, dq and qi");
  }
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                      &OSSL_PARAM_BLD_free);
  std::vector<BnPtr> bns;
  auto push = [&](const char* name, ByteView bytes) {
    bns.push_back(to_bn(bytes));
    return bns.back() && OSSL_PARAM_BLD_push_BN(bld.get(), name, bns.back().get()) == 1;
  };
  bool ok = bld && push(OSSL_PKEY_PARAM_RSA_N, c.n) && push(OSSL_PKEY_PARAM_RSA_E, c.e);
  if (ok && priv) {
    ok = push(OSSL_PKEY_PARAM_RSA_D, c.d->expose_secret()) &&
         push(OSSL_PKEY_PARAM_RSA_FACTOR1, c.p->expose_secret()) &&
         push(OSSL_PKEY_PARAM_RSA_FACTOR2, c.q->expose_secret()) &&
         push(OSSL_PKEY_PARAM_RSA_EXPONENT1, c.dp->expose_secret()) &&
         push(OSSL_PKEY_PARAM_RSA_EXPONENT2, c.dq->expose_secret()) &&
         push(OSSL_PKEY_PARAM_RSA_COEFFICIENT1, c.qi->expose_secret());
  }
  if (!ok) return openssl_error(ErrorCode::Crypto, "building RSA parameters failed");
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                 &OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* pkey = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params.get()) != 1) {
    return openssl_error(ErrorCode::InvalidArgument, "invalid RSA key components");
  }
  RsaKey key(adopt(pkey), priv);
  if (priv) {
    // The private and public halves must belong together: a JWK whose modulus was swapped for
    // another key's would otherwise still encrypt, to a key nobody can decrypt with.
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> check(
        EVP_PKEY_CTX_new_from_pkey(nullptr, key.pkey(), nullptr), &EVP_PKEY_CTX_free);
    if (!check || EVP_PKEY_pairwise_check(check.get()) != 1) {
      return openssl_error(ErrorCode::InvalidArgument,
                           "the RSA key's public and private parts do not match");
    }
  }
  return key;
}

Result<RsaKey> RsaKey::from_private_der(ByteView der) {
  const unsigned char* p = der.data();
  EVP_PKEY* pkey = d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size()));
  if (!pkey || EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) {
    EVP_PKEY_free(pkey);
    return openssl_error(ErrorCode::InvalidArgument, "not an RSA private key in DER");
  }
  return RsaKey(adopt(pkey), true);
}

Result<RsaComponents> RsaKey::components() const {
  RsaComponents c;
  auto n = bn_param(pkey_.get(), OSSL_PKEY_PARAM_RSA_N);
  auto e = bn_param(pkey_.get(), OSSL_PKEY_PARAM_RSA_E);
  if (!n) return n.error();
  if (!e) return e.error();
  c.n = std::move(*n);
  c.e = std::move(*e);
  if (has_private_) {
    const char* names[] = {OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                           OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                           OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    std::optional<SecretBytes>* slots[] = {&c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi};
    for (size_t i = 0; i < 6; ++i) {
      auto v = secret_bn_param(pkey_.get(), names[i]);
      if (!v) return v.error();
      *slots[i] = std::move(*v);
    }
  }
  return c;
}

int RsaKey::bits() const { return EVP_PKEY_get_bits(pkey_.get()); }

Result<RsaKey> RsaKey::public_only() const {
  // Failing, this returns the error, never the key itself: a caller that asked for the public
  // half must not be handed the private one.
  auto n = bn_param(pkey_.get(), OSSL_PKEY_PARAM_RSA_N);
  auto e = bn_param(pkey_.get(), OSSL_PKEY_PARAM_RSA_E);
  if (!n) return n.error();
  if (!e) return e.error();
  RsaComponents pub;
  pub.n = std::move(*n);
  pub.e = std::move(*e);
  return from_components(pub);
}

}  // namespace cmk::crypto
