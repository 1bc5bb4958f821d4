#include "cli/crypt_cli_support.hpp"

#include <iostream>

namespace cmk::cli {

ParsedArgs parse_crypt_args(const Args& args, const po::options_description& options,
                            const char* positional, const std::string& usage) {
  po::positional_options_description pos;
  if (positional) pos.add(positional, -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "cmkguard: " << e.what() << "\n" << usage << "\n";
    return {std::nullopt, 2};
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << options;
    return {std::nullopt, 0};
  }
  return {std::move(vm), 0};
}

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
