#include "crypto/pkcs11_token.hpp"

#include <dlfcn.h>
#include <p11-kit/pkcs11.h>

#include <cstdio>
#include <cstring>
#include <vector>

namespace cmk::crypto {

namespace {
Error ckr_error(ErrorCode code, const std::string& what, CK_RV rv) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%08lx", static_cast<unsigned long>(rv));
  return make_error(code, what + " failed (PKCS#11 CKR " + buf + ")");
}

// Token labels are 32 bytes padded with spaces.
std::string trim_label(const unsigned char* label, size_t size) {
  std::string s(reinterpret_cast<const char*>(label), size);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

CK_RSA_PKCS_OAEP_PARAMS oaep_sha1() {
  CK_RSA_PKCS_OAEP_PARAMS p{};
  p.hash_alg = CKM_SHA_1;
  p.mgf = CKG_MGF1_SHA1;
  p.source = CKZ_DATA_SPECIFIED;
  p.source_data = nullptr;
  p.source_data_len = 0;
  return p;
}
}  // namespace

struct Pkcs11Token::Module {
  void* handle = nullptr;
  CK_FUNCTION_LIST* f = nullptr;
  bool initialized = false;
  ~Module() {
    if (initialized) f->C_Finalize(nullptr);
    if (handle) dlclose(handle);
  }
};

struct Pkcs11Token::Session {
  CK_FUNCTION_LIST* f = nullptr;
  CK_SESSION_HANDLE handle = 0;
  bool logged_in = false;
  ~Session() {
    if (logged_in) f->C_Logout(handle);
    f->C_CloseSession(handle);
  }
};

namespace {
// An RSA key pair on the token. Shares the token so the session outlives the key.
class Pkcs11RsaKek final : public KeyEncryptionKey {
 public:
  Pkcs11RsaKek(std::shared_ptr<Pkcs11Token> token, CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s,
               CK_OBJECT_HANDLE pub, CK_OBJECT_HANDLE priv, size_t modulus_size, std::string id)
      : token_(std::move(token)),
        f_(f),
        s_(s),
        pub_(pub),
        priv_(priv),
        modulus_size_(modulus_size),
        id_(std::move(id)) {}
  std::string key_id() const override { return id_; }
  WrapAlgorithm algorithm() const override { return WrapAlgorithm::RsaOaep; }

  Result<Bytes> wrap(const SecretBytes& share) override {
    CK_RSA_PKCS_OAEP_PARAMS params = oaep_sha1();
    CK_MECHANISM mech{CKM_RSA_PKCS_OAEP, &params, sizeof params};
    CK_RV rv = f_->C_EncryptInit(s_, &mech, pub_);
    if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_EncryptInit", rv);
    Bytes out(modulus_size_);
    CK_ULONG len = out.size();
    rv = f_->C_Encrypt(s_, const_cast<CK_BYTE*>(share.expose_secret().data()), share.size(),
                       out.data(), &len);
    if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_Encrypt", rv);
    out.resize(len);
    return out;
  }

  Result<SecretBytes> unwrap(ByteView wrapped) override {
    if (wrapped.size() != modulus_size_) {
      return make_error(ErrorCode::InvalidArgument,
                        "RSA ciphertext must be " + std::to_string(modulus_size_) + " bytes");
    }
    CK_RSA_PKCS_OAEP_PARAMS params = oaep_sha1();
    CK_MECHANISM mech{CKM_RSA_PKCS_OAEP, &params, sizeof params};
    CK_RV rv = f_->C_DecryptInit(s_, &mech, priv_);
    if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_DecryptInit", rv);
    SecretBytes out(modulus_size_);
    CK_ULONG len = out.size();
    rv = f_->C_Decrypt(s_, const_cast<CK_BYTE*>(wrapped.data()), wrapped.size(),
                       out.expose_secret_mutable().data(), &len);
    if (rv != CKR_OK) {
      // One error for every padding failure, as OAEP requires.
      return make_error(ErrorCode::Authentication, "RSA-OAEP decryption on the token failed");
    }
    return SecretBytes(out.expose_secret().first(len));
  }

