// CIDR functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr IPv4
// only; an IPv6 network is unknown rather than wrong.

#include <cstdio>

#include "arm/expr/functions/helpers.hpp"

namespace cmk::arm::expr {
namespace fn {
namespace {

struct Network {
  uint32_t address = 0;
  int prefix = 0;
};

std::optional<Network> parse_network(const std::string& s) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  int prefix = 0, consumed = 0;
  if (std::sscanf(s.c_str(), "%3u.%3u.%3u.%3u/%2d%n", &a, &b, &c, &d, &prefix, &consumed) != 5 ||
      static_cast<size_t>(consumed) != s.size() || a > 255 || b > 255 || c > 255 || d > 255 ||
      prefix < 0 || prefix > 32) {
    return std::nullopt;
  }
  return Network{(a << 24) | (b << 16) | (c << 8) | d, prefix};
}

uint32_t mask(int prefix) { return prefix == 0 ? 0 : ~uint32_t{0} << (32 - prefix); }

std::string ip_text(uint32_t ip) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255,
                ip & 255);
  return buf;
}

std::optional<Outcome> network_argument(Call& c, Network& out) {
  if (!c.args[0].is_string()) return Outcome(type_error(c, 0, "a String (a CIDR network)"));
  const std::string& text = c.args[0].as_string();
  if (text.find(':') != std::string::npos) {
    return Outcome(c.unknown("IPv6 CIDR arithmetic is not implemented by cmkguard"));
  }
  auto n = parse_network(text);
  if (!n) return Outcome(c.error("'" + text + "' is not an IPv4 CIDR network"));
  out = *n;
  return std::nullopt;
}

Outcome parse_cidr_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  const uint32_t network = n.address & mask(n.prefix);
  const uint32_t broadcast = network | ~mask(n.prefix);
  Value out = Value::object();
  out.set("network", Value::string(ip_text(network)));
  out.set("netmask", Value::string(ip_text(mask(n.prefix))));
  out.set("broadcast", Value::string(ip_text(broadcast)));
  out.set("firstUsable", Value::string(ip_text(n.prefix >= 31 ? network : network + 1)));
  out.set("lastUsable", Value::string(ip_text(n.prefix >= 31 ? broadcast : broadcast - 1)));
  out.set("cidr", Value::integer(n.prefix));
  return out;
}

Outcome cidr_subnet_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  int64_t new_prefix = 0, index = 0;
  if (!int_arg(c.args[1], new_prefix)) return type_error(c, 1, "an Integer");
  if (!int_arg(c.args[2], index)) return type_error(c, 2, "an Integer");
  if (new_prefix < n.prefix || new_prefix > 32) {
    return c.error("the new CIDR prefix " + std::to_string(new_prefix) + " must be between " +
                   std::to_string(n.prefix) + " and 32");
  }
  const int64_t subnets = int64_t{1} << (new_prefix - n.prefix);
  if (index < 0 || index >= subnets) {
    return c.error("subnet index " + std::to_string(index) + " is out of range 0.." +
                   std::to_string(subnets - 1));
  }
  const uint32_t base = n.address & mask(n.prefix);
  const uint32_t subnet = base + static_cast<uint32_t>(index << (32 - new_prefix));
  return Value::string(ip_text(subnet) + "/" + std::to_string(new_prefix));
}

Outcome cidr_host_fn(Call& c) {
  Network n;
  if (auto problem = network_argument(c, n)) return *problem;
  int64_t index = 0;
  if (!int_arg(c.args[1], index)) return type_error(c, 1, "an Integer");
  const int64_t usable =
      n.prefix >= 31 ? (int64_t{1} << (32 - n.prefix)) : (int64_t{1} << (32 - n.prefix)) - 2;
  if (index < 0 || index >= usable) {
    return c.error("host index " + std::to_string(index) + " is out of range 0.." +
                   std::to_string(usable - 1));
  }
  const uint32_t base = n.address & mask(n.prefix);
  return Value::string(ip_text(base + static_cast<uint32_t>(index) + (n.prefix >= 31 ? 0 : 1)));
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
