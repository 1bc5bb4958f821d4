#include "crypto/vault.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "crypto/aes_key_wrap.hpp"
#include "crypto/atomic_file.hpp"
#include "crypto/key_id.hpp"
#include "crypto/random.hpp"
#include "crypto/rsa_oaep.hpp"
#include "crypto/store_lock.hpp"
#include "crypto/vault_json.hpp"
#include "json/value.hpp"

namespace cmk::crypto {

namespace fs = std::filesystem;

const KeyVersionInfo* KeyInfo::find_version(std::string_view version) const {
  if (version.empty()) return versions.empty() ? nullptr : &versions.back();
  for (const auto& v : versions) {
    if (v.version == version) return &v;
  }
  return nullptr;
}

int64_t system_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::string> default_key_ops() {
  return {"encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"};
}

Status check_key_usable(const KeyVersionInfo& key, std::string_view operation, int64_t now) {
  if (std::find(key.key_ops.begin(), key.key_ops.end(), operation) == key.key_ops.end()) {
    return make_error(ErrorCode::OperationNotAllowed,
                      "the key's key_ops do not allow " + std::string(operation));
  }
  if (operation == "wrapKey") return ok_status();  // public-key operation: allowed when disabled
  if (!key.attributes.enabled) return make_error(ErrorCode::KeyDisabled, "the key is disabled");
  if (key.attributes.not_before && now < *key.attributes.not_before) {
    return make_error(ErrorCode::KeyNotYetValid,
                      "the key is not valid before " + format_time(*key.attributes.not_before));
  }
  if (key.attributes.expires && now >= *key.attributes.expires) {
    return make_error(ErrorCode::KeyExpired,
                      "the key expired at " + format_time(*key.attributes.expires));
  }
  return ok_status();
}

namespace {
constexpr size_t kServiceKeySize = 32;

// The service key: AES-256-KWP, audited like every key operation.
class ServiceKek final : public KeyEncryptionKey {
 public:
  ServiceKek(std::string kid, SecretBytes key, AuditLog log, Clock clock)
      : kid_(std::move(kid)),
        key_(std::move(key)),
        log_(std::move(log)),
        clock_(std::move(clock)) {}
  std::string key_id() const override { return kid_; }
  WrapAlgorithm algorithm() const override { return WrapAlgorithm::A256Kwp; }
  Result<Bytes> wrap(const SecretBytes& share) override {
    auto r = aes_key_wrap(KeyWrapMode::Kwp, key_, share.expose_secret());
    CMK_TRY(log_.append(clock_(), "wrapKey", kid_, r ? ok_status() : Status(r.error())));
    return r;
  }
  Result<SecretBytes> unwrap(ByteView wrapped) override {
    auto r = aes_key_unwrap(KeyWrapMode::Kwp, key_, wrapped);
    CMK_TRY(log_.append(clock_(), "unwrapKey", kid_, r ? ok_status() : Status(r.error())));
    return r;
  }

 private:
  std::string kid_;
  SecretBytes key_;
  AuditLog log_;
  Clock clock_;
};

// One RSA key version of the vault. Attributes are checked at each use, as Key Vault does.
class VaultRsaKek final : public KeyEncryptionKey {
 public:
  VaultRsaKek(KeyVersionInfo info, RsaKey key, WrapAlgorithm alg, AuditLog log, Clock clock)
      : info_(std::move(info)),
        key_(std::move(key)),
        alg_(alg),
        log_(std::move(log)),
        clock_(std::move(clock)) {}
  std::string key_id() const override { return info_.kid; }
  WrapAlgorithm algorithm() const override { return alg_; }
  Result<Bytes> wrap(const SecretBytes& share) override {
    const Status usable = check_key_usable(info_, "wrapKey", clock_());
    Result<Bytes> r = usable.ok() ? rsa_oaep_encrypt(key_, params(), share.expose_secret())
                                  : Result<Bytes>(usable.error());
    CMK_TRY(log_.append(clock_(), "wrapKey", info_.kid, r ? ok_status() : Status(r.error())));
    return r;
  }
  Result<SecretBytes> unwrap(ByteView wrapped) override {
    const Status usable = check_key_usable(info_, "unwrapKey", clock_());
    Result<SecretBytes> r = usable.ok() ? rsa_oaep_decrypt(key_, params(), wrapped)
                                        : Result<SecretBytes>(usable.error());
    CMK_TRY(log_.append(clock_(), "unwrapKey", info_.kid, r ? ok_status() : Status(r.error())));
    return r;
  }