 private:
  std::shared_ptr<Pkcs11Token> token_;
  CK_FUNCTION_LIST* f_;
  CK_SESSION_HANDLE s_;
  CK_OBJECT_HANDLE pub_, priv_;
  size_t modulus_size_;
  std::string id_;
};

Result<CK_OBJECT_HANDLE> find_object(CK_FUNCTION_LIST* f, CK_SESSION_HANDLE s, CK_OBJECT_CLASS cls,
                                     const std::string& label) {
  CK_ATTRIBUTE tmpl[] = {{CKA_CLASS, &cls, sizeof cls},
                         {CKA_LABEL, const_cast<char*>(label.data()), label.size()}};
  CK_RV rv = f->C_FindObjectsInit(s, tmpl, 2);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_FindObjectsInit", rv);
  CK_OBJECT_HANDLE found[2];
  CK_ULONG count = 0;
  rv = f->C_FindObjects(s, found, 2, &count);
  f->C_FindObjectsFinal(s);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_FindObjects", rv);
  if (count == 0)
    return make_error(ErrorCode::KeyNotFound, "no key labelled '" + label + "' on the token");
  if (count > 1)
    return make_error(ErrorCode::InvalidArgument, "several keys labelled '" + label + "'");
  return found[0];
}
}  // namespace

Result<std::shared_ptr<Pkcs11Token>> Pkcs11Token::open(const std::string& module_path,
                                                       const std::string& token_label,
                                                       const SecretBytes& pin) {
  std::shared_ptr<Pkcs11Token> token(new Pkcs11Token());
  token->label_ = token_label;
  token->module_ = std::make_unique<Module>();
  Module& m = *token->module_;
  m.handle = dlopen(module_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!m.handle) {
    return make_error(ErrorCode::Io,
                      "cannot load PKCS#11 module " + module_path + ": " + dlerror());
  }
  auto get_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(m.handle, "C_GetFunctionList"));
  if (!get_list) return make_error(ErrorCode::Io, module_path + " is not a PKCS#11 module");
  CK_RV rv = get_list(&m.f);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_GetFunctionList", rv);
  rv = m.f->C_Initialize(nullptr);
  if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    return ckr_error(ErrorCode::Crypto, "C_Initialize", rv);
  }
  m.initialized = rv == CKR_OK;

  CK_ULONG count = 0;
  rv = m.f->C_GetSlotList(CK_TRUE, nullptr, &count);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_GetSlotList", rv);
  std::vector<CK_SLOT_ID> slots(count);
  rv = m.f->C_GetSlotList(CK_TRUE, slots.data(), &count);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_GetSlotList", rv);
  slots.resize(count);
  std::optional<CK_SLOT_ID> slot;
  for (CK_SLOT_ID id : slots) {
    CK_TOKEN_INFO info{};
    if (m.f->C_GetTokenInfo(id, &info) == CKR_OK &&
        trim_label(info.label, sizeof info.label) == token_label) {
      slot = id;
      break;
    }
  }
  if (!slot)
    return make_error(ErrorCode::KeyNotFound, "no PKCS#11 token labelled '" + token_label + "'");
  token->session_ = std::make_unique<Session>();
  Session& s = *token->session_;
  s.f = m.f;
  rv = m.f->C_OpenSession(*slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &s.handle);
  if (rv != CKR_OK) {
    token->session_.reset();
    return ckr_error(ErrorCode::Crypto, "C_OpenSession", rv);
  }
  rv = m.f->C_Login(s.handle, CKU_USER, const_cast<CK_BYTE*>(pin.expose_secret().data()),
                    pin.size());
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE) {
    return make_error(ErrorCode::Authentication, "wrong PIN for token '" + token_label + "'");
  }
  if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
    return ckr_error(ErrorCode::Crypto, "C_Login", rv);
  s.logged_in = rv == CKR_OK;
  return token;
}

Pkcs11Token::~Pkcs11Token() {
  session_.reset();  // before the module is finalised
  module_.reset();
}

