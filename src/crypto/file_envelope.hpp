#pragma once
// The envelope applied to files: streaming (constant memory), output written atomically.

#include <string>

#include "crypto/envelope.hpp"

namespace cmk::crypto {

// Io for unreadable input or unwritable output; otherwise as encrypt_stream.
Status encrypt_file(const std::string& in_path, const std::string& out_path,
                    const EnvelopeKeys& keys, const EncryptOptions& options);
// As decrypt_stream; on any failure no output file (not even a partial one) is left.
Status decrypt_file(const std::string& in_path, const std::string& out_path, KeyResolver& keys);
// Replaces the file's header per `request` and copies the body bytes unchanged (atomically).
Status rewrap_file(const std::string& path, KeyResolver& keys, const RewrapRequest& request);
Result<FileHeader> read_file_header(const std::string& path);

}  // namespace cmk::crypto
