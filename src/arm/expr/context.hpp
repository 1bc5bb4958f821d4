#pragma once
// What an expression sees of the world outside its template: the deployment it runs in, the
// copy loops around it, and the resources of the same template (through a resolver).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/value.hpp"

namespace cmk::arm::expr {

// Azure's limit on the count of one copy loop (resource, property, variable or output).
inline constexpr int64_t kMaxCopyCount = 800;

// The level a template deploys at, from its $schema (deploymentTemplate.json is resource group).
enum class DeploymentScope : uint8_t { ResourceGroup, Subscription, ManagementGroup, Tenant };

// Deployment-context facts. An empty field stays symbolic (resourceGroup().location is then a
// Symbolic value equal only to itself); a set field makes it concrete.
struct DeploymentContext {
  std::optional<std::string> location;         // --location
  std::optional<std::string> subscription_id;  // --subscription-id
  std::optional<std::string> tenant_id;        // --tenant-id
  std::optional<std::string> resource_group;   // --resource-group (name)
  std::optional<std::string> deployment_name;
  std::optional<std::string> management_group;  // name, for managementGroup()
  // deployment().properties.templateLink.uri: where the template was deployed from. Unset, as
  // for a template deployed from a local file, templateLink is absent.
  std::optional<std::string> template_link_uri;
};

// The copy loops an expression is evaluated inside. The resource (or output) loop answers an
// unnamed copyIndex(); named loops (property and variable copies, and the resource loop under its
// name) answer copyIndex('name'). An index may be Unknown.
class LoopBindings {
 public:
  struct Loop {
    std::string name;
    json::Value index;
  };

  LoopBindings with_resource_loop(std::string name, json::Value index) const;
  LoopBindings with_named_loop(std::string name, json::Value index) const;

  // nullptr when no loop answers.
  const json::Value* resource_index() const;
  const json::Value* named_index(std::string_view name) const;

 private:
  std::optional<Loop> resource_;
  std::vector<Loop> named_;  // innermost last
};

// Looks up resources declared in the same template, for reference(), list*() and lookups by
// resource ID. The caller implements it; tests use InMemoryResolver.
class ResourceResolver {
 public:
  virtual ~ResourceResolver() = default;
  // `id_or_name` is what the template passed: a resource ID (possibly Symbolic, e.g. built by
  // resourceId() with a symbolic subscription), a resource name, or (languageVersion 2.0) a
  // symbolic resource name. Returns the resource declaration as evaluated (an object with
  // type, name, properties, ...), or nullopt when the template declares no such resource.
  virtual std::optional<json::Value> resource_by_id(const json::Value& id_or_name) = 0;
};

}  // namespace cmk::arm::expr
