#include "server/session_store.h"

#include <sodium.h>

namespace socialsoeg::server {

std::string random_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool tokens_equal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string session_credential(const std::string& password_hash, const std::string& created) {
  return password_hash + '\n' + created;
}

std::string SessionStore::create(const std::string& user, const std::string& credential) {
  const auto t = now();
  Session s{user, credential, random_token(), {}, t, t};
  std::string token = random_token();
  std::lock_guard lock(mutex_);
  // Expired sessions go when new ones come: the map never outgrows the active users by much.
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = (t - it->second.last_seen > idle_ || t - it->second.created > absolute_) ? sessions_.erase(it) : std::next(it);
  sessions_[token] = std::move(s);
  return token;
}

std::optional<Session> SessionStore::touch(const std::string& token) {
  if (token.empty()) return std::nullopt;
  const auto t = now();
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (t - it->second.last_seen > idle_ || t - it->second.created > absolute_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = t;
  return it->second;
}

bool SessionStore::set_purpose(const std::string& token, const std::string& purpose) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return false;
  it->second.purpose = purpose;
  return true;
}

void SessionStore::remove(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

size_t SessionStore::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace socialsoeg::server
