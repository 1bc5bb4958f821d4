#pragma once
// Runs independent pieces of work on several threads while the caller sees their results one at
// a time, in input order, on its own thread: output built from them is the same whatever the
// number of threads. At most `window` results are produced ahead of the one being consumed, so
// memory stays bounded by a few inputs, not by all of them.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cmk {

// Calls produce(i) for every i in [0, n) on up to `threads` worker threads (inline when
// threads <= 1), and consume(i, result) on the calling thread for i = 0, 1, ... in order, with
// `result` a T& it may move from. What it leaves there is destroyed on a worker thread (freeing
// a large result takes the calling thread's time from consuming the next). An exception thrown
// by produce is rethrown from here when its turn to be consumed comes.
template <typename T, typename Produce, typename Consume>
void ordered_parallel(size_t n, unsigned threads, Produce produce, Consume consume) {
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) {
      T value = produce(i);
      consume(i, value);
    }
    return;
  }
  const size_t window = 4 * static_cast<size_t>(threads);
  struct Slot {
    std::optional<T> value;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable changed;
  size_t next = 0;       // next index a worker takes
  size_t consumed = 0;   // indexes below this have been handed to consume
  bool stop = false;     // consumption ended (or the consumer threw)
  std::vector<T> spent;  // consumed results, for a worker to destroy

  auto work = [&] {
    for (;;) {
      size_t i = 0;
      std::vector<T> destroy;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(
            lock, [&] { return stop || !spent.empty() || (next < n && next < consumed + window); });
        if (!spent.empty()) {
          destroy.swap(spent);
        } else if (stop) {
          return;
        } else {
          i = next++;
        }
      }
      if (!destroy.empty()) continue;  // destroyed here, outside the lock
      Slot done;
      try {
        done.value.emplace(produce(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      {
        const std::lock_guard<std::mutex> lock(mutex);
        slots[i % window] = std::move(done);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);
  auto finish = [&] {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    changed.notify_all();
    for (std::thread& w : workers) w.join();
  };
  try {
    for (size_t i = 0; i < n; ++i) {
      Slot slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return slots[i % window].ready; });
        slot = std::move(slots[i % window]);
        slots[i % window] = Slot{};
        consumed = i + 1;
      }
      changed.notify_all();
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, *slot.value);
      {
        const std::lock_guard<std::mutex> lock(mutex);
        spent.push_back(std::move(*slot.value));
      }
      changed.notify_one();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace cmk
