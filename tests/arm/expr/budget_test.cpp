// Hostile templates: values that double in size, work that multiplies and nesting that recurses
// end in a budget error naming the expression, quickly and in bounded memory.

#include "arm/expr/budget.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "test_support.hpp"

using namespace cmk;
using namespace cmk::arm::expr;
using namespace cmk::arm::expr::testing;

namespace {

// Scope options that draw on a budget with `limits` (a designated initializer would leave the
// other members to -Wmissing-field-initializers).
TemplateScope::Options with_budget(const BudgetLimits& limits) {
  TemplateScope::Options options;
  options.budget = std::make_shared<Budget>(limits);
  return options;
}

// A template whose variables v1..vN each apply `step` (with P for the previous one) to v0.
std::string doubling(const std::string& first, const std::string& step, int n = 40) {
  std::string vars = R"("v0": ")" + first + '"';
  for (int i = 1; i <= n; ++i) {
    std::string s = step;
    for (size_t at; (at = s.find('P')) != std::string::npos;) {
      s.replace(at, 1, "variables('v" + std::to_string(i - 1) + "')");
    }
    vars += ",\n\"v" + std::to_string(i) + "\": \"" + s + '"';
  }
  return "{\"variables\": {" + vars + "}}";
}

void check_budget_error(Harness& h, const std::string& expression, const std::string& stopped_at) {
  Evaluated e = h.eval(expression);
  REQUIRE_FALSE(e.errors.empty());
  INFO(e.errors.front().error.message);
  CHECK(e.errors.front().error.kind == ErrorKind::Budget);
  CHECK(e.errors.front().error.message.find("evaluation budget exceeded") != std::string::npos);
  CHECK(e.errors.front().error.message.find(stopped_at) != std::string::npos);
  CHECK(e.value.is_unknown());
  CHECK(h.scope->budget().bytes_used() < (uint64_t{1} << 30));
}

}  // namespace

TEST_CASE("budget: doubling strings, arrays, objects and format stop with an error", "[budget]") {
  // Each of these ran for minutes and ended in bad_alloc or a crash at 8-10 GB.
  struct Case {
    std::string first, step, stopped_at;
  };
  for (const Case& c : {Case{"abcdefgh", "[concat(P, P)]", "concat(variables('v"},
                        Case{"[createArray(1, 2, 3, 4)]", "[concat(P, P)]", "variables('v"},
                        Case{"[createObject('a', 1)]", "[createObject('a', P, 'b', P)]",
                             "createObject('a', variables('v"},
                        Case{"abcdefgh", "[format('{0}{1}', P, P)]", "format('{0}{1}'"}}) {
    INFO(c.step);
    Harness h(doubling(c.first, c.step));
    check_budget_error(h, "[length(variables('v40'))]", c.stopped_at);
    // Nothing more is evaluated once the budget is spent, and each expression says why.
    CHECK(h.error("[concat('a', 'b')]").rfind("not evaluated: evaluation budget exceeded", 0) == 0);
  }
}

TEST_CASE("budget: reduce and map that multiply work stop with an error", "[budget]") {
  Harness reduce;
  check_budget_error(reduce,
                     "[reduce(range(0, 40), 'ab', lambda('acc', 'x', "
                     "concat(lambdaVariables('acc'), lambdaVariables('acc'))))]",
                     "concat(lambdaVariables('acc')");
  Harness map;
  check_budget_error(map, "[map(range(0, 10000), lambda('x', range(0, 10000)))]",
                     "range(0, 10000)");
  Harness scalar;
  check_budget_error(scalar,
                     "[reduce(range(0, 10000), 0, lambda('a', 'x', reduce(range(0, 10000), "
                     "lambdaVariables('a'), lambda('b', 'y', add(lambdaVariables('b'), 1)))))]",
                     "lambdaVariables('b')");
}

