#include "crypto/key_id.hpp"

#include <algorithm>
#include <cctype>

#include "json/value.hpp"

namespace cmk::crypto {

namespace {
constexpr std::string_view kScheme = "https://";
// Public and sovereign clouds; the vault name is the first label either way.
constexpr std::string_view kVaultDomains[] = {
    ".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net", ".vault.microsoftazure.de"};

// Splits "https://host/path" into the vault name and the path after the host.
std::optional<std::pair<std::string, std::string_view>> split(std::string_view url) {
  if (url.size() < kScheme.size() || json::to_lower(url.substr(0, kScheme.size())) != kScheme) {
    return std::nullopt;
  }
  url.remove_prefix(kScheme.size());
  const size_t slash = url.find('/');
  std::string host = json::to_lower(url.substr(0, slash));
  if (const size_t colon = host.find(':'); colon != std::string::npos) {
    if (host.substr(colon) != ":443") return std::nullopt;
    host.resize(colon);
  }
  for (std::string_view domain : kVaultDomains) {
    if (host.size() > domain.size() && host.ends_with(domain)) {
      std::string vault = host.substr(0, host.size() - domain.size());
      if (!valid_vault_name(vault)) return std::nullopt;
      return std::make_pair(
          vault, slash == std::string_view::npos ? std::string_view{} : url.substr(slash));
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<KeyIdParts> parse_key_id(std::string_view id) {
  auto parts = split(id);
  if (!parts) return std::nullopt;
  std::string_view path = parts->second;
  if (!path.starts_with("/keys/")) return std::nullopt;
  path.remove_prefix(6);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  KeyIdParts out;
  out.vault = parts->first;
  const size_t slash = path.find('/');
  out.name = std::string(path.substr(0, slash));
  if (slash != std::string_view::npos) out.version = std::string(path.substr(slash + 1));
  if (!valid_key_name(out.name)) return std::nullopt;
  if (out.version.find('/') != std::string::npos) return std::nullopt;
  if (!out.version.empty() && !std::all_of(out.version.begin(), out.version.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      })) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> vault_name_from_uri(std::string_view uri) {
  auto parts = split(uri);
  if (!parts || (!parts->second.empty() && parts->second != "/")) return std::nullopt;
  return parts->first;
}

std::string vault_uri(std::string_view vault) {
  return std::string(kScheme) + std::string(vault) + ".vault.azure.net";
}

std::string key_id(std::string_view vault, std::string_view name, std::string_view version) {
  return vault_uri(vault) + "/keys/" + std::string(name) + "/" + std::string(version);
}

bool valid_vault_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 24) return false;
  if (!std::isalpha(static_cast<unsigned char>(name.front())) || name.back() == '-') return false;
  if (name.find("--") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool valid_key_name(std::string_view name) {
  if (name.empty() || name.size() > 127) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

}  // namespace cmk::crypto
