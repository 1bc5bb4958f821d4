// Resource functions (resourceId family, reference, list*, resourceGroup, subscription, ...):
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource

#include <algorithm>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {

namespace {

// A deployment-context value: concrete when the context supplies it, else Symbolic under the
// expression that reads it.
Value fact(const std::optional<std::string>& known, const char* expression) {
  return known ? Value::string(*known) : Value::symbolic(expression);
}

Value subscription_id(const DeploymentContext& ctx) {
  return fact(ctx.subscription_id, "subscription().subscriptionId");
}

Value resource_group_id(const DeploymentContext& ctx) {
  TextBuilder id;
  id.add_text("/subscriptions/");
  id.add(subscription_id(ctx));
  id.add_text("/resourceGroups/");
  id.add(fact(ctx.resource_group, "resourceGroup().name"));
  return id.finish();
}

}  // namespace

Value context_value(const DeploymentContext& ctx, std::string_view what) {
  // Members appended in order rather than set(): the names are distinct, so nothing is replaced
  // and no name needs looking up (resourceGroup() is called for most resource IDs).
  json::Object m;
  auto add = [&m](const char* key, Value value) {
    m.push_back(json::Member{key, json::kNoOffset, std::move(value)});
  };
  if (what == "resourceGroup") {
    m.reserve(5);
    add("id", resource_group_id(ctx));
    add("name", fact(ctx.resource_group, "resourceGroup().name"));
    add("type", Value::string("Microsoft.Resources/resourceGroups"));
    add("location", fact(ctx.location, "resourceGroup().location"));
    add("properties", Value::object({json::Member{"provisioningState", json::kNoOffset,
                                                  Value::string("Succeeded")}}));
  } else if (what == "subscription") {
    TextBuilder id;
    id.add_text("/subscriptions/");
    id.add(subscription_id(ctx));
    m.reserve(4);
    add("id", id.finish());
    add("subscriptionId", subscription_id(ctx));
    add("tenantId", fact(ctx.tenant_id, "subscription().tenantId"));
    add("displayName", Value::symbolic("subscription().displayName"));
  } else if (what == "tenant") {
    // The deployment's tenant is its subscription's: one symbolic value for both spellings, so
    // a vault written with either is provably in the same tenant.
    TextBuilder id;
    id.add_text("/tenants/");
    id.add(fact(ctx.tenant_id, "subscription().tenantId"));
    add("id", id.finish());
    add("tenantId", fact(ctx.tenant_id, "subscription().tenantId"));
    add("countryCode", Value::symbolic("tenant().countryCode"));
    add("displayName", Value::symbolic("tenant().displayName"));
  } else if (what == "managementGroup") {
    const Value name = fact(ctx.management_group, "managementGroup().name");
    TextBuilder id;
    id.add_text("/providers/Microsoft.Management/managementGroups/");
    id.add(name);
    add("id", id.finish());
    add("name", name);
    add("type", Value::string("Microsoft.Management/managementGroups"));
    json::Object properties;
    properties.push_back(
        json::Member{"tenantId", json::kNoOffset, fact(ctx.tenant_id, "subscription().tenantId")});
    properties.push_back(json::Member{"displayName", json::kNoOffset,
                                      Value::symbolic("managementGroup().properties.displayName")});
    add("properties", Value::object(std::move(properties)));
  } else if (what == "deployment") {
    add("name", fact(ctx.deployment_name, "deployment().name"));
  } else if (what == "deployer") {
    add("objectId", Value::symbolic("deployer().objectId"));
    add("tenantId", fact(ctx.tenant_id, "deployer().tenantId"));
    add("userPrincipalName", Value::symbolic("deployer().userPrincipalName"));
  }
  return Value::object(std::move(m));
}

