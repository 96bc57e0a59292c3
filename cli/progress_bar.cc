#include "cli/progress_bar.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace socialsoeg::cli {
namespace {

std::string duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, s / 60 % 60);
  else
    std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
  return text;
}

}  // namespace

bool stderr_is_terminal() {
  const char* term = std::getenv("TERM");
  return ::isatty(2) && !(term && std::strcmp(term, "dumb") == 0);
}

ProgressBar::ProgressBar(bool enabled, std::function<Reading()> read) : read_(std::move(read)), enabled_(enabled) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      draw(read_(), seconds);
    }
  });
}

ProgressBar::~ProgressBar() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
  std::fputs("\r\033[K", stderr);  // clear the line for the summary
  std::fflush(stderr);
}

void ProgressBar::draw(const Reading& r, double seconds) const {
  const double rate = seconds > 0 ? static_cast<double>(r.records) / seconds : 0;
  std::string line = "\r\033[K";
  char text[160];
  if (r.total_bytes > 0) {
    const double share = std::min(1.0, static_cast<double>(r.bytes) / static_cast<double>(r.total_bytes));
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(share * kWidth);
    // Appended piece by piece: GCC 12 misreports operator+ chains here (-Wrestrict).
    line += '[';
    line.append(static_cast<size_t>(filled), '#');
    line.append(static_cast<size_t>(kWidth - filled), ' ');
    line += "] ";
    const double eta = share > 0.001 ? seconds * (1 - share) / share : 0;
    std::snprintf(text, sizeof text, "%3.0f%%  %llu records  %.0f/s  ETA %s", share * 100,
                  static_cast<unsigned long long>(r.records), rate, share > 0.001 ? duration(eta).c_str() : "?");
  } else {
    std::snprintf(text, sizeof text, "%llu records  %.0f/s  %s", static_cast<unsigned long long>(r.records), rate,
                  duration(seconds).c_str());
  }
  line += text;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace socialsoeg::cli
