#include "server/users_cache.h"

namespace socialsoeg::server {

void UsersCache::refresh() {
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(store_.path(), ec);
  if (ec) {
    users_.clear();  // no users file: nobody
    loaded_ = false;
    return;
  }
  const auto size = std::filesystem::file_size(store_.path(), ec);
  if (loaded_ && mtime == mtime_ && size == size_) return;
  users_ = store_.list();
  mtime_ = mtime;
  size_ = size;
  loaded_ = true;
}

std::optional<access::User> UsersCache::find(const std::string& name) {
  std::lock_guard lock(mutex_);
  refresh();
  for (const auto& u : users_)
    if (u.name == name) return u;
  return std::nullopt;
}

}  // namespace socialsoeg::server
