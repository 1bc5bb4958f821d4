#include "json/source_text.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

using cmk::json::SourceText;

TEST_CASE("source text: an excerpt answers the original file's positions and lines") {
  const SourceText file("t.json", "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": \"é\"\n  }\n}\n");
  const size_t b = file.text().find("\"b\"");
  const size_t c = file.text().find("\"c\"");
  const size_t e = file.text().find("é") + 2;  // past the two-byte character
  const SourceText part = file.excerpt(b, c);
  CHECK(part.path() == "t.json");
  CHECK(part.text().size() < file.text().size());
  for (size_t offset : {b, c}) {
    CHECK(part.position(offset).line == file.position(offset).line);
    CHECK(part.position(offset).column == file.position(offset).column);
  }
  CHECK(part.line_text(3) == file.line_text(3));
  CHECK(part.line_text(4) == file.line_text(4));
  CHECK(part.line_text(1).empty());  // before the excerpt
  // Offsets past the excerpt clamp to its end, as past the end of a file.
  CHECK(part.position(e).line == 4);
}

TEST_CASE("source text: a part answers the file's lines and columns") {
  // "é" takes two bytes but one column; the part starts after 3 code points of line 5.
  const SourceText part = SourceText::part("t.json", "{\"a\":\n 1}", 5, 3);
  CHECK(part.position(0).line == 5);
  CHECK(part.position(0).column == 4);
  CHECK(part.position(1).column == 5);
  CHECK(part.position(7).line == 6);
  CHECK(part.position(7).column == 2);
  CHECK(part.line_text(5) == "{\"a\":");
  CHECK(part.line_text(6) == " 1}");
  CHECK(part.line_text(4).empty());
  const SourceText kept = part.excerpt(1, 2);
  CHECK(kept.position(1).column == 5);
}

TEST_CASE("source text: an excerpt of a one-line file holds the part, not the line") {
  // A one-line export: 20,000 resources on one line, "é" before each so bytes and columns differ.
  std::string line = "[";
  for (int i = 0; i < 20000; ++i)
    line += std::string(i ? "," : "") + R"({"n":"é)" + std::to_string(i) + "\"}";
  line += "]";
  const SourceText file("one-line.json", line + "\n");
  const size_t b = file.text().find(R"({"n":"é10000")");
  const size_t e = file.text().find('}', b) + 1;
  const SourceText part = file.excerpt(b, e);
  CHECK(part.text().size() == e - b);
  for (size_t offset : {b, b + 3, e - 1}) {
    CHECK(part.position(offset).line == 1);
    CHECK(part.position(offset).column == file.position(offset).column);
  }
  // Near the start of the line the whole lines are kept, as for any file.
  const size_t first = file.text().find(R"({"n":"é1")");
  CHECK(file.excerpt(first, first + 5).position(first).column == file.position(first).column);
  CHECK(file.excerpt(first, first + 5).line_text(1).substr(0, 1) == "[");
}

TEST_CASE("source text: positions on long lines, in the middle and at the end of a text") {
  // Long lines (over the 4 KiB between column marks) between short ones and last without a
  // line break; "é" makes bytes and columns differ.
  std::string long_line;
  for (int i = 0; i < 3000; ++i) long_line += "\xC3\xA9x";
  const std::string text = "{\n" + long_line + "\n\"a\": 1,\n" + long_line + long_line;
  const SourceText file("t.json", text);
  uint32_t line = 1, column = 1;
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    if (offset % 97 == 0 || offset + 1 >= text.size()) {
      INFO(offset);
      CHECK(file.position(offset).line == line);
      CHECK(file.position(offset).column == column);
    }
    if (offset == text.size()) break;
    if (text[offset] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

TEST_CASE("source text: the line index is built once, by whichever thread asks first",
          "[threads]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + "\n";
  const SourceText file("t.json", text);
  const size_t offset = text.find("line 1500");
  std::vector<cmk::json::Position> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] { seen[t] = file.position(offset + 2); });
  }
  for (std::thread& t : threads) t.join();
  for (const cmk::json::Position& p : seen) {
    CHECK(p.line == 1501);
    CHECK(p.column == 3);
  }
  CHECK(file.line_count() == 2001);
  CHECK(file.line_text(1501) == "line 1500");
}
