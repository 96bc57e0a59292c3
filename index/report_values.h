// The value slots of a report document (schema::ReportSlot), each with its
// one encoder and decoder: the loader writes a slot only through these and
// every reader (search, family, screening, saved searches) reads it only
// through these, so what a slot holds is said once. The token offsets and
// the stored report have their own files (token_offsets.h, stored_report.h):
// they are formats of their own, not a line of text.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "index/person_role.h"

namespace socialsoeg::index {

// kSlotOccurredDate: YYYYMMDD, what Xapian's value ranges compare.
std::string occurred_date_value(Date occurred);
std::optional<Date> decode_occurred_date(std::string_view value);

// kSlotOccurredTime: YYYYMMDDHHMMSS, time 000000 for a report without one,
// then 16 hex digits of report_id_hash(id): the sort key of newest first and
// of the date order (date_order.h). The id's hash makes every key unique, so
// reports of the very same time come in one order whatever their docids —
// the same in one database as across several (a national search), and the
// same after a rebuild. `time` is "HH:MM:SS" or empty.
std::string occurred_time_value(Date occurred, std::string_view time, std::string_view id);
// The same from its parts: `time_key` YYYYMMDDHHMMSS as a number.
std::string occurred_time_value(uint64_t time_key, uint64_t id_hash);
// FNV-1a (64 bits) of a report's id: the same on every platform and run.
uint64_t report_id_hash(std::string_view id);

// kSlotIngestBatch: the number of the batch that brought this content,
// sortable_serialise'd; an empty value (no batch) reads as 0.
std::string batch_value(uint64_t batch);
uint64_t decode_batch(std::string_view value);

// kSlotContentHash: 16 bytes of BLAKE2b of the stored report's bytes, so an
// unchanged record is not rewritten.
std::string content_hash_value(std::string_view stored_report_bytes);

// kSlotRiskConcepts: the ids of the risk concepts the report affirms, in
// order, space separated; no value when there are none.
std::string risk_concepts_value(const std::set<std::string>& concept_ids);
std::vector<std::string> decode_risk_concepts(std::string_view value);

// kSlotPersons: "<cpr>:<role>" of every person named, space separated, in
// the report's order; no value when there are none.
struct PersonEntry {
  std::string cpr;   // canonical ten digits
  std::string role;  // as stored (to_string(PersonRole))
};
void append_person(std::string& value, std::string_view cpr, PersonRole role);
// Entries without a ':' are skipped (damage shows as fewer persons, never a crash).
std::vector<PersonEntry> decode_persons(std::string_view value);

}  // namespace socialsoeg::index
