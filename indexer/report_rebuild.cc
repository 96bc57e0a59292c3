// rebuild_reports(): `index --replace-all` (report_loader.h).
//
// Two passes. The first reads and validates every input — rejects reported
// and written as in a daily load — and keeps, for the last valid record of
// each id, where it is and when it happened. The records are then numbered
// by time, oldest first, so that "newest first" over any filter is "highest
// docid first" (index/date_order.h), and the numbering is cut into one consecutive
// range per worker thread. Xapian writes one database from one thread, and
// its write path, not our analysis, is the slowest stage (bench/index.sh):
// so each worker reads its range back, analyses it and writes it into its
// own sub-database ("shard"). Xapian's compactor merges the shards in range
// order, which keeps the numbering, into the new generation, switched in
// with one rename (index/database_dir.h).
//
// Resuming: the build folder keeps a manifest of the inputs and a
// fingerprint of the plan; a shard only adds, so its last docid says how much
// of its range it holds. A run started again with the same inputs checks that
// it planned the same and skips that much. Standard input (or a pipe) cannot be read
// twice: its valid records wait in the build folder for the second pass.
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <exception>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "core/date.h"
#include "core/errors.h"
#include "core/files.h"
#include "index/batch_records.h"
#include "index/date_order.h"
#include "index/report_values.h"
#include "index/schema.h"
#include "indexer/load_support.h"
#include "indexer/report_loader.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;
namespace {

constexpr const char* kShardMark = "socialsoeg.shard.mark";

// Documents per shard commit. Xapian's in-memory buffers, not its commits,
// are what cost: re-adding 20,000 prepared documents ran at 6,480 docs/s
// committing every 500 and 4,567 every 10,000 (bench/xapian_write_ceiling.cc);
// the whole rebuild of 200,000 reports with two shards took 33.0 s at 500
// per shard, 35.7 s at 1,000 and 35.5 s at 5,000, with peak RSS 74, 91 and
// 323 MB.
constexpr size_t kShardCommitDocs = 500;

// One record to index: where its line is, when it happened and whose it is.
// 40 bytes, so a million reports plan in 40 MB (and about 100 MB more for
// the map of ids while planning).
struct Located {
  uint64_t key = 0;      // its sort key (index::occurred_time_value) as a number, YYYYMMDDHHMMSS
  uint64_t id_hash = 0;  // id_hash() of the record's id: the second pass checks it read this record
  uint64_t offset = 0;   // of the line's text in the file the second pass reads
  uint64_t line = 0;    // line number in its input, for messages
  uint32_t input = 0;   // index into the inputs
  uint32_t length = 0;  // bytes of the line's text (at most kMaxRecordBytes)
};

// The records of a rebuild in docid order, and where to read them.
struct Plan {
  std::vector<Located> records;
  std::vector<std::string> read_paths;  // per input: the file itself, or the copy of stdin
  uint64_t bytes = 0;                   // of all records' text, for progress
};

// FNV-1a, continuing from `h`: the same across runs and platforms, as a
// resumed run needs.
uint64_t fnv1a(std::string_view bytes, uint64_t h = 1469598103934665603ull) {
  for (const unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

uint64_t id_hash(std::string_view id) { return fnv1a(id); }

// What a resumed run compares to know it planned as the interrupted one did
// (the program or the places file may have changed what passes the checks).
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

// The sort key of a record (kSlotOccurredTime), as the number plans compare.
uint64_t sort_key(const ReportRecord& record) {
  const std::string key = index::occurred_time_value(record.occurred, record.occurred_time);
  uint64_t n = 0;
  std::from_chars(key.data(), key.data() + key.size(), n);
  return n;
}

std::string key_string(uint64_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 14 ? 14 - digits.size() : 0, '0') + digits;
}

// The first pass: validates every line (rejections go through the scanner),
// keeps the last valid record of each id, and orders them by time; equal
// times keep input order.
Plan plan_rebuild(InputScanner& scanner, const index::Places& places, const fs::path& build, LoadStats& stats) {
  const auto& inputs = scanner.inputs();
  Plan plan;
  for (size_t i = 0; i < inputs.size(); ++i)
    plan.read_paths.push_back(inputs[i].key.empty() ? (build / ("stdin." + std::to_string(i) + ".jsonl")).string()
                                                    : inputs[i].path);
  std::unordered_map<std::string, size_t> index_of_id;
  std::ofstream copy;  // of the input being read, when it cannot be read again
  uint64_t copy_bytes = 0;
  scanner.run(
      [&](size_t input, const InputLine& line) -> std::optional<Rejection> {
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
    if (a.input != b.input) return a.input < b.input;
    return a.offset < b.offset;
  });
  for (const auto& r : plan.records) plan.bytes += r.length;
  return plan;
}

// Reads planned records back; shared by the workers (pread has no file position).
class RecordReader {
 public:
  RecordReader(const std::vector<InputFile>& inputs, const std::vector<std::string>& paths) : inputs_(inputs) {
    for (const auto& path : paths) {
      // A copy of stdin exists only when it had records: a failed open is an
      // error only when a record is read from it.
      const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      open_errors_.push_back(fd < 0 ? std::strerror(errno) : "");
      fds_.push_back(fd);
    }
  }
  ~RecordReader() {
    for (const int fd : fds_)
      if (fd >= 0) ::close(fd);
  }
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // The record, validated again: the input must not change between the passes.
  ReportRecord read(const Located& at, const index::Places& places, std::string& buffer) const {
    if (fds_[at.input] < 0) throw changed(at, "cannot open it: " + open_errors_[at.input]);
    buffer.resize(at.length);
    size_t got = 0;
    while (got < at.length) {
      const ssize_t n = ::pread(fds_[at.input], buffer.data() + got, at.length - got, static_cast<off_t>(at.offset + got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw changed(at, n < 0 ? std::strerror(errno) : "it is shorter");
      got += static_cast<size_t>(n);
    }
    auto parsed = parse_report(buffer, places);
    if (std::holds_alternative<Rejection>(parsed)) throw changed(at, "the record no longer passes its checks");
    auto& record = std::get<ReportRecord>(parsed);
    if (id_hash(record.id) != at.id_hash || sort_key(record) != at.key)
      throw changed(at, "another record is there now");
    return std::move(record);
  }

 private:
  EnvironmentError changed(const Located& at, const std::string& why) const {
    return EnvironmentError(inputs_[at.input].path + ":" + std::to_string(at.line) +
                            ": the input changed while it was indexed (" + why + "); run the command again");
  }
  const std::vector<InputFile>& inputs_;
  std::vector<int> fds_;
  std::vector<std::string> open_errors_;
};

// How many records of its range a shard holds.
struct Mark {
  uint64_t done = 0;
  bool complete = false;
};

nlohmann::json manifest_for(const std::vector<InputFile>& inputs, unsigned shards, uint64_t base_batch,
                            const std::string& identity) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& in : inputs) keys.push_back(in.key);
  return {{"inputs", keys}, {"shards", shards}, {"base_batch", base_batch}, {"analyzer", identity}, {"order", "time"}};
}

bool resumable(const nlohmann::json& manifest) {
  for (const auto& key : manifest["inputs"])
    if (key.get<std::string>().empty()) return false;  // stdin cannot be read twice
  return true;
}

// The build folder's small files (manifest, plan) are replaced whole and
// synced (core/files.h): a crash leaves the old one or the new, which is what
// a resumed run compares against.
constexpr unsigned kBuildFileMode = 0644;

// Removes a partial build of another generation or other inputs; returns
// true when `build` holds a resumable build of exactly these inputs.
bool prepare_build_dir(const index::DatabaseDir& dir, const fs::path& build, const nlohmann::json& manifest) {
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("reports.") && name.ends_with(".build") && entry.path() != build) fs::remove_all(entry.path());
  }
  if (fs::exists(build)) {
    const auto old = nlohmann::json::parse(read_file_or_empty(build / "manifest.json"), nullptr,
                                           /*allow_exceptions=*/false);
    if (old == manifest && resumable(manifest)) return true;
    fs::remove_all(build);
  }
  fs::create_directories(build);
  replace_file(build / "manifest.json", manifest.dump(), kBuildFileMode);
  sync_path(dir.path());
  return false;
}

