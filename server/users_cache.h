// The users file as the service reads it on every request: re-read when it
// changes on disk, so that a removed user or a changed role takes effect at
// the next request, not at the next login.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/user_store.h"

namespace socialsoeg::server {

class UsersCache {
 public:
  explicit UsersCache(std::filesystem::path file) : store_(std::move(file)) {}
  std::optional<access::User> find(const std::string& name);
  const access::UserStore& store() const { return store_; }

 private:
  void refresh();  // under mutex_
  access::UserStore store_;
  std::mutex mutex_;
  std::filesystem::file_time_type mtime_{};
  uintmax_t size_ = 0;
  bool loaded_ = false;
  std::vector<access::User> users_;
};

}  // namespace socialsoeg::server