namespace {

Outcome resource_group_fn(Call& c) {
  return context_value(c.ev.env().deployment(), "resourceGroup");
}
Outcome subscription_fn(Call& c) { return context_value(c.ev.env().deployment(), "subscription"); }
Outcome tenant_fn(Call& c) { return context_value(c.ev.env().deployment(), "tenant"); }
Outcome management_group_fn(Call& c) {
  return context_value(c.ev.env().deployment(), "managementGroup");
}

// Appends "/providers/{namespace}/{type1}/{name1}/{type2}/{name2}..." for a resource type and
// its names, as Azure builds resource IDs. Names that hold '/' count as several segments.
std::optional<EvalError> append_provider_path(Call& c, TextBuilder& id, size_t type_index) {
  const Value& type_v = c.args[type_index];
  if (!type_v.is_string()) {
    return type_error(c, type_index, "a String (a resource type such as 'Microsoft.Web/sites')");
  }
  // Azure ignores a trailing '/' on the type ('Microsoft.Network/virtualNetworks/').
  // Views of the argument, appended piece by piece: the ID is built for most resources.
  std::string_view type = type_v.as_string();
  while (!type.empty() && type.back() == '/') type.remove_suffix(1);
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (true) {
    const size_t slash = type.find('/', start);
    segments.push_back(type.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (segments.size() < 2 || segments[0].empty()) {
    return c.error("'" + std::string(type) +
                   "' is not a resource type of the form 'Namespace/type'");
  }
  std::vector<const Value*> names;
  size_t name_segments = 0;
  for (size_t i = type_index + 1; i < c.args.size(); ++i) {
    const Value& n = c.args[i];
    if (!is_text(n) && !n.is_int()) return type_error(c, i, "a String (a resource name)");
    names.push_back(&n);
    if (n.is_string()) {
      name_segments +=
          static_cast<size_t>(std::count(n.as_string().begin(), n.as_string().end(), '/')) + 1;
    } else {
      name_segments += 1;
    }
  }
  const size_t types = segments.size() - 1;
  // Azure pairs type segments with name arguments; a name holding '/' then spans segments of
  // its own. Either count matching is accepted, as templates rely on both.
  const bool by_argument = names.size() == types;
  if (!by_argument && name_segments != types) {
    return c.error("resource type '" + std::string(type) + "' needs " + std::to_string(types) +
                   " name" + (types == 1 ? "" : "s") + ", got " + std::to_string(names.size()));
  }
  id.add_text("/providers/");
  id.add_text(segments[0]);
  size_t t = 1;
  for (const Value* n : names) {
    if (by_argument || !n->is_string()) {
      id.add_text("/");
      id.add_text(segments[t++]);
      id.add_text("/");
      id.add(*n);
      continue;
    }
    const std::string_view text = n->as_string();
    size_t s = 0;
    while (true) {
      const size_t slash = text.find('/', s);
      id.add_text("/");
      id.add_text(segments[t++]);
      id.add_text("/");
      id.add_text(text.substr(s, slash - s));
      if (slash == std::string::npos) break;
      s = slash + 1;
    }
  }
  return std::nullopt;
}

// The index of the resource type argument: the first of the leading arguments with a '/'.
size_t type_argument(const Call& c, size_t max_leading) {
  for (size_t i = 0; i <= max_leading && i < c.args.size(); ++i) {
    if (c.args[i].is_string() && c.args[i].as_string().find('/') != std::string::npos) return i;
  }
  return 0;
}

Outcome resource_id_fn(Call& c) {
  const DeploymentContext& ctx = c.ev.env().deployment();
  const size_t type_index = type_argument(c, 2);
  TextBuilder id(c.composites());
  Value subscription = subscription_id(ctx);
  std::optional<Value> group;
  if (type_index == 2) {
    subscription = c.args[0];
    group = c.args[1];
  } else if (type_index == 1) {
    group = c.args[0];
  } else if (c.ev.env().deployment_scope() == DeploymentScope::ResourceGroup) {
    group = fact(ctx.resource_group, "resourceGroup().name");
  }
  const DeploymentScope scope = c.ev.env().deployment_scope();
  if (type_index == 0 &&
      (scope == DeploymentScope::ManagementGroup || scope == DeploymentScope::Tenant)) {
    // Outside subscriptions a resource ID without a subscription is tenant level.
  } else {
    if (!is_text(subscription)) return type_error(c, 0, "a String (a subscription ID)");
    id.add_text("/subscriptions/");
    id.add(subscription);
    if (group) {
      if (!is_text(*group)) return type_error(c, type_index - 1, "a String (a resource group)");
      id.add_text("/resourceGroups/");
      id.add(*group);
    }
  }
  if (auto e = append_provider_path(c, id, type_index)) return *e;
  return id.finish();
}

Outcome subscription_resource_id_fn(Call& c) {
  const size_t type_index = type_argument(c, 1);
  TextBuilder id(c.composites());
  const Value subscription = type_index == 1 ? c.args[0] : subscription_id(c.ev.env().deployment());
  if (!is_text(subscription)) return type_error(c, 0, "a String (a subscription ID)");
  id.add_text("/subscriptions/");
  id.add(subscription);
  if (auto e = append_provider_path(c, id, type_index)) return *e;
  return id.finish();
}

Outcome tenant_resource_id_fn(Call& c) {
  TextBuilder id(c.composites());
  if (auto e = append_provider_path(c, id, 0)) return *e;
  return id.finish();
}

Outcome management_group_resource_id_fn(Call& c) {
  const size_t type_index = type_argument(c, 1);
  const Value group =
      type_index == 1 ? c.args[0]
                      : fact(c.ev.env().deployment().management_group, "managementGroup().name");
  if (!is_text(group)) return type_error(c, 0, "a String (a management group name)");
  TextBuilder id(c.composites());
  id.add_text("/providers/Microsoft.Management/managementGroups/");
  id.add(group);
  if (auto e = append_provider_path(c, id, type_index)) return *e;
  return id.finish();
}

Outcome extension_resource_id_fn(Call& c) {
  if (!is_text(c.args[0])) return type_error(c, 0, "a String (a resource ID)");
  TextBuilder id(c.composites());
  id.add(c.args[0]);
  if (auto e = append_provider_path(c, id, 1)) return *e;
  return id.finish();
}

std::string describe_target(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_symbolic()) return v.symbolic_info().name;
  return to_compact_json(v);
}

// reference(resourceIdOrName, [apiVersion], ['Full']): a resource of this template resolves to
// its declared properties (anything the template does not set is unknown on access); any
// other resource is only known after deployment.
Outcome reference_fn(Call& c) {
  const Value& target = c.args[0];
  if (target.is_unknown()) return target;
  const bool full =
      c.args.size() > 2 && c.args[2].is_string() && json::iequals(c.args[2].as_string(), "Full");
  if (ResourceResolver* resolver = c.ev.env().resolver()) {
    if (std::optional<Value> resource = resolver->resource_by_id(target)) {
      if (full) return *resource;
      if (const Value* properties = resource->find("properties")) return *properties;
      return Value::object();
    }
  }
  return c.unknown("reference() to '" + describe_target(target) +
                   "' is known only after deployment");
}

Outcome references_fn(Call& c) {
  return c.unknown("references() of a resource collection is known only after deployment");
}

Outcome list_fn(Call& c) {
  return c.unknown(c.name() + "() returns keys or runtime state known only after deployment");
}

Outcome providers_fn(Call& c) {
  return c.unknown("providers() reads the provider registry at deployment time");
}

Outcome role_definitions_fn(Call& c) {
  return c.unknown("roleDefinitions() reads the tenant's role definitions at deployment time");
}

// pickZones() without Azure's live zone catalogue: a region that offers availability zones
// (public list, 2024) is assumed to offer them for the zonal resource providers below; any other
// region or provider gets [], as Azure answers for non-zonal ones.
Outcome pick_zones_fn(Call& c) {
  static const char* const kZonalRegions[] = {
      "australiaeast", "brazilsouth",      "canadacentral",  "centralindia",  "centralus",
      "eastasia",      "eastus",           "eastus2",        "francecentral", "germanywestcentral",
      "israelcentral", "italynorth",       "japaneast",      "japanwest",     "koreacentral",
      "mexicocentral", "newzealandnorth",  "northeurope",    "norwayeast",    "polandcentral",
      "qatarcentral",  "southafricanorth", "southcentralus", "southeastasia", "spaincentral",
      "swedencentral", "switzerlandnorth", "uaenorth",       "uksouth",       "westeurope",
      "westus2",       "westus3",          "usgovvirginia",  "chinanorth3"};
  for (size_t i = 0; i < 3; ++i) {
    if (c.args[i].is_symbolic()) return blocked(c, c.args[i]);
    if (!c.args[i].is_string()) return type_error(c, i, "a String");
  }
  static const char* const kZonalProviders[] = {"microsoft.apimanagement",
                                                "microsoft.app",
                                                "microsoft.cache",
                                                "microsoft.compute",
                                                "microsoft.containerinstance",
                                                "microsoft.containerregistry",
                                                "microsoft.containerservice",
                                                "microsoft.dbformysql",
                                                "microsoft.dbforpostgresql",
                                                "microsoft.documentdb",
                                                "microsoft.eventhub",
                                                "microsoft.keyvault",
                                                "microsoft.kusto",
                                                "microsoft.network",
                                                "microsoft.servicebus",
                                                "microsoft.sql",
                                                "microsoft.storage",
                                                "microsoft.web"};
  int64_t count = 1, offset = 0;
  if (c.args.size() > 3 && !int_arg(c.args[3], count)) return type_error(c, 3, "an Integer");
  if (c.args.size() > 4 && !int_arg(c.args[4], offset)) return type_error(c, 4, "an Integer");
  std::string location = lower(c.args[2].as_string());
  location.erase(std::remove(location.begin(), location.end(), ' '), location.end());
  bool zonal = false;
  for (const char* r : kZonalRegions) zonal |= location == r;
  bool zonal_provider = false;
  for (const char* p : kZonalProviders) zonal_provider |= lower(c.args[0].as_string()) == p;
  zonal = zonal && zonal_provider;
  json::Array zones;
  if (zonal) {
    for (int64_t i = 0; i < count && offset + i < 3; ++i) {
      zones.push_back(Value::string(std::to_string(offset + i + 1)));
    }
  }
  return Value::array(std::move(zones));
}

}  // namespace
}  // namespace fn