class ShardWriter {
 public:
  ShardWriter(fs::path path, const std::optional<fs::path>& old_generation, uint64_t build_batch,
              const analysis::Analyzer& analyzer, size_t commit_every, LoadStats& stats)
      : db_(path.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC),
        build_batch_(build_batch),
        builder_(analyzer),
        commit_every_(commit_every),
        stats_(stats) {
    if (old_generation) old_ = Xapian::Database(old_generation->string());
    // A shard only ever adds, so its last docid is how much of its range it
    // holds — also after a failure, when closing the database committed
    // documents added since the last mark.
    mark_.done = db_.get_lastdocid();
    mark_.complete = db_.get_metadata(kShardMark) == "complete";
    pending_ = mark_;
  }

  const Mark& mark() const { return mark_; }

  void add(const ReportRecord& record) {
    store(builder_.build(record, workspace_, tokens_));
    ++pending_.done;
    if (++since_commit_ >= commit_every_) commit();
  }

  void finish() {
    pending_.complete = true;
    commit();
  }

 private:
  void store(PreparedReport p) {
    std::string batch = index::batch_value(build_batch_);
    std::atomic<uint64_t>* counter = &stats_.added;
    if (old_) {
      Xapian::PostingIterator it = old_->postlist_begin(p.id_term);
      if (it != old_->postlist_end(p.id_term)) {
        const Xapian::Document previous = old_->get_document(*it);
        if (previous.get_value(schema::kSlotContentHash) == p.content_hash) {
          // Unchanged content keeps the batch number it had: a replace-all does not make old reports "new".
          batch = previous.get_value(schema::kSlotIngestBatch);
          counter = &stats_.unchanged;
        } else {
          counter = &stats_.replaced;
        }
      }
    }
    ++*counter;
    p.document.add_value(schema::kSlotIngestBatch, batch);
    // Ids are unique by now (the plan keeps the last of each): docids follow the plan.
    db_.add_document(p.document);
  }

