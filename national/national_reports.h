// The districts' reports databases opened as one Xapian database — Xapian's
// own multi-database: statistics (and so BM25 scores) are those of all the
// reports together, docids interleave, and a match runs on every shard at
// once (remote shards on their own hosts). Which districts answered and which
// could not be reached is part of every answer: a district that is down is
// never silently missing.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "national/shard_config.h"

namespace socialsoeg::national {

struct MissingDistrict {
  std::string district;
  std::string why;  // "connection refused", "built by another analyzer": no personal data
};

struct NationalReports {
  Xapian::Database db;                   // every reached district's reports, as one
  std::vector<std::string> reached;      // district slugs, in the configuration's order
  std::vector<MissingDistrict> missing;  // could not be opened (down, refused, another analyzer)
};

// Opens every shard of `config`; a shard that cannot be opened, or was built
// by another analyzer or schema, is named in `missing` and left out.
// EnvironmentError when none can be opened.
NationalReports open_national(const ShardConfig& config, const std::string& analyzer_identity);

}  // namespace socialsoeg::national