void register_resource_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  const bool sym = true;
  out.push_back(
      {"extensionResourceId", 3, kVariadic, ArgMode::Strict, sym, extension_resource_id_fn});
  out.push_back({"list", 1, 3, ArgMode::Tolerant, false, list_fn});
  out.push_back({"managementGroup", 0, 1, ArgMode::Strict, false, management_group_fn});
  out.push_back({"managementGroupResourceId", 2, kVariadic, ArgMode::Strict, sym,
                 management_group_resource_id_fn});
  out.push_back({"pickZones", 3, 5, ArgMode::Strict, sym, pick_zones_fn});
  out.push_back({"providers", 1, 2, ArgMode::Tolerant, false, providers_fn});
  out.push_back({"reference", 1, 3, ArgMode::Tolerant, false, reference_fn});
  out.push_back({"references", 1, 2, ArgMode::Tolerant, false, references_fn});
  out.push_back({"resourceGroup", 0, 1, ArgMode::Strict, false, resource_group_fn});
  out.push_back({"resourceId", 2, kVariadic, ArgMode::Strict, sym, resource_id_fn});
  out.push_back({"roleDefinitions", 1, 1, ArgMode::Tolerant, false, role_definitions_fn});
  out.push_back({"subscription", 0, 1, ArgMode::Strict, false, subscription_fn});
  out.push_back(
      {"subscriptionResourceId", 2, kVariadic, ArgMode::Strict, sym, subscription_resource_id_fn});
  out.push_back({"tenant", 0, 0, ArgMode::Strict, false, tenant_fn});
  out.push_back({"tenantResourceId", 2, kVariadic, ArgMode::Strict, sym, tenant_resource_id_fn});
}

}  // namespace cmk::arm::expr