  void commit() {
    db_.set_metadata(kShardMark, pending_.complete ? "complete" : "");
    static std::atomic<uint64_t> commits{0};
    const uint64_t n = ++commits;
    crash_point("before-commit", n);
    db_.commit();
    crash_point("after-commit", n);
    mark_ = pending_;
    since_commit_ = 0;
    ++stats_.batches;
  }

  Xapian::WritableDatabase db_;
  std::optional<Xapian::Database> old_;
  const uint64_t build_batch_;
  const ReportDocumentBuilder builder_;
  const size_t commit_every_;
  LoadStats& stats_;
  analysis::Workspace workspace_;
  analysis::TokenList tokens_;
  Mark mark_, pending_;
  size_t since_commit_ = 0;
};

// Merges the shards into generation `out` and stamps it: schema, analyzer,
// batch numbers and a batch record for the whole rebuild.
void merge_shards(const std::vector<fs::path>& shards, const fs::path& out, const std::vector<InputFile>& inputs,
                  const std::string& identity, uint64_t build_batch, const Plan& plan) {
  fs::remove_all(out);  // a partial merge of an interrupted run
  Xapian::Database all;
  for (const auto& shard : shards) all.add_database(Xapian::Database(shard.string()));
  all.compact(out.string());
  Xapian::WritableDatabase db(out.string(), Xapian::DB_OPEN);
  db.set_metadata(kShardMark, "");
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaAnalyzer), identity);
  db.set_metadata(std::string(schema::kMetaLastBatch), std::to_string(build_batch));
  // The compactor numbered shard after shard, and each shard holds its range of the plan in order.
  if (db.get_lastdocid() != plan.records.size())
    throw std::logic_error("the merged shards hold " + std::to_string(db.get_lastdocid()) + " docids for " +
                           std::to_string(plan.records.size()) + " planned records");
  index::write_date_order(db, {db.get_lastdocid(), plan.records.empty() ? "" : key_string(plan.records.back().key)});
  index::BatchRecord record;
  record.batch = build_batch;
  record.records = db.get_doccount();
  record.kind = "replace-all";
  record.shards = shards.size();
  for (const auto& in : inputs) {
    record.inputs.push_back(in.path);
    // The replace-all's resume records hold no line: the second pass reads by offset.
    if (!in.key.empty())
      db.set_metadata(index::run_key(in.key),
                      index::encode_resume_record({in.path, in.key, build_batch, in.size, std::nullopt, true}));
  }
  record.time = utc_timestamp();
  const std::string record_json = index::encode_batch_record(record);
  db.set_metadata(schema::batch_key(build_batch), record_json);
  db.set_metadata(std::string(schema::kMetaBuild), record_json);
  db.commit();
  db.close();
  // The compactor's output is not all rewritten by the commit: sync every file
  // before the switch makes this generation the live one.
  for (const auto& entry : fs::directory_iterator(out)) sync_path(entry.path());
  sync_path(out);
}

}  // namespace

