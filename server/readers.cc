#include "server/readers.h"

#include "core/errors.h"
#include "index/database_dir.h"

namespace socialsoeg::server {

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_ptr<Readers> r;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      r = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!r) r = std::make_unique<Readers>();
  const index::DatabaseDir dir(dir_);
  try {
    const auto generation = dir.live_generation();
    if (!generation) throw EnvironmentError("there is no index in " + dir_.string() + " yet");
    if (r->generation != *generation) {
      r->reports = dir.open_live_for_reading(&identity_);
      r->generation = *generation;
    } else {
      r->reports.reopen();
    }
    std::error_code ec;
    if (!r->residents && std::filesystem::exists(dir.residents_path(), ec))
      r->residents.emplace(dir.residents_path());
    else if (r->residents)
      r->residents->reopen();
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "opening " + dir_.string());
  }
  return Lease(*this, std::move(r));
}

void ReaderPool::give_back(std::unique_ptr<Readers> readers) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(readers));
}

}  // namespace socialsoeg::server
