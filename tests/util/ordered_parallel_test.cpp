// ordered_parallel: results reach the consumer in input order, on its thread, with a bounded
// number ahead of it, whatever the number of threads; a producer's exception is rethrown.

#include "util/ordered_parallel.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

TEST_CASE("ordered_parallel: input order, bounded look-ahead, any thread count", "[parallel]") {
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
        [&](size_t i, std::unique_ptr<std::string> value) {
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

TEST_CASE("ordered_parallel: a producer's exception reaches the caller", "[parallel]") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    size_t consumed = 0;
    CHECK_THROWS_AS(cmk::ordered_parallel<int>(
                        100, threads,
                        [](size_t i) -> int {
                          if (i == 37) throw std::runtime_error("input 37");
                          return static_cast<int>(i);
                        },
                        [&](size_t, int) { ++consumed; }),
                    std::runtime_error);
    // Everything before the failing input was consumed, nothing after it.
    CHECK(consumed == 37);
  }
}
