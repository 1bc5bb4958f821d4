#pragma once
// The customer-managed-key links of an Azure AI services account, resolved once over the model:
// the key vault its keyVaultUri names, the key its keyName names in that vault, the managed
// identity it reads the key with, the key permissions that identity holds (access policies or
// role assignments), and the declaration that creates the account. Rules read them as relations
// (`of: vault`, `of: key`, `of: identity`, `of: keyAccess`, `of: creation`).
//
// Every link is three-valued: found, provably absent, or undecidable; the latter two carry a
// reason that names what could not be seen and how to provide it.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "arm/template_model.hpp"
#include "json/value.hpp"
#include "rules/estate.hpp"
#include "rules/link_targets.hpp"

namespace cmk::rules {

enum class LinkState { Found, Absent, Undecided };

struct Link {
  LinkState state = LinkState::Undecided;
  // What rules read: the resource's body (vault, key, creation) or a view built here
  // (identity, keyAccess); set when Found.
  const json::Value* body = nullptr;
  std::string api_version;
  // Where findings about the link point (the vault, the key, the identity or the account).
  const arm::Resource* resource = nullptr;
  std::string reason;  // why Absent or Undecided
  // For Absent and Undecided: the account's property that decided it, for the finding's place.
  std::string decided_path;
  uint32_t decided_offset = json::kNoOffset;
  std::optional<json::Value> decided_value;
};

// The names rules use for the links, in the order they are resolved.
inline constexpr std::string_view kLinkNames[] = {"vault", "key", "identity", "keyAccess",
                                                  "creation"};
bool is_link_name(std::string_view name);

// The resources a link of one account may resolve to: its own model's first (a match there
// wins), then those of the estate's other files.
class InView {
 public:
  // `model` indexes the resources of the account's model; all three must outlive this.
  InView(const arm::Resource& account, const TypeIndex& model, const Estate* estate)
      : account_(account), model_(model), estate_(estate) {}
  // Those in the link_category of `type`, in that order.
  std::vector<const arm::Resource*> of(std::string_view type) const;
  // The user-assigned identities with resource ID `id`, and the key vaults a keyVaultUri may
  // name (TypeIndex), in that order.
  std::vector<const arm::Resource*> identities_with_id(const json::Value& id) const;
  std::vector<const arm::Resource*> vaults_for(std::string_view name, std::string_view uri) const;

 private:
  const arm::Resource& account_;
  const TypeIndex& model_;
  const Estate* estate_;

  // `own` then those of `estate` from other files than the account's.
  std::vector<const arm::Resource*> in_order(std::span<const arm::Resource* const> own,
                                             std::span<const arm::Resource* const> estate) const;
};

class CmkLinks {
 public:
  // Resolves every link of `account` against the resources of its model (`model` indexes them)
  // and, when given, the other files of `estate` (all must outlive this).
  CmkLinks(const arm::Resource& account, const TypeIndex& model, const Estate* estate = nullptr);
  CmkLinks(const CmkLinks&) = delete;
  CmkLinks& operator=(const CmkLinks&) = delete;

  // nullptr for a name that is no link.
  const Link* find(std::string_view name) const;

 private:
  void resolve_vault();
  void resolve_key();
  void resolve_identity();
  void resolve_key_access();
  void resolve_creation();

  const arm::Resource& account_;
  InView in_view_;
  Link vault_, key_, identity_, key_access_, creation_;
  // The vault keyVaultUri names, also when it is only referenced (`existing`): keys and grants
  // declared for it here are still judged.
  const arm::Resource* referenced_vault_ = nullptr;
  // Views owned here (Link::body points into them).
  std::unique_ptr<json::Value> identity_view_, access_view_;
};

}  // namespace cmk::rules
