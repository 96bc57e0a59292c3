// Repeated failed logins slow down: after kFreePerUser failures within the
// window for a user name — or kFreePerClient for a client address, higher
// because a police station's officers may share one — further attempts are
// refused (429) for a time that doubles with each failure, up to kMaxLock.
// A good login ends its user's streak, not its address's.
// No thread sleeps: the refusal is immediate, the wait is the client's.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace socialsoeg::server {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreePerUser = 3, kFreePerClient = 20;
  static constexpr std::chrono::seconds kFirstLock{2}, kMaxLock{15 * 60}, kWindow{15 * 60};

  // Seconds to wait before `user` may try again from `client` (0: now).
  long wait_seconds(const std::string& user, const std::string& client);
  void failed(const std::string& user, const std::string& client);
  void succeeded(const std::string& user, const std::string& client);

  void set_clock_for_tests(std::function<Clock::time_point()> now) { now_ = std::move(now); }

 private:
  struct Record {
    int failures = 0;
    Clock::time_point last, locked_until;
  };
  Clock::time_point now() const { return now_ ? now_() : Clock::now(); }
  void fail(Record& r, Clock::time_point t, int free);
  long wait(const Record& r, Clock::time_point t) const;

  std::function<Clock::time_point()> now_;
  std::mutex mutex_;
  std::unordered_map<std::string, Record> by_user_, by_client_;
};

}  // namespace socialsoeg::server
