// CIDR functions, IPv4 and IPv6:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr
// Addresses are read and written by inet_pton/inet_ntop, so IPv6 text is the compressed lower-case
// form the reference page shows (RFC 5952: "fdad:3236:5555:3000::1"). inet_pton is also strict as
// Azure is: white space, signs and leading zeros ("010.001.0.0", which some parsers read as octal)
// are not an address. Only the prefix length and the 128-bit arithmetic are written here.

#include <arpa/inet.h>

#include <array>
#include <optional>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

// IPv6 arithmetic needs 128 bits; __extension__ keeps -Wpedantic quiet about the GCC/Clang type.
__extension__ typedef unsigned __int128 Bits;  // NOLINT(modernize-use-using): needs the typedef

struct Network {
  bool v6 = false;
  Bits address = 0;
  int prefix = 0;

  int width() const { return v6 ? 128 : 32; }
  Bits all_ones() const { return v6 ? ~Bits{0} : Bits{0xFFFFFFFFu}; }
  Bits mask() const { return prefix == 0 ? 0 : (all_ones() << (width() - prefix)) & all_ones(); }
  Bits base() const { return address & mask(); }
  Bits last() const { return base() | (~mask() & all_ones()); }
  int host_bits() const { return width() - prefix; }
};

std::optional<Network> parse_network(const std::string& s) {
  const size_t slash = s.find('/');
  if (slash == std::string::npos || slash + 1 >= s.size() || s.size() - slash > 4) {
    return std::nullopt;
  }
  Network n;
  n.v6 = s.find(':') != std::string::npos;
  for (size_t i = slash + 1; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    n.prefix = n.prefix * 10 + (s[i] - '0');
  }
  if (n.prefix > n.width()) return std::nullopt;
  std::array<unsigned char, 16> bytes{};
  const std::string address = s.substr(0, slash);
  if (inet_pton(n.v6 ? AF_INET6 : AF_INET, address.c_str(), bytes.data()) != 1) {
    return std::nullopt;
  }
  for (int i = 0; i < n.width() / 8; ++i) n.address = (n.address << 8) | bytes[i];
  return n;
}

std::string ip_text(const Network& n, Bits ip) {
  std::array<unsigned char, 16> bytes{};
  const int size = n.width() / 8;
  for (int i = size - 1; i >= 0; --i) {
    bytes[i] = static_cast<unsigned char>(ip & 0xFF);
    ip >>= 8;
  }
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(n.v6 ? AF_INET6 : AF_INET, bytes.data(), buf, sizeof buf)) return {};
  return buf;
}

std::optional<Outcome> network_argument(Call& c, Network& out) {
  if (!c.args[0].is_string()) return Outcome(type_error(c, 0, "a String (a CIDR network)"));
  const std::string& text = c.args[0].as_string();
  auto n = parse_network(text);
  if (!n) return Outcome(c.error("'" + text + "' is not an IPv4 or IPv6 CIDR network"));
  out = *n;
  return std::nullopt;
}

// IPv6 has no broadcast address, so its usable range is the whole network.
Outcome parse_cidr_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  Value out = Value::object();
  out.set("network", Value::string(ip_text(n, n.base())));
  out.set("netmask", Value::string(ip_text(n, n.mask())));
  if (n.v6) {
    out.set("firstUsable", Value::string(ip_text(n, n.base())));
    out.set("lastUsable", Value::string(ip_text(n, n.last())));
  } else {
    const bool tiny = n.prefix >= 31;  // point-to-point and host routes use every address
    out.set("broadcast", Value::string(ip_text(n, n.last())));
    out.set("firstUsable", Value::string(ip_text(n, tiny ? n.base() : n.base() + 1)));
    out.set("lastUsable", Value::string(ip_text(n, tiny ? n.last() : n.last() - 1)));
  }
  out.set("cidr", Value::integer(n.prefix));
  return out;
}

std::string decimal(Bits v) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return out;
}

Outcome cidr_subnet_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  int64_t new_prefix = 0, index = 0;
  if (!int_arg(c.args[1], new_prefix)) return type_error(c, 1, "an Integer");
  if (!int_arg(c.args[2], index)) return type_error(c, 2, "an Integer");
  if (new_prefix < n.prefix || new_prefix > n.width()) {
    return c.error("the new CIDR prefix " + std::to_string(new_prefix) + " must be between " +
                   std::to_string(n.prefix) + " and " + std::to_string(n.width()));
  }
  const int split_bits = static_cast<int>(new_prefix) - n.prefix;
  const Bits max_index = split_bits >= 128 ? ~Bits{0} : (Bits{1} << split_bits) - 1;
  if (index < 0 || static_cast<Bits>(index) > max_index) {
    return c.error("subnet index " + std::to_string(index) + " is out of range 0.." +
                   decimal(max_index));
  }
  const int shift = n.width() - static_cast<int>(new_prefix);
  const Bits offset = shift >= 128 ? 0 : static_cast<Bits>(index) << shift;
  return Value::string(ip_text(n, n.base() + offset) + "/" + std::to_string(new_prefix));
}

// Host 0 is the address after the network's. IPv4 also holds the broadcast address back (except
// in /31 and /32, where every address is a host); IPv6 has no broadcast address.
Outcome cidr_host_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  int64_t index = 0;
  if (!int_arg(c.args[1], index)) return type_error(c, 1, "an Integer");
  const bool whole = !n.v6 && n.prefix >= 31;
  const Bits first = whole ? n.base() : n.base() + 1;
  const Bits last = n.v6 || whole ? n.last() : n.last() - 1;
  const bool any = whole || n.host_bits() >= 1;  // an IPv6 /128 has no address after its own
  if (index < 0 || !any || static_cast<Bits>(index) > last - first) {
    return c.error("host index " + std::to_string(index) + " is out of range " +
                   (any ? "0.." + decimal(last - first) : "(the network has no host address)"));
  }
  return Value::string(ip_text(n, first + static_cast<Bits>(index)));
}

}  // namespace
}  // namespace fn

void register_cidr_functions(std::vector<FunctionSpec>& out) {
  using namespace fn;
  out.push_back({"cidrHost", 2, 2, ArgMode::Strict, false, cidr_host_fn});
  out.push_back({"cidrSubnet", 3, 3, ArgMode::Strict, false, cidr_subnet_fn});
  out.push_back({"parseCidr", 1, 1, ArgMode::Strict, false, parse_cidr_fn});
}

}  // namespace cmk::arm::expr
