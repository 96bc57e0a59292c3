// rebuild_reports(): `index --replace-all` (report_loader.h).
//
// Xapian writes one database from one thread, and its write path, not our
// analysis, is the slowest stage (bench/index.sh). So each worker thread
// analyses and writes its own sub-database ("shard"), records routed by a
// hash of their id so every version of an id lands in the same shard and the
// last one wins there; the shards are then merged by Xapian's compactor into
// the new generation, which is switched in with one rename (database_dir.h).
//
// Resuming: the build folder keeps a manifest of the inputs, and each shard
// commits, in the same transaction as its documents, the input position up to
// which it holds every record routed to it. A run started again with the same
// inputs skips what each shard already holds.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>

#include "core/errors.h"
#include "indexer/load_support.h"
#include "indexer/report_loader.h"
#include "indexer/schema.h"
#include "indexer/work_queue.h"

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

// Where in the inputs a shard is complete up to (inclusive).
struct Mark {
  size_t input = 0;
  uint64_t offset = 0;
  bool complete = false;
  bool covers(size_t i, uint64_t end) const { return complete || i < input || (i == input && end <= offset); }
};

// FNV-1a: a routing hash that stays the same across builds and platforms,
// because a resumed build must route every id as the interrupted one did.
uint64_t route_hash(const std::string& id) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h;
}

nlohmann::json manifest_for(const std::vector<InputFile>& inputs, unsigned shards, uint64_t base_batch,
                            const std::string& identity) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& in : inputs) keys.push_back(in.key);
  return {{"inputs", keys}, {"shards", shards}, {"base_batch", base_batch}, {"analyzer", identity}};
}

bool resumable(const nlohmann::json& manifest) {
  for (const auto& key : manifest["inputs"])
    if (key.get<std::string>().empty()) return false;  // stdin cannot be read twice
  return true;
}

void write_file_synced(const fs::path& path, const std::string& bytes) {
  {
    std::ofstream out(path, std::ios::trunc | std::ios::binary);
    out << bytes;
    if (!out) throw EnvironmentError("cannot write " + path.string());
  }
  sync_path(path);
}

// Removes a partial build of another generation or other inputs; returns
// true when `build` holds a resumable build of exactly these inputs.
bool prepare_build_dir(const DatabaseDir& dir, const fs::path& build, const nlohmann::json& manifest) {
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with("reports.") && name.ends_with(".build") && entry.path() != build) fs::remove_all(entry.path());
  }
  if (fs::exists(build)) {
    std::ifstream in(build / "manifest.json");
    const auto old = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (old == manifest && resumable(manifest)) return true;
    fs::remove_all(build);
  }
  fs::create_directories(build);
  write_file_synced(build / "manifest.json", manifest.dump());
  sync_path(dir.path());
  return false;
}

struct ShardChunk {
  std::vector<ReportRecord> records;
  Mark mark;  // the shard holds every record routed to it up to here once this chunk is in
};

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
    const std::string mark = db_.get_metadata(kShardMark);
    if (!mark.empty()) {
      const auto j = nlohmann::json::parse(mark);
      mark_ = Mark{j.at("input"), j.at("offset"), j.at("complete")};
    }
  }

  const Mark& mark() const { return mark_; }

  void add(ShardChunk& chunk) {
    for (const auto& record : chunk.records) store(builder_.build(record, workspace_, tokens_));
    since_commit_ += chunk.records.size();
    pending_ = chunk.mark;
    if (since_commit_ >= commit_every_) commit();
  }

  void finish() {
    pending_.complete = true;
    commit();
  }

 private:
  void store(PreparedReport p) {
    // The same id earlier in the input is already in this shard: the last one
    // wins, and the record is counted once, as repeated.
    Xapian::PostingIterator in_shard = db_.postlist_begin(p.id_term);
    const bool repeated = in_shard != db_.postlist_end(p.id_term);
    std::string batch = batch_value(build_batch_);
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
    ++(repeated ? stats_.repeated : *counter);
    p.document.add_value(schema::kSlotIngestBatch, batch);
    if (repeated)
      db_.replace_document(*in_shard, p.document);
    else
      db_.add_document(p.document);
  }

  void commit() {
    const nlohmann::json j = {{"input", pending_.input}, {"offset", pending_.offset}, {"complete", pending_.complete}};
    db_.set_metadata(kShardMark, j.dump());
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
                  const std::string& identity, uint64_t build_batch) {
  fs::remove_all(out);  // a partial merge of an interrupted run
  Xapian::Database all;
  for (const auto& shard : shards) all.add_database(Xapian::Database(shard.string()));
  all.compact(out.string());
  Xapian::WritableDatabase db(out.string(), Xapian::DB_OPEN);
  db.set_metadata(kShardMark, "");
  db.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::kMetaAnalyzer), identity);
  db.set_metadata(std::string(schema::kMetaLastBatch), std::to_string(build_batch));
  nlohmann::json paths = nlohmann::json::array();
  for (const auto& in : inputs) {
    paths.push_back(in.path);
    if (!in.key.empty())
      db.set_metadata(run_key(in.key), nlohmann::json{{"input", in.path}, {"key", in.key}, {"batch", build_batch},
                                                      {"offset", in.size}, {"complete", true}}
                                           .dump());
  }
  const nlohmann::json record = {{"batch", build_batch}, {"records", db.get_doccount()}, {"kind", "replace-all"},
                                 {"inputs", paths}, {"shards", shards.size()}, {"time", utc_timestamp()}};
  db.set_metadata(schema::batch_key(build_batch), record.dump());
  db.set_metadata(std::string(schema::kMetaBuild), record.dump());
  db.commit();
  db.close();
  // The compactor's output is not all rewritten by the commit: sync every file
  // before the switch makes this generation the live one.
  for (const auto& entry : fs::directory_iterator(out)) sync_path(entry.path());
  sync_path(out);
}

}  // namespace

