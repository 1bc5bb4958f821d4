#include <catch2/catch.hpp>

#include "../test_support.hpp"

using namespace cmk::arm::expr::testing;

TEST_CASE("string functions") {
  CHECK(eval_json("[concat('a', 1, true)]") == R"("a1True")");
  CHECK(eval_json("[format('{0}-{1:D3}-{2}', 'x', 7, false)]") == R"("x-007-False")");
  CHECK(eval_json("[format('{{literal}} {0,4}|{0,-4}|', 'ab')]") == R"("{literal}   ab|ab  |")");
  CHECK(eval_json("[format('{0:N2}', json('1234.5'))]") == R"("1,234.50")");
  CHECK(eval_json("[substring('hello', 1)]") == R"("ello")");
  CHECK(eval_json("[replace('a-b-c', '-', '')]") == R"("abc")");
  CHECK(eval_json("[split('a,b;c', createArray(',', ';'))]") == R"(["a","b","c"])");
  CHECK(eval_json("[split('a,,b', ',')]") == R"(["a","","b"])");
  CHECK(eval_json("[toLower('AbC')]") == R"("abc")");
  CHECK(eval_json("[toUpper('AbC')]") == R"("ABC")");
  CHECK(eval_json("[trim('  x y \t')]") == R"("x y")");
  CHECK(eval_json("[padLeft(7, 3, '0')]") == R"("007")");
  CHECK(eval_json("[padLeft('abcd', 2)]") == R"("abcd")");
  CHECK(eval_json("[startsWith('Hello', 'he')]") == "true");
  CHECK(eval_json("[endsWith('Hello', 'LO')]") == "true");
  CHECK(eval_json("[indexOf('abcABC', 'B')]") == "1");
  CHECK(eval_json("[lastIndexOf('abcABC', 'b')]") == "4");
  CHECK(eval_json("[string(createObject('a', true()))]") == R"("{\"a\":true}")");
  CHECK(eval_json("[string(true())]") == R"("True")");
  CHECK(eval_json("[base64ToString(base64('héllo'))]") == R"("héllo")");
  CHECK(eval_json("[dataUriToString(dataUri('Hello'))]") == R"("Hello")");
  CHECK(eval_json("[uriComponent('a b/c')]") == R"("a%20b%2Fc")");
  CHECK(eval_json("[uriComponentToString('a%20b%2Fc')]") == R"("a b/c")");
  CHECK(eval_json("[uri('http://contoso.org/firstpath', 'myscript.sh')]") ==
        R"("http://contoso.org/myscript.sh")");
  CHECK(eval_json("[uri('http://contoso.org/firstpath/', 'myscript.sh')]") ==
        R"("http://contoso.org/firstpath/myscript.sh")");
  CHECK(eval_json("[uri('http://contoso.org', 'myscript.sh')]") ==
        R"("http://contoso.org/myscript.sh")");
  CHECK(eval_json("[join(createArray('a', 'b'), '-')]") == R"("a-b")");
  CHECK(eval_json("[json('{''a'': .5, b: [1,]}')]") == R"({"a":0.5,"b":[1]})");
  CHECK(eval_json("[json('null')]") == "null");
  CHECK(eval_json("[uniqueString('hello', 'world')]") == R"("a7wkljktk6wne")");
  CHECK(eval_json("[guid('a')]") == R"("3703365d-5a9f-59b4-bca7-b9681389e4c1")");
  CHECK(eval_json("[length('héllo')]") == "5");
}

TEST_CASE("string functions on symbolic values stay symbolic") {
  Harness h;
  CHECK(h.value("[toLower(resourceGroup().name)]").symbolic_info().name ==
        "toLower(resourceGroup().name)");
  CHECK(h.value("[take(uniqueString(resourceGroup().id), 6)]").is_symbolic());
  CHECK(h.value("[guid(subscription().subscriptionId, 'x')]").symbolic_info().name ==
        "guid(subscription().subscriptionId, 'x')");
  CHECK(h.value("[split(deployer().userPrincipalName, '@')]").is_unknown());
  CHECK(h.value("[newGuid()]").is_unknown());
}
