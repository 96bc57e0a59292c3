// A progress line on stderr for long loads, drawn only when stderr is a
// terminal: records, records/s, share of the input and ETA. (No C++ progress
// bar library is packaged in Debian 12; this is the small part we need.)
//
// A background thread polls the caller's counters five times a second, so
// the loaders never pay for drawing.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace socialsoeg::cli {

class ProgressBar {
 public:
  struct Reading {
    uint64_t records;      // records done
    uint64_t bytes;        // input bytes read
    uint64_t total_bytes;  // 0 when unknown (stdin)
  };
  // Starts drawing when `enabled` (typically isatty(2)); `read` is called
  // from the drawing thread and must only read atomics.
  ProgressBar(bool enabled, std::function<Reading()> read);
  ~ProgressBar();  // stops and clears the line

 private:
  void draw(const Reading& r, double seconds) const;

  std::function<Reading()> read_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  bool enabled_;
};

// True when stderr is a terminal (and TERM is not "dumb").
bool stderr_is_terminal();

}  // namespace socialsoeg::cli
