// index_reports(): daily ingestion into the live database (report_loader.h).

#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/date.h"
#include "core/errors.h"
#include "index/batch_records.h"
#include "index/date_order.h"
#include "index/report_values.h"
#include "index/schema.h"
#include "indexer/load_support.h"
#include "indexer/report_change.h"
#include "indexer/report_loader.h"
#include "indexer/work_queue.h"

namespace socialsoeg::indexer {
namespace {

// Finished chunks waiting for the writer, which takes them in dispatch order.
// `limit` bounds the chunks between reader and writer, so memory stays flat
// when the writer is the slowest stage.
class InOrder {
 public:
  explicit InOrder(size_t limit) : limit_(limit) {}

  // Reader: waits for room; false after a failure.
  bool admit() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return outstanding_ < limit_ || error_; });
    if (error_) return false;
    ++outstanding_;
    return true;
  }
  void finish(Chunk chunk) {
    std::lock_guard lock(mutex_);
    done_.emplace(chunk.seq, std::move(chunk));
    changed_.notify_all();
  }
  void no_more(uint64_t total) {
    std::lock_guard lock(mutex_);
    total_ = total;
    changed_.notify_all();
  }
  // Writer: the chunk numbered `seq`, or nullopt when all are written or after a failure.
  std::optional<Chunk> take(uint64_t seq) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return done_.count(seq) || seq == total_ || error_; });
    if (error_ || !done_.count(seq)) return std::nullopt;
    Chunk chunk = std::move(done_.at(seq));
    done_.erase(seq);
    return chunk;
  }
  void written() {
    std::lock_guard lock(mutex_);
    --outstanding_;
    changed_.notify_all();
  }
  void fail(std::exception_ptr e) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = e;
    changed_.notify_all();
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<uint64_t, Chunk> done_;
  size_t limit_, outstanding_ = 0;
  uint64_t total_ = UINT64_MAX;
  std::exception_ptr error_;
};

class BatchWriter {
 public:
  BatchWriter(Xapian::WritableDatabase& db, const std::vector<InputFile>& inputs, const LoadLog& log, LoadStats& stats)
      : db_(db),
        inputs_(inputs),
        log_(log),
        stats_(stats),
        first_batch_(index::last_batch(db) + 1),
        batch_(first_batch_ - 1),
        order_(index::read_date_order(db)) {}

  void apply(Chunk& chunk) {
    if (!in_batch_) {
      db_.begin_transaction(/*flushed=*/true);
      in_batch_ = true;
      ++batch_;
      batch_records_ = 0;
      first_line_ = chunk.lines.empty() ? chunk.end_line : chunk.lines.front();
    }
    for (auto& p : chunk.prepared) store(p);
    batch_records_ += chunk.prepared.size();
    if (chunk.ends_batch) commit(chunk);
  }

 private:
  void store(PreparedReport& p) {
    const auto stored = find_stored(db_, p.id_term);
    const ReportChange change = classify_change(stored, p.content_hash);
    if (change == ReportChange::kAdded) {
      p.document.add_value(schema::kSlotIngestBatch, ingest_batch_after(change, stored, batch_));
      add(p.document);
      ++stats_.added;
      return;
    }
    // Written earlier in this load: the id came before in the input. (A first
    // occurrence left unchanged keeps its older batch, so a second identical
    // one counts as unchanged again: the counts stay honest, if not exact.)
    const bool repeated = index::decode_batch(stored->document.get_value(schema::kSlotIngestBatch)) >= first_batch_;
    ++(repeated ? stats_.repeated : change == ReportChange::kUnchanged ? stats_.unchanged : stats_.replaced);
    if (change == ReportChange::kUnchanged) return;  // its batch number (what "new since" reads) stays
    p.document.add_value(schema::kSlotIngestBatch, ingest_batch_after(change, stored, batch_));
    if (stored->docid <= order_.through &&
        stored->document.get_value(schema::kSlotOccurredTime) != p.document.get_value(schema::kSlotOccurredTime)) {
      // Its time changed: in place it would break the date order of the
      // docids below order_.through, so it moves to a new docid.
      db_.delete_document(stored->docid);
      add(p.document);
      return;
    }
    db_.replace_document(stored->docid, p.document);
  }

  void add(const Xapian::Document& doc) {
    const Xapian::docid did = db_.add_document(doc);
    std::string key = doc.get_value(schema::kSlotOccurredTime);
    if (order_.extends(did, key)) {
      order_ = {did, std::move(key)};
      order_changed_ = true;
    }
  }

