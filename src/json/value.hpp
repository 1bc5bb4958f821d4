#pragma once
// The value tree every layer shares: JSON values that remember where they came from, plus the two
// kinds a template evaluator needs besides JSON: *unknown* (cannot be known before deployment,
// with the reason and the blocking expression) and *symbolic* (a deployment-context value such as
// resourceGroup().location that is not known but is provably equal to itself).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cmk::json {

inline constexpr uint32_t kNoOffset = UINT32_MAX;

enum class Kind : uint8_t { Null, Bool, Int, Double, String, Array, Object, Unknown, Symbolic };

const char* kind_name(Kind kind);

struct Member;
class Value;
using Array = std::vector<Value>;
using Object = std::vector<Member>;

struct UnknownInfo {
  std::string reason;      // e.g. "reference() of a resource not known until deployment"
  std::string expression;  // the expression text that blocked evaluation, if any
};

struct SymbolicInfo {
  std::string name;  // canonical text, e.g. "resourceGroup().location"
  // A value Azure generates per resource (an identity's principalId): distinct from every other
  // unique value, so two with different names are provably unequal.
  bool unique = false;
};

class Value {
 public:
  // Special members are defined after Member: clang with libstdc++ needs Member complete to
  // instantiate vector<Member>'s (constexpr) destructor.
  Value() = default;
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();
  static Value null(uint32_t offset = kNoOffset) { return Value(std::monostate{}, offset); }
  static Value boolean(bool b, uint32_t offset = kNoOffset) { return Value(b, offset); }
  static Value integer(int64_t i, uint32_t offset = kNoOffset) { return Value(i, offset); }
  static Value number(double d, uint32_t offset = kNoOffset) { return Value(d, offset); }
  static Value string(std::string s, uint32_t offset = kNoOffset) {
    return Value(std::move(s), offset);
  }
  static Value array();
  static Value array(Array items, uint32_t offset = kNoOffset);
  static Value object();
  static Value object(Object members, uint32_t offset = kNoOffset);
  static Value unknown(std::string reason, std::string expression = {},
                       uint32_t offset = kNoOffset);
  static Value symbolic(std::string name, uint32_t offset = kNoOffset, bool unique = false);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_int() const { return kind() == Kind::Int; }
  bool is_number() const { return kind() == Kind::Int || kind() == Kind::Double; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }
  bool is_unknown() const { return kind() == Kind::Unknown; }
  bool is_symbolic() const { return kind() == Kind::Symbolic; }

  // Accessors require the matching kind (checked by std::get).
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_double() const;  // Int or Double
  const std::string& as_string() const { return std::get<std::string>(data_); }
  std::string& as_string() { return std::get<std::string>(data_); }
  // Arrays and objects are shared between copies of a value (copying a value is cheap); the
  // non-const accessors first give this value its own copy of the level they return when it is
  // shared. So a reference they return must not be used after the value is copied.
  const Array& items() const;
  Array& items();
  const Object& members() const;
  Object& members();
  const UnknownInfo& unknown_info() const {
    return *std::get<std::shared_ptr<const UnknownInfo>>(data_);
  }
  const SymbolicInfo& symbolic_info() const {
    return *std::get<std::shared_ptr<const SymbolicInfo>>(data_);
  }

  // Object member lookup. ARM property names are case-insensitive, so find() is too.
  const Value* find(std::string_view key) const;
  Value* find(std::string_view key);
  const Member* find_member(std::string_view key) const;
  // Sets (replacing a case-insensitive match) a member of an object value.
  void set(std::string key, Value value, uint32_t key_offset = kNoOffset);

  // Byte offset of the value's first character in its source, or kNoOffset.
  uint32_t offset() const { return offset_; }
  void set_offset(uint32_t offset) { offset_ = offset; }

  // Deep structural equality (offsets ignored; object member order ignored; strings exact).
  friend bool operator==(const Value& a, const Value& b);

 private:
  using Data =
      std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<Array>,
                   std::shared_ptr<Object>, std::shared_ptr<const UnknownInfo>,
                   std::shared_ptr<const SymbolicInfo>>;
  template <typename T>
  Value(T&& v, uint32_t offset) : data_(std::forward<T>(v)), offset_(offset) {}
  static const Array& empty_array();
  static const Object& empty_object();

  Data data_;
  uint32_t offset_ = kNoOffset;
};

struct Member {
  std::string key;
  uint32_t key_offset = kNoOffset;  // offset of the key's opening quote
  Value value;
};

inline Value::Value(const Value&) = default;
inline Value::Value(Value&&) noexcept = default;
inline Value& Value::operator=(const Value&) = default;
inline Value& Value::operator=(Value&&) noexcept = default;
inline Value::~Value() = default;
inline Value Value::array() { return Value(std::make_shared<Array>(), kNoOffset); }
inline Value Value::array(Array items, uint32_t offset) {
  return Value(std::make_shared<Array>(std::move(items)), offset);
}
inline Value Value::object() { return Value(std::make_shared<Object>(), kNoOffset); }
inline Value Value::object(Object members, uint32_t offset) {
  return Value(std::make_shared<Object>(std::move(members)), offset);
}
inline const Array& Value::items() const {
  const auto& p = std::get<std::shared_ptr<Array>>(data_);
  return p ? *p : empty_array();
}
inline const Object& Value::members() const {
  const auto& p = std::get<std::shared_ptr<Object>>(data_);
  return p ? *p : empty_object();
}

// ASCII case-insensitive comparison of two texts of the same length.
bool iequals_same_size(const char* a, const char* b, size_t size);
// Inline so that the usual answer, different lengths, costs no call (object lookups compare a
// name with every key).
inline bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && iequals_same_size(a.data(), b.data(), a.size());
}
std::string to_lower(std::string_view s);

// Shortest text that reads back to the same double ("null" for infinities and NaN).
std::string number_text(double d);

// Compact JSON text of a value (unknown and symbolic values print as descriptive strings).
std::string to_json(const Value& v);
// to_json with each value's offset and kind, and each key's offset, written before it
// ("@12Int:5"): compares two readings of a text by place and kind as well as by content.
std::string to_located_json(const Value& v);

}  // namespace cmk::json
