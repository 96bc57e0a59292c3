#include "indexer/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/errors.h"

namespace socialsoeg::indexer {
namespace {

// Large reads keep system calls rare; the buffer holds at least one line of
// the maximum size plus one read.
constexpr size_t kReadSize = 1 << 20;

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t') return false;
  return true;
}

}  // namespace

LineReader::LineReader(const std::string& path, size_t max_line_bytes, OverflowSink overflow)
    : max_line_bytes_(max_line_bytes), overflow_(std::move(overflow)) {
  if (path == "-") {
    name_ = "stdin";
    fd_ = 0;
  } else {
    name_ = path;
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw EnvironmentError("cannot open " + path + ": " + std::strerror(errno));
    owns_fd_ = true;
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  buffer_.resize(max_line_bytes_ + kReadSize + 1);
}

LineReader::~LineReader() {
  if (owns_fd_) ::close(fd_);
}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // keep the unread bytes, at the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    buffer_offset_ += begin_;
    end_ -= begin_;
    begin_ = 0;
  }
  const size_t room = buffer_.size() - end_;
  if (room == 0) return true;  // full: the caller treats the line as over-long
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.data() + end_, std::min(room, kReadSize));
  } while (n < 0 && errno == EINTR);
  if (n < 0) throw EnvironmentError("cannot read " + name_ + ": " + std::strerror(errno));
  if (n == 0) {
    eof_ = true;
    return false;
  }
  end_ += static_cast<size_t>(n);
  return true;
}

bool LineReader::next(InputLine& line) {
  for (;;) {
    if (at_start_) {  // a byte-order mark is not part of the first record
      while (end_ - begin_ < 3 && fill()) {
      }
      if (end_ - begin_ >= 3 && std::memcmp(buffer_.data() + begin_, "\xEF\xBB\xBF", 3) == 0) begin_ += 3;
      at_start_ = false;
    }
    size_t scanned = begin_;
    const char* newline = nullptr;
    bool too_long = false;
    for (;;) {
      newline = static_cast<const char*>(std::memchr(buffer_.data() + scanned, '\n', end_ - scanned));
      if (newline) break;
      if (end_ - begin_ > max_line_bytes_) {
        too_long = true;
        break;
      }
      scanned = end_;
      const size_t before = begin_;
      if (!fill()) break;
      scanned -= before - begin_;  // fill() moved the unread bytes to the front
    }
    const uint64_t offset = buffer_offset_ + begin_;
    if (too_long) {
      // Stream the line to the sink piece by piece until its newline.
      line = InputLine{};
      line.number = ++line_number_;
      line.offset = offset;
      line.too_long = true;
      for (;;) {
        const char* nl = static_cast<const char*>(std::memchr(buffer_.data() + begin_, '\n', end_ - begin_));
        const size_t stop = nl ? static_cast<size_t>(nl - buffer_.data()) : end_;
        if (overflow_) overflow_(std::string_view(buffer_.data() + begin_, stop - begin_), nl != nullptr);
        begin_ = nl ? stop + 1 : stop;
        if (nl) break;
        if (!fill()) {
          if (overflow_) overflow_({}, true);
          break;
        }
      }
      consumed_ = line.end = buffer_offset_ + begin_;
      return true;
    }
    if (!newline && begin_ == end_) return false;  // end of input
    const size_t stop = newline ? static_cast<size_t>(newline - buffer_.data()) : end_;
    std::string_view text(buffer_.data() + begin_, stop - begin_);
    begin_ = newline ? stop + 1 : stop;
    consumed_ = buffer_offset_ + begin_;
    ++line_number_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (blank(text)) continue;
    line = InputLine{text, line_number_, offset, consumed_, false};
    return true;
  }
}

}  // namespace socialsoeg::indexer
