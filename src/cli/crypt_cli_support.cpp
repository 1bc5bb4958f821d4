#include "cli/crypt_cli_support.hpp"

#include <iostream>

namespace cmk::cli {

std::vector<std::string> positionals(const po::variables_map& vm) {
  return vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
}

int exit_code_for(crypto::ErrorCode code) {
  using crypto::ErrorCode;
  switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::Io:
    case ErrorCode::AlreadyExists:
    case ErrorCode::Unsupported:
      return 2;
    default:
      return 1;
  }
}

int report_error(const std::string& command, const crypto::Error& error) {
  std::cerr << "cmkguard " << command << ": error: " << error.message << " ["
            << crypto::error_code_name(error.code) << "]\n";
  return exit_code_for(error.code);
}

}  // namespace cmk::cli
