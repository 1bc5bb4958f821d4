#pragma once
// Runs independent pieces of work on several threads while the caller sees their results one at
// a time, in input order, on its own thread: output built from them is the same whatever the
// number of threads. Production runs only a bounded way ahead of consumption (Lookahead), so
// memory stays bounded by a few inputs, not by all of them.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace cmk {

// How far production may run ahead of consumption. Results are started in input order but
// consumed only in it, so one slow input holds back the consumption of all after it: a thread
// that may not start another meanwhile sits idle.
struct Lookahead {
  // Results started or finished and not yet consumed, per thread.
  size_t per_thread = 4;
  // No result is started while the finished ones waiting to be consumed weigh this much per
  // thread or more (as the weigh function counts), except the one to be consumed next.
  uint64_t weight_per_thread = UINT64_MAX;
};

// Takes items from next() (which returns std::optional<Item>, nullopt at the end) until it has
// none, calls produce(i, item) for the i-th on `threads` threads, the calling thread among them
// (so threads - 1 are started; none when threads <= 1), and consume(i, result) on the calling
// thread for i = 0, 1, ... in order, with `result` a T& it may move from; what consume leaves in
// it is destroyed on the calling thread. The calling thread produces whenever the result it
// needs next is not ready and there is an item to take, and sleeps only when there is none: a
// thread waiting for another costs system calls and context switches per input, which on a
// machine with as many cores as threads cost more than the work they wait for.
// next() is called by one thread at a time, so it may find its items as the work goes on (a
// folder walked while files are read). An exception thrown by next or produce is rethrown from
// here when its turn to be consumed comes. weigh(const T&) gives a finished result's weight for
// `lookahead`.
template <typename T, typename Next, typename Produce, typename Consume, typename Weigh>
void ordered_parallel_from(Next next, unsigned threads, Produce produce, Consume consume,
                           Lookahead lookahead, Weigh weigh) {
  if (threads <= 1) {
    for (size_t i = 0;; ++i) {
      auto item = next();
      if (!item) return;
      T value = produce(i, std::move(*item));
      consume(i, value);
    }
  }
  const size_t window = std::max<size_t>(1, lookahead.per_thread) * threads;
  const uint64_t weight_limit = lookahead.weight_per_thread > UINT64_MAX / threads
                                    ? UINT64_MAX
                                    : lookahead.weight_per_thread * threads;
  struct Slot {
    std::optional<T> value;
    std::exception_ptr error;
    uint64_t weight = 0;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable work_wanted;   // a worker waits here for room or the end
  std::condition_variable result_ready;  // the calling thread waits here for its next result
  size_t taken = 0;                      // items taken from next()
  bool exhausted = false;                // next() has no more
  size_t consumed = 0;                   // indexes below this have been handed to consume
  bool stop = false;                     // consumption ended (or the consumer threw)
  size_t idle_workers = 0;
  bool caller_waiting = false;
  uint64_t waiting_weight = 0;  // of the finished results not yet consumed

  // With the lock held: takes the next item if there is room for it, setting `i`; false when
  // there is none to take now. An exception from next() fills the item's slot instead.
  auto take = [&](size_t& i, decltype(next())& item) {
    if (exhausted || taken >= consumed + window) return false;
    if (taken > consumed && waiting_weight >= weight_limit) return false;
    try {
      item = next();
    } catch (...) {
      slots[taken % window] = Slot{std::nullopt, std::current_exception(), 0, true};
      ++taken;
      exhausted = true;
      if (caller_waiting) result_ready.notify_one();
      return false;
    }
    if (!item) {
      exhausted = true;
      if (caller_waiting) result_ready.notify_one();
      return false;
    }
    i = taken++;
    return true;
  };
  // Produces item i outside the lock and stores its result, the lock held again on return.
  auto make = [&](std::unique_lock<std::mutex>& lock, size_t i, decltype(next())& item) {
    lock.unlock();
    Slot done;
    try {
      done.value.emplace(produce(i, std::move(*item)));
      done.weight = weigh(*done.value);
    } catch (...) {
      done.error = std::current_exception();
    }
    done.ready = true;
    item.reset();
    lock.lock();
    waiting_weight += done.weight;
    slots[i % window] = std::move(done);
    if (caller_waiting && i == consumed) result_ready.notify_one();
  };

  auto work = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    decltype(next()) item;
    for (;;) {
      if (stop) return;
      size_t i = 0;
      if (take(i, item)) {
        make(lock, i, item);
        continue;
      }
      ++idle_workers;
      work_wanted.wait(lock);
      --idle_workers;
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work);
  auto finish = [&] {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    work_wanted.notify_all();
    for (std::thread& w : workers) w.join();
  };
  try {
    decltype(next()) item;
    for (size_t i = 0;; ++i) {
      Slot slot;
      {
        std::unique_lock<std::mutex> lock(mutex);
        // Result i is ready, or there will be none (every item consumed).
        auto settled = [&] { return slots[i % window].ready || (exhausted && i >= taken); };
        while (!settled()) {
          size_t k = 0;
          if (take(k, item)) {
            make(lock, k, item);
            continue;
          }
          if (settled()) break;  // take() found the end, or next() failed on item i
          caller_waiting = true;
          result_ready.wait(lock);
          caller_waiting = false;
        }
        if (!slots[i % window].ready) break;  // every item consumed
        slot = std::move(slots[i % window]);
        slots[i % window] = Slot{};
        consumed = i + 1;
        waiting_weight -= slot.weight;
        if (idle_workers > 0 && !exhausted) work_wanted.notify_one();
      }
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, *slot.value);
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

// With the default lookahead, every result weighing nothing.
template <typename T, typename Next, typename Produce, typename Consume>
void ordered_parallel_from(Next next, unsigned threads, Produce produce, Consume consume) {
  ordered_parallel_from<T>(std::move(next), threads, std::move(produce), std::move(consume),
                           Lookahead{}, [](const T&) { return uint64_t{0}; });
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
