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

// Takes items from next() (which returns std::optional<Item>, nullopt at the end) until it has
// none, calls produce(i, item) for the i-th on up to `threads` worker threads (inline when
// threads <= 1), and consume(i, result) on the calling thread for i = 0, 1, ... in order, with
// `result` a T& it may move from. next() is called by one thread at a time, so it may find its
// items as the work goes on (a folder walked while files are read). What consume leaves in
// `result` is destroyed on a worker thread (freeing a large result takes the calling thread's
// time from consuming the next). An exception thrown by next or produce is rethrown from here
// when its turn to be consumed comes.
template <typename T, typename Next, typename Produce, typename Consume>
void ordered_parallel_from(Next next, unsigned threads, Produce produce, Consume consume) {
  if (threads <= 1) {
    for (size_t i = 0;; ++i) {
      auto item = next();
      if (!item) return;
      T value = produce(i, std::move(*item));
      consume(i, value);
    }
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
  size_t taken = 0;        // items taken from next()
  bool exhausted = false;  // next() has no more
  size_t consumed = 0;     // indexes below this have been handed to consume
  bool stop = false;       // consumption ended (or the consumer threw)
  std::vector<T> spent;    // consumed results, for a worker to destroy

  auto work = [&] {
    for (;;) {
      size_t i = 0;
      std::vector<T> destroy;
      decltype(next()) item;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] {
          return stop || !spent.empty() || (!exhausted && taken < consumed + window);
        });
        if (!spent.empty()) {
          destroy.swap(spent);
        } else if (stop) {
          return;
        } else {
          try {
            item = next();
          } catch (...) {
            slots[taken % window] = Slot{std::nullopt, std::current_exception(), true};
            ++taken;
            exhausted = true;
            changed.notify_all();
            continue;
          }
          if (!item) {
            exhausted = true;
            changed.notify_all();
            continue;
          }
          i = taken++;
        }
      }
      if (!destroy.empty()) continue;  // destroyed here, outside the lock
      Slot done;
      try {
        done.value.emplace(produce(i, std::move(*item)));
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
    for (size_t i = 0;; ++i) {
      Slot slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return slots[i % window].ready || (exhausted && i >= taken); });
        if (!slots[i % window].ready) break;  // every item consumed
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

// ordered_parallel_from over the indexes 0 .. n-1: produce(i) for each.
template <typename T, typename Produce, typename Consume>
void ordered_parallel(size_t n, unsigned threads, Produce produce, Consume consume) {
  size_t i = 0;
  ordered_parallel_from<T>(
      [&]() -> std::optional<size_t> {
        if (i == n) return std::nullopt;
        return i++;
      },
      n <= 1 ? 1 : threads, [&](size_t, size_t index) { return produce(index); }, consume);
}

}  // namespace cmk
