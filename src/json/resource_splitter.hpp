#pragma once
// Cuts a live export (a top-level array of resources, or an object whose `value` or `data` member
// holds that array) into one text per resource while the file is read in chunks, so that a
// tenant-wide export is never held whole: memory is bounded by the largest resource.
//
// A byte-level scan, not a parser: it tracks strings (with escapes), // and /* */ comments and
// bracket depth, which is all it needs to find where each element of the list starts and ends.
// Each element is parsed later by json::parse, which reports any error in it; the splitter itself
// reports only what stops it from cutting (a list that is not one of resources, a file cut short,
// an element over the size limit).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/source_text.hpp"
#include "json/value.hpp"

namespace cmk::json {

// One element of the list: its text and where it starts in the whole file.
struct ResourcePiece {
  // What comes between the previous element (or the list's '[') and this one, when short (see
  // kMaxLinePrefix): the comma, line breaks and comments (suppression comments among them); else
  // the element's line before it, when short; then the element's text up to its closing brace.
  std::string text;
  size_t parse_from = 0;   // where the element starts within `text`
  size_t file_offset = 0;  // of `text` in the file
  uint32_t line = 1;       // 1-based line of text[0] in the file
  // Code points of the line before text[0]: 0 when `text` starts at the line's start.
  uint32_t column_before = 0;

  // `text` as a part of the file named `path`, answering positions in the file's lines and
  // columns for offsets into `text`.
  // A copy, not a move: `text` grew as it was cut, and a kept resource's source lives to the
  // end of the scan, so an exact-size copy holds less (a moved text made a 1,000,000-resource
  // export take 10% more memory).
  SourceText source(std::string path) const;
};

// Why splitting stopped, with the byte offset of the file it stopped at.
struct SplitError {
  enum class Kind {
    NotAList,   // not an array of objects, nor an object with a value/data array
    Truncated,  // the file ended inside the list
    TooLarge,   // one element is over the size limit
  };
  Kind kind = Kind::NotAList;
  size_t offset = 0;
  std::string message;
};

// Bytes kept before an element: the text since the previous one, or else the element's line
// before it, so that comments there and source lines read as in the file. A longer prefix (a
// one-line export) is left out and counted in columns.
inline constexpr size_t kMaxLinePrefix = 4096;

class ResourceSplitter {
 public:
  // Elements over `max_piece` bytes are an error (TooLarge).
  explicit ResourceSplitter(size_t max_piece);

  // Takes the next bytes of the file; each element completed by them is appended to `out`.
  // Returns false once an error is known (then error() says which); later calls do nothing.
  bool feed(std::string_view bytes, std::vector<ResourcePiece>& out);
  // Says the file has ended: false (with error()) when the list was not closed.
  bool finish();

  const std::optional<SplitError>& error() const { return error_; }
  // After finish(): the object around the list, with the list left empty (null for a top-level
  // array). The caller decides whether such an object is an export's wrapper.
  const std::optional<Value>& wrapper() const { return wrapper_root_; }
  // Whether the list was found (the file starts like a live export), as far as read.
  bool in_list() const { return list_depth_ > 0; }

 private:
  enum class Lex { Code, String, Escape, Slash, LineComment, BlockComment, BlockStar };

  void step(char c, std::vector<ResourcePiece>& out);
  // Inside an element, what step() does byte by byte, for as many bytes as only keep the lexer's
  // state, the depth and the line count: up to the end of the element, a comment, or the size
  // limit (step() reports the byte over it where it is). Returns how many bytes it took; most
  // of an export is taken this way.
  size_t inside_element(std::string_view bytes);
  void code(char c, std::vector<ResourcePiece>& out);
  void open(char c);
  void close(std::vector<ResourcePiece>& out);
  void fail(SplitError::Kind kind, std::string message);
  void track_line(char c);
  bool in_wrapper() const;
  bool between_elements() const;
  void start_gap();

  size_t max_piece_;
  size_t offset_ = 0;  // of the byte being read
  uint32_t line_ = 1;
  uint32_t column_before_ = 0;  // code points of the current line before the byte being read
  std::string line_prefix_;     // the current line so far, while under kMaxLinePrefix
  bool prefix_whole_ = true;    // line_prefix_ holds the whole line so far
  std::string gap_;             // since the previous element (or the list's '['), while short
  bool gap_whole_ = false;      // gap_ holds all of it
  uint32_t gap_line_ = 1;       // where gap_ starts
  uint32_t gap_column_before_ = 0;
  Lex lex_ = Lex::Code;
  int depth_ = 0;
  int list_depth_ = 0;  // depth of the list's elements, once found
  bool list_closed_ = false;
  bool top_object_ = false;  // the list is a member of a top-level object
  bool seen_root_ = false;
  std::string last_key_;  // start of the last string at depth 1 of a top-level object
  bool in_key_ = false;
  bool after_element_ = false;  // at the list's depth, an element has just closed
  bool in_piece_ = false;
  size_t pieces_ = 0;
  ResourcePiece piece_;
  // The top-level object without its list (`{"count": 2, "data": []}`), parsed at the end so
  // that a broken wrapper is not taken for a list.
  std::string wrapper_;
  std::optional<Value> wrapper_root_;
  std::optional<SplitError> error_;
};

}  // namespace cmk::json
