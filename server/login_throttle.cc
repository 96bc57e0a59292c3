#include "server/login_throttle.h"

#include <algorithm>

namespace socialsoeg::server {

void LoginThrottle::fail(Record& r, Clock::time_point t, int free) {
  if (t - r.last > kWindow) r.failures = 0;  // an old streak is forgiven
  ++r.failures;
  r.last = t;
  // The free-th failure already locks: three wrong passwords, then a wait.
  if (r.failures >= free) {
    const int doublings = std::min(r.failures - free, 20);
    const auto lock = std::min<std::chrono::seconds>(kFirstLock * (1L << doublings), kMaxLock);
    r.locked_until = t + lock;
  }
}

long LoginThrottle::wait(const Record& r, Clock::time_point t) const {
  if (r.locked_until <= t) return 0;
  return std::chrono::duration_cast<std::chrono::seconds>(r.locked_until - t).count() + 1;
}

long LoginThrottle::wait_seconds(const std::string& user, const std::string& client) {
  const auto t = now();
  std::lock_guard lock(mutex_);
  long w = 0;
  if (const auto it = by_user_.find(user); it != by_user_.end()) w = std::max(w, wait(it->second, t));
  if (const auto it = by_client_.find(client); it != by_client_.end()) w = std::max(w, wait(it->second, t));
  return w;
}

void LoginThrottle::failed(const std::string& user, const std::string& client) {
  const auto t = now();
  std::lock_guard lock(mutex_);
  if (by_user_.size() > 100000) by_user_.clear();  // bounded memory under a flood of made-up names
  if (by_client_.size() > 100000) by_client_.clear();
  fail(by_user_[user], t, kFreePerUser);
  fail(by_client_[client], t, kFreePerClient);
}

void LoginThrottle::succeeded(const std::string& user, const std::string&) {
  // The user's streak ends; the address's does not: anyone with an account of
  // their own could otherwise log in between guesses at others' passwords.
  std::lock_guard lock(mutex_);
  by_user_.erase(user);
}

}  // namespace socialsoeg::server
