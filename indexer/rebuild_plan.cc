#include "indexer/rebuild_plan.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <unordered_map>

#include "core/errors.h"
#include "core/hash.h"
#include "index/report_values.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;
uint64_t id_hash(std::string_view id) { return index::report_id_hash(id); }

std::string plan_fingerprint(const std::vector<Located>& records) {
  uint64_t h = fnv1a({});
  for (const auto& r : records)
    for (const uint64_t v : {r.key, r.id_hash, r.offset, uint64_t{r.input}}) {
      char bytes[8];
      for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(v >> (8 * i));
      h = fnv1a({bytes, 8}, h);
    }
  return std::to_string(records.size()) + " " + std::to_string(h);
}

uint64_t sort_key(const ReportRecord& record) {
  const std::string key = index::occurred_time_value(record.occurred, record.occurred_time, record.id);
  uint64_t n = 0;
  std::from_chars(key.data(), key.data() + 14, n);
  return n;
}

std::string key_string(const Located& record) { return index::occurred_time_value(record.key, record.id_hash); }

// In the order of the value slot's keys: time, then the id's hash.
Plan plan_rebuild(InputScanner& scanner, const index::Places& places, const fs::path& build, LoadStats& stats) {
  const auto& inputs = scanner.inputs();
  Plan plan;
  for (size_t i = 0; i < inputs.size(); ++i)
    plan.read_paths.push_back(inputs[i].key.empty() ? (build / ("stdin." + std::to_string(i) + ".jsonl")).string()
                                                    : inputs[i].path);
  plan.last_lines.assign(inputs.size(), 0);
  std::unordered_map<std::string, size_t> index_of_id;
  std::ofstream copy;  // of the input being read, when it cannot be read again
  uint64_t copy_bytes = 0;
  scanner.run(
      [&](size_t input, const InputLine& line) -> std::optional<Rejection> {
        plan.last_lines[input] = line.number;
        auto parsed = parse_report(line.text, places);
        if (auto* why = std::get_if<Rejection>(&parsed)) return *why;
        const auto& record = std::get<ReportRecord>(parsed);
        Located at{sort_key(record), id_hash(record.id), line.offset, line.number,
                   static_cast<uint32_t>(input), static_cast<uint32_t>(line.text.size())};
        if (inputs[input].key.empty()) {
          if (!copy.is_open()) {
            copy.open(plan.read_paths[input], std::ios::binary | std::ios::trunc);
            copy_bytes = 0;
          }
          at.offset = copy_bytes;
          copy << line.text << '\n';
          if (!copy) throw EnvironmentError("cannot write " + plan.read_paths[input]);
          copy_bytes += line.text.size() + 1;
        }
        const auto [it, fresh] = index_of_id.try_emplace(record.id, plan.records.size());
        if (fresh) {
          plan.records.push_back(at);
        } else {
          plan.records[it->second] = at;  // the last one wins
          ++stats.repeated;
        }
        return std::nullopt;
      },
      [&](size_t, uint64_t) {
        if (!copy.is_open()) return;
        copy.close();
        if (!copy) throw EnvironmentError("cannot write a copy of standard input into " + build.string());
      });
  std::sort(plan.records.begin(), plan.records.end(), [](const Located& a, const Located& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.id_hash != b.id_hash) return a.id_hash < b.id_hash;
    if (a.input != b.input) return a.input < b.input;
    return a.offset < b.offset;
  });
  for (const auto& r : plan.records) plan.bytes += r.length;
  return plan;
}

}  // namespace socialsoeg::indexer
