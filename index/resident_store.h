// The residents register (docs/contract.md §2) in its own Xapian database,
// DIR/residents: one document per registration period. Answers the two
// questions family lookup and screening ask, each by one posting list:
// who lives at unit address X on date D, and where does CPR Y live on D.
//
// Here is what such a document holds (written by the loader,
// indexer/resident_loader.h, read by ResidentStore), so the two cannot
// disagree. A newer extract replaces the older one for the persons it
// covers: every load has a number (kSlotLoad), and the loader's first row of
// a person in a load removes that person's rows from earlier loads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/cpr.h"
#include "core/date.h"

namespace socialsoeg::index {

struct Registration {
  std::string cpr;         // canonical 10 digits
  std::string name;
  std::string address_id;
  Date from;
  std::optional<Date> to;  // nullopt: still living there
  bool covers(Date d) const { return from <= d && (!to || d <= *to); }
};

// What kSlotLoad holds for load `number` (sortable_serialise).
std::string resident_load_value(uint64_t number);

// The document of one registration period, stamped with `load_value`.
Xapian::Document resident_document(const Registration& r, const std::string& load_value);

// A term unique to one registration row (person, move-in day, address), so
// the same row twice in one extract is stored once: replace_document() key.
std::string resident_row_term(const Registration& r);

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

}  // namespace socialsoeg::index
