#include "cli/cli_support.hpp"

#include <iostream>
#include <sstream>
#include <thread>

#include "crypto/atomic_file.hpp"
#include "util/spelling.hpp"

namespace cmk::cli {

namespace {

// An option's names and argument as roff: \fB\-f\fR, \fB\-\-format\fR \fIarg (=text)\fR.
std::string roff_option(const po::option_description& option) {
  std::string out;
  const std::string short_name =
      option.canonical_display_name(po::command_line_style::allow_dash_for_short);
  if (short_name.size() == 2 && short_name[0] == '-') {
    out += "\\fB" + roff_escape(short_name) + "\\fR, ";
  }
  out += "\\fB" + roff_escape("--" + option.long_name()) + "\\fR";
  const std::string parameter = option.format_parameter();
  if (!parameter.empty()) out += " \\fI" + roff_escape(parameter) + "\\fR";
  return out;
}

}  // namespace

std::string roff_escape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

std::string roff_usage(std::string_view text) {
  std::string out;
  bool no_fill = false;
  bool sentence_ended = false;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      if (no_fill) out += ".fi\n";
      no_fill = false;
      sentence_ended = false;
      out += ".PP\n";
      continue;
    }
    const bool keep = line.starts_with("usage:") || line[0] == ' ';
    if (keep != no_fill) out += keep ? ".nf\n" : ".fi\n";
    // A line after a finished sentence starts a line of its own, as in --help.
    if (!keep && !no_fill && sentence_ended) out += ".br\n";
    no_fill = keep;
    sentence_ended = line.ends_with('.');
    out += roff_escape(line) + "\n";
  }
  if (no_fill) out += ".fi\n";
  return out;
}

void print_diagnostics(const Diagnostics& ds, std::ostream& err, Verbosity verbosity) {
  for (const Diagnostic& d : ds) {
    if (d.level == DiagnosticLevel::Note && verbosity != Verbosity::Verbose) continue;
    if (d.level == DiagnosticLevel::Warning && verbosity == Verbosity::Quiet) continue;
    err << format_diagnostic(d) << "\n";
  }
}

void print_diagnostics(const Diagnostics& ds, std::ostream& err, bool verbose) {
  print_diagnostics(ds, err, verbose ? Verbosity::Verbose : Verbosity::Normal);
}

ParsedArgs parse_command_line(const Args& given, const po::options_description& options,
                              const char* positional_name, const std::string& usage) {
  const bool roff = given.size() == 1 && given[0] == kRoffHelpArgument;
  const Args args = roff ? Args{"--help"} : given;
  po::positional_options_description positional;
  if (positional_name) positional.add(positional_name, -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    // A mistyped flag: suggest the closest one this command has.
    std::vector<std::string> flags;
    for (const auto& option : options.options()) {
      if (!positional_name || option->long_name() != positional_name) {
        flags.push_back("--" + option->long_name());
      }
    }
    std::cerr << "cmkguard: " << e.what() << did_you_mean(e.get_option_name(), flags) << "\n"
              << usage << "\n";
    return {std::nullopt, 2};
  } catch (const po::error& e) {
    // The usage only: the options are one --help away.
    std::cerr << "cmkguard: " << e.what() << "\n" << usage << "\n";
    return {std::nullopt, 2};
  }
  if (vm.count("help")) {
    // The positional operands are in the usage line; listing them as an option would invite
    // `--paths` and the like.
    po::options_description visible("options");
    for (const auto& option : options.options()) {
      if (!positional_name || option->long_name() != positional_name) visible.add(option);
    }
    if (roff) {
      std::cout << roff_usage(usage);
      for (const auto& option : visible.options()) {
        std::cout << ".TP\n"
                  << roff_option(*option) << "\n"
                  << roff_escape(option->description()) << "\n";
      }
    } else {
      std::cout << usage << "\n\n" << visible;
    }
    return {std::nullopt, 0};
  }
  return {std::move(vm), 0};
}

bool write_output(const std::string& file, const std::string& text, std::ostream& err) {
  if (file.empty() || file == "-") {
    std::cout << text;
    return static_cast<bool>(std::cout);
  }
  const crypto::Status written = crypto::write_file_atomically(file, text, /*shared=*/true);
  if (!written.ok()) {
    err << "cmkguard: cannot write " << file << ": " << written.error().message << "\n";
    return false;
  }
  return true;
}

std::optional<unsigned> read_jobs(const po::variables_map& vm, const char* command) {
  if (!vm.count("jobs")) return std::max(1U, std::thread::hardware_concurrency());
  const std::string text = vm["jobs"].as<std::string>();
  const std::optional<unsigned> jobs = parse_positive<unsigned>(text);
  if (!jobs) {
    std::cerr << "cmkguard " << command << ": --jobs takes a positive number, got '" << text
              << "'\n";
  }
  return jobs;
}

}  // namespace cmk::cli
