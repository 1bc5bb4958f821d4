#pragma once
// The one output writer of the project (reports, baselines, encrypted and decrypted files, key
// store files). What the output path names decides how it is written:
// - a regular file, or nothing yet: replaced all at once or not at all. The data goes to an
//   unnamed file in the destination's directory (Linux O_TMPFILE), so no name shows partial
//   output, and decrypted plaintext reaches a name only once it is complete and authenticated;
//   commit() fsyncs it, links it under an unpredictable name and renames that over the path.
//   Where O_TMPFILE is not supported the temp is created with an unpredictable name, O_EXCL
//   (never through a planted symbolic link), mode 0600, and removed on SIGINT/SIGTERM/SIGHUP
//   (temp_cleanup.hpp). Destroying an uncommitted AtomicFile removes the temp.
// - "-": standard output, written directly.
// - a character device or FIFO (/dev/null, /dev/stdout, a named pipe): written directly; it is
//   never replaced by a regular file.
// - a symbolic link: followed, as a shell redirection would: written through to the stream it
//   names, or the regular file it names is replaced (the link stays). A link that leads nowhere
//   is refused, as are directories, sockets and block devices.
// Files are created with mode 0600, or 0644 for files meant to be shared such as reports.

#include <string>

#include "crypto/result.hpp"
#include "crypto/stream.hpp"
#include "crypto/temp_cleanup.hpp"

namespace cmk::crypto {

// What the output path may name. The key store writes only its own regular files: a symbolic
// link or device planted in it is refused, not followed.
enum class Destination { Any, RegularFileOnly };

class AtomicFile {
 public:
  // Io when the destination cannot be written. `shared`: mode 0644 instead of 0600.
  static Result<AtomicFile> create(const std::string& path, bool shared = false,
                                   Destination destination = Destination::Any);
  ~AtomicFile();
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  ByteSink& sink() { return sink_; }
  // Regular files: fsync, name, rename; after success the destructor leaves the file alone.
  // Streams: the data is already written; closes what was opened.
  Status commit();

  // Whether the output is written directly (stdout, a device, a FIFO) rather than replaced.
  bool is_stream() const { return kind_ == Kind::Stream; }

  // Tests: false makes create() use a named temp as where O_TMPFILE is not supported.
  static void set_unnamed_temps(bool enabled);

 private:
  enum class Kind { Unnamed, Named, Stream };
  AtomicFile(Kind kind, std::string path, std::string temp, int fd, bool owned)
      : kind_(kind),
        path_(std::move(path)),
        temp_(std::move(temp)),
        fd_(fd),
        owned_(owned),
        sink_(fd, path_) {}
  Status link_unnamed();

  Kind kind_;
  std::string path_;  // the file replaced (a link's target) or the stream written
  std::string temp_;  // a named temp, while it exists
  int fd_ = -1;
  bool owned_ = true;  // false for standard output
  FdSink sink_;
  TempRegistration registration_;
};

// Whole-file helpers for small files (vault metadata, reports). read_text_file reads through
// util/file_text.hpp and does not follow a symbolic link (the key store's files are its own);
// KeyNotFound when the file does not exist.
Result<std::string> read_text_file(const std::string& path);
Status write_file_atomically(const std::string& path, std::string_view contents,
                             bool shared = false, Destination destination = Destination::Any);

}  // namespace cmk::crypto
