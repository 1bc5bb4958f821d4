#include "rules/condition_eval.hpp"

#include <re2/re2.h>

#include <cctype>
#include <charconv>

#include "arm/expr/symbolic_text.hpp"

namespace cmk::rules {

namespace {

bool text_equals(const std::string& a, const std::string& b, bool ignore_case) {
  return ignore_case ? json::iequals(a, b) : a == b;
}

// Azure resource providers read "true" as true and "30" as 30, and templates do quote them;
// tests that compare with a boolean or a number read such strings the same way.
std::optional<bool> boolean_of(const json::Value& v) {
  if (v.is_bool()) return v.as_bool();
  if (!v.is_string()) return std::nullopt;
  if (json::iequals(v.as_string(), "true")) return true;
  if (json::iequals(v.as_string(), "false")) return false;
  return std::nullopt;
}

// A number, or a string holding a JSON integer or decimal ("30", "-1.5"; not " 30", "1e3", "0x1").
std::optional<double> number_of(const json::Value& v) {
  if (v.is_number()) return v.as_double();
  if (!v.is_string()) return std::nullopt;
  static const RE2 json_decimal(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?)");
  const std::string& s = v.as_string();
  if (!RE2::FullMatch(s, json_decimal)) return std::nullopt;
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

// Definite equality; symbolic and unknown values never reach here.
bool values_equal(const json::Value& a, const json::Value& b, bool ignore_case) {
  if (a.is_string() && b.is_string()) return text_equals(a.as_string(), b.as_string(), ignore_case);
  if (a.is_bool() != b.is_bool()) {
    const auto x = boolean_of(a), y = boolean_of(b);
    return x && y && *x == *y;
  }
  if (a.is_number() != b.is_number()) {
    const auto x = number_of(a), y = number_of(b);
    return x && y && *x == *y;
  }
  return a == b;
}

// `normalize: location`: Azure ignores case and spaces in region names ("West Europe" is
// westeurope), so text compares lower-cased without whitespace; arrays element by element.
json::Value location_form(const json::Value& v) {
  if (v.is_string()) {
    std::string out;
    for (const char c : v.as_string()) {
      if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    }
    return json::Value::string(json::to_lower(out), v.offset());
  }
  if (v.is_array()) {
    json::Array items;
    for (const json::Value& item : v.items()) items.push_back(location_form(item));
    return json::Value::array(std::move(items), v.offset());
  }
  return v;
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

// Compares a known, present value with what operand paths or the context found (`operands`), or
// else with the literal operand.
Truth compare(const Test& t, const json::Value& v, const json::Array& operands,
              const json::Value& literal) {
  const json::Value& operand = operands.empty() ? literal : operands.front();
  switch (t.op) {
    case Operator::Exists:
      return of(t.operand.as_bool());
    case Operator::Equals:
    case Operator::NotEquals:
    case Operator::In:
    case Operator::NotIn: {
      const bool negate = t.op == Operator::NotEquals || t.op == Operator::NotIn;
      const json::Array& list = (t.op == Operator::In || t.op == Operator::NotIn) && !t.operand_path
                                    ? literal.items()
                                : operands.empty() ? json::Array{literal}
                                                   : operands;
      bool found = false;
      for (const json::Value& o : list) found = found || values_equal(v, o, t.ignore_case);
      return of(found != negate);
    }
    case Operator::Greater:
    case Operator::GreaterOrEquals:
    case Operator::Less:
    case Operator::LessOrEquals: {
      const auto x = number_of(v), y = number_of(operand);
      if (!x || !y) return Truth::False;
      const double a = *x, b = *y;
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

// Where a test reads its property, and where its operand paths read theirs.
struct Roots {
  const json::Value* path_root = nullptr;
  std::string api_version;
  const EvalContext* context = nullptr;
};

// resolve(), through the context's cache while a relation is matched.
const std::vector<PathMatch>& resolve_in(const EvalContext* ctx, const json::Value& root,
                                         const PropertyPath& path,
                                         std::vector<PathMatch>& uncached) {
  if (ctx && ctx->paths && ctx->candidate) return ctx->paths->resolve(root, path);
  uncached = resolve(root, path);
  return uncached;
}

Verdict unknown_because(std::string reason, uint32_t offset, const std::string& path) {
  Verdict v{Truth::Unknown, offset, path, std::nullopt, false, std::move(reason), {}, {}};
  return v;
}

// A format check (`matches`) on text with symbolic pieces of known length and characters, e.g.
// concat('cmk-', uniqueString(...)) or a key version: the pattern is tried with each piece filled
// with each character it may hold. Rules' patterns are character classes and counts, which such
// a sweep decides; anything else (a piece of unknown length) stays unknown.
Truth matches_symbolic(const json::Value& value, const RE2& regex) {
  const auto text = arm::expr::SymbolicText::of(value);
  if (!text) return Truth::Unknown;
  std::vector<std::vector<char>> alphabets;
  size_t rounds = 1;
  for (const auto& piece : text->pieces()) {
    if (!piece.symbolic) continue;
    if (!piece.facts.length || piece.facts.chars.all()) return Truth::Unknown;
    std::vector<char> alphabet;
    for (size_t c = 1; c < 128; ++c) {
      if (piece.facts.chars.test(c)) alphabet.push_back(static_cast<char>(c));
    }
    if (alphabet.empty()) return Truth::Unknown;
    rounds = std::max(rounds, alphabet.size());
    alphabets.push_back(std::move(alphabet));
  }
  bool any_match = false, any_miss = false;
  for (size_t round = 0; round < rounds; ++round) {
    std::string sample;
    size_t symbolic = 0;
    for (const auto& piece : text->pieces()) {
      if (!piece.symbolic) {
        sample += piece.text;
        continue;
      }
      const std::vector<char>& alphabet = alphabets[symbolic++];
      sample.append(static_cast<size_t>(*piece.facts.length), alphabet[round % alphabet.size()]);
    }
    (RE2::FullMatch(sample, regex) ? any_match : any_miss) = true;
  }
  if (any_match && !any_miss) return Truth::True;
  if (any_miss && !any_match) return Truth::False;
  return Truth::Unknown;
}

// A test on a relation that bound no resource: undecided for the relation's reason, placed at
// the subject's property that decided the relation when known.
Verdict unknown_binding(const RelatedBinding& b, const std::string& path) {
  Verdict v =
      unknown_because(b.reason, b.decided_offset, b.decided_path.empty() ? path : b.decided_path);
  v.actual = b.decided_value;
  return v;
}

// The values an operand path finds: nullopt with `blocked` set when one is not known.
std::optional<json::Array> operand_values(const Test& t, const Roots& roots, Verdict& blocked) {
  const json::Value* root = &roots.context->subject;
  if (!t.operand_of.empty()) {
    auto it = roots.context->related.find(t.operand_of);
    if (it == roots.context->related.end() || !it->second.body) {
      blocked = unknown_because(
          it == roots.context->related.end() ? "no such relation" : it->second.reason,
          json::kNoOffset, t.operand_path->text);
      return std::nullopt;
    }
    root = it->second.body;
  }
  json::Array operands;
  std::vector<PathMatch> uncached;
  for (const PathMatch& om : resolve_in(roots.context, *root, *t.operand_path, uncached)) {
    const json::Value* ov = om.blocked_by ? om.blocked_by : om.value;
    if (!ov) continue;
    if (ov->is_unknown() || ov->is_symbolic()) {
      if (t.operand_capture) {
        blocked = unknown_verdict(om, *ov);
        return std::nullopt;
      }
      // A symbolic operand still compares: equal to the same symbolic value only.
      if (ov->is_unknown()) {
        blocked = unknown_verdict(om, *ov);
        return std::nullopt;
      }
    }
    if (t.operand_capture) {
      std::string captured;
      if (ov->is_string() && RE2::PartialMatch(ov->as_string(), *t.operand_capture, &captured)) {
        operands.push_back(json::Value::string(captured));
      }
      continue;
    }
    operands.push_back(*ov);
  }
  return operands;
}

Verdict evaluate_match(const Test& t, const PathMatch& m, const Roots& roots) {
  if (m.blocked_by) return unknown_verdict(m, *m.blocked_by);
  const json::Value* value = m.value;
  bool defaulted = false;
  if (!value) {
    value = default_for(t, roots.api_version);
    defaulted = value != nullptr;
  }
  Verdict v{Truth::False, m.offset, m.path, std::nullopt, defaulted, {}, {}, {}};
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
  if (value->is_unknown()) return unknown_verdict(m, *value);
  json::Value captured;
  if (t.capture) {
    if (value->is_symbolic()) return unknown_verdict(m, *value);
    std::string group;
    if (!value->is_string() || !RE2::PartialMatch(value->as_string(), *t.capture, &group)) {
      v.truth = of(t.op == Operator::NotEquals || t.op == Operator::NotIn);
      return v;
    }
    captured = json::Value::string(group);
    value = &captured;
  }

  json::Array operands;
  if (!t.operand_context.empty()) {
    const json::Value* c =
        roots.context->deployment ? roots.context->deployment->find(t.operand_context) : nullptr;
    if (!c) {
      v.truth = Truth::Unknown;
      v.unknown_reason = "the deployment's " + t.operand_context + " is not known";
      return v;
    }
    operands.push_back(*c);
  }
  if (t.operand_path) {
    Verdict blocked;
    auto found = operand_values(t, roots, blocked);
    if (!found) {
      blocked.offset = m.offset;
      blocked.path = m.path;
      return blocked;
    }
    operands = std::move(*found);
    if (operands.empty()) {
      v.truth = Truth::Unknown;
      v.unknown_reason = "'" + t.operand_path->text + "' has no value to compare with";
      return v;
    }
  }
  // Symbolic values compare by identity: equal to the same computation, else undecided.
  const bool symbolic_operand = std::any_of(operands.begin(), operands.end(),
                                            [](const json::Value& o) { return o.is_symbolic(); });
  if (t.op == Operator::Matches && value->is_symbolic()) {
    if (const Truth decided = matches_symbolic(*value, *t.regex); decided != Truth::Unknown) {
      v.truth = decided;
      return v;
    }
  }
  if (value->is_symbolic() || symbolic_operand) {
    const bool equality = t.op == Operator::Equals || t.op == Operator::NotEquals ||
                          t.op == Operator::In || t.op == Operator::NotIn;
    const json::Array& list =
        operands.empty() && t.operand.is_array() ? t.operand.items() : operands;
    // Values Azure generates per resource are distinct: different names, provably unequal.
    auto unique = [](const json::Value& x) { return x.is_symbolic() && x.symbolic_info().unique; };
    if (equality && !list.empty() && unique(*value) &&
        std::all_of(list.begin(), list.end(),
                    [&](const json::Value& o) { return unique(o) && !(o == *value); })) {
      return Verdict{of(t.op == Operator::NotEquals || t.op == Operator::NotIn),
                     m.offset,
                     m.path,
                     *value,
                     defaulted,
                     {},
                     {},
                     {}};
    }
    if (equality && !list.empty()) {
      for (const json::Value& o : list) {
        if (*value == o)
          return Verdict{of(t.op == Operator::Equals || t.op == Operator::In),
                         m.offset,
                         m.path,
                         *value,
                         defaulted,
                         {},
                         {},
                         {}};
      }
    }
    return unknown_verdict(m, value->is_symbolic() ? *value
                                                   : *std::find_if(operands.begin(), operands.end(),
                                                                   [](const json::Value& o) {
                                                                     return o.is_symbolic();
                                                                   }));
  }
  if (t.normalize == Normalize::Location) {
    for (json::Value& o : operands) o = location_form(o);
    v.truth = compare(t, location_form(*value), operands, location_form(t.operand));
  } else {
    v.truth = compare(t, *value, operands, t.operand);
  }
  if (v.truth == Truth::Unknown) {
    v.unknown_reason = "an element of the value is not known before deployment";
  }
  return v;
}

Verdict evaluate_test(const Test& t, const Roots& roots) {
  std::vector<PathMatch> uncached;
  const std::vector<PathMatch>& matches =
      resolve_in(roots.context, *roots.path_root, t.path, uncached);
  std::optional<Verdict> first_unknown, first_true, first_false;
  for (const PathMatch& m : matches) {
    Verdict v = evaluate_match(t, m, roots);
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

// A test of the subject or of a related resource, as its `of` says.
Verdict evaluate_leaf(const Test& t, const EvalContext& ctx) {
  // A test that reads a relation with no resource gives what the relation's `missing` says.
  for (const std::string* name : {&t.of, &t.operand_of}) {
    if (name->empty()) continue;
    auto it = ctx.related.find(*name);
    if (it == ctx.related.end()) {
      return unknown_because("no relation '" + *name + "'", json::kNoOffset, t.path.text);
    }
    const RelatedBinding& b = it->second;
    if (b.body) continue;
    Verdict v = unknown_binding(b, t.path.text);
    if (b.found == Truth::False) {
      if (b.missing == Relation::Missing::Pass) v.truth = Truth::True;
      if (b.missing == Relation::Missing::Fail) v.truth = Truth::False;
    }
    return v;
  }
  if (t.of.empty()) {
    if (ctx.candidate) {
      return evaluate_test(t, Roots{ctx.candidate, ctx.candidate_api_version, &ctx});
    }
    return evaluate_test(t, Roots{&ctx.subject, ctx.api_version, &ctx});
  }
  const RelatedBinding& b = ctx.related.at(t.of);
  Verdict v = evaluate_test(t, Roots{b.body, b.api_version, &ctx});
  v.relation = t.of;
  return v;
}

Verdict evaluate_node(const Condition& c, const EvalContext& ctx);

Verdict combine(const std::vector<Condition>& parts, const EvalContext& ctx, Truth decisive) {
  std::optional<Verdict> first, first_unknown;
  for (const Condition& part : parts) {
    Verdict v = evaluate_node(part, ctx);
    if (v.truth == decisive) return v;
    if (v.truth == Truth::Unknown && !first_unknown) first_unknown = v;
    if (!first) first = std::move(v);
  }
  return first_unknown ? *first_unknown : *first;
}

// Some element of an array satisfies `where`: true if one does, else unknown if one might,
// else false (pointing at the array).
Verdict evaluate_any_item(const AnyItem& item, const EvalContext& ctx) {
  const json::Value* root = ctx.candidate ? ctx.candidate : &ctx.subject;
  if (!item.of.empty()) {
    auto it = ctx.related.find(item.of);
    if (it == ctx.related.end() || !it->second.body) {
      Verdict v = it == ctx.related.end() ? unknown_because("no relation '" + item.of + "'",
                                                            json::kNoOffset, item.path.text)
                                          : unknown_binding(it->second, item.path.text);
      if (it != ctx.related.end() && it->second.found == Truth::False) {
        if (it->second.missing == Relation::Missing::Pass) v.truth = Truth::True;
        if (it->second.missing == Relation::Missing::Fail) v.truth = Truth::False;
      }
      return v;
    }
    root = it->second.body;
  }
  std::optional<Verdict> first_unknown;
  Verdict none{Truth::False, json::kNoOffset, item.path.text, std::nullopt, false, {}, {}, item.of};
  for (const PathMatch& m : resolve(*root, item.path)) {
    if (m.blocked_by || (m.value && m.value->is_unknown())) {
      if (!first_unknown)
        first_unknown = unknown_verdict(m, m.blocked_by ? *m.blocked_by : *m.value);
      continue;
    }
    none.offset = m.offset;
    none.path = m.path;
    if (!m.value || !m.value->is_array()) continue;
    for (const json::Value& element : m.value->items()) {
      EvalContext inner{ctx.subject, ctx.api_version, ctx.related,
                        &element,    ctx.api_version, ctx.deployment};
      Verdict v = evaluate_node(*item.where, inner);
      if (v.truth == Truth::True) {
        v.relation = item.of;
        return v;
      }
      if (v.truth == Truth::Unknown && !first_unknown) first_unknown = v;
    }
  }
  if (first_unknown) {
    first_unknown->relation = item.of;
    return *first_unknown;
  }
  return none;
}

Verdict evaluate_node(const Condition& c, const EvalContext& ctx) {
  if (const Test* t = std::get_if<Test>(&c.node)) return evaluate_leaf(*t, ctx);
  if (const AnyItem* item = std::get_if<AnyItem>(&c.node)) return evaluate_any_item(*item, ctx);
  if (const AllOf* a = std::get_if<AllOf>(&c.node)) return combine(a->parts, ctx, Truth::False);
  if (const AnyOf* a = std::get_if<AnyOf>(&c.node)) return combine(a->parts, ctx, Truth::True);
  Verdict v = evaluate_node(*std::get<Not>(c.node).inner, ctx);
  if (v.truth != Truth::Unknown) v.truth = v.truth == Truth::True ? Truth::False : Truth::True;
  return v;
}

}  // namespace

Verdict evaluate(const Condition& condition, const EvalContext& context) {
  return evaluate_node(condition, context);
}

Verdict evaluate(const Condition& condition, const json::Value& resource,
                 const std::string& api_version) {
  return evaluate_node(condition, EvalContext{resource, api_version, {}});
}

size_t PathCache::Hash::operator()(const Key& k) const noexcept {
  return std::hash<const void*>()(k.root) * 31 + std::hash<const void*>()(k.path);
}

const std::vector<PathMatch>& PathCache::resolve(const json::Value& root,
                                                 const PropertyPath& path) {
  const auto [it, added] = resolved_.try_emplace(Key{&root, &path});
  if (added) it->second = rules::resolve(root, path);
  return it->second;
}

const Test* literal_equality(const Relation& relation) {
  const Test* t = relation.match ? std::get_if<Test>(&relation.match->node) : nullptr;
  // What evaluate_leaf, evaluate_test and evaluate_match do for exactly this form: one place on
  // each side; when both hold literal strings, compare() gives text_equals.
  if (!t || t->op != Operator::Equals || !t->of.empty() || !t->operand_path ||
      !t->operand_of.empty() || !t->operand_context.empty() || t->capture || t->operand_capture ||
      t->normalize != Normalize::None) {
    return nullptr;
  }
  return t;
}

const json::Value* literal_string(const std::vector<PathMatch>& at) {
  if (at.size() != 1 || at.front().blocked_by || !at.front().value) return nullptr;
  return at.front().value->is_string() ? at.front().value : nullptr;
}

Verdict matches_relation(const Relation& relation, const json::Value& candidate,
                         const std::string& candidate_api, EvalContext& subject) {
  struct Matching {
    EvalContext& ctx;
    ~Matching() {
      ctx.candidate = nullptr;
      ctx.candidate_api_version.clear();
    }
  } matching{subject};
  subject.candidate = &candidate;
  subject.candidate_api_version = candidate_api;
  return evaluate_node(*relation.match, subject);
}

}  // namespace cmk::rules
