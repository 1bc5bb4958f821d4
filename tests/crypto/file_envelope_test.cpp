#include "crypto/file_envelope.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "crypto/file_helpers.hpp"
#include "fake_keys.hpp"

using namespace cmk::crypto;
using namespace cmk::crypto::testing;
namespace fs = std::filesystem;

namespace {
size_t entries(const fs::path& dir) {
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}
}  // namespace

TEST_CASE("file encryption writes atomically with mode 0600 and decrypts back") {
  TempDir dir;
  auto service = std::make_shared<FakeAesKek>("svc/1");
  FakeResolver resolver;
  resolver.add(service);
  std::string plain(200000, 'p');
  write_all(dir / "in", plain);
  REQUIRE(encrypt_file(dir / "in", dir / "enc", {service, nullptr}, {}).ok());
  struct stat st {};
  REQUIRE(stat((dir / "enc").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(decrypt_file(dir / "enc", dir / "out", resolver).ok());
  CHECK(read_all(dir / "out") == plain);
  REQUIRE(stat((dir / "out").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(entries(dir.path()) == 3);  // no temp files left over
}

TEST_CASE("an authentication failure leaves no plaintext behind, not even a partial file") {
  TempDir dir;
  auto service = std::make_shared<FakeAesKek>("svc/1");
  FakeResolver resolver;
  resolver.add(service);
  // Many chunks so that the corruption sits after plaintext has already been streamed out.
  write_all(dir / "in", std::string(3 << 20, 'x'));
  REQUIRE(encrypt_file(dir / "in", dir / "enc", {service, nullptr}, {}).ok());
  std::string sealed = read_all(dir / "enc");
  sealed[sealed.size() - 100] ^= 1;
  write_all(dir / "bad", sealed);
  write_all(dir / "existing", "keep me");
  auto st = decrypt_file(dir / "bad", dir / "out", resolver);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().code == ErrorCode::Authentication);
  CHECK_FALSE(fs::exists(dir / "out"));
  // An existing output file is left untouched as well.
  CHECK_FALSE(decrypt_file(dir / "bad", dir / "existing", resolver).ok());
  CHECK(read_all(dir / "existing") == "keep me");
  CHECK(entries(dir.path()) == 4);  // in, enc, bad, existing: no temp files
}

TEST_CASE("rewrap_file keeps the body bytes identical on disk") {
  TempDir dir;
  auto service = std::make_shared<FakeAesKek>("svc/1");
  auto v1 = std::make_shared<FakeRsaKek>("cmk/1", shared_rsa_key());
  auto v2 = std::make_shared<FakeRsaKek>("cmk/2", *RsaKey::generate(3072));
  FakeResolver resolver;
  resolver.add(service);
  resolver.add(v1);
  resolver.add(v2);
  write_all(dir / "in", std::string(100000, 'b'));
  REQUIRE(encrypt_file(dir / "in", dir / "enc", {service, v1}, {}).ok());
  const std::string before = read_all(dir / "enc");
  auto h1 = read_file_header(dir / "enc");
  REQUIRE(h1.ok());
  const size_t header1 = encode_header(*h1).size();

  REQUIRE(rewrap_file(dir / "enc", resolver, RewrapRequest{nullptr, v2, false}).ok());
  const std::string after = read_all(dir / "enc");
  auto h2 = read_file_header(dir / "enc");
  REQUIRE(h2.ok());
  const size_t header2 = encode_header(*h2).size();
  CHECK(header2 == header1 + 128);  // RSA-3072 wraps 128 bytes longer than RSA-2048
  CHECK(h2->keys[1].key_id == "cmk/2");
  CHECK(before.substr(header1) == after.substr(header2));
  resolver.remove("cmk/1");
  REQUIRE(decrypt_file(dir / "enc", dir / "out", resolver).ok());
  CHECK(read_all(dir / "out") == read_all(dir / "in"));
}
