#pragma once
// JSON text as json() and base64ToJson() accept it: Azure parses with Newtonsoft's JToken.Parse,
// which also takes single-quoted strings, unquoted property names, numbers such as .25,
// comments and trailing commas.

#include <optional>
#include <string>
#include <string_view>

#include "json/value.hpp"

namespace cmk::arm::expr {

// The value, or nullopt with `error` set. Values carry no source offsets.
std::optional<json::Value> parse_lenient_json(std::string_view text, std::string& error);

}  // namespace cmk::arm::expr
