#include "arm/expr/context.hpp"

namespace cmk::arm::expr {

LoopBindings LoopBindings::with_resource_loop(std::string name, json::Value index) const {
  LoopBindings out = *this;
  out.resource_ = Loop{std::move(name), std::move(index)};
  return out;
}

LoopBindings LoopBindings::with_named_loop(std::string name, json::Value index) const {
  LoopBindings out = *this;
  out.named_.push_back(Loop{std::move(name), std::move(index)});
  return out;
}

const json::Value* LoopBindings::resource_index() const {
  return resource_ ? &resource_->index : nullptr;
}

const json::Value* LoopBindings::named_index(std::string_view name) const {
  for (auto it = named_.rbegin(); it != named_.rend(); ++it) {
    if (json::iequals(it->name, name)) return &it->index;
  }
  if (resource_ && json::iequals(resource_->name, name)) return &resource_->index;
  return nullptr;
}

}  // namespace cmk::arm::expr
