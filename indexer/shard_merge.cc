#include "indexer/shard_merge.h"

#include <xapian.h>

#include <stdexcept>

#include "core/files.h"
#include "index/batch_records.h"
#include "index/date_order.h"
#include "index/schema.h"
#include "indexer/load_support.h"
#include "indexer/shard_writer.h"

namespace socialsoeg::indexer {
namespace fs = std::filesystem;

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
  index::write_date_order(db, {db.get_lastdocid(), plan.records.empty() ? "" : key_string(plan.records.back())});
  index::BatchRecord record;
  record.batch = build_batch;
  record.records = db.get_doccount();
  record.kind = "replace-all";
  record.shards = shards.size();
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& in = inputs[i];
    record.inputs.push_back(in.path);
    // The same resume record a daily load leaves: the whole input is in, through its last line.
    if (!in.key.empty())
      db.set_metadata(index::run_key(in.key), index::encode_resume_record(
                                                  {in.path, in.key, build_batch, in.size, plan.last_lines[i], true}));
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

}  // namespace socialsoeg::indexer
