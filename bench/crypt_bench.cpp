// Throughput of cmkguard's envelope encryption against `openssl speed -evp aes-256-gcm` at 16 KiB,
// on the same machine in the same run, plus peak memory.
//
//   crypt_bench [--size BYTES] [--dir DIR] [--chunk-size BYTES] [--no-engine]
//
// "file" figures are encrypt_file/decrypt_file end to end (read, encrypt, write, fsync, rename)
// in DIR (default $TMPDIR or /tmp): they include the file system. "engine" figures stream the same
// amount through encrypt_stream/decrypt_stream without files: the format's own cost (encryption
// reads a cached pattern and discards its output; decryption reads ciphertext held in memory and
// discards the plaintext). openssl speed works on one cache-hot 16 KiB buffer.

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "crypto/file_envelope.hpp"
#include "crypto/random.hpp"
#include "crypto/vault.hpp"

using namespace cmk::crypto;
namespace fs = std::filesystem;

namespace {
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// User and system CPU seconds of this process so far.
std::pair<double, double> cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  return {secs(ru.ru_utime), secs(ru.ru_stime)};
}

// Wall time, and user/system CPU time, of one phase.
struct Phase {
  std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
  std::pair<double, double> cpu = cpu_seconds();
  struct Result {
    double wall, user, sys;
  };
  Result done() const {
    const auto now = cpu_seconds();
    return {seconds_since(wall), now.first - cpu.first, now.second - cpu.second};
  }
};

long peak_rss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// `size` bytes of a repeating random 1 MiB block, produced without holding them all.
class PatternSource final : public ByteSource {
 public:
  explicit PatternSource(uint64_t size) : left_(size), block_(*random_bytes(1 << 20)) {}
  Result<size_t> read(std::span<uint8_t> out) override {
    size_t done = 0;
    while (done < out.size() && left_ > 0) {
      const size_t n =
          std::min({out.size() - done, block_.size() - pos_, static_cast<size_t>(left_)});
      std::memcpy(out.data() + done, block_.data() + pos_, n);
      pos_ = (pos_ + n) % block_.size();
      left_ -= n;
      done += n;
    }
    return done;
  }

 private:
  uint64_t left_;
  Bytes block_;
  size_t pos_ = 0;
};

class CountingSink final : public ByteSink {
 public:
  Status write(ByteView b) override {
    count += b.size();
    return ok_status();
  }
  uint64_t count = 0;
};

// Appends into a buffer reserved up front (no reallocation inside the timed region).
class BufferSink final : public ByteSink {
 public:
  explicit BufferSink(size_t capacity) { bytes.reserve(capacity); }
  Status write(ByteView b) override {
    bytes.insert(bytes.end(), b.begin(), b.end());
    return ok_status();
  }
  Bytes bytes;
};

// openssl speed reports thousands of bytes per second on its last line: "AES-256-GCM  5770760.14k".
double openssl_speed_mb_s() {
  FILE* p = popen("openssl speed -evp aes-256-gcm -bytes 16384 -seconds 3 2>/dev/null", "r");
  if (!p) return 0;
  std::string last, line;
  char buf[512];
  while (fgets(buf, sizeof buf, p)) {
    line = buf;
    if (line.find_first_not_of(" \t\r\n") != std::string::npos) last = line;
  }
  pclose(p);
  const auto k = last.rfind('k');
  const auto space = last.rfind(' ', k);
  if (k == std::string::npos || space == std::string::npos) return 0;
  return std::atof(last.substr(space + 1, k - space - 1).c_str()) / 1000.0;
}

void write_plaintext(const std::string& path, uint64_t size) {
  PatternSource src(size);
  FILE* f = std::fopen(path.c_str(), "wb");
  Bytes buf(1 << 20);
  for (;;) {
    const size_t n = *src.read(buf);
    if (n == 0) break;
    std::fwrite(buf.data(), 1, n, f);
  }
  std::fclose(f);
}