  void commit(const Chunk& chunk) {
    const InputFile& input = inputs_[chunk.input];
    // An input whose records all went into earlier batches ends with an empty
    // one: it only marks the input complete, and takes no batch number.
    const bool empty = batch_records_ == 0;
    if (empty) {
      --batch_;
    } else {
      index::BatchRecord record;
      record.batch = batch_;
      record.records = batch_records_;
      record.input = input.path;
      record.first_line = first_line_;
      record.last_line = chunk.end_line;
      record.offset = chunk.end_offset;
      record.time = utc_timestamp();
      db_.set_metadata(schema::batch_key(batch_), index::encode_batch_record(record));
      db_.set_metadata(std::string(schema::kMetaLastBatch), std::to_string(batch_));
    }
    if (order_changed_) index::write_date_order(db_, order_);
    order_changed_ = false;
    if (!input.key.empty()) {
      const index::ResumeRecord run{input.path, input.key, batch_, chunk.end_offset, chunk.end_line, chunk.ends_input};
      db_.set_metadata(index::run_key(input.key), index::encode_resume_record(run));
    }
    crash_point("before-commit", batch_ + empty);
    db_.commit_transaction();
    crash_point("after-commit", batch_ + empty);
    in_batch_ = false;
    if (empty) {
      note(log_, LoadNote::kInfo, input.path + ": complete");
      return;
    }
    ++stats_.batches;
    note(log_, LoadNote::kInfo, "committed batch " + std::to_string(batch_) + ": " + std::to_string(batch_records_) +
                                    " records, " + input.path + " lines " + std::to_string(first_line_) + "-" +
                                    std::to_string(chunk.end_line) + ", offset " + std::to_string(chunk.end_offset));
  }

  Xapian::WritableDatabase& db_;
  const std::vector<InputFile>& inputs_;
  const LoadLog& log_;
  LoadStats& stats_;
  const uint64_t first_batch_;
  uint64_t batch_;
  bool in_batch_ = false;
  size_t batch_records_ = 0;
  index::DateOrder order_;  // what the database promises about docid and time (date_order.h)
  bool order_changed_ = false;
  uint64_t first_line_ = 0;
};

}  // namespace

void index_reports(index::DatabaseDir& dir, const analysis::Analyzer& analyzer, const index::Places& places,
                   const LoadOptions& options, LoadStats& stats) {
  InputScanner scanner(describe_inputs(options.inputs), options.rejects, options.log, stats.scan);
  const auto& inputs = scanner.inputs();
  Xapian::WritableDatabase db = dir.open_live_for_writing(analyzer.identity());

  // Where an interrupted run of the same input stopped: its committed records are skipped.
  std::vector<uint64_t> resume_at(inputs.size(), 0);
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].key.empty()) continue;
    const std::string run = db.get_metadata(index::run_key(inputs[i].key));
    if (run.empty()) continue;
    const auto resume = index::decode_resume_record(run);
    if (!resume.complete) {
      resume_at[i] = resume.offset;
      note(options.log, LoadNote::kWarning, inputs[i].path + ": resuming after line " +
                                                std::to_string(resume.line.value_or(0)) + " (committed by an interrupted run)");
    }
  }

  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  WorkQueue<Chunk> work(threads * 2);
  InOrder results(threads * 4);
  const ReportDocumentBuilder builder(analyzer);

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      analysis::Workspace workspace;
      analysis::TokenList tokens;
      try {
        while (auto chunk = work.pop()) {
          chunk->prepared.reserve(chunk->records.size());
          for (const auto& record : chunk->records) chunk->prepared.push_back(builder.build(record, workspace, tokens));
          chunk->records.clear();
          results.finish(std::move(*chunk));
        }
      } catch (...) {
        results.fail(std::current_exception());
        work.close();
      }
    });
  }
  std::thread writer([&] {
    try {
      BatchWriter batches(db, inputs, options.log, stats);
      for (uint64_t seq = 0;; ++seq) {
        auto chunk = results.take(seq);
        if (!chunk) break;
        batches.apply(*chunk);
        results.written();
      }
    } catch (...) {
      results.fail(std::current_exception());
      work.close();
    }
  });

  uint64_t seq = 0;
  size_t in_batch = 0;
  Chunk current;
  auto dispatch = [&](bool ends_batch, bool ends_input) {
    current.seq = seq++;
    current.ends_batch = ends_batch;
    current.ends_input = ends_input;
    if (!results.admit() || !work.push(std::move(current))) throw std::runtime_error("stopped");
    current = Chunk{};
  };
  try {
    scanner.run(
        [&](size_t input, const InputLine& line) -> std::optional<Rejection> {
          auto parsed = parse_report(line.text, places);
          if (auto* why = std::get_if<Rejection>(&parsed)) return *why;
          if (line.end <= resume_at[input]) {
            ++stats.resumed;
            return std::nullopt;
          }
          current.input = input;
          current.records.push_back(std::move(std::get<ReportRecord>(parsed)));
          current.lines.push_back(line.number);
          current.end_offset = line.end;
          current.end_line = line.number;
          if (++in_batch >= options.batch_size) {
            in_batch = 0;
            dispatch(true, false);
          } else if (current.records.size() >= options.chunk_size) {
            dispatch(false, false);
          }
          return std::nullopt;
        },
        [&](size_t input, uint64_t end_offset) {
          current.input = input;
          current.end_offset = end_offset;
          in_batch = 0;
          dispatch(true, true);
        });
  } catch (...) {
    if (!results.error()) results.fail(std::current_exception());
  }
  work.close();
  results.no_more(seq);
  for (auto& w : workers) w.join();
  writer.join();
  if (auto error = results.error()) {
    try {
      std::rethrow_exception(error);
    } catch (const Xapian::Error& e) {
      index::rethrow_xapian(e, "indexing into " + dir.path().string());
    }
  }
  stats.rejects_files = scanner.rejects_files();
  stats.documents = db.get_doccount();
}

}  // namespace socialsoeg::indexer
