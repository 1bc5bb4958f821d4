// ordered_parallel: results reach the consumer in input order, on its thread, with a bounded
// number ahead of it, whatever the number of threads; the calling thread produces as well; a
// producer's exception is rethrown.

#include "util/ordered_parallel.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

TEST_CASE("ordered_parallel: input order, bounded look-ahead, any thread count",
          "[parallel][threads]") {
  for (const unsigned threads : {1U, 2U, 3U, 8U}) {
    INFO(threads << " thread(s)");
    std::atomic<size_t> produced{0};
    size_t consumed = 0;
    size_t most_ahead = 0;
    const std::thread::id caller = std::this_thread::get_id();
    bool on_caller = true;
    std::vector<size_t> order;
    cmk::ordered_parallel<std::unique_ptr<std::string>>(
        500, threads,
        [&](size_t i) {
          ++produced;
          // Uneven work, so later inputs often finish first.
          std::string s(static_cast<size_t>((i * 7919) % 997), 'x');
          return std::make_unique<std::string>(std::to_string(i) + ":" + s);
        },
        [&](size_t i, std::unique_ptr<std::string>& value) {
          on_caller = on_caller && std::this_thread::get_id() == caller;
          most_ahead = std::max(most_ahead, produced.load() - consumed);
          CHECK(value->rfind(std::to_string(i) + ":", 0) == 0);
          order.push_back(i);
          ++consumed;
        });
    REQUIRE(order.size() == 500);
    CHECK(std::is_sorted(order.begin(), order.end()));
    CHECK(on_caller);
    CHECK(most_ahead <= (threads <= 1 ? 1 : 4 * threads + threads));
  }
}

TEST_CASE("ordered_parallel_from: finished results waiting are bounded by their weight",
          "[parallel][threads]") {
  // Every result weighs 10; at most 25 per thread may wait, so at most 50 with two threads,
  // plus what was being produced when the last one started (10 per thread).
  for (const unsigned threads : {2U, 3U}) {
    INFO(threads << " threads");
    std::atomic<uint64_t> finished{0};
    uint64_t consumed = 0, most_waiting = 0;
    size_t next = 0;
    std::vector<size_t> order;
    cmk::ordered_parallel_from<size_t>(
        [&]() -> std::optional<size_t> {
          if (next == 400) return std::nullopt;
          return next++;
        },
        threads,
        [&](size_t i, size_t item) {
          if (i % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
          finished += 10;
          return item;
        },
        [&](size_t i, size_t& item) {
          CHECK(item == i);
          order.push_back(i);
          most_waiting = std::max(most_waiting, finished.load() - consumed);
          consumed += 10;
        },
        cmk::Lookahead{.per_thread = 100, .weight_per_thread = 25},
        [](const size_t&) { return uint64_t{10}; });
    REQUIRE(order.size() == 400);
    CHECK(std::is_sorted(order.begin(), order.end()));
    CHECK(most_waiting <= 25 * threads + 10 * threads + 10);
  }
}

TEST_CASE("ordered_parallel: a producer's exception reaches the caller", "[parallel][threads]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    size_t consumed = 0;
    CHECK_THROWS_AS(cmk::ordered_parallel<int>(
                        100, threads,
                        [](size_t i) -> int {
                          if (i == 37) throw std::runtime_error("input 37");
                          return static_cast<int>(i);
                        },
                        [&](size_t, int&) { ++consumed; }),
                    std::runtime_error);
    // Everything before the failing input was consumed, nothing after it.
    CHECK(consumed == 37);
  }
}

TEST_CASE("ordered_parallel: the calling thread produces too, and frees what it leaves",
          "[parallel][threads]") {
  // Each result records the thread that made it and the one that destroys it.
  struct Tracked {
    std::thread::id made_on = std::this_thread::get_id();
    std::vector<std::thread::id>* destroyed_on = nullptr;
    std::mutex* mutex = nullptr;
    ~Tracked() {
      const std::lock_guard<std::mutex> lock(*mutex);
      destroyed_on->push_back(std::this_thread::get_id());
    }
  };
  std::vector<std::thread::id> destroyed_on;
  std::mutex mutex;
  size_t kept = 0;
  std::set<std::thread::id> makers;
  std::vector<std::unique_ptr<Tracked>> moved_out;
  const std::thread::id caller = std::this_thread::get_id();
  cmk::ordered_parallel<std::unique_ptr<Tracked>>(
      200, 2,
      [&](size_t) {
        auto t = std::make_unique<Tracked>();
        t->destroyed_on = &destroyed_on;
        t->mutex = &mutex;
        // Slow enough that the calling thread finds its next result not ready.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        return t;
      },
      [&](size_t i, std::unique_ptr<Tracked>& value) {
        makers.insert(value->made_on);
        if (i % 10 == 0) moved_out.push_back(std::move(value));  // the consumer keeps these
        ++kept;
      });
  CHECK(kept == 200);
  CHECK(makers.size() == 2);  // one started thread and the caller
  CHECK(makers.count(caller) == 1);
  CHECK(destroyed_on.size() == 180);  // all the consumer left, and none it kept
  CHECK(std::all_of(destroyed_on.begin(), destroyed_on.end(),
                    [&](std::thread::id id) { return id == caller; }));
  moved_out.clear();
  CHECK(destroyed_on.size() == 200);
}

TEST_CASE("ordered_parallel_from: items found as the work goes, one finder at a time",
          "[parallel][threads]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    INFO(threads << " thread(s)");
    std::atomic<int> finders{0};
    bool overlapped = false;
    size_t found = 0;
    std::vector<size_t> order;
    cmk::ordered_parallel_from<std::string>(
        [&]() -> std::optional<size_t> {
          overlapped = overlapped || ++finders > 1;
          std::optional<size_t> item;
          if (found < 300) item = found++;
          --finders;
          return item;
        },
        threads,
        [](size_t i, size_t item) { return std::to_string(i) + ":" + std::to_string(item); },
        [&](size_t i, std::string& value) {
          CHECK(value == std::to_string(i) + ":" + std::to_string(i));
          order.push_back(i);
        });
    CHECK_FALSE(overlapped);
    REQUIRE(order.size() == 300);
    CHECK(std::is_sorted(order.begin(), order.end()));
  }
}

TEST_CASE("ordered_parallel_from: an exception from the finder reaches the caller in turn",
          "[parallel][threads]") {
  for (const unsigned threads : {1U, 2U}) {
    size_t next = 0, consumed = 0;
    CHECK_THROWS_AS(cmk::ordered_parallel_from<size_t>(
                        [&]() -> std::optional<size_t> {
                          if (next == 20) throw std::runtime_error("cannot list");
                          return next++;
                        },
                        threads, [](size_t, size_t item) { return item; },
                        [&](size_t, size_t&) { ++consumed; }),
                    std::runtime_error);
    CHECK(consumed == 20);
  }
}
