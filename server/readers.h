// Database readers for the service's workers. Xapian database objects are
// not for two threads at once, so each request leases a set of its own;
// leasing moves it to the newest committed revision — and, after a
// `--replace-all`, to the new database — so the service keeps serving while
// the indexer commits or swaps, without a restart and without ever showing
// half a batch (Xapian readers see whole commits) or an empty index (the
// swap is one rename of the stub file).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "index/resident_store.h"

namespace socialsoeg::server {

struct Readers {
  unsigned generation = 0;
  Xapian::Database reports;
  std::optional<index::ResidentStore> residents;  // none until residents are loaded

  // To the newest revision of both, within this generation: for a request
  // that met a load's second commit (query::read_consistently).
  void reopen() {
    reports.reopen();
    if (residents) residents->reopen();
  }
};

class ReaderPool {
 public:
  ReaderPool(std::filesystem::path db_dir, std::string analyzer_identity)
      : dir_(std::move(db_dir)), identity_(std::move(analyzer_identity)) {}

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Readers> readers) : pool_(&pool), readers_(std::move(readers)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (readers_) pool_->give_back(std::move(readers_));
    }
    Readers* operator->() { return readers_.get(); }
    Readers& operator*() { return *readers_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Readers> readers_;
  };

  // Readers at the live generation's newest revision. EnvironmentError when
  // there is no index, or it was built by another analyzer.
  Lease acquire();

 private:
  void give_back(std::unique_ptr<Readers> readers);
  std::filesystem::path dir_;
  std::string identity_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Readers>> idle_;
};

}  // namespace socialsoeg::server
