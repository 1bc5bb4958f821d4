#include "vector_files.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "test_support.hpp"

namespace cmk::crypto::testing {

std::optional<std::string> shared_file(const std::string& relative) {
  auto path = test::shared_path(relative);
  if (!path) return std::nullopt;
  return path->string();
}

bool load_wycheproof(const std::string& name, rapidjson::Document& doc) {
  auto path = shared_file("vectors/wycheproof/testvectors_v1/" + name);
  if (!path) return false;
  doc.Parse(test::read_text(*path).c_str());
  // A vector file that is present but unreadable is a failure, not a skip.
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("testGroups")) {
    FAIL(*path << ": not a Wycheproof vector file");
  }
  return true;
}

Bytes hex(const std::string& s) {
  auto b = from_hex(s);
  if (!b) throw std::runtime_error("bad hex in vector: " + s);
  return *b;
}

Bytes hex(const rapidjson::Value& v) {
  return hex(std::string(v.GetString(), v.GetStringLength()));
}

std::vector<CavpRecord> load_cavp(const std::string& path) {
  std::ifstream in(path);
  std::vector<CavpRecord> records;
  CavpRecord section;
  CavpRecord current;
  auto flush = [&] {
    if (!current.empty()) {
      CavpRecord r = section;
      r.insert(current.begin(), current.end());
      records.push_back(std::move(r));
      current.clear();
    }
  };
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') continue;
    if (line[0] == '[') {
      flush();
      const auto eq = line.find('=');
      if (eq != std::string::npos) {
        std::string k = line.substr(1, eq - 1);
        std::string v = line.substr(eq + 1, line.size() - eq - 2);
        while (!k.empty() && k.back() == ' ') k.pop_back();
        while (!v.empty() && v.front() == ' ') v.erase(0, 1);
        section[k] = v;
      }
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) {
      current[line] = "";
      continue;
    }
    std::string k = line.substr(0, eq);
    std::string v = line.substr(eq + 1);
    while (!k.empty() && k.back() == ' ') k.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    current[k] = v;
  }
  flush();
  return records;
}

Bytes inflate(const Bytes& compressed) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) throw std::runtime_error("inflateInit");
  zs.next_in = const_cast<Bytef*>(compressed.data());
  zs.avail_in = static_cast<uInt>(compressed.size());
  Bytes out;
  uint8_t buf[1 << 16];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = buf;
    zs.avail_out = sizeof buf;
    rc = ::inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw std::runtime_error("inflate failed");
    }
    out.insert(out.end(), buf, buf + (sizeof buf - zs.avail_out));
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace cmk::crypto::testing