 private:
  OaepParams params() const {
    return alg_ == WrapAlgorithm::RsaOaep ? rsa_oaep_sha1() : rsa_oaep_sha256();
  }
  KeyVersionInfo info_;
  RsaKey key_;
  WrapAlgorithm alg_;
  AuditLog log_;
  Clock clock_;
};

Status make_private_dir(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return make_error(ErrorCode::Io, "cannot create directory " + path);
  }
  return ok_status();
}

// Store files are the store's own regular files: a link or device planted in their place is
// refused rather than written through.
Status write_store_file(const std::string& path, std::string_view text) {
  return write_file_atomically(path, text, false, Destination::RegularFileOnly);
}

// A folder of the store (a key's, or keys/ and deleted/), not a link to one elsewhere.
bool is_store_dir(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() == fs::file_type::directory;
}

std::string recovery_level(const VaultProperties& p) {
  if (!p.soft_delete) return "Purgeable";
  return p.purge_protection ? "Recoverable" : "Recoverable+Purgeable";
}
}  // namespace

template <typename T>
Result<T> Vault::audited(std::string_view operation, const std::string& key_id,
                         Result<T> result) const {
  const Status outcome = result.ok() ? ok_status() : Status(result.error());
  CMK_TRY(audit_.append(clock_(), operation, key_id, outcome));
  return result;
}

Result<Vault> Vault::create(const std::string& dir, const VaultProperties& requested, Clock clock) {
  // Vault names are DNS labels: case-insensitive, kept in lower case.
  VaultProperties properties = requested;
  properties.name = json::to_lower(properties.name);
  if (!valid_vault_name(properties.name)) {
    return make_error(ErrorCode::InvalidArgument,
                      "invalid vault name '" + properties.name +
                          "': 3-24 characters a-z, 0-9 and '-', starting with a letter");
  }
  if (properties.retention_days < 7 || properties.retention_days > 90) {
    return make_error(ErrorCode::InvalidArgument, "retention days must be between 7 and 90");
  }
  if (properties.purge_protection && !properties.soft_delete) {
    return make_error(ErrorCode::InvalidArgument, "purge protection requires soft delete");
  }
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return make_error(ErrorCode::AlreadyExists, dir + " is not empty");
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return make_error(ErrorCode::AlreadyExists, dir + " exists and is not a directory");
  }
  CMK_TRY(make_private_dir(dir));
  // An existing empty directory keeps its mode otherwise (0777 would leave the keys world-
  // writable): the store root is the owner's alone.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return make_error(ErrorCode::Io, "cannot make " + dir + " private (mode 0700)");
  }
  CMK_TRY(make_private_dir(dir + "/keys"));
  CMK_TRY(make_private_dir(dir + "/deleted"));
  auto key = random_secret(kServiceKeySize);
  if (!key) return key.error();
  auto version = random_bytes(16);
  if (!version) return version.error();
  const std::string service_kid =
      vault_uri(properties.name) + "/service-keys/service/" + to_hex(*version);
  CMK_TRY(write_store_file(dir + "/service-key.json", service_key_json(service_kid, *key)));
  CMK_TRY(write_store_file(dir + "/vault.json", vault_properties_json(properties)));
  Vault vault(dir, properties, service_kid, std::move(clock));
  CMK_TRY(vault.audit_.append(vault.clock_(), "createVault", vault.uri(), ok_status()));
  return vault;
}

Result<Vault> Vault::open(const std::string& dir, Clock clock) {
  auto props = read_vault_properties(dir + "/vault.json");
  if (!props) {
    if (props.error().code == ErrorCode::KeyNotFound) {
      return make_error(ErrorCode::InvalidArgument,
                        dir + " is not a cmkguard key store (no vault.json)");
    }
    return props.error();
  }
  auto service = read_service_key(dir + "/service-key.json");
  if (!service) return service.error();
  Vault vault(dir, std::move(*props), std::move(service->kid), std::move(clock));
  CMK_TRY(vault.purge_expired());
  return vault;
}

std::string Vault::uri() const { return vault_uri(properties_.name); }

std::string Vault::key_dir(const std::string& name, bool deleted) const {
  return dir_ + (deleted ? "/deleted/" : "/keys/") + name;
}

