// Reads JSON Lines input — a file or standard input — one line at a time,
// with the line number and byte offsets that error reports, the rejects file
// and resumable runs need.
//
// Handles what real exports contain: a UTF-8 byte-order mark at the start,
// CRLF line endings, blank lines (skipped), and a last line without a
// newline (returned like any other; a truncated record then fails JSON
// parsing and is rejected, never silently dropped). A line longer than
// `max_line_bytes` is not held in memory: its bytes are streamed to the
// overflow sink (the rejects file) and the line is returned with
// too_long set, so memory stays bounded whatever the input.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace socialsoeg::indexer {

struct InputLine {
  std::string_view text;  // without BOM, CR and LF; valid until the next call to next()
  uint64_t number = 0;    // 1-based line number
  uint64_t offset = 0;    // byte offset of the line's first byte
  uint64_t end = 0;       // byte offset just past the line's newline
  bool too_long = false;  // text is empty; the bytes went to the overflow sink
};

class LineReader {
 public:
  // Receives the raw bytes of an over-long line in pieces; `last` marks the final piece.
  using OverflowSink = std::function<void(std::string_view bytes, bool last)>;

  // `path` "-" reads standard input. Throws EnvironmentError when the file cannot be opened.
  LineReader(const std::string& path, size_t max_line_bytes, OverflowSink overflow);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // False at the end of input. Throws EnvironmentError on a read error.
  bool next(InputLine& line);

  const std::string& name() const { return name_; }  // the path, or "stdin"
  uint64_t bytes_read() const { return consumed_; }

 private:
  bool fill();  // reads more input after the buffered bytes; false at EOF

  std::string name_;
  int fd_ = -1;
  bool owns_fd_ = false;
  size_t max_line_bytes_;
  OverflowSink overflow_;
  std::vector<char> buffer_;
  size_t begin_ = 0, end_ = 0;  // unread bytes in buffer_
  uint64_t buffer_offset_ = 0;  // input offset of buffer_[0]
  uint64_t consumed_ = 0;       // input offset of buffer_[begin_]
  uint64_t line_number_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
};

}  // namespace socialsoeg::indexer
