// libFuzzer target over everything that reads bytes someone else wrote,
// below the web service: the query language, input records, the index's own
// stored values (a damaged database), the analyzer, and the settings and
// dictionary files. The first byte picks the reader; the rest is its input.
// Each reader either returns or throws the one typed error it promises
// (QueryError for a query; socialsoeg::Error for a file); anything else — a
// crash, a sanitizer report, another exception, an answer that breaks its
// own invariants — is a defect.
//
//   build-asan/tests/socialsoeg-fuzz-parsers [-max_total_time=60] tests/fuzz/parsers-corpus
//   bash tests/fuzz/parsers_seeds.sh DIR   (seeds from the dev set)
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "core/errors.h"
#include "core/utf8.h"
#include "index/batch_records.h"
#include "index/places.h"
#include "index/stored_report.h"
#include "index/token_offsets.h"
#include "indexer/report_document.h"
#include "indexer/report_record.h"
#include "indexer/resident_record.h"
#include "query/hit.h"
#include "query/query_builder.h"
#include "query/query_error.h"
#include "query/query_syntax.h"
#include "screening/screening_rule.h"
#include "server/server_config.h"

namespace {

namespace fs = std::filesystem;
using namespace socialsoeg;

enum Reader : uint8_t {
  kQuery,
  kReportRecord,
  kResidentRecord,
  kStoredReport,
  kTokenOffsets,
  kResumeRecord,
  kAnalyzer,
  kServerConfig,
  kScreeningConfig,
  kConceptDictionary,
  kReaders  // how many
};

struct World {
  analysis::Analyzer analyzer;
  index::Places places = index::Places::load(fs::path(SOCIALSOEG_DICTIONARIES) / "municipalities.tsv");
  Xapian::WritableDatabase empty{std::string(), Xapian::DB_BACKEND_INMEMORY};
  fs::path scratch = fs::temp_directory_path() / ("socialsoeg-fuzz-parsers." + std::to_string(::getpid()));
  World() { fs::create_directories(scratch); }
  ~World() {
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }
};

World& world() {
  static World w;
  return w;
}

[[noreturn]] void defect(const char* what) {
  std::fprintf(stderr, "defect: %s\n", what);
  std::abort();
}

// Spans must lie inside their text and, in valid UTF-8 (what every reader
// lets through: records and queries are checked first), on character
// boundaries.
void check_span(std::string_view text, size_t start, size_t end) {
  if (start > end || end > text.size()) defect("a span outside its text");
  if (first_invalid_utf8(text)) return;
  auto boundary = [&](size_t at) { return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80; };
  if (!boundary(start) || !boundary(end)) defect("a span inside a character");
}

void read_query(std::string_view text) {
  try {
    (void)query::parse_query(text);
  } catch (const query::QueryError& e) {
    if (e.position() > text.size()) defect("a QueryError position past the query's end");
  }
  try {
    const auto built = query::QueryBuilder(world().analyzer, world().places).build(text, world().empty);
    (void)built.query.get_description();
  } catch (const query::QueryError& e) {
    if (e.position() > text.size()) defect("a QueryError position past the query's end");
  }
}

void read_report_record(std::string_view line) {
  const auto parsed = indexer::parse_report(line, world().places);
  const auto* record = std::get_if<indexer::ReportRecord>(&parsed);
  if (!record) return;
  // A record that passes the checks becomes a document, and reads back as
  // the hit it would be shown as.
  analysis::Workspace workspace;
  analysis::TokenList tokens;
  const auto prepared = indexer::ReportDocumentBuilder(world().analyzer).build(*record, workspace, tokens);
  query::MatchSet everything;
  for (auto t = prepared.document.termlist_begin(); t != prepared.document.termlist_end(); ++t) everything.terms.insert(*t);
  const query::Hit hit = query::read_hit(prepared.document, 0.0, everything, true);
  if (hit.id != record->id) defect("a document that does not read back its id");
  for (const auto& s : hit.snippet.matches) check_span(hit.snippet.text, s.start, s.end);
  for (const auto& s : hit.title_matches) check_span(hit.title, s.start, s.end);
}

void read_resident_record(std::string_view line) { (void)indexer::parse_resident(line); }

void read_stored_report(std::string_view bytes) {
  const auto decoded = index::decode_stored_report(bytes);
  if (!decoded) return;
  const std::string again = index::encode_stored_report(*decoded);
  const auto twice = index::decode_stored_report(again);
  if (!twice || !(*twice == *decoded)) defect("a stored report that does not survive encode and decode");
}

void read_token_offsets(std::string_view bytes) {
  const auto offsets = index::decode_token_offsets(bytes);
  if (!offsets) return;
  for (Xapian::termpos p = 0; p < 300; ++p) (void)offsets->locate(p);
}

void read_resume_record(std::string_view json) {
  try {
    const auto record = index::decode_resume_record(json);
    (void)index::encode_resume_record(record);
  } catch (const Error&) {
  }
}

void read_text(std::string_view text) {
  for (const auto side : {analysis::Side::kIndex, analysis::Side::kQuery}) {
    const analysis::TokenList tokens = world().analyzer.analyze(text, side);
    for (const auto& t : tokens) check_span(text, t.start, t.end);
  }
  const analysis::TokenList tokens = world().analyzer.analyze(text, analysis::Side::kIndex);
  for (const auto& m : world().analyzer.concepts().find(tokens)) check_span(text, m.start, m.end);
}

// Settings and dictionary files are read from disk: the bytes go to a file.
fs::path as_file(std::string_view bytes, const char* name) {
  const fs::path file = world().scratch / name;
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

void read_server_config(std::string_view bytes) {
  try {
    (void)server::ServerConfig::load(as_file(bytes, "server.conf"));
  } catch (const Error&) {
  }
}

void read_screening_config(std::string_view bytes) {
  try {
    (void)screening::ScreeningRule::load(as_file(bytes, "screening.conf"), world().analyzer.concepts());
  } catch (const Error&) {
  }
}

void read_concept_dictionary(std::string_view bytes) {
  // The fuzzed concepts beside the real negation cues, read as the analyzer reads them.
  const fs::path concepts = as_file(bytes, "concepts.da.txt");
  const auto& analyzer = world().analyzer;
  try {
    const auto dictionary = analysis::ConceptDictionary::load(
        concepts, fs::path(SOCIALSOEG_DICTIONARIES) / "negation.da.txt",
        [&](const std::string& word) {
          // As the analyzer reads its own dictionary: a word's first query-side terms.
          std::vector<std::string> terms;
          for (const auto& t : analyzer.analyze(word, analysis::Side::kQuery))
            if (t.position == 1 && t.extra == analysis::Token::Extra::kNone) terms.push_back(t.term);
          return terms;
        });
    (void)dictionary.find(analyzer.analyze("Han slog hende og kørte spirituspåvirket.", analysis::Side::kIndex));
  } catch (const Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (static_cast<Reader>(data[0] % kReaders)) {
    case kQuery: read_query(input); break;
    case kReportRecord: read_report_record(input); break;
    case kResidentRecord: read_resident_record(input); break;
    case kStoredReport: read_stored_report(input); break;
    case kTokenOffsets: read_token_offsets(input); break;
    case kResumeRecord: read_resume_record(input); break;
    case kAnalyzer: read_text(input); break;
    case kServerConfig: read_server_config(input); break;
    case kScreeningConfig: read_screening_config(input); break;
    case kConceptDictionary: read_concept_dictionary(input); break;
    case kReaders: break;
  }
  return 0;
}