std::string Pkcs11Token::key_id(const std::string& label) const {
  return "pkcs11:token=" + label_ + ";object=" + label;
}

Result<std::shared_ptr<KeyEncryptionKey>> Pkcs11Token::generate_rsa_key(const std::string& label,
                                                                        int bits) {
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    return make_error(ErrorCode::InvalidArgument, "RSA key size must be 2048, 3072 or 4096");
  }
  CK_FUNCTION_LIST* f = module_->f;
  const CK_SESSION_HANDLE s = session_->handle;
  if (find_object(f, s, CKO_PRIVATE_KEY, label).ok()) {
    return make_error(ErrorCode::AlreadyExists,
                      "the token already has a key labelled '" + label + "'");
  }
  CK_ULONG modulus_bits = static_cast<CK_ULONG>(bits);
  CK_BYTE exponent[] = {0x01, 0x00, 0x01};
  CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
  std::string lbl = label;
  CK_ATTRIBUTE pub_tmpl[] = {{CKA_TOKEN, &yes, sizeof yes},
                             {CKA_ENCRYPT, &yes, sizeof yes},
                             {CKA_WRAP, &yes, sizeof yes},
                             {CKA_MODULUS_BITS, &modulus_bits, sizeof modulus_bits},
                             {CKA_PUBLIC_EXPONENT, exponent, sizeof exponent},
                             {CKA_LABEL, lbl.data(), lbl.size()}};
  CK_ATTRIBUTE priv_tmpl[] = {{CKA_TOKEN, &yes, sizeof yes},      {CKA_PRIVATE, &yes, sizeof yes},
                              {CKA_SENSITIVE, &yes, sizeof yes},  {CKA_EXTRACTABLE, &no, sizeof no},
                              {CKA_DECRYPT, &yes, sizeof yes},    {CKA_UNWRAP, &yes, sizeof yes},
                              {CKA_LABEL, lbl.data(), lbl.size()}};
  CK_MECHANISM mech{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE pub = 0, priv = 0;
  const CK_RV rv = f->C_GenerateKeyPair(s, &mech, pub_tmpl, 6, priv_tmpl, 7, &pub, &priv);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_GenerateKeyPair", rv);
  return find_rsa_key(label);
}

Result<std::shared_ptr<KeyEncryptionKey>> Pkcs11Token::find_rsa_key(const std::string& label) {
  CK_FUNCTION_LIST* f = module_->f;
  const CK_SESSION_HANDLE s = session_->handle;
  auto pub = find_object(f, s, CKO_PUBLIC_KEY, label);
  if (!pub) return pub.error();
  auto priv = find_object(f, s, CKO_PRIVATE_KEY, label);
  if (!priv) return priv.error();
  CK_ULONG modulus_bits = 0;
  CK_ATTRIBUTE attr{CKA_MODULUS_BITS, &modulus_bits, sizeof modulus_bits};
  const CK_RV rv = f->C_GetAttributeValue(s, *pub, &attr, 1);
  if (rv != CKR_OK) return ckr_error(ErrorCode::Crypto, "C_GetAttributeValue", rv);
  return std::shared_ptr<KeyEncryptionKey>(std::make_shared<Pkcs11RsaKek>(
      shared_from_this(), f, s, *pub, *priv, (modulus_bits + 7) / 8, key_id(label)));
}

Result<std::shared_ptr<KeyEncryptionKey>> Pkcs11Token::resolve(const std::string& id,
                                                               WrapAlgorithm algorithm) {
  const std::string prefix = "pkcs11:token=" + label_ + ";object=";
  if (!id.starts_with(prefix))
    return make_error(ErrorCode::KeyNotFound, "not a key of token '" + label_ + "'");
  if (algorithm != WrapAlgorithm::RsaOaep) {
    return make_error(ErrorCode::Unsupported, "PKCS#11 keys here wrap with RSA-OAEP (SHA-1) only");
  }
  return find_rsa_key(id.substr(prefix.size()));
}

}  // namespace cmk::crypto
