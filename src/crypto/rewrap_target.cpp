#include "crypto/rewrap_target.hpp"

#include "crypto/key_id.hpp"

namespace cmk::crypto {

Result<RewrapRequest> plan_rewrap(const FileHeader& header, const Vault& vault,
                                  const RewrapTarget& target) {
  if (target.service_only && target.key_name) {
    return make_error(ErrorCode::InvalidArgument, "choose a key or service-only, not both");
  }
  RewrapRequest request;
  auto service = vault.service_key();
  if (!service) return service.error();
  request.service = *service;
  if (target.service_only) {
    request.remove_customer = true;
    return request;
  }
  std::string name;
  if (target.key_name) {
    name = *target.key_name;
  } else {
    for (const auto& k : header.keys) {
      if (k.layer != KeyLayer::Customer) continue;
      auto parts = parse_key_id(k.key_id);
      if (!parts || parts->vault != vault.properties().name) {
        return make_error(ErrorCode::InvalidArgument, "the customer layer uses " + k.key_id +
                                                          ", which is not in vault " + vault.uri() +
                                                          "; name the new key with --key");
      }
      name = parts->name;
    }
  }
  if (!name.empty()) {
    auto customer = vault.customer_key(name);
    if (!customer) return customer.error();
    request.customer = *customer;
  }
  return request;
}

}  // namespace cmk::crypto
