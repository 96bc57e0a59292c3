// The stored report of a report document: what results, family cards, the
// screening and socialrapport drafts show, kept in a value slot
// (schema::kSlotStoredReport says why not in Xapian's document data).
//
// A compact binary record rather than JSON: showing a hit is then a copy of a
// few strings instead of a parse, and the record is smaller to store and to
// read back (docs/schema.md "document data" gives the layout). Decoding checks
// every length, so damaged data is an error, never a read past the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace socialsoeg::index {

struct StoredPerson {
  std::string cpr;  // canonical ten digits
  std::string name;
  std::string role;
  bool operator==(const StoredPerson&) const = default;
};

// One concept mention as the analyzer found it: byte offsets into its field.
struct StoredMention {
  std::string concept_id;
  bool affirmed = true;
  bool in_title = false;  // else in the text
  uint32_t start = 0, end = 0;
  bool operator==(const StoredMention&) const = default;
};

struct StoredReport {
  std::string id, source, district;
  std::string occurred;  // YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS
  std::string title, text;
  std::string case_number, municipality, address_id, address_text;  // empty when absent
  std::vector<StoredPerson> persons;
  std::vector<StoredMention> mentions;  // in text order, title first

  bool operator==(const StoredReport&) const = default;
};

std::string encode_stored_report(const StoredReport& report);

// nullopt when `bytes` is not a stored report of this format (another format
// version, a length past the end, bytes left over).
std::optional<StoredReport> decode_stored_report(std::string_view bytes);

// Like decode_stored_report, but a damaged record is an EnvironmentError (a
// damaged database) naming the document.
StoredReport read_stored_report(std::string_view bytes, uint32_t docid);
// The stored report of a report document (schema::kSlotStoredReport): what
// readers call on what the indexer wrote.
StoredReport read_stored_report(const Xapian::Document& doc);

}  // namespace socialsoeg::index
