#include "index/date_order.h"

#include <charconv>

#include "index/schema.h"

namespace socialsoeg::index {

DateOrder read_date_order(const Xapian::Database& db) {
  // Several databases searched as one (district databases) interleave their
  // docids, and Xapian reads metadata from the first alone: the promise of
  // one of them says nothing about the whole. Xapian sorts.
  if (db.size() != 1) return {};
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

}  // namespace socialsoeg::index
