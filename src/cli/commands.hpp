#pragma once
// Each subcommand parses its own flags and returns the process exit code:
// 0 clean, 1 findings (or a failed check) at or above the threshold, 2 usage or input error.

#include <string>
#include <vector>

namespace cmk::cli {

using Args = std::vector<std::string>;

int run_scan(const Args& args);
int run_test(const Args& args);
int run_rules(const Args& args);
int run_explain(const Args& args);
int run_crypt(const Args& args);
int run_verify(const Args& args);

}  // namespace cmk::cli
