#include "rules/condition_eval.hpp"

#include <re2/re2.h>

namespace cmk::rules {

namespace {

bool text_equals(const std::string& a, const std::string& b, bool ignore_case) {
  return ignore_case ? json::iequals(a, b) : a == b;
}

// Definite equality; symbolic and unknown values never reach here.
bool values_equal(const json::Value& a, const json::Value& b, bool ignore_case) {
  if (a.is_string() && b.is_string()) return text_equals(a.as_string(), b.as_string(), ignore_case);
  return a == b;
}

bool has_prefix(std::string s, std::string p, bool ignore_case, bool suffix) {
  if (ignore_case) {
    s = json::to_lower(s);
    p = json::to_lower(p);
  }
  if (p.size() > s.size()) return false;
  return suffix ? s.compare(s.size() - p.size(), p.size(), p) == 0 : s.compare(0, p.size(), p) == 0;
}

Truth of(bool b) { return b ? Truth::True : Truth::False; }

// Compares a known, present value. `operands` is the literal list or what an operand path found.
Truth compare(const Test& t, const json::Value& v, const json::Array& operands) {
  const json::Value& operand = operands.empty() ? t.operand : operands.front();
  switch (t.op) {
    case Operator::Exists:
      return of(t.operand.as_bool());
    case Operator::Equals:
    case Operator::NotEquals:
    case Operator::In:
    case Operator::NotIn: {
      const bool negate = t.op == Operator::NotEquals || t.op == Operator::NotIn;
      const json::Array& list = (t.op == Operator::In || t.op == Operator::NotIn) && !t.operand_path
                                    ? t.operand.items()
                                : operands.empty() ? json::Array{t.operand}
                                                   : operands;
      bool found = false;
      for (const json::Value& o : list) found = found || values_equal(v, o, t.ignore_case);
      return of(found != negate);
    }
    case Operator::Greater:
    case Operator::GreaterOrEquals:
    case Operator::Less:
    case Operator::LessOrEquals: {
      if (!v.is_number() || !operand.is_number()) return Truth::False;
      const double a = v.as_double(), b = operand.as_double();
      switch (t.op) {
        case Operator::Greater:
          return of(a > b);
        case Operator::GreaterOrEquals:
          return of(a >= b);
        case Operator::Less:
          return of(a < b);
        default:
          return of(a <= b);
      }
    }
    case Operator::StartsWith:
    case Operator::EndsWith:
      if (!v.is_string() || !operand.is_string()) return Truth::False;
      return of(has_prefix(v.as_string(), operand.as_string(), t.ignore_case,
                           t.op == Operator::EndsWith));
    case Operator::Contains:
      if (v.is_string() && operand.is_string()) {
        if (t.ignore_case) {
          return of(json::to_lower(v.as_string()).find(json::to_lower(operand.as_string())) !=
                    std::string::npos);
        }
        return of(v.as_string().find(operand.as_string()) != std::string::npos);
      }
      if (v.is_array()) {
        bool unknown = false;
        for (const json::Value& item : v.items()) {
          if (item.is_unknown() || item.is_symbolic()) {
            unknown = true;
          } else if (values_equal(item, operand, t.ignore_case)) {
            return Truth::True;
          }
        }
        return unknown ? Truth::Unknown : Truth::False;
      }
      return Truth::False;
    case Operator::Matches:
      return of(v.is_string() && RE2::FullMatch(v.as_string(), *t.regex));
  }
  return Truth::False;
}

const json::Value* default_for(const Test& t, const std::string& api_version) {
  for (const VersionedDefault& d : t.default_by_api_version) {
    // apiVersions are ISO dates (with an optional -preview suffix): text order is date order.
    if (!d.from || api_version.substr(0, 10) >= d.from->substr(0, 10)) return &d.value;
  }
  return t.default_value ? &*t.default_value : nullptr;
}

Verdict unknown_verdict(const PathMatch& m, const json::Value& blocker) {
  Verdict v{Truth::Unknown, m.offset, m.path, std::nullopt, false, {}, {}};
  if (blocker.is_unknown()) {
    v.unknown_reason = blocker.unknown_info().reason;
    v.unknown_expression = blocker.unknown_info().expression;
  } else {
    v.unknown_reason = "its value depends on the deployment context";
    v.unknown_expression = blocker.symbolic_info().name;
  }
  return v;
}

Verdict evaluate_match(const Test& t, const PathMatch& m, const json::Value& resource,
                       const std::string& api_version) {
  if (m.blocked_by) return unknown_verdict(m, *m.blocked_by);
  const json::Value* value = m.value;
  bool defaulted = false;
  if (!value) {
    value = default_for(t, api_version);
    defaulted = value != nullptr;
  }
  Verdict v{Truth::False, m.offset, m.path, std::nullopt, defaulted, {}, {}};
  if (!value) {
    const bool holds = (t.op == Operator::Exists && !t.operand.as_bool()) ||
                       t.op == Operator::NotEquals || t.op == Operator::NotIn;
    v.truth = of(holds);
    return v;
  }
  v.actual = *value;
  if (t.op == Operator::Exists) {
    v.truth = of(t.operand.as_bool() != defaulted);
    return v;
  }
  if (value->is_unknown() || value->is_symbolic()) return unknown_verdict(m, *value);

  json::Array operands;
  if (t.operand_path) {
    for (const PathMatch& om : resolve(resource, *t.operand_path)) {
      const json::Value* ov = om.blocked_by ? om.blocked_by : om.value;
      if (!ov) continue;
      if (ov->is_unknown() || ov->is_symbolic()) return unknown_verdict(om, *ov);
      operands.push_back(*ov);
    }
    if (operands.empty()) {
      v.truth = Truth::Unknown;
      v.unknown_reason = "'" + t.operand_path->text + "' has no value to compare with";
      return v;
    }
  }
  v.truth = compare(t, *value, operands);
  if (v.truth == Truth::Unknown) {
    v.unknown_reason = "an element of the value is not known before deployment";
  }
  return v;
}

Verdict evaluate_test(const Test& t, const json::Value& resource, const std::string& api_version) {
  const std::vector<PathMatch> matches = resolve(resource, t.path);
  std::optional<Verdict> first_unknown, first_true, first_false;
  for (const PathMatch& m : matches) {
    Verdict v = evaluate_match(t, m, resource, api_version);
    auto& slot = v.truth == Truth::True    ? first_true
                 : v.truth == Truth::False ? first_false
                                           : first_unknown;
    if (!slot) slot = std::move(v);
  }
  if (t.match_any) {
    if (first_true) return *first_true;
    if (first_unknown) return *first_unknown;
    return *first_false;
  }
  if (first_false) return *first_false;
  if (first_unknown) return *first_unknown;
  return *first_true;
}

Verdict evaluate_node(const Condition& c, const json::Value& resource, const std::string& api);

Verdict combine(const std::vector<Condition>& parts, const json::Value& resource,
                const std::string& api, Truth decisive) {
  std::optional<Verdict> first, first_unknown;
  for (const Condition& part : parts) {
    Verdict v = evaluate_node(part, resource, api);
    if (v.truth == decisive) return v;
    if (v.truth == Truth::Unknown && !first_unknown) first_unknown = v;
    if (!first) first = std::move(v);
  }
  return first_unknown ? *first_unknown : *first;
}

Verdict evaluate_node(const Condition& c, const json::Value& resource, const std::string& api) {
  if (const Test* t = std::get_if<Test>(&c.node)) return evaluate_test(*t, resource, api);
  if (const AllOf* a = std::get_if<AllOf>(&c.node)) {
    return combine(a->parts, resource, api, Truth::False);
  }
  if (const AnyOf* a = std::get_if<AnyOf>(&c.node)) {
    return combine(a->parts, resource, api, Truth::True);
  }
  Verdict v = evaluate_node(*std::get<Not>(c.node).inner, resource, api);
  if (v.truth != Truth::Unknown) v.truth = v.truth == Truth::True ? Truth::False : Truth::True;
  return v;
}

}  // namespace

Verdict evaluate(const Condition& condition, const json::Value& resource,
                 const std::string& api_version) {
  return evaluate_node(condition, resource, api_version);
}

}  // namespace cmk::rules
