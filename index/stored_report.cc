#include "index/stored_report.h"

#include "core/errors.h"
#include "core/varint.h"
#include "index/schema.h"

namespace socialsoeg::index {
namespace {

// The first byte of every record: a reader meeting another value knows the
// layout changed (the schema version says so before that ever happens).
constexpr char kFormat = '\x01';

constexpr uint8_t kAffirmed = 1;
constexpr uint8_t kInTitle = 2;

void put_string(std::string& out, std::string_view s) {
  put_varint(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

bool get_string(std::string_view& in, std::string& s) {
  uint32_t n = 0;
  if (!get_varint(in, n) || n > in.size()) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

}  // namespace

std::string encode_stored_report(const StoredReport& r) {
  std::string out;
  out.reserve(64 + r.title.size() + r.text.size() + 48 * r.persons.size() + 16 * r.mentions.size());
  out += kFormat;
  for (const std::string* s : {&r.id, &r.source, &r.district, &r.occurred, &r.title, &r.text, &r.case_number,
                               &r.municipality, &r.address_id, &r.address_text})
    put_string(out, *s);
  put_varint(out, static_cast<uint32_t>(r.persons.size()));
  for (const auto& p : r.persons) {
    put_string(out, p.cpr);
    put_string(out, p.name);
    put_string(out, p.role);
  }
  put_varint(out, static_cast<uint32_t>(r.mentions.size()));
  for (const auto& m : r.mentions) {
    put_string(out, m.concept_id);
    out += static_cast<char>((m.affirmed ? kAffirmed : 0) | (m.in_title ? kInTitle : 0));
    put_varint(out, m.start);
    put_varint(out, m.end - m.start);
  }
  return out;
}

std::optional<StoredReport> decode_stored_report(std::string_view in) {
  if (in.empty() || in.front() != kFormat) return std::nullopt;
  in.remove_prefix(1);
  StoredReport r;
  for (std::string* s : {&r.id, &r.source, &r.district, &r.occurred, &r.title, &r.text, &r.case_number,
                         &r.municipality, &r.address_id, &r.address_text})
    if (!get_string(in, *s)) return std::nullopt;
  uint32_t n = 0;
  // Each entry takes at least three bytes: a count beyond that is damage, not a reason to allocate.
  if (!get_varint(in, n) || n > in.size() / 3) return std::nullopt;
  r.persons.resize(n);
  for (auto& p : r.persons)
    if (!get_string(in, p.cpr) || !get_string(in, p.name) || !get_string(in, p.role)) return std::nullopt;
  if (!get_varint(in, n) || n > in.size() / 3) return std::nullopt;
  r.mentions.resize(n);
  for (auto& m : r.mentions) {
    uint32_t length = 0;
    if (!get_string(in, m.concept_id) || in.empty()) return std::nullopt;
    const auto flags = static_cast<uint8_t>(in.front());
    in.remove_prefix(1);
    if (flags & ~(kAffirmed | kInTitle)) return std::nullopt;
    m.affirmed = flags & kAffirmed;
    m.in_title = flags & kInTitle;
    if (!get_varint(in, m.start) || !get_varint(in, length)) return std::nullopt;
    const size_t field_size = m.in_title ? r.title.size() : r.text.size();
    if (length > field_size || m.start > field_size - length) return std::nullopt;
    m.end = m.start + length;
  }
  if (!in.empty()) return std::nullopt;
  return r;
}

StoredReport read_stored_report(std::string_view bytes, uint32_t docid) {
  auto r = decode_stored_report(bytes);
  if (!r)
    throw EnvironmentError("report document " + std::to_string(docid) +
                             ": stored data is damaged or of another format (re-index with --replace-all)");
  return std::move(*r);
}

StoredReport read_stored_report(const Xapian::Document& doc) {
  return read_stored_report(doc.get_value(schema::kSlotStoredReport), doc.get_docid());
}

}  // namespace socialsoeg::index