void rebuild_reports(DatabaseDir& dir, const analysis::Analyzer& analyzer, const Places& places,
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
      base_batch = last_batch(Xapian::Database(old_path->string()));
    }
    const fs::path build = dir.build_path(generation);
    const auto manifest = manifest_for(inputs, shards, base_batch, analyzer.identity());
    if (prepare_build_dir(dir, build, manifest)) spdlog::warn("resuming the interrupted rebuild in {}", build.string());

    std::vector<fs::path> shard_paths;
    std::vector<std::unique_ptr<ShardWriter>> writers;
    for (unsigned k = 0; k < shards; ++k) {
      shard_paths.push_back(build / ("shard." + std::to_string(k)));
      writers.push_back(std::make_unique<ShardWriter>(shard_paths.back(), old_path, base_batch + 1, analyzer,
                                                      std::clamp<size_t>(options.batch_size / shards, 1, kShardCommitDocs), stats));
    }

    std::vector<std::unique_ptr<WorkQueue<ShardChunk>>> queues;
    for (unsigned k = 0; k < shards; ++k) queues.push_back(std::make_unique<WorkQueue<ShardChunk>>(4));
    std::mutex error_mutex;
    std::exception_ptr error;
    auto fail = [&](std::exception_ptr e) {
      std::lock_guard lock(error_mutex);
      if (!error) error = e;
      for (auto& q : queues) q->close();
    };
    std::vector<std::thread> threads;
    for (unsigned k = 0; k < shards; ++k) {
      threads.emplace_back([&, k] {
        try {
          while (auto chunk = queues[k]->pop()) writers[k]->add(*chunk);
          // A shard is marked complete only when nothing failed: a resumed
          // run must not skip records a failed run never stored.
          bool failed;
          {
            std::lock_guard lock(error_mutex);
            failed = error != nullptr;
          }
          if (!failed) writers[k]->finish();
        } catch (...) {
          fail(std::current_exception());
        }
      });
    }

    std::vector<ShardChunk> pending(shards);
    auto send = [&](unsigned k, Mark mark) {
      pending[k].mark = mark;
      if (!queues[k]->push(std::move(pending[k]))) throw std::runtime_error("stopped");
      pending[k] = ShardChunk{};
    };
    try {
      scanner.run(
          [&](size_t input, const InputLine& line) -> std::optional<Rejection> {
            auto parsed = parse_report(line.text, places);
            if (auto* why = std::get_if<Rejection>(&parsed)) return *why;
            auto& record = std::get<ReportRecord>(parsed);
            const unsigned k = static_cast<unsigned>(route_hash(record.id) % shards);
            if (writers[k]->mark().covers(input, line.end)) {
              ++stats.resumed;
              return std::nullopt;
            }
            pending[k].records.push_back(std::move(record));
            if (pending[k].records.size() >= options.chunk_size) send(k, Mark{input, line.end, false});
            return std::nullopt;
          },
          [&](size_t input, uint64_t end_offset) {
            for (unsigned k = 0; k < shards; ++k)
              if (!pending[k].records.empty()) send(k, Mark{input, end_offset, false});
          });
    } catch (...) {
      fail(std::current_exception());  // keeps the first error: a worker's, when that stopped the reader
    }
    for (auto& q : queues) q->close();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
    writers.clear();  // closes the shards

    spdlog::info("merging {} shards into {}", shards, dir.generation_path(generation).string());
    merge_shards(shard_paths, dir.generation_path(generation), inputs, analyzer.identity(), base_batch + 1);
    crash_point("before-switch", 1);
    dir.switch_to(generation);
    fs::remove_all(build);
    stats.documents = Xapian::Database(dir.generation_path(generation).string()).get_doccount();
  } catch (const Xapian::Error& e) {
    rethrow_xapian(e, "rebuilding " + dir.path().string());
  }
  stats.rejects_files = scanner.rejects_files();
}

}  // namespace socialsoeg::indexer