TEST_CASE("budget: functions check the size of what they would build first", "[budget]") {
  // Each call below builds a result many times the size of its arguments.
  BudgetLimits small;
  small.bytes = 4 << 20;
  Harness r("{}", with_budget(small));
  check_budget_error(r, "[replace(padLeft('a', 16384, 'a'), 'a', padLeft('b', 1024, 'b'))]",
                     "replace(padLeft('a', 16384, 'a')");
  Harness j(R"({"variables": {"k": "[padLeft('x', 16384, 'x')]"}})", with_budget(small));
  check_budget_error(j, "[join(range(0, 10000), variables('k'))]", "join(range(0, 10000)");
  Harness f("{}", with_budget(small));
  check_budget_error(f,
                     "[format('{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}{0}', "
                     "format('{0,999999}', 'x'))]",
                     "format('{0}{0}");
  Harness wide;
  CHECK(wide.error("[format('{0,1000000}', 'x')]") == "format item '{0,1000000}' is too wide");
  Harness s("{}", with_budget(small));
  check_budget_error(s, "[split(format('{0,999999}', ','), ',')]", "split(");
}

TEST_CASE("budget: deep variable chains end in an error, not a stack overflow", "[budget]") {
  // v0 -> v1 -> ... -> v20000: evaluating v0 recursed until the stack overflowed.
  std::string vars;
  for (int i = 0; i < 20000; ++i) {
    vars += "\"v" + std::to_string(i) + "\": \"[variables('v" + std::to_string(i + 1) + "')]\",";
  }
  vars += "\"v20000\": \"x\"";
  Harness h("{\"variables\": {" + vars + "}}");
  Evaluated e = h.eval("[variables('v0')]");
  REQUIRE_FALSE(e.errors.empty());
  CHECK(e.errors.front().error.kind == ErrorKind::Budget);
  CHECK(e.errors.front().error.message ==
        "expressions nested deeper than 1000 levels (through variables, functions and lambdas)");
  // A chain well inside the limit still evaluates.
  std::string ok;
  for (int i = 0; i < 200; ++i) {
    ok += "\"v" + std::to_string(i) + "\": \"[variables('v" + std::to_string(i + 1) + "')]\",";
  }
  ok += "\"v200\": \"x\"";
  Harness fine("{\"variables\": {" + ok + "}}");
  CHECK(js(fine.value("[variables('v0')]")) == R"("x")");
}

TEST_CASE("budget: literal values copied for each copy-loop instance are charged", "[budget]") {
  // A 2 MB resource body in a copy loop of 800 was copied 800 times: a crash at 4 GB.
  std::string tags = "{\"tags\": [";
  for (int i = 0; i < 20000; ++i) tags += (i ? ",\"" : "\"") + std::string(100, 'x') + '"';
  const json::Value body = parse_json(tags + "]}");
  Harness h;
  int instance = 0;
  Evaluated e;
  for (; instance < 800; ++instance) {
    e = h.scope->evaluate(body);
    if (!e.errors.empty()) break;
  }
  CHECK(instance < 100);
  REQUIRE_FALSE(e.errors.empty());
  CHECK(e.errors.front().error.message ==
        "evaluation budget exceeded: more than 128 MiB of values built (stopped at a value copied "
        "from the template)");
  e = h.scope->evaluate(body);
  REQUIRE(e.errors.size() == 1);
  CHECK(e.value.is_unknown());
  CHECK(e.errors.front().error.message.rfind("not evaluated: ", 0) == 0);
}

TEST_CASE("budget: footprint counts up to its cap", "[budget]") {
  json::Array items(1000, json::Value::string(std::string(100, 'x')));
  const json::Value v = json::Value::array(std::move(items));
  CHECK(footprint(v, UINT64_MAX) == (1001 * sizeof(json::Value) + 100000));
  CHECK(footprint(v, 1000) < 2000);
}

TEST_CASE("budget: reading a large variable many times builds nothing and is not charged",
          "[budget]") {
  // A 4 MB array variable read 2,000 times (as every instance of a copy loop does): each read
  // shares the variable's value, so the 128 MiB budget is not reached. Charging each read as a
  // copy once stopped a real template (an alert list read per copy instance) with a false error.
  std::string items;
  for (int i = 0; i < 4000; ++i) {
    items +=
        std::string(i ? "," : "") + "{\"search\": {\"name\": \"" + std::string(1000, 'x') + "\"}}";
  }
  Harness h("{\"variables\": {\"alerts\": [" + items + "]}}");
  for (int i = 0; i < 2000; ++i) {
    const std::string index = std::to_string(i % 4000);
    Evaluated e = h.eval("[length(variables('alerts')[" + index + "].search.name)]");
    REQUIRE(e.errors.empty());
    REQUIRE(e.value.as_int() == 1000);
  }
  CHECK(h.scope->budget().bytes_used() < (uint64_t{16} << 20));
}
