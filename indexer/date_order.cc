#include "indexer/date_order.h"

#include <algorithm>
#include <charconv>

#include "indexer/schema.h"

namespace socialsoeg::indexer {

std::string occurred_sort_key(const ReportRecord& record) {
  std::string time = record.occurred_time;
  std::erase(time, ':');
  return record.occurred.compact() + (time.empty() ? "000000" : time);
}

DateOrder read_date_order(const Xapian::Database& db) {
  // "<through> <key>"; anything else (an older database, damage) promises nothing.
  const std::string value = db.get_metadata(std::string(schema::kMetaDateOrder));
  const auto space = value.find(' ');
  if (space == std::string::npos) return {};
  DateOrder order;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + space, order.through);
  if (ec != std::errc() || end != value.data() + space || order.through > db.get_lastdocid()) return {};
  order.key = value.substr(space + 1);
  return order;
}

void write_date_order(Xapian::WritableDatabase& db, const DateOrder& order) {
  db.set_metadata(std::string(schema::kMetaDateOrder), std::to_string(order.through) + " " + order.key);
}

}  // namespace socialsoeg::indexer