void rebuild_reports(index::DatabaseDir& dir, const analysis::Analyzer& analyzer, const index::Places& places,
                     const LoadOptions& options, LoadStats& stats) {
  InputScanner scanner(describe_inputs(options.inputs), options.rejects, stats.scan);
  const auto& inputs = scanner.inputs();
  const unsigned shards = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto old_generation = dir.live_generation();
  const unsigned generation = old_generation.value_or(0) + 1;
  std::optional<fs::path> old_path;
  uint64_t base_batch = 0;
  try {
    if (old_generation) {
      old_path = dir.generation_path(*old_generation);
      base_batch = index::last_batch(Xapian::Database(old_path->string()));
    }
    const fs::path build = dir.build_path(generation);
    const auto manifest = manifest_for(inputs, shards, base_batch, analyzer.identity());
    if (prepare_build_dir(dir, build, manifest)) spdlog::warn("resuming the interrupted rebuild in {}", build.string());

    const auto planning = std::chrono::steady_clock::now();
    const Plan plan = plan_rebuild(scanner, places, build, stats);
    stats.planned_bytes = plan.bytes;
    spdlog::info("checked the inputs in {:.1f} s: {} reports to index, oldest first",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - planning).count(), plan.records.size());
    const std::string fingerprint = plan_fingerprint(plan.records);
    if (read_file_or_empty(build / "plan") != fingerprint) {
      // A fresh build, or one whose inputs now check differently (a newer
      // program, another places file): what its shards hold is not this plan.
      for (unsigned k = 0; k < shards; ++k) fs::remove_all(build / ("shard." + std::to_string(k)));
      replace_file(build / "plan", fingerprint, kBuildFileMode);
    }
    const RecordReader reader(inputs, plan.read_paths);

    std::vector<fs::path> shard_paths;
    std::vector<std::unique_ptr<ShardWriter>> writers;
    for (unsigned k = 0; k < shards; ++k) {
      shard_paths.push_back(build / ("shard." + std::to_string(k)));
      writers.push_back(std::make_unique<ShardWriter>(shard_paths.back(), old_path, base_batch + 1, analyzer,
                                                      std::clamp<size_t>(options.batch_size / shards, 1, kShardCommitDocs), stats));
    }

    std::mutex error_mutex;
    std::exception_ptr error;
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (unsigned k = 0; k < shards; ++k) {
      threads.emplace_back([&, k] {
        try {
          // Shard k holds the k-th of `shards` consecutive ranges of the plan.
          const size_t n = plan.records.size();
          const size_t begin = n * k / shards, end = n * (k + 1) / shards;
          ShardWriter& writer = *writers[k];
          if (writer.mark().done > end - begin)
            throw std::logic_error("shard " + std::to_string(k) + " holds more documents than its range");
          const size_t done = writer.mark().done;
          stats.resumed += done;
          for (size_t r = begin; r < begin + done; ++r) stats.indexed_bytes += plan.records[r].length;
          std::string buffer;
          for (size_t r = begin + done; r < end && !failed; ++r) {
            const Located& at = plan.records[r];
            writer.add(reader.read(at, places, buffer));
            stats.indexed_bytes += at.length;
          }
          // A shard is marked complete only when nothing failed: a resumed
          // run must not skip records a failed run never stored.
          if (!failed) writer.finish();
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (!error) error = std::current_exception();
          failed = true;
        }
      });
    }
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
    writers.clear();  // closes the shards

    spdlog::info("merging {} shards into {}", shards, dir.generation_path(generation).string());
    merge_shards(shard_paths, dir.generation_path(generation), inputs, analyzer.identity(), base_batch + 1, plan);
    crash_point("before-switch", 1);
    dir.switch_to(generation);
    fs::remove_all(build);
    stats.documents = Xapian::Database(dir.generation_path(generation).string()).get_doccount();
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "rebuilding " + dir.path().string());
  }
  stats.rejects_files = scanner.rejects_files();
}

}  // namespace socialsoeg::indexer