Result<KeyInfo> Vault::load_key(const std::string& name, bool deleted) const {
  if (!valid_key_name(name)) {
    return make_error(ErrorCode::InvalidArgument,
                      "invalid key name '" + name + "': 1-127 characters A-Z, a-z, 0-9 and '-'");
  }
  const std::string kdir = key_dir(name, deleted);
  if (!is_store_dir(kdir)) {
    return make_error(ErrorCode::KeyNotFound, "no key named '" + name + "' in vault " + uri());
  }
  auto versions = read_version_list(kdir + "/index.json");
  if (!versions) return versions.error();
  KeyInfo info;
  info.name = name;
  for (const auto& v : *versions) {
    auto meta = read_key_version(kdir + "/" + v + ".json", nullptr);
    if (!meta) return meta.error();
    meta->name = name;
    meta->version = v;
    meta->kid = key_id(properties_.name, name, v);
    info.versions.push_back(std::move(*meta));
  }
  if (info.versions.empty())
    return make_error(ErrorCode::Format, "key '" + name + "' has no versions");
  if (deleted) {
    auto d = read_deleted_info(kdir + "/deleted.json");
    if (!d) return d.error();
    info.deleted = *d;
  }
  return info;
}

Result<KeyInfo> Vault::get_key(const std::string& name) const {
  auto key = load_key(name, false);
  if (!key && key.error().code == ErrorCode::KeyNotFound && fs::is_directory(key_dir(name, true))) {
    auto d = load_key(name, true);
    std::string when = d && d->deleted
                           ? " (recoverable until " + format_time(d->deleted->scheduled_purge) + ")"
                           : "";
    return make_error(ErrorCode::KeyDeleted, "key '" + name + "' is soft-deleted" + when +
                                                 "; recover it with 'cmkguard crypt key recover'");
  }
  return key;
}

Result<std::vector<KeyInfo>> Vault::list_keys(bool deleted) const {
  std::vector<KeyInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ + (deleted ? "/deleted" : "/keys"), ec)) {
    auto key = load_key(entry.path().filename().string(), deleted);
    if (!key) return key.error();
    out.push_back(std::move(*key));
  }
  if (ec) return make_error(ErrorCode::Io, "cannot list keys in " + dir_ + ": " + ec.message());
  std::sort(out.begin(), out.end(),
            [](const KeyInfo& a, const KeyInfo& b) { return a.name < b.name; });
  return out;
}

Result<KeyVersionInfo> Vault::add_version(const std::string& name, int bits,
                                          const std::vector<std::string>& key_ops) {
  auto rsa = RsaKey::generate(bits);
  if (!rsa) return rsa.error();
  auto version_bytes = random_bytes(16);
  if (!version_bytes) return version_bytes.error();
  KeyVersionInfo info;
  info.name = name;
  info.version = to_hex(*version_bytes);
  info.kid = key_id(properties_.name, name, info.version);
  info.bits = bits;
  info.key_ops = key_ops;
  info.attributes.created = info.attributes.updated = clock_();
  const std::string kdir = key_dir(name);
  CMK_TRY(make_private_dir(kdir));
  auto versions = read_version_list(kdir + "/index.json");
  std::vector<std::string> list = versions ? std::move(*versions) : std::vector<std::string>{};
  auto text = key_version_json(info, *rsa, recovery_level(properties_));
  if (!text) return text.error();
  CMK_TRY(write_store_file(kdir + "/" + info.version + ".json", *text));
  list.push_back(info.version);
  CMK_TRY(write_store_file(kdir + "/index.json", version_list_json(list)));
  return info;
}

Result<KeyVersionInfo> Vault::create_key(const std::string& name, int bits,
                                         const std::vector<std::string>& key_ops) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  const std::string id = uri() + "/keys/" + name;
  if (!valid_key_name(name)) {
    return audited<KeyVersionInfo>(
        "createKey", id,
        make_error(ErrorCode::InvalidArgument,
                   "invalid key name '" + name + "': 1-127 characters A-Z, a-z, 0-9 and '-'"));
  }
  if (fs::exists(key_dir(name))) {
    return audited<KeyVersionInfo>(
        "createKey", id,
        make_error(ErrorCode::AlreadyExists,
                   "key '" + name + "' already exists; rotate it for a new version"));
  }
  if (fs::exists(key_dir(name, true))) {
    return audited<KeyVersionInfo>(
        "createKey", id,
        make_error(ErrorCode::AlreadyExists,
                   "a soft-deleted key named '" + name + "' exists; recover or purge it first"));
  }
  if (bits != 2048 && bits != 3072 && bits != 4096) {
    return audited<KeyVersionInfo>(
        "createKey", id,
        make_error(ErrorCode::InvalidArgument, "RSA key size must be 2048, 3072 or 4096"));
  }
  auto info = add_version(name, bits, key_ops);
  return audited("createKey", info ? info->kid : id, std::move(info));
}

