// The residents register (docs/contract.md §2) in its own Xapian database,
// DIR/residents: one document per registration period. Answers the two
// questions family lookup and screening ask, each by one posting list:
// who lives at unit address X on date D, and where does CPR Y live on D.
//
// A newer extract replaces the older one for the persons it covers: every
// load has a number, and the first row of a person in a load removes that
// person's rows from earlier loads. Each batch of rows is one transaction.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/cpr.h"
#include "core/date.h"
#include "indexer/input_scanner.h"

namespace socialsoeg::indexer {

struct Registration {
  std::string cpr;         // canonical 10 digits
  std::string name;
  std::string address_id;
  Date from;
  std::optional<Date> to;  // nullopt: still living there
  bool covers(Date d) const { return from <= d && (!to || d <= *to); }
};

struct ResidentLoadStats {
  ScanCounters scan;
  std::atomic<uint64_t> stored{0};          // rows written
  std::atomic<uint64_t> persons_replaced{0}; // persons whose earlier rows this load replaced
  std::atomic<uint64_t> batches{0};
  uint64_t load = 0;                        // this load's number
  uint64_t registrations = 0;               // rows in the database at the end
  std::vector<std::filesystem::path> rejects_files;
};

// Loads residents extracts into `db_path` (created when missing).
void load_residents(const std::filesystem::path& db_path, const std::vector<std::string>& inputs,
                    const std::optional<std::filesystem::path>& rejects, size_t batch_size, ResidentLoadStats& stats);

// Read side. Thread-compatible: one per thread.
class ResidentStore {
 public:
  // EnvironmentError when there is no residents database (none loaded yet).
  explicit ResidentStore(const std::filesystem::path& db_path);

  // Everyone registered at `address_id` on `on`, ordered by CPR.
  std::vector<Registration> at_address(const std::string& address_id, Date on) const;
  // The person's registrations, earliest first.
  std::vector<Registration> of_person(const Cpr& cpr) const;
  // Where the person is registered on `on` (the latest move-in, if periods overlap).
  std::optional<Registration> address_of(const Cpr& cpr, Date on) const;

  Xapian::doccount size() const { return db_.get_doccount(); }
  // Moves to the newest committed load (a long-running reader, the web service).
  void reopen() { db_.reopen(); }

 private:
  std::vector<Registration> read(const std::string& term) const;
  Xapian::Database db_;
};

}  // namespace socialsoeg::indexer
