#include "crypto/header.hpp"

#include "crypto/chunked.hpp"

namespace cmk::crypto {

namespace {
constexpr uint8_t kMagic[4] = {'C', 'M', 'K', 'G'};
constexpr size_t kFixedSize = 12;  // magic, version, suite, chunk log2, reserved, length

void put_u16(Bytes& out, size_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
void put_u32(Bytes& out, size_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
void put_str16(Bytes& out, ByteView s) {
  put_u16(out, s.size());
  out.insert(out.end(), s.begin(), s.end());
}

Bytes encode_context(const EncryptionContext& ctx) {
  Bytes out;
  put_u16(out, ctx.size());
  for (const auto& [k, v] : ctx) {
    put_str16(out, as_bytes(k));
    put_str16(out, as_bytes(v));
  }
  return out;
}

Bytes fixed_prefix(const FileHeader& h, size_t length) {
  Bytes out(kMagic, kMagic + 4);
  out.push_back(h.version);
  out.push_back(h.suite);
  out.push_back(h.chunk_log2);
  out.push_back(0);
  put_u32(out, length);
  return out;
}

// The variable part between the fixed prefix and the MAC.
Bytes encode_variable(const FileHeader& h) {
  Bytes out = encode_context(h.context);
  out.push_back(static_cast<uint8_t>(h.keys.size()));
  for (const auto& k : h.keys) {
    out.push_back(static_cast<uint8_t>(k.layer));
    out.push_back(static_cast<uint8_t>(k.algorithm));
    put_str16(out, as_bytes(k.key_id));
    put_str16(out, k.wrapped);
  }
  out.insert(out.end(), h.salt.begin(), h.salt.end());
  out.insert(out.end(), h.commitment.begin(), h.commitment.end());
  return out;
}

// A bounds-checked reader over the header bytes.
class Reader {
 public:
  explicit Reader(ByteView b) : b_(b) {}
  bool u8(uint8_t& v) {
    if (pos_ + 1 > b_.size()) return false;
    v = b_[pos_++];
    return true;
  }
  bool u16(size_t& v) {
    if (pos_ + 2 > b_.size()) return false;
    v = size_t{b_[pos_]} << 8 | b_[pos_ + 1];
    pos_ += 2;
    return true;
  }
  bool bytes(size_t n, Bytes& v) {
    if (pos_ + n > b_.size()) return false;
    v.assign(b_.begin() + pos_, b_.begin() + pos_ + n);
    pos_ += n;
    return true;
  }
  bool str16(std::string& s) {
    size_t n;
    Bytes v;
    if (!u16(n) || !bytes(n, v)) return false;
    s.assign(v.begin(), v.end());
    return true;
  }
  bool bytes16(Bytes& v) {
    size_t n;
    return u16(n) && bytes(n, v);
  }
  size_t remaining() const { return b_.size() - pos_; }

 private:
  ByteView b_;
  size_t pos_ = 0;
};

Error format_error(const std::string& what) {
  return make_error(ErrorCode::Format, "not a valid cmkguard encrypted file: " + what);
}
}  // namespace

Bytes encode_header_unmacced(const FileHeader& h) {
  const Bytes variable = encode_variable(h);
  Bytes out = fixed_prefix(h, variable.size() + kHeaderMacSize);
  out.insert(out.end(), variable.begin(), variable.end());
  return out;
}

Bytes encode_header(const FileHeader& h) {
  Bytes out = encode_header_unmacced(h);
  out.insert(out.end(), h.mac.begin(), h.mac.end());
  return out;
}

Bytes body_context(const FileHeader& h) {
  // The length field differs with the wrapped keys, so the prefix is bound without it.
  Bytes out = fixed_prefix(h, 0);
  out.resize(8);
  const Bytes ctx = encode_context(h.context);
  out.insert(out.end(), ctx.begin(), ctx.end());
  return out;
}

Result<FileHeader> read_header(ByteSource& in) {
  uint8_t fixed[kFixedSize];
  auto n = in.read(fixed);
  if (!n) return n.error();
  if (*n < 4 || !std::equal(kMagic, kMagic + 4, fixed)) return format_error("bad magic");
  if (*n < kFixedSize) return format_error("header is truncated");
  FileHeader h;
  h.version = fixed[4];
  h.suite = fixed[5];
  h.chunk_log2 = fixed[6];
  if (h.version != kFormatVersion) {
    return format_error("unsupported format version " + std::to_string(h.version));
  }
  if (h.suite != kSuiteAes256GcmHkdfSha512) {
    return format_error("unsupported suite " + std::to_string(h.suite));
  }
  if (h.chunk_log2 < kMinChunkLog2 || h.chunk_log2 > kMaxChunkLog2) {
    return format_error("chunk size out of range");
  }
  if (fixed[7] != 0) return format_error("reserved byte is not zero");
  const size_t length =
      size_t{fixed[8]} << 24 | size_t{fixed[9]} << 16 | size_t{fixed[10]} << 8 | fixed[11];
  if (length > kMaxHeaderSize) return format_error("header length out of range");
  Bytes rest(length);
  auto m = in.read(rest);
  if (!m) return m.error();
  if (*m != length) return format_error("header is truncated");

  Reader r(rest);
  size_t count;
  if (!r.u16(count)) return format_error("truncated encryption context");
  for (size_t i = 0; i < count; ++i) {
    std::string k, v;
    if (!r.str16(k) || !r.str16(v)) return format_error("truncated encryption context");
    h.context.emplace_back(std::move(k), std::move(v));
  }
  uint8_t nkeys;
  if (!r.u8(nkeys) || nkeys == 0 || nkeys > kMaxWrappedKeys) {
    return format_error("wrapped key count out of range");
  }
  for (size_t i = 0; i < nkeys; ++i) {
    WrappedKey k;
    uint8_t layer, alg;
    if (!r.u8(layer) || !r.u8(alg) || !r.str16(k.key_id) || !r.bytes16(k.wrapped)) {
      return format_error("truncated wrapped key");
    }
    if (layer != 1 && layer != 2) return format_error("unknown key layer " + std::to_string(layer));
    if (alg < 1 || alg > 3) return format_error("unknown wrap algorithm " + std::to_string(alg));
    k.layer = static_cast<KeyLayer>(layer);
    k.algorithm = static_cast<WrapAlgorithm>(alg);
    h.keys.push_back(std::move(k));
  }
  if (!r.bytes(kChunkSaltSize, h.salt) || !r.bytes(kCommitmentSize, h.commitment) ||
      !r.bytes(kHeaderMacSize, h.mac)) {
    return format_error("header is truncated");
  }
  if (r.remaining() != 0) return format_error("header length does not match its contents");
  return h;
}

}  // namespace cmk::crypto