Result<KeyVersionInfo> Vault::rotate_key(const std::string& name) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  auto key = get_key(name);
  if (!key) return audited<KeyVersionInfo>("rotateKey", uri() + "/keys/" + name, key.error());
  auto info = add_version(name, key->current().bits, key->current().key_ops);
  return audited("rotateKey", info ? info->kid : key->current().kid, std::move(info));
}

Result<KeyVersionInfo> Vault::update_key(const std::string& name, const std::string& version,
                                         const KeyUpdate& update) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  auto key = get_key(name);
  if (!key) return audited<KeyVersionInfo>("updateKey", uri() + "/keys/" + name, key.error());
  const KeyVersionInfo* it = key->find_version(version);
  if (!it) {
    return audited<KeyVersionInfo>(
        "updateKey", key_id(properties_.name, name, version),
        make_error(ErrorCode::KeyNotFound, "no version " + version + " of key '" + name + "'"));
  }
  KeyVersionInfo info = *it;
  if (update.enabled) info.attributes.enabled = *update.enabled;
  if (update.not_before) info.attributes.not_before = *update.not_before;
  if (update.expires) info.attributes.expires = *update.expires;
  if (update.key_ops) info.key_ops = *update.key_ops;
  info.attributes.updated = clock_();
  const std::string path = key_dir(name) + "/" + info.version + ".json";
  std::optional<RsaKey> rsa;
  auto meta = read_key_version(path, &rsa);
  if (!meta) return meta.error();
  auto text = key_version_json(info, *rsa, recovery_level(properties_));
  if (!text) return text.error();
  Result<KeyVersionInfo> result =
      write_store_file(path, *text).ok()
          ? Result<KeyVersionInfo>(info)
          : Result<KeyVersionInfo>(make_error(ErrorCode::Io, "cannot write " + path));
  return audited("updateKey", info.kid, std::move(result));
}

Status Vault::delete_key(const std::string& name) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  const std::string id = uri() + "/keys/" + name;
  auto key = get_key(name);
  if (!key) return audited<Unit>("deleteKey", id, key.error());
  std::error_code ec;
  if (!properties_.soft_delete) {
    fs::remove_all(key_dir(name), ec);
    return audited<Unit>("deleteKey", id,
                         ec ? Status(make_error(ErrorCode::Io, ec.message())) : ok_status());
  }
  fs::rename(key_dir(name), key_dir(name, true), ec);
  if (ec)
    return audited<Unit>("deleteKey", id,
                         make_error(ErrorCode::Io, "cannot delete: " + ec.message()));
  const DeletedInfo d{clock_(), clock_() + int64_t{properties_.retention_days} * 86400};
  return audited<Unit>(
      "deleteKey", id,
      write_store_file(key_dir(name, true) + "/deleted.json", deleted_info_json(d)));
}

Status Vault::recover_key(const std::string& name) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  const std::string id = uri() + "/keys/" + name;
  if (!valid_key_name(name) || !fs::is_directory(key_dir(name, true))) {
    return audited<Unit>(
        "recoverDeletedKey", id,
        make_error(ErrorCode::KeyNotFound, "no soft-deleted key named '" + name + "'"));
  }
  std::error_code ec;
  fs::remove(key_dir(name, true) + "/deleted.json", ec);
  fs::rename(key_dir(name, true), key_dir(name), ec);
  return audited<Unit>(
      "recoverDeletedKey", id,
      ec ? Status(make_error(ErrorCode::Io, "cannot recover: " + ec.message())) : ok_status());
}

