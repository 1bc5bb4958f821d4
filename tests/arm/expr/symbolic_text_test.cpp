#include "arm/expr/symbolic_text.hpp"

#include <catch2/catch.hpp>

using namespace cmk;
using namespace cmk::arm::expr;

namespace {

SymbolicText text(const std::string& symbolic_name) {
  return *SymbolicText::of(json::Value::symbolic(symbolic_name));
}

bool may_hold(const AtomFacts& f, char c) { return f.chars[static_cast<unsigned char>(c)]; }

}  // namespace

TEST_CASE("atom facts are read from the symbolic name") {
  const AtomFacts sub = atom_facts("subscription().subscriptionId");
  CHECK(sub.length == 36);
  CHECK(sub.non_empty);
  CHECK(may_hold(sub, 'F'));
  CHECK_FALSE(may_hold(sub, '/'));
  const AtomFacts unique = atom_facts("uniqueString(resourceGroup().id)");
  CHECK(unique.length == 13);
  CHECK_FALSE(may_hold(unique, '1'));  // base32: a-z and 2-7
  CHECK(may_hold(unique, '7'));
  const AtomFacts name = atom_facts("resourceGroup().name");
  CHECK_FALSE(name.length);
  CHECK(may_hold(name, '-'));
  CHECK_FALSE(may_hold(name, '/'));
  const AtomFacts upper = atom_facts("toUpper(uniqueString(resourceGroup().id))");
  CHECK(upper.length == 13);
  CHECK(may_hold(upper, 'A'));
  CHECK_FALSE(may_hold(upper, 'a'));
  const AtomFacts take = atom_facts("take(uniqueString(resourceGroup().id), 5)");
  CHECK(take.length == 5);
  CHECK(atom_facts("take(resourceGroup().name, 5)").length == std::nullopt);
  CHECK(atom_facts("substring(resourceGroup().name, 2, 3)").length == 3);
  CHECK(atom_facts("toLower(concat('ab', uniqueString('x')))").length == 15);
  const AtomFacts any = atom_facts("subscription().displayName");
  CHECK(any.chars.all());
  CHECK_FALSE(any.non_empty);
  CHECK(atom_facts("reference('id').identity.principalId").length == 36);
}

TEST_CASE("split_text cuts as ARM does: first matching delimiter in order, empty ones ignored") {
  CHECK(split_text("a,b;;c", {";", ","}) == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(split_text("a--b", {"-", "--"}) == std::vector<std::string>{"a", "", "b"});
  CHECK(split_text("a--b", {"--", "-"}) == std::vector<std::string>{"a", "b"});
  CHECK(split_text("ab", {""}) == std::vector<std::string>{"ab"});
  CHECK(split_text("", {","}) == std::vector<std::string>{""});
}

TEST_CASE("a composite's pieces, length and slices") {
  const SymbolicText id = text(
      "concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', "
      "resourceGroup().name)");
  REQUIRE(id.pieces().size() == 4);
  CHECK(id.pieces()[1].symbolic);
  CHECK_FALSE(id.length());
  CHECK(id.slice(0, 14)->value().as_string() == "/subscriptions");
  CHECK_FALSE(id.slice(60, 20));  // runs into the name, whose length is unknown
  CHECK(id.slice(51, std::nullopt)->value().symbolic_info().name ==
        "concat('/resourceGroups/', resourceGroup().name)");
  // 'e' and 'c' may be in the GUID, but a run of 36 such characters would be needed to span it.
  CHECK(id.index_of("RESOURCEGROUPS", false) == 52);
  CHECK(id.index_of("/", true) == 66);
  CHECK_FALSE(id.index_of("-", false));  // a GUID holds '-'
  CHECK(id.starts_with("/SUB") == Tri::True);
  CHECK(id.ends_with("x") == Tri::Unknown);
  // Neither a GUID nor a resource group name can hold '/'.
  CHECK(id.contains("/providers/") == Tri::False);
  CHECK(id.contains("-") == Tri::Unknown);
  CHECK(id.is_empty() == Tri::False);
  // The value of an unchanged text is the original (with whatever else it carries).
  const json::Value unique = json::Value::symbolic("reference('x').identity.principalId", 0, true);
  CHECK(SymbolicText::of(unique)->value().symbolic_info().unique);
}
