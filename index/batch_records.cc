#include "index/batch_records.h"

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/hash.h"
#include "index/schema.h"

namespace socialsoeg::index {

uint64_t last_batch(const Xapian::Database& db) {
  const std::string value = db.get_metadata(std::string(schema::kMetaLastBatch));
  return value.empty() ? 0 : std::stoull(value);
}

std::string encode_batch_record(const BatchRecord& r) {
  nlohmann::json j = {{"batch", r.batch}, {"records", r.records}, {"time", r.time}};
  if (r.kind) {
    j["kind"] = *r.kind;
    j["inputs"] = r.inputs;
    j["shards"] = r.shards;
  } else {
    j["input"] = r.input;
    j["first_line"] = r.first_line;
    j["last_line"] = r.last_line;
    j["offset"] = r.offset;
  }
  return j.dump();
}

std::string encode_resume_record(const ResumeRecord& r) {
  nlohmann::json j = {{"input", r.input}, {"key", r.key}, {"batch", r.batch}, {"offset", r.offset}, {"complete", r.complete}};
  if (r.line) j["line"] = *r.line;
  return j.dump();
}

ResumeRecord decode_resume_record(std::string_view text) {
  // Written by the loader itself: anything else is a damaged database.
  try {
    const auto j = nlohmann::json::parse(text);
    if (!j.is_object()) throw EnvironmentError("a resume record in the index is not a JSON object (damaged index)");
    ResumeRecord r;
    r.input = j.value("input", "");
    r.key = j.value("key", "");
    r.batch = j.value("batch", uint64_t{0});
    r.offset = j.value("offset", uint64_t{0});
    if (j.contains("line")) r.line = j.value("line", uint64_t{0});
    r.complete = j.value("complete", false);
    return r;
  } catch (const nlohmann::json::exception& e) {
    throw EnvironmentError(std::string("a resume record in the index is damaged: ") + e.what());
  }
}

std::string run_key(const std::string& input_key) {
  return std::string(schema::kMetaRunPrefix) + blake2b_hex(input_key, 16);
}

}  // namespace socialsoeg::index
