#include "rules/engine.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

#include "rules/cmk_links.hpp"
#include "rules/condition_eval.hpp"
#include "rules/relation_candidates.hpp"

namespace cmk::rules {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Pass:
      return "pass";
    case Outcome::Fail:
      return "fail";
    case Outcome::Unknown:
      return "unknown";
  }
  return "?";
}

std::string render_message(const std::string& tmpl, const arm::Resource& resource,
                           const std::string& path, const std::string& actual,
                           const std::string& reason) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string::npos) {
        const std::string key = tmpl.substr(i + 1, close - i - 1);
        const std::string* value = key == "name"     ? &resource.display_name()
                                   : key == "type"   ? &resource.type
                                   : key == "path"   ? &path
                                   : key == "actual" ? &actual
                                   : key == "reason" ? &reason
                                                     : nullptr;
        if (value) {
          // Names are quoted so an expression or an odd name reads as one token.
          out += key == "name" ? '\'' + *value + '\'' : *value;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

namespace {

std::string describe_actual(const Verdict& v) {
  if (!v.actual) return "absent";
  std::string text = json::to_json(*v.actual);
  if (v.defaulted) text += " (Azure's default)";
  return text;
}

using Bound = std::map<std::string, const arm::Resource*>;

// Where `r` is, or (given) where its property at `offset` is.
RelatedLocation location_of(const arm::Resource& r, std::string message,
                            uint32_t offset = json::kNoOffset) {
  if (offset == json::kNoOffset) offset = r.offset;
  const json::Position pos = r.source->position(offset == json::kNoOffset ? 0 : offset);
  return RelatedLocation{r.source->path(), pos.line, pos.column, std::move(message)};
}

// The resource as findings name it; an exported one says so, since it is the present state and
// a template the intended one.
std::string label(const arm::Resource& r) {
  return r.type + " '" + r.display_name() + "'" + (r.live ? " (live export)" : "");
}

Finding make_finding(const Rule& rule, const arm::Resource& res, const Verdict& v, Outcome o,
                     const Bound& bound) {
  Finding f;
  f.rule = &rule;
  f.result = o;
  f.file = res.source->path();
  // The deciding property may be in a related resource, in the same file or (for a linked
  // template) another one. The finding points there; the resource line that suppression
  // comments match is in that file too.
  const arm::Resource* where = &res;
  if (!v.relation.empty()) {
    if (auto it = bound.find(v.relation); it != bound.end()) where = it->second;
  }
  // A finding belongs to the file of the resource judged (suppressions and baselines are per
  // file): evidence in another file of the estate is a related location, not the position.
  const bool elsewhere = where->source->path() != res.source->path();
  if (elsewhere) where = &res;
  const uint32_t offset = v.offset != json::kNoOffset && !elsewhere ? v.offset : where->offset;
  const json::Position pos = where->source->position(offset == json::kNoOffset ? 0 : offset);
  f.line = pos.line;
  f.column = pos.column;
  // By path: the resources of a streamed export each have a source of their own.
  const arm::Resource& anchor = where->source->path() == res.source->path() ? res : *where;
  f.resource_line =
      anchor.source->position(anchor.offset == json::kNoOffset ? 0 : anchor.offset).line;
  f.resource_type = res.type;
  f.resource_name = res.name;
  f.evaluated_name = res.evaluated_name;
  f.path = v.relation.empty() ? v.path : v.relation + ": " + v.path;
  f.deployment_path = res.deployment_path;
  f.condition = res.conditional;
  if (where != &res) f.related.push_back(location_of(res, "the resource judged: " + label(res)));
  for (const auto& [name, r] : bound) {
    if (r == where) continue;
    // The deciding property when it is in this related resource, in another file.
    const bool decisive = elsewhere && name == v.relation;
    f.related.push_back(location_of(*r,
                                    name + ": " + label(*r) + (decisive ? " (" + v.path + ")" : ""),
                                    decisive ? v.offset : json::kNoOffset));
  }
  switch (o) {
    case Outcome::Fail:
      // Only a failure's message shows the value: a passing rule may have read a whole body.
      f.message = render_message(rule.message, res, v.path, describe_actual(v), v.unknown_reason);
      break;
    case Outcome::Pass:
      f.message = rule.title;
      break;
    case Outcome::Unknown:
      f.unknown_reason = v.unknown_reason;
      f.unknown_expression = v.unknown_expression;
      f.message = rule.title + ": cannot be decided before deployment: " +
                  (v.path.empty() ? "a property" : "'" + f.path + "'") + " " +
                  (v.unknown_reason.empty() ? "is not known" : "— " + v.unknown_reason);
      if (!v.unknown_expression.empty()) f.message += " (" + v.unknown_expression + ")";
      break;
  }
  return f;
}

// The CMK links of each resource a rule asks about, resolved once per resource.
class LinkCache {
 public:
  LinkCache(const arm::Model& model, const Estate* estate) : model_(model), estate_(estate) {}
  const CmkLinks& of(const arm::Resource& res) {
    std::unique_ptr<CmkLinks>& slot = links_[&res];
    if (!slot) slot = std::make_unique<CmkLinks>(res, by_type(), estate_);
    return *slot;
  }
  // The model's resources by type, indexed once for every resource's links and relations.
  const TypeIndex& by_type() {
    if (!by_type_) by_type_.emplace(model_.resources);
    return *by_type_;
  }
  // The candidates of a relation written in YAML, found once for every resource judged.
  const RelationCandidates& candidates(const Relation& rel, PathCache& paths) {
    std::unique_ptr<RelationCandidates>& slot = candidates_[&rel];
    if (!slot) slot = std::make_unique<RelationCandidates>(rel, by_type(), paths);
    return *slot;
  }

 private:
  const arm::Model& model_;
  const Estate* estate_;
  std::optional<TypeIndex> by_type_;
  std::unordered_map<const arm::Resource*, std::unique_ptr<CmkLinks>> links_;
  std::unordered_map<const Relation*, std::unique_ptr<RelationCandidates>> candidates_;
};

RelatedBinding bind_link(const Relation& rel, const Link& link) {
  RelatedBinding b;
  b.missing = rel.missing;
  b.body = link.body;
  b.api_version = link.api_version;
  b.found = link.state == LinkState::Found    ? Truth::True
            : link.state == LinkState::Absent ? Truth::False
                                              : Truth::Unknown;
  b.reason = link.reason;
  b.decided_path = link.decided_path;
  b.decided_offset = link.decided_offset;
  b.decided_value = link.decided_value;
  return b;
}

// Finds each relation's resource for `res`; false when a relation with `missing: skip` has none.
bool bind_relations(const Rule& rule, const arm::Resource& res, LinkCache& links, EvalContext& ctx,
                    Bound& bound) {
  for (const Relation& rel : rule.relations) {
    if (!rel.link.empty()) {
      const Link& link = *links.of(res).find(rel.link);
      if (link.state == LinkState::Absent && rel.missing == Relation::Missing::Skip) return false;
      if (link.state == LinkState::Undecided && rel.undecided == Relation::Missing::Skip) {
        return false;
      }
      if (link.state == LinkState::Found && link.resource != &res) bound[rel.name] = link.resource;
      ctx.related[rel.name] = bind_link(rel, link);
      continue;
    }
    RelatedBinding b;
    b.missing = rel.missing;
    std::string undecided;
    // Those that certainly do not match are left out: most candidates are not the one.
    std::vector<const arm::Resource*> narrowed;
    for (const arm::Resource* cand_ptr :
         links.candidates(rel, *ctx.paths).for_subject(ctx, narrowed)) {
      const arm::Resource& cand = *cand_ptr;
      if (&cand == &res) continue;
      if (std::none_of(rel.types.begin(), rel.types.end(),
                       [&](const std::string& t) { return json::iequals(t, cand.type); })) {
        continue;
      }
      const Verdict m = matches_relation(rel, cand.body, cand.api_version, ctx);
      if (m.truth == Truth::True) {
        b.body = &cand.body;
        b.api_version = cand.api_version;
        b.found = Truth::True;
        bound[rel.name] = &cand;
        break;
      }
      if (m.truth == Truth::Unknown && b.found != Truth::Unknown) {
        b.found = Truth::Unknown;
        undecided = m.unknown_reason +
                    (m.unknown_expression.empty() ? "" : " (" + m.unknown_expression + ")");
      }
    }
    const std::string what = rel.description.empty() ? rel.name : rel.description;
    if (b.found == Truth::Unknown) {
      if (rel.undecided == Relation::Missing::Skip) return false;
      b.reason = "which resource is " + what + " is not known: " + undecided;
    } else if (b.found == Truth::False) {
      b.reason = "no " + rel.types.front() + " in this template is " + what;
      if (rel.missing == Relation::Missing::Skip) return false;
    }
    ctx.related[rel.name] = std::move(b);
  }
  return true;
}

}  // namespace

std::vector<Finding> run_rules(const std::vector<Rule>& rules, const arm::Model& model,
                               const Estate* estate) {
  std::vector<Finding> findings;
  // The relations of every resource judged read the same paths of the same candidates.
  PathCache paths;
  LinkCache links(model, estate);
  for (const arm::Resource& res : model.resources) {
    if (res.existing) continue;
    for (const Rule& rule : rules) {
      if (!rule.applies_to_type(res.type)) continue;
      EvalContext ctx{res.body, res.api_version, {}, nullptr, {}, &model.context, &paths};
      Bound bound;
      if (!bind_relations(rule, res, links, ctx, bound)) continue;
      Truth applies = Truth::True;
      if (rule.when) {
        applies = evaluate(*rule.when, ctx).truth;
        if (applies == Truth::False) continue;
      }
      const Verdict v = evaluate(*rule.assertion, ctx);
      Outcome o = v.truth == Truth::True    ? Outcome::Pass
                  : v.truth == Truth::False ? Outcome::Fail
                                            : Outcome::Unknown;
      Verdict shown = v;
      if (shown.unknown_reason.empty() && !v.relation.empty()) {
        // A failing test on a resolved link: the link says why (e.g. which grant is missing).
        if (auto it = ctx.related.find(v.relation); it != ctx.related.end()) {
          shown.unknown_reason = it->second.reason;
        }
      }
      if (applies == Truth::Unknown && o == Outcome::Fail) {
        // It would fail, but whether the rule applies is not known: say what blocked that.
        o = Outcome::Unknown;
        const Verdict w = evaluate(*rule.when, ctx);
        shown.unknown_reason =
            "whether the rule applies is not known: " + w.path + " — " + w.unknown_reason;
        shown.unknown_expression = w.unknown_expression;
      }
      findings.push_back(make_finding(rule, res, shown, o, bound));
    }
  }
  return findings;
}

}  // namespace cmk::rules
