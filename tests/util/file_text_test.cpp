#include "util/file_text.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::read_file_text;

TEST_CASE("read_file_text: a regular file up to the limit", "[file_text]") {
  const auto path = cmk::test::write_temp("file_text/ten.json", "0123456789");
  const auto read = read_file_text(path, 10);
  REQUIRE(read.text);
  CHECK(*read.text == "0123456789");
  // Spare room for a parser that reads ahead of the end.
  CHECK(read.text->capacity() >= read.text->size() + cmk::kFileTextSpare);
  CHECK(read_file_text(cmk::test::write_temp("file_text/empty.json", "")).text == std::string());
}

TEST_CASE("read_file_text: a file over the limit is an error naming both sizes", "[file_text]") {
  const auto path = cmk::test::write_temp("file_text/eleven.json", "0123456789a");
  const auto read = read_file_text(path, 10);
  CHECK_FALSE(read.text);
  CHECK(read.error == "file is 11 bytes, over the limit of 10 bytes (--max-file-size)");
}

TEST_CASE("read_file_text: devices and FIFOs are refused without reading", "[file_text]") {
  // Before, /dev/zero was read until memory ran out and a FIFO blocked until a writer came.
  const auto zero = read_file_text("/dev/zero");
  CHECK_FALSE(zero.text);
  CHECK(zero.error == "not a regular file (a character device)");

  const auto fifo = cmk::test::write_temp("file_text/fifo-dir/x", "").parent_path() / "pipe.json";
  cmk::test::make_fifo(fifo);
  const auto read = read_file_text(fifo);
  CHECK_FALSE(read.text);
  CHECK(read.error == "not a regular file (a FIFO)");

  const auto dir = read_file_text(fifo.parent_path());
  CHECK(dir.error == "not a regular file (a directory)");
}

TEST_CASE("read_file_text: a missing file says why", "[file_text]") {
  CHECK(read_file_text("/nonexistent/cmkguard.json").error ==
        "cannot read file: No such file or directory");
}
