#include "cli/cli_support.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace cmk::cli {

void print_diagnostics(const Diagnostics& ds, std::ostream& err, bool verbose) {
  for (const Diagnostic& d : ds) {
    if (d.level == DiagnosticLevel::Note && !verbose) continue;
    err << format_diagnostic(d) << "\n";
  }
}

ParsedArgs parse_command_line(const Args& args, const po::options_description& options,
                              const char* positional_name, const std::string& usage) {
  po::positional_options_description positional;
  if (positional_name) positional.add(positional_name, -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    // The usage only: the options are one --help away.
    std::cerr << "cmkguard: " << e.what() << "\n" << usage << "\n";
    return {std::nullopt, 2};
  }
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << options;
    return {std::nullopt, 0};
  }
  return {std::move(vm), 0};
}

bool write_output(const std::string& file, const std::string& text, std::ostream& err) {
  if (file.empty() || file == "-") {
    std::cout << text;
    return static_cast<bool>(std::cout);
  }
  const std::string tmp = file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      err << "cmkguard: cannot write " << file << "\n";
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0) {
    err << "cmkguard: cannot write " << file << "\n";
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace cmk::cli
