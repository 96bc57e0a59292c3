// Logged-in sessions: a random token in an HttpOnly, SameSite=Strict cookie,
// with an idle and an absolute expiry, a CSRF token for every state-changing
// request, and the purpose the officer gave (asked once, kept, changeable).
// In memory: a restart logs everybody out, which is the safe direction.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace socialsoeg::server {

struct Session {
  std::string user;
  // Who the user was at login: their password hash and when the account was
  // made (session_credential). A session whose user has since changed
  // password, or was removed and made again under the same name, is void.
  std::string credential;
  std::string csrf;     // sent back in X-CSRF-Token on POST and DELETE
  std::string purpose;  // empty until the user gives one
  std::chrono::steady_clock::time_point created, last_seen;
};

class SessionStore {
 public:
  using Clock = std::chrono::steady_clock;
  SessionStore(std::chrono::minutes idle, std::chrono::hours absolute) : idle_(idle), absolute_(absolute) {}

  // A new session for `user`, bound to `credential`; returns its token.
  std::string create(const std::string& user, const std::string& credential);
  // The live session of `token` (and marks it used), or nullopt when unknown or expired.
  std::optional<Session> touch(const std::string& token);
  bool set_purpose(const std::string& token, const std::string& purpose);
  void remove(const std::string& token);
  size_t size() const;

  // For tests of expiry: what "now" is.
  void set_clock_for_tests(std::function<Clock::time_point()> now) { now_ = std::move(now); }

 private:
  Clock::time_point now() const { return now_ ? now_() : Clock::now(); }
  std::chrono::minutes idle_;
  std::chrono::hours absolute_;
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

// What binds a session to an account: its password hash (salted, so a new
// password — even the same one — changes it) and when the account was made.
std::string session_credential(const std::string& password_hash, const std::string& created);

// 32 random bytes in hex: session and CSRF tokens.
std::string random_token();
// Constant-time comparison of two tokens.
bool tokens_equal(const std::string& a, const std::string& b);

}  // namespace socialsoeg::server
