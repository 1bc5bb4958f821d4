// Lambda functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda The
// lambda argument stays a syntax tree; its body is evaluated per element with the lambda variables
// bound in the frame, so lambdaVariables('x') finds them.

#include <algorithm>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

// Evaluates argument `i` and requires an array (or reports why not).
Outcome array_argument(Call& c, size_t i) {
  Outcome r = c.ev.eval(c.node.children[i]);
  if (!r.ok() || r.value().is_unknown()) return r;
  if (r.value().is_null()) return Value::array();
  if (!r.value().is_array()) {
    return c.error("function '" + c.name() + "' expects argument " + std::to_string(i + 1) +
                   " to be an Array, got " + arm_type_name(r.value()));
  }
  return r;
}

const Node* lambda_argument(Call& c, size_t i) {
  const Node& n = c.node.children[i];
  return n.is_call("lambda") ? &n : nullptr;
}

Outcome not_a_lambda(Call& c, size_t i) {
  return EvalError{ErrorKind::Arguments, c.node.children[i].column(),
                   "function '" + c.name() + "' expects argument " + std::to_string(i + 1) +
                       " to be a lambda('x', ...)"};
}

Outcome filter_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  const Node* fn = lambda_argument(c, 1);
  if (!fn) return not_a_lambda(c, 1);
  json::Array out;
  const auto& items = arr.value().items();
  for (size_t i = 0; i < items.size(); ++i) {
    Outcome keep = c.ev.call_lambda(*fn, {items[i], Value::integer(static_cast<int64_t>(i))});
    if (!keep.ok() || keep.value().is_unknown()) return keep;
    if (keep.value().is_symbolic()) return blocked(c, keep.value());
    if (!keep.value().is_bool()) return c.error("the filter() lambda must return a Boolean");
    if (keep.value().as_bool()) out.push_back(items[i]);
  }
  return Value::array(std::move(out));
}

Outcome map_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  const Node* fn = lambda_argument(c, 1);
  if (!fn) return not_a_lambda(c, 1);
  json::Array out;
  const auto& items = arr.value().items();
  for (size_t i = 0; i < items.size(); ++i) {
    Outcome mapped = c.ev.call_lambda(*fn, {items[i], Value::integer(static_cast<int64_t>(i))});
    if (!mapped.ok()) return mapped;
    out.push_back(mapped.take());
  }
  return Value::array(std::move(out));
}

Outcome reduce_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  Outcome acc = c.ev.eval(c.node.children[1]);
  if (!acc.ok()) return acc;
  const Node* fn = lambda_argument(c, 2);
  if (!fn) return not_a_lambda(c, 2);
  Value current = acc.take();
  const auto& items = arr.value().items();
  for (size_t i = 0; i < items.size(); ++i) {
    Outcome next =
        c.ev.call_lambda(*fn, {current, items[i], Value::integer(static_cast<int64_t>(i))});
    if (!next.ok()) return next;
    current = next.take();
  }
  return current;
}

Outcome sort_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  const Node* fn = lambda_argument(c, 1);
  if (!fn) return not_a_lambda(c, 1);
  json::Array items = arr.value().items();
  std::optional<Outcome> problem;
  // Insertion sort: stable, and it stops cleanly at the first undecidable comparison.
  for (size_t i = 1; i < items.size() && !problem; ++i) {
    size_t j = i;
    while (j > 0) {
      Outcome less = c.ev.call_lambda(*fn, {items[j], items[j - 1]});
      if (!less.ok() || less.value().is_unknown()) {
        problem = less;
        break;
      }
      if (!less.value().is_bool()) {
        problem = Outcome(c.error("the sort() lambda must return a Boolean"));
        break;
      }
      if (!less.value().as_bool()) break;
      std::swap(items[j], items[j - 1]);
      --j;
    }
  }
  if (problem) return *problem;
  return Value::array(std::move(items));
}

Outcome to_object_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  const Node* key_fn = lambda_argument(c, 1);
  if (!key_fn) return not_a_lambda(c, 1);
  const Node* value_fn = nullptr;
  if (c.node.children.size() > 2) {
    value_fn = lambda_argument(c, 2);
    if (!value_fn) return not_a_lambda(c, 2);
  }
  Value out = Value::object();
  for (const Value& item : arr.value().items()) {
    Outcome key = c.ev.call_lambda(*key_fn, {item});
    if (!key.ok() || key.value().is_unknown()) return key;
    if (key.value().is_symbolic()) return blocked(c, key.value());
    if (!key.value().is_string()) return c.error("the toObject() key lambda must return a String");
    Value value = item;
    if (value_fn) {
      Outcome v = c.ev.call_lambda(*value_fn, {item});
      if (!v.ok()) return v;
      value = v.take();
    }
    out.set(key.value().as_string(), std::move(value));
  }
  return out;
}

Outcome map_values_fn(Call& c) {
  Outcome obj = c.ev.eval(c.node.children[0]);
  if (!obj.ok() || obj.value().is_unknown()) return obj;
  if (!obj.value().is_object()) {
    return c.error(std::string("function 'mapValues' expects an Object, got ") +
                   arm_type_name(obj.value()));
  }
  const Node* fn = lambda_argument(c, 1);
  if (!fn) return not_a_lambda(c, 1);
  Value out = Value::object();
  for (const json::Member& m : obj.value().members()) {
    Outcome v = c.ev.call_lambda(*fn, {m.value});
    if (!v.ok()) return v;
    out.set(m.key, v.take(), m.key_offset);
  }
  return out;
}

Outcome group_by_fn(Call& c) {
  Outcome arr = array_argument(c, 0);
  if (!arr.ok() || arr.value().is_unknown()) return arr;
  const Node* fn = lambda_argument(c, 1);
  if (!fn) return not_a_lambda(c, 1);
  Value out = Value::object();
  for (const Value& item : arr.value().items()) {
    Outcome key = c.ev.call_lambda(*fn, {item});
    if (!key.ok() || key.value().is_unknown()) return key;
    if (key.value().is_symbolic()) return blocked(c, key.value());
    if (!key.value().is_string()) return c.error("the groupBy() key lambda must return a String");
    if (Value* group = out.find(key.value().as_string())) {
      group->items().push_back(item);
    } else {
      out.set(key.value().as_string(), Value::array({item}));
    }
  }
  return out;
}

}  // namespace
}  // namespace fn

void register_lambda_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"filter", 2, 2, ArgMode::Lazy, false, filter_fn});
  out.push_back({"groupBy", 2, 2, ArgMode::Lazy, false, group_by_fn});
  out.push_back({"map", 2, 2, ArgMode::Lazy, false, map_fn});
  out.push_back({"mapValues", 2, 2, ArgMode::Lazy, false, map_values_fn});
  out.push_back({"reduce", 3, 3, ArgMode::Lazy, false, reduce_fn});
  out.push_back({"sort", 2, 2, ArgMode::Lazy, false, sort_fn});
  out.push_back({"toObject", 2, 3, ArgMode::Lazy, false, to_object_fn});
}

}  // namespace cmk::arm::expr
