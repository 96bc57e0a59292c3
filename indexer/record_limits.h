// Documented limits on input records (docs/schema.md, "Input limits").
// Records over a limit are rejected, not truncated: a truncated report would
// be indexed as something the police never wrote.
#pragma once

#include <cstddef>

namespace socialsoeg::indexer {

// One JSON line. The longest journal notes seen run to a few tens of KB; a
// megabyte is far beyond any real note and keeps each record's memory small.
inline constexpr size_t kMaxRecordBytes = 1 << 20;
// Identifiers become Xapian terms, whose limit is 245 bytes with the prefix.
inline constexpr size_t kMaxIdBytes = 200;
inline constexpr size_t kMaxPersons = 200;

}  // namespace socialsoeg::indexer
