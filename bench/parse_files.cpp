// The baseline a scan is measured against: read every .json file under the given folders and
// parse it with simdjson, nothing more. Files that are not strict JSON (comments, trailing
// commas) are parsed again with those blanked out, as the scanner's relaxed reader accepts them.
// usage: parse_files DIR...
// Prints the number of files, bytes and documents parsed; exit 0.

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Comments and trailing commas replaced by spaces (same length), strings left alone.
std::string blank_relaxed(std::string text) {
  enum { Code, Str, Line, Block } state = Code;
  size_t last_comma = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    char& c = text[i];
    switch (state) {
      case Code:
        if (c == '"') {
          state = Str;
          last_comma = std::string::npos;
        } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
          state = text[i + 1] == '/' ? Line : Block;
          c = text[i + 1] = ' ';
          ++i;
        } else if (c == ',') {
          last_comma = i;
        } else if ((c == '}' || c == ']') && last_comma != std::string::npos) {
          text[last_comma] = ' ';
          last_comma = std::string::npos;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          last_comma = std::string::npos;
        }
        break;
      case Str:
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          state = Code;
        }
        break;
      case Line:
        if (c == '\n') {
          state = Code;
        } else {
          c = ' ';
        }
        break;
      case Block:
        if (c == '*' && i + 1 < text.size() && text[i + 1] == '/') {
          c = text[i + 1] = ' ';
          ++i;
          state = Code;
        } else if (c != '\n') {
          c = ' ';
        }
        break;
    }
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int a = 1; a < argc; ++a) {
    for (const auto& e : fs::recursive_directory_iterator(argv[a])) {
      if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  simdjson::dom::parser parser;
  size_t bytes = 0, parsed = 0;
  for (const fs::path& f : files) {
    simdjson::padded_string text;
    if (simdjson::padded_string::load(f.string()).get(text)) continue;
    bytes += text.size();
    simdjson::dom::element doc;
    if (!parser.parse(text).get(doc)) {
      ++parsed;
      continue;
    }
    const std::string relaxed = blank_relaxed(std::string(text));
    if (!parser.parse(relaxed).get(doc)) ++parsed;
  }
  std::printf("%zu files, %zu bytes, %zu parsed\n", files.size(), bytes, parsed);
  return 0;
}
