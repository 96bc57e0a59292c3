// rebuild_reports(): `index --replace-all` (report_loader.h): the plan
// (rebuild_plan.h), the build folder (rebuild_folder.h), one shard per worker
// (shard_writer.h) and the merge (shard_merge.h), put together here.
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

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <thread>

#include "core/errors.h"
#include "core/files.h"
#include "index/batch_records.h"
#include "indexer/load_support.h"
#include "indexer/planned_record_reader.h"
#include "indexer/rebuild_folder.h"
#include "indexer/rebuild_plan.h"
#include "indexer/report_loader.h"
#include "indexer/shard_merge.h"
#include "indexer/shard_writer.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;

void rebuild_reports(index::DatabaseDir& dir, const analysis::Analyzer& analyzer, const index::Places& places,
                     const LoadOptions& options, LoadStats& stats) {
  InputScanner scanner(describe_inputs(options.inputs), options.rejects, options.log, stats.scan);
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
    if (prepare_build_dir(dir, build, manifest))
      note(options.log, LoadNote::kWarning, "resuming the interrupted rebuild in " + build.string());

    const auto planning = std::chrono::steady_clock::now();
    const Plan plan = plan_rebuild(scanner, places, build, stats);
    stats.planned_bytes = plan.bytes;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - planning).count());
    note(options.log, LoadNote::kInfo,
         std::string("checked the inputs in ") + seconds + " s: " + std::to_string(plan.records.size()) +
             " reports to index, oldest first");
    const std::string fingerprint = plan_fingerprint(plan.records);
    if (read_file_or_empty(build / "plan") != fingerprint) {
      // A fresh build, or one whose inputs now check differently (a newer
      // program, another places file): what its shards hold is not this plan.
      for (unsigned k = 0; k < shards; ++k) fs::remove_all(build / ("shard." + std::to_string(k)));
      replace_file(build / "plan", fingerprint, kBuildFileMode);
    }
    const PlannedRecordReader reader(inputs, plan.read_paths);

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

    note(options.log, LoadNote::kInfo,
         "merging " + std::to_string(shards) + " shards into " + dir.generation_path(generation).string());
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
