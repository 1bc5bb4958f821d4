// Deployment value functions (parameters, variables, deployment, environment, copyIndex, ...):
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {

// resource_functions.cpp builds the deployment-context objects.
Value context_value(const DeploymentContext& ctx, std::string_view what);

namespace {

Outcome parameters_fn(Call& c) {
  const Value& name = c.args[0];
  if (!name.is_string()) return type_error(c, 0, "a String");
  if (const Bindings* args = c.ev.frame().function_args) {
    for (const auto& [param, value] : *args) {
      if (json::iequals(param, name.as_string())) return value;
    }
    return c.error("function parameter '" + name.as_string() + "' is not declared",
                   ErrorKind::MissingDefinition);
  }
  Outcome r = c.ev.env().parameter(name.as_string());
  if (!r.ok()) return c.error(r.error().message, r.error().kind);
  Value v = r.take();
  // Name the call as the blocking expression when the parameter itself is what is unknown.
  if (v.is_unknown() && v.unknown_info().expression.empty()) {
    return Value::unknown(v.unknown_info().reason, std::string(c.source()));
  }
  return v;
}

Outcome variables_fn(Call& c) {
  const Value& name = c.args[0];
  if (!name.is_string()) return type_error(c, 0, "a String");
  Outcome r = c.ev.env().variable(name.as_string());
  if (!r.ok()) return c.error(r.error().message, r.error().kind);
  return r;
}

// copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset).
Outcome copy_index_fn(Call& c) {
  std::string loop;
  int64_t offset = 0;
  size_t next = 0;
  if (!c.args.empty() && c.args[0].is_string()) {
    loop = c.args[0].as_string();
    next = 1;
  }
  if (next < c.args.size() && !int_arg(c.args[next], offset)) {
    return type_error(c, next, "an Integer offset");
  }
  if (next + 1 < c.args.size()) return c.error("copyIndex() takes a loop name and an offset");
  const LoopBindings* loops = c.ev.frame().loops;
  const Value* index = nullptr;
  if (loops) index = loop.empty() ? loops->resource_index() : loops->named_index(loop);
  if (!index) {
    return c.error(loop.empty()
                       ? "copyIndex() is used outside a copy loop"
                       : "copyIndex('" + loop + "') is used outside a copy loop of that name",
                   ErrorKind::MissingDefinition);
  }
  if (index->is_unknown())
    return Value::unknown(index->unknown_info().reason, std::string(c.source()));
  if (!index->is_int()) return c.unknown("the copy index is not known");
  return Value::integer(index->as_int() + offset);
}

Outcome lambda_variables_fn(Call& c) {
  const Value& name = c.args[0];
  if (!name.is_string()) return type_error(c, 0, "a String");
  const Bindings& vars = c.ev.frame().lambda_variables;
  for (auto it = vars.rbegin(); it != vars.rend(); ++it) {
    if (json::iequals(it->first, name.as_string())) return it->second;
  }
  return c.error("lambda variable '" + name.as_string() + "' is not declared",
                 ErrorKind::MissingDefinition);
}

Outcome lambda_fn(Call& c) {
  return c.error(
      "lambda() can only be an argument of filter, map, reduce, sort, toObject, "
      "mapValues or groupBy");
}

// deployment().location exists for subscription, management group and tenant deployments only
// (the reference page); a resource group deployment has none, so reading it stays unknown there.
// templateLink is left out unless the context gives it: whether it exists depends on how the
// template is deployed.
Outcome deployment_fn(Call& c) {
  const DeploymentContext& ctx = c.ev.env().deployment();
  Value out = context_value(ctx, "deployment");
  if (c.ev.env().deployment_scope() != DeploymentScope::ResourceGroup) {
    out.set("location",
            ctx.location ? Value::string(*ctx.location) : Value::symbolic("deployment().location"));
  }
  Value properties = Value::object();
  Value template_info = Value::object();
  if (const Value* root = c.ev.env().template_root()) {
    if (const Value* cv = root->find("contentVersion")) template_info.set("contentVersion", *cv);
  }
  properties.set("template", std::move(template_info));
  if (ctx.template_link_uri) {
    Value link = Value::object();
    link.set("uri", Value::string(*ctx.template_link_uri));
    properties.set("templateLink", std::move(link));
  }
  out.set("properties", std::move(properties));
  return out;
}

Outcome deployer_fn(Call& c) { return context_value(c.ev.env().deployment(), "deployer"); }

// environment() for the public cloud (AzureCloud), as documented by Microsoft.
Outcome environment_fn(Call&) {
  static const Value kAzureCloud = [] {
    auto s = [](const char* text) { return Value::string(text); };
    Value authentication = Value::object();
    authentication.set("loginEndpoint", s("https://login.microsoftonline.com/"));
    authentication.set("audiences", Value::array({s("https://management.core.windows.net/"),
                                                  s("https://management.azure.com/")}));
    authentication.set("tenant", s("common"));
    authentication.set("identityProvider", s("AAD"));
    Value suffixes = Value::object();
    suffixes.set("acrLoginServer", s(".azurecr.io"));
    suffixes.set("azureDatalakeAnalyticsCatalogAndJob", s("azuredatalakeanalytics.net"));
    suffixes.set("azureDatalakeStoreFileSystem", s("azuredatalakestore.net"));
    suffixes.set("azureFrontDoorEndpointSuffix", s("azurefd.net"));
    suffixes.set("keyvaultDns", s(".vault.azure.net"));
    suffixes.set("sqlServerHostname", s(".database.windows.net"));
    suffixes.set("storage", s("core.windows.net"));
    Value env = Value::object();
    env.set("name", s("AzureCloud"));
    env.set("gallery", s("https://gallery.azure.com/"));
    env.set("graph", s("https://graph.windows.net/"));
    env.set("portal", s("https://portal.azure.com"));
    env.set("graphAudience", s("https://graph.windows.net/"));
    env.set("activeDirectoryDataLake", s("https://datalake.azure.net/"));
    env.set("batch", s("https://batch.core.windows.net/"));
    env.set("media", s("https://rest.media.azure.net"));
    env.set("sqlManagement", s("https://management.core.windows.net:8443/"));
    env.set("vmImageAliasDoc",
            s("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/main/arm-compute/"
              "quickstart-templates/aliases.json"));
    env.set("resourceManager", s("https://management.azure.com/"));
    env.set("authentication", std::move(authentication));
    env.set("suffixes", std::move(suffixes));
    return env;
  }();
  return kAzureCloud;
}

Outcome fail_fn(Call& c) {
  return c.error("the template calls fail(): " + to_arm_text(c.args[0]), ErrorKind::Fail);
}

}  // namespace
}  // namespace fn

void register_deployment_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"copyIndex", 0, 2, ArgMode::Strict, false, copy_index_fn});
  out.push_back({"deployer", 0, 0, ArgMode::Strict, false, deployer_fn});
  out.push_back({"deployment", 0, 0, ArgMode::Strict, false, deployment_fn});
  out.push_back({"environment", 0, 0, ArgMode::Strict, false, environment_fn});
  out.push_back({"fail", 1, 1, ArgMode::Strict, false, fail_fn});
  out.push_back({"lambda", 1, kVariadic, ArgMode::Lazy, false, lambda_fn});
  out.push_back({"lambdaVariables", 1, 1, ArgMode::Strict, false, lambda_variables_fn});
  out.push_back({"parameters", 1, 1, ArgMode::Strict, false, parameters_fn});
  out.push_back({"variables", 1, 1, ArgMode::Strict, false, variables_fn});
}

}  // namespace cmk::arm::expr