// Wall-clock throughput, and throughput per user-CPU second (the crypto and format work; system
// time is the kernel's file I/O).
void line(const char* what, double mb, const Phase::Result& r, double openssl) {
  const double wall = mb / r.wall, user = mb / r.user;
  std::printf(
      "%-26s %7.0f MB/s %5.1f%% | per user-CPU second %7.0f MB/s %5.1f%% | user %.2fs sys %.2fs\n",
      what, wall, 100 * wall / openssl, user, 100 * user / openssl, r.user, r.sys);
}
}  // namespace

int main(int argc, char** argv) {
  uint64_t size = uint64_t{1} << 30;
  std::string dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  size_t chunk = kDefaultChunkSize;
  bool engine = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--size" && i + 1 < argc)
      size = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--dir" && i + 1 < argc)
      dir = argv[++i];
    else if (a == "--chunk-size" && i + 1 < argc)
      chunk = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--no-engine")
      engine = false;
    else {
      std::cerr
          << "usage: crypt_bench [--size BYTES] [--dir DIR] [--chunk-size BYTES] [--no-engine]\n";
      return 2;
    }
  }
  const fs::path work = fs::path(dir) / ("cmkguard-bench-" + std::to_string(getpid()));
  fs::create_directories(work);
  auto vault = Vault::create((work / "kv").string(), {"benchvault", true, 90, true});
  if (!vault || !vault->create_key("cmk", 2048)) {
    std::cerr << "cannot create the bench key store\n";
    return 1;
  }
  EnvelopeKeys keys{*vault->service_key(), *vault->customer_key("cmk")};
  const EncryptOptions options{chunk, {}};
  const double mb = static_cast<double>(size) / 1e6;
  std::printf("size %.1f MB, chunk %zu B, dir %s\n", mb, chunk, dir.c_str());

  const std::string plain = (work / "plain").string(), sealed = (work / "sealed").string(),
                    back = (work / "back").string();
  write_plaintext(plain, size);
  const long rss_start = peak_rss_kib();

  Phase phase;
  auto st = encrypt_file(plain, sealed, keys, options);
  const auto enc_file = phase.done();
  phase = Phase();
  if (st) st = decrypt_file(sealed, back, *vault);
  const auto dec_file = phase.done();
  if (!st || fs::file_size(back) != size) {
    std::cerr << "round trip failed: " << (st ? "size mismatch" : st.error().message) << "\n";
    return 1;
  }
  const long rss_files = peak_rss_kib();
  fs::remove(plain);
  fs::remove(sealed);
  fs::remove(back);

  const double openssl = openssl_speed_mb_s();
  std::printf("%-26s %7.0f MB/s (100%%)\n", "openssl speed (16 KiB)", openssl);
  line("encrypt file (with fsync)", mb, enc_file, openssl);
  line("decrypt file (with fsync)", mb, dec_file, openssl);
  std::printf("peak RSS: %ld KiB before, %ld KiB after the file round trip\n", rss_start,
              rss_files);

  if (engine) {
    PatternSource src(size);
    CountingSink discarded;
    Phase enc;
    st = encrypt_stream(keys, options, src, discarded);
    const auto enc_engine = enc.done();
    // Decryption needs real ciphertext, so it is kept in memory (outside the timed region).
    PatternSource src2(size);
    BufferSink out(size + size / chunk * 16 + 4096);
    if (st) st = encrypt_stream(keys, options, src2, out);
    MemorySource in(out.bytes);
    CountingSink counted;
    Phase dec;
    if (st) st = decrypt_stream(*vault, in, counted);
    const auto dec_engine = dec.done();
    if (!st || counted.count != size) {
      std::cerr << "engine round trip failed: " << (st ? "size mismatch" : st.error().message)
                << "\n";
      return 1;
    }
    line("encrypt engine (memory)", mb, enc_engine, openssl);
    line("decrypt engine (memory)", mb, dec_engine, openssl);
  }
  fs::remove_all(work);
  return 0;
}
