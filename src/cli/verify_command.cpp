#include <iostream>

#include "cli/commands.hpp"
#include "cli/crypt_cli_support.hpp"
#include "crypto/atomic_file.hpp"
#include "crypto/key_verification.hpp"
#include "json/value.hpp"

namespace cmk::cli {

namespace {
constexpr const char* kUsage =
    "usage: cmkguard verify TEMPLATE... --keystore DIR [--format text|json] [--all] [--unknown "
    "warn|fail]\n"
    "Finds the customer-managed key each Microsoft.CognitiveServices/accounts resource references\n"
    "(keyVaultUri + keyName + keyVersion), checks it in the key store and does a canary round "
    "trip.\n"
    "exit codes: 0 every key verified, 1 a check failed, 2 usage or input error";

struct Located {
  crypto::VerifyFinding finding;
  std::string file;
  json::Position position;
};

std::string render_text(const std::vector<Located>& all, bool include_pass, size_t files) {
  std::string out;
  size_t failed = 0, unknown = 0, passed = 0;
  for (const auto& l : all) {
    const auto r = l.finding.result;
    failed += r == crypto::CheckResult::Fail;
    unknown += r == crypto::CheckResult::Unknown;
    passed += r == crypto::CheckResult::Pass;
    if (r == crypto::CheckResult::Pass && !include_pass) continue;
    out += l.file + ':' + std::to_string(l.position.line) + ':' +
           std::to_string(l.position.column) + ": high: ";
    if (r != crypto::CheckResult::Fail) out += std::string(crypto::check_result_name(r)) + ": ";
    out += l.finding.message + " [" + l.finding.check + "]\n";
  }
  out += std::to_string(files) + " template(s) verified: " + std::to_string(failed) + " failed, " +
         std::to_string(unknown) + " unknown, " + std::to_string(passed) + " passed\n";
  return out;
}

std::string render_json(const std::vector<Located>& all, size_t files) {
  using json::Value;
  json::Array items;
  int64_t counts[3] = {0, 0, 0};
  for (const auto& l : all) {
    ++counts[static_cast<int>(l.finding.result)];
    json::Object o;
    o.push_back({"check", json::kNoOffset, Value::string(l.finding.check)});
    o.push_back(
        {"result", json::kNoOffset, Value::string(crypto::check_result_name(l.finding.result))});
    o.push_back({"severity", json::kNoOffset, Value::string("high")});
    o.push_back({"file", json::kNoOffset, Value::string(l.file)});
    o.push_back({"line", json::kNoOffset, Value::integer(l.position.line)});
    o.push_back({"column", json::kNoOffset, Value::integer(l.position.column)});
    o.push_back({"account", json::kNoOffset, Value::string(l.finding.account)});
    o.push_back({"message", json::kNoOffset, Value::string(l.finding.message)});
    items.push_back(Value::object(std::move(o)));
  }
  json::Object root;
  root.push_back({"findings", json::kNoOffset, Value::array(std::move(items))});
  json::Object summary;
  summary.push_back({"templates", json::kNoOffset, Value::integer(static_cast<int64_t>(files))});
  summary.push_back({"failed", json::kNoOffset, Value::integer(counts[1])});
  summary.push_back({"unknown", json::kNoOffset, Value::integer(counts[2])});
  summary.push_back({"passed", json::kNoOffset, Value::integer(counts[0])});
  root.push_back({"summary", json::kNoOffset, Value::object(std::move(summary))});
  return json::to_json(Value::object(std::move(root))) + "\n";
}
}  // namespace

int run_verify(const Args& args) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")("keystore", po::value<std::string>(),
                                                    "key store directory (cmkguard crypt vault)")(
      "format,f", po::value<std::string>()->default_value("text"), "text | json")(
      "all", po::bool_switch(), "also list passing checks")(
      "unknown", po::value<std::string>()->default_value("warn"),
      "what an unresolved expression does: warn (listed) | fail")(
      "templates", po::value<std::vector<std::string>>(), "templates to verify");
  auto [vm, exit_code] = parse_crypt_args(args, options, "templates", kUsage);
  if (!vm) return exit_code;
  const std::string format = (*vm)["format"].as<std::string>();
  const std::string unknown = (*vm)["unknown"].as<std::string>();
  if (!vm->count("templates") || !vm->count("keystore") || (format != "text" && format != "json") ||
      (unknown != "warn" && unknown != "fail")) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  auto vault = crypto::Vault::open((*vm)["keystore"].as<std::string>());
  if (!vault) {
    std::cerr << "cmkguard verify: error: " << vault.error().message << "\n";
    return 2;
  }
  std::vector<Located> all;
  bool input_error = false;
  const auto templates = (*vm)["templates"].as<std::vector<std::string>>();
  for (const auto& path : templates) {
    auto text = crypto::read_text_file(path);
    if (!text) {
      std::cerr << "cmkguard verify: error: " << text.error().message << "\n";
      input_error = true;
      continue;
    }
    const json::SourceText source(path, std::move(*text));
    auto result = crypto::verify_template(source, *vault, crypto::system_now());
    for (const auto& d : result.diagnostics) std::cerr << format_diagnostic(d) << "\n";
    input_error |= has_errors(result.diagnostics);
    for (auto& f : result.findings) {
      const auto pos = source.position(f.offset);
      all.push_back({std::move(f), path, pos});
    }
  }
  std::cout << (format == "json" ? render_json(all, templates.size())
                                 : render_text(all, (*vm)["all"].as<bool>(), templates.size()));
  if (input_error) return 2;
  for (const auto& l : all) {
    if (l.finding.result == crypto::CheckResult::Fail) return 1;
    if (l.finding.result == crypto::CheckResult::Unknown && unknown == "fail") return 1;
  }
  return 0;
}

}  // namespace cmk::cli
