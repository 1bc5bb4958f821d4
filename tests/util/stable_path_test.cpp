#include "util/stable_path.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

using cmk::stable_path;

namespace {
// Runs `body` with `dir` as the current directory.
template <typename F>
void in_dir(const std::filesystem::path& dir, F body) {
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  body();
  std::filesystem::current_path(previous);
}
}  // namespace

TEST_CASE("stable_path: relative to the git repository's root however the file is named") {
  const auto file = cmk::test::write_temp("stable/repo/infra/main.json", "{}");
  const auto repo = file.parent_path().parent_path();
  std::filesystem::create_directories(repo / ".git");
  in_dir(repo, [&] {
    CHECK(stable_path("infra/main.json") == "infra/main.json");
    CHECK(stable_path("./infra/main.json") == "infra/main.json");
    CHECK(stable_path("infra//./main.json") == "infra/main.json");
    CHECK(stable_path(file.string()) == "infra/main.json");
  });
  in_dir(repo / "infra", [&] { CHECK(stable_path("main.json") == "infra/main.json"); });
}

TEST_CASE("stable_path: a .git file (worktree, submodule) marks a root too") {
  const auto file = cmk::test::write_temp("stable/wt/a/b.json", "{}");
  cmk::test::write_temp("stable/wt/.git", "gitdir: elsewhere\n");
  in_dir(file.parent_path(), [&] { CHECK(stable_path("b.json") == "a/b.json"); });
}

TEST_CASE("stable_path: outside a repository, relative to the current directory") {
  const auto file = cmk::test::write_temp("stable/plain/x/y.json", "{}");
  in_dir(file.parent_path().parent_path(), [&] {
    CHECK(stable_path("x/y.json") == "x/y.json");
    CHECK(stable_path("./x/../x/y.json") == "x/y.json");
    CHECK(stable_path(file.string()) == "x/y.json");
  });
}

TEST_CASE("source_root: the repository holding the current directory, else that directory") {
  const auto file = cmk::test::write_temp("stable/root/repo/infra/main.json", "{}");
  const auto repo = file.parent_path().parent_path();
  std::filesystem::create_directories(repo / ".git");
  const std::string real_repo = std::filesystem::canonical(repo).generic_string();
  in_dir(repo / "infra", [&] {
    CHECK(cmk::source_root() == real_repo);
    CHECK(cmk::path_relative_to(cmk::source_root(), "main.json") == "infra/main.json");
    CHECK(cmk::path_relative_to(cmk::source_root(), file.string()) == stable_path("main.json"));
  });
  const auto plain = cmk::test::write_temp("stable/root/plain/x.json", "{}").parent_path();
  in_dir(plain, [&] {
    CHECK(cmk::source_root() == std::filesystem::canonical(plain).generic_string());
    CHECK(cmk::path_relative_to(cmk::source_root(), file.string()) == "../repo/infra/main.json");
  });
}
