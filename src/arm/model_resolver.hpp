#pragma once
// Answers reference(), list*() and resource-ID lookups with the resources one template declares,
// evaluated in that template's scope. A lookup matches by resource ID (a string, or a symbolic ID
// computed the same way), by name, or by languageVersion 2.0 symbolic name.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "arm/expr/context.hpp"
#include "arm/expr/template_scope.hpp"
#include "arm/linked_templates.hpp"
#include "json/value.hpp"

namespace cmk::arm {

class ModelResolver final : public expr::ResourceResolver {
 public:
  // Indexes the resources of `template_root` (children included; a copy loop's instances are
  // told apart by the names its copyIndex() gives them). Call attach() before the first lookup.
  // With `links`, a deployment's outputs are read from its linked template too; `place` is the
  // file the template is written in, which its links are relative to.
  explicit ModelResolver(const json::Value& template_root, LinkedTemplates* links = nullptr,
                         FilePlace place = {});
  void attach(expr::TemplateScope& scope) { scope_ = &scope; }

  std::optional<json::Value> resource_by_id(const json::Value& id_or_name) override;

  // A nested or linked deployment's template with the scope it is evaluated in. Shared by the
  // model, which judges the template's resources, and reference(deployment).outputs, so the
  // template's parameters, variables and references are evaluated once.
  struct Nested {
    std::optional<LinkedTemplates::Link> link;   // when the deployment has a templateLink
    const json::Value* template_root = nullptr;  // the inline or followed linked template
    std::unique_ptr<ModelResolver> resolver;     // the template's own resources
    std::unique_ptr<expr::TemplateScope> scope;  // null when the template cannot be evaluated
    std::vector<expr::ExprError> errors;         // from what the deployment passes
  };
  // The deployment `declaration`, instance `copy_index` of its copy loop (-1 without one), whose
  // loop bindings are `loops`; nullptr when it is not one of the resources indexed here (the
  // children of a looped resource are not), so the caller evaluates it on its own.
  Nested* nested_deployment(const json::Value& declaration, int copy_index,
                            const expr::LoopBindings& loops);
  // Reads the template of the deployment `declaration` (inline, or linked from the file at
  // `place`) and opens its scope inside `scope`, with `loops`. Its parameters and variables are
  // evaluated at once, in declaration order, so what they report does not depend on who asks
  // first.
  static std::unique_ptr<Nested> open_nested(const json::Value& declaration,
                                             expr::TemplateScope& scope,
                                             const expr::LoopBindings& loops,
                                             LinkedTemplates* links, const FilePlace& place);

 private:
  // One deployed resource: a declaration, or one instance of its copy loop.
  struct Instance {
    expr::LoopBindings loops;
    std::vector<json::Value> keys;  // name and resource ID, as evaluated
    std::optional<json::Value> evaluated;
    bool in_progress = false;
  };
  struct Entry {
    const json::Value* declaration = nullptr;
    std::string type;                     // full type
    std::string symbolic_name;            // languageVersion 2.0 key
    std::vector<std::string> name_parts;  // as written, parent first (children compose)
    bool copy = false;                    // declared with a copy loop
    bool keyed = false;                   // instances and their keys computed
    std::vector<Instance> instances;
  };

  void index(const json::Value& resources, const Entry* parent);
  void compute_keys(Entry& e);
  // A declaration's full name (its parts joined by '/'), evaluated.
  expr::Evaluated full_name(const std::vector<std::string>& name_parts,
                            const expr::LoopBindings& loops);
  void add_outputs(Entry& e, Instance& instance, int copy_index);
  Nested& nested_for(const json::Value& declaration, int copy_index,
                     const expr::LoopBindings& loops);
  json::Value deployment_target_id(const Entry& e, const json::Value& name,
                                   const expr::LoopBindings& loops);

  expr::TemplateScope* scope_ = nullptr;
  std::vector<Entry> entries_;
  LinkedTemplates* links_ = nullptr;
  FilePlace place_;
  std::map<std::pair<const json::Value*, int>, std::unique_ptr<Nested>> nested_;
};

// The evaluator arguments that concat() into a resource's full name, from its name parts as
// written (a child's parent parts first).
std::string name_arguments(const std::vector<std::string>& name_parts);

// Read-only URIs Azure derives from a name, so rules and reference() know them: a key vault's
// properties.vaultUri is https://<name><environment().suffixes.keyvaultDns>/, a Managed HSM's
// properties.hsmUri https://<name>.managedhsm.azure.net/ (Microsoft.KeyVault schemas).
void add_derived_uri(json::Value& body, const std::string& type, expr::TemplateScope& scope,
                     const std::vector<std::string>& name_parts,
                     const expr::LoopBindings& loops = {});

// A key's read-only properties.keyUri (https://<vault><keyvaultDns>/keys/<key>) and
// keyUriWithVersion (keyUri/<version>, the version a symbolic value Azure assigns at creation,
// 32 hexadecimal characters), from the key's full name "vault/key" (string or symbolic), so a
// key reference taken from reference(key).keyUriWithVersion is well-formed by construction.
// `full_name` may be a member of `body` (its "name"): it is read before `body` is changed.
void add_derived_key_uris(json::Value& body, const std::string& type, const json::Value& full_name,
                          expr::TemplateScope& scope, const expr::LoopBindings& loops = {});

// The resource ID of a declared resource as the evaluator computes it (a string, or symbolic when
// it depends on the deployment context); null when it cannot be computed. `name` is the evaluated
// full name; `name_parts` the parts as written, used when the name is not a string.
json::Value declared_resource_id(expr::TemplateScope& scope, const std::string& type,
                                 const std::vector<std::string>& name_parts,
                                 const json::Value& name, const expr::LoopBindings& loops = {});

// Runtime identity values Azure assigns on deployment, as symbolic values equal only to the same
// identity's: a user-assigned identity's properties.principalId/clientId/tenantId, and a
// system-assigned identity's identity.principalId. So an access policy written with
// reference(identity).principalId provably names the identity an account uses.
void add_runtime_identity(json::Value& body, const std::string& type, const json::Value& id);

// The runtime values of a user-assigned identity that the template references by ID but does not
// declare (see add_runtime_identity); nullopt when `id` is no user-assigned identity ID.
std::optional<json::Value> undeclared_identity(const json::Value& id);

// The declaration without what the model evaluates separately: child `resources` and a nested
// deployment's `properties.template`.
json::Value declaration_body(const json::Value& declaration);

}  // namespace cmk::arm