Status Vault::purge_key(const std::string& name) {
  auto lock = StoreLock::acquire(dir_);  // held until the change is complete
  if (!lock) return lock.error();
  const std::string id = uri() + "/keys/" + name;
  if (!valid_key_name(name) || !fs::is_directory(key_dir(name, true))) {
    const bool active = valid_key_name(name) && fs::is_directory(key_dir(name));
    return audited<Unit>(
        "purgeDeletedKey", id,
        make_error(active ? ErrorCode::OperationNotAllowed : ErrorCode::KeyNotFound,
                   active ? "key '" + name + "' is not deleted; delete it before purging"
                          : "no soft-deleted key named '" + name + "'"));
  }
  if (properties_.purge_protection) {
    auto d = read_deleted_info(key_dir(name, true) + "/deleted.json");
    const std::string when =
        d ? " it is purged automatically at " + format_time(d->scheduled_purge) : "";
    return audited<Unit>(
        "purgeDeletedKey", id,
        make_error(ErrorCode::OperationNotAllowed,
                   "purge protection is on: key '" + name + "' cannot be purged;" + when));
  }
  std::error_code ec;
  fs::remove_all(key_dir(name, true), ec);
  return audited<Unit>(
      "purgeDeletedKey", id,
      ec ? Status(make_error(ErrorCode::Io, "cannot purge: " + ec.message())) : ok_status());
}

Status Vault::purge_expired() {
  auto lock = StoreLock::acquire(dir_);
  if (!lock) return lock.error();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_ + "/deleted", ec)) {
    const std::string name = entry.path().filename().string();
    if (!valid_key_name(name) || !is_store_dir(entry.path().string())) {
      return make_error(ErrorCode::Format, entry.path().string() +
                                               ": not a deleted key's folder; the store was "
                                               "tampered with");
    }
    // An unreadable or inconsistent deletion record stops the open: guessing could purge a key
    // that purge protection keeps.
    auto d = read_deleted_info(entry.path().string() + "/deleted.json");
    if (!d) return d.error();
    if (d->scheduled_purge <= clock_()) {
      fs::remove_all(entry.path(), ec);
      CMK_TRY(audit_.append(clock_(), "purgeDeletedKey (retention elapsed)",
                            uri() + "/keys/" + entry.path().filename().string(),
                            ec ? Status(make_error(ErrorCode::Io, ec.message())) : ok_status()));
    }
  }
  return ok_status();
}

Result<std::shared_ptr<KeyEncryptionKey>> Vault::service_key() const {
  auto service = read_service_key(dir_ + "/service-key.json");
  if (!service) return service.error();
  return std::shared_ptr<KeyEncryptionKey>(
      std::make_shared<ServiceKek>(service->kid, std::move(service->key), audit_, clock_));
}

Result<std::shared_ptr<KeyEncryptionKey>> Vault::customer_key(const std::string& name,
                                                              const std::string& version,
                                                              WrapAlgorithm algorithm) const {
  if (algorithm == WrapAlgorithm::A256Kwp) {
    return make_error(ErrorCode::Unsupported, "RSA keys do not wrap with A256KWP");
  }
  auto key = get_key(name);
  if (!key) return key.error();
  const KeyVersionInfo* it = key->find_version(version);
  if (!it) {
    return make_error(ErrorCode::KeyNotFound, "key '" + name + "' has no version " + version);
  }
  std::optional<RsaKey> rsa;
  auto meta = read_key_version(key_dir(name) + "/" + it->version + ".json", &rsa);
  if (!meta) return meta.error();
  return std::shared_ptr<KeyEncryptionKey>(
      std::make_shared<VaultRsaKek>(*it, std::move(*rsa), algorithm, audit_, clock_));
}

Result<std::shared_ptr<KeyEncryptionKey>> Vault::resolve(const std::string& id,
                                                         WrapAlgorithm algorithm) {
  if (id == service_kid_) {
    if (algorithm != WrapAlgorithm::A256Kwp) {
      return make_error(ErrorCode::Unsupported, "the service key only wraps with A256KWP");
    }
    return service_key();
  }
  auto parts = parse_key_id(id);
  if (!parts || parts->version.empty()) {
    return make_error(ErrorCode::KeyNotFound, "not a versioned Key Vault key id");
  }
  if (parts->vault != properties_.name) {
    return make_error(ErrorCode::KeyNotFound, "the key belongs to vault '" + parts->vault +
                                                  "', not to this key store ('" + properties_.name +
                                                  "')");
  }
  auto kek = customer_key(parts->name, parts->version, algorithm);
  if (!kek && kek.error().code == ErrorCode::KeyNotFound &&
      !fs::is_directory(key_dir(parts->name)) && !fs::is_directory(key_dir(parts->name, true))) {
    return make_error(ErrorCode::KeyNotFound,
                      "the key was purged or never existed in vault " + uri());
  }
  return kek;
}

}  // namespace cmk::crypto
