// The index schema, defined once: every term prefix, value slot and metadata
// key that the indexer writes and the query, family and screening code read.
// docs/schema.md documents the same table for people; a test checks that the
// two agree.
//
// Conventions follow Xapian's (Omega's term prefixes): single capitals are the
// conventional ones (Q unique id; D/M/Y dates), X... prefixes are ours, and a
// ':' separates a prefix from a value that begins with a capital letter so a
// term never reads two ways (boolean_term() applies the rule).
//
// Layout of a database directory DIR (see database_dir.h):
//   DIR/XAPIANDB        stub naming the live reports database (switched atomically)
//   DIR/reports.NNNNNN  the reports database (one document per report)
//   DIR/residents       the residents database (one document per registration period)
//   DIR/audit.log       who loaded or looked up what (audit/)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace socialsoeg::schema {

// ---- Reports database: term prefixes ---------------------------------------
// Free text (title and text) is indexed without prefix, with positions: the
// analyzer's index-side terms (analyzers/). Title positions come first, then
// kTextPositionGap, then the text.
inline constexpr std::string_view kId = "Q";               // Q<id>: the record id, unique
inline constexpr std::string_view kSource = "XSOURCE";     // døgnrapport | journal
inline constexpr std::string_view kCase = "XCASE";         // journal number as written
inline constexpr std::string_view kDistrict = "XDISTRICT"; // police district slug
inline constexpr std::string_view kMunicipality = "XMUNI"; // 3-digit code
inline constexpr std::string_view kAddress = "XADDR";      // unit address id
// The address text's parts (address_text.h), so that an address typed at the
// door finds the unit address id: "vestergade 12", "2", "tv", "4100".
inline constexpr std::string_view kAddressAccess = "XSTREET";    // folded street + " " + house number
inline constexpr std::string_view kAddressFloor = "XFLOOR";      // st, kl, k2, 1..99
inline constexpr std::string_view kAddressDoor = "XDOOR";        // tv, th, mf, or a number
inline constexpr std::string_view kAddressPostcode = "XPOSTCODE"; // 4 digits
inline constexpr std::string_view kCpr = "XCPR";           // any person named, canonical 10 digits
inline constexpr std::string_view kRole = "XROLE";         // a role someone has in the report
inline constexpr std::string_view kPersonRole = "XPR";     // XPR<cpr>:<role>
inline constexpr std::string_view kConceptAffirmed = "XCA"; // concept id, wdf = mentions
inline constexpr std::string_view kConceptNegated = "XCN";  // concept id, wdf = mentions
inline constexpr std::string_view kDay = "D";              // D<YYYYMMDD> occurred date
inline constexpr std::string_view kMonth = "M";            // M<YYYYMM>
inline constexpr std::string_view kYear = "Y";             // Y<YYYY>

// Positions left free between the title and the text, so a phrase never runs
// from the end of the title into the first words of the text.
inline constexpr Xapian::termpos kTextPositionGap = 100;

// ---- Reports database: value slots -----------------------------------------
enum ReportSlot : Xapian::valueno {
  kSlotOccurredDate = 0,   // YYYYMMDD: what Xapian::DateRangeProcessor reads
  kSlotOccurredTime = 1,   // YYYYMMDDHHMMSS + 16 hex of the id's hash: newest-first sorting, unique (report_values.h)
  kSlotIngestBatch = 2,    // sortable_serialise(batch number that brought this content): "new since"
  kSlotContentHash = 3,    // 16 bytes BLAKE2b of the stored report: an unchanged record is not rewritten
  kSlotRiskConcepts = 4,   // affirmed concept ids, space separated: screening without parsing data
  kSlotPersons = 5,        // "<cpr>:<role> ..." of every person: screening without parsing data
  kSlotTokenOffsets = 6,   // byte span of each indexed position (token_offsets.h): snippets without re-analysis
  // The stored report (stored_report.h): what hits, family cards and drafts
  // show. A value, not the document data: Xapian deflates document data on
  // every write and inflates it on every read, 4 us of a hit's 8; value
  // slots are stored as they are.
  kSlotStoredReport = 7,
};

// ---- Residents database ----------------------------------------------------
// One document per registration period (cpr at address_id from..to).
inline constexpr std::string_view kResidentCpr = "XCPR";      // canonical 10 digits
inline constexpr std::string_view kResidentAddress = "XADDR"; // unit address id
inline constexpr std::string_view kResidentRow = "XROW";      // XROW<cpr>:<from>:<address>, unique per row
enum ResidentSlot : Xapian::valueno {
  kSlotFrom = 0,     // YYYYMMDD, first day (inclusive)
  kSlotTo = 1,       // YYYYMMDD, last day (inclusive); 99991231 while still living there
  kSlotLoad = 2,     // sortable_serialise(load number): a newer extract replaces older rows per person
};
inline constexpr std::string_view kOpenEnded = "99991231";
inline constexpr std::string_view kMetaResidentsLastLoad = "socialsoeg.residents.last_load";  // decimal load number

// ---- Metadata keys (both databases) ----------------------------------------
inline constexpr std::string_view kMetaSchema = "socialsoeg.schema";         // kSchemaVersion
inline constexpr std::string_view kMetaAnalyzer = "socialsoeg.analyzer";     // Analyzer::identity()
inline constexpr std::string_view kMetaLastBatch = "socialsoeg.last_batch";  // decimal batch number
inline constexpr std::string_view kMetaBatchPrefix = "socialsoeg.batch.";    // + 12-digit number -> JSON batch record
inline constexpr std::string_view kMetaRunPrefix = "socialsoeg.run.";        // + input key -> JSON resume point
inline constexpr std::string_view kMetaBuild = "socialsoeg.build";           // JSON: how a replace-all was built
inline constexpr std::string_view kMetaDateOrder = "socialsoeg.date_order";  // "<docid> <sort key>": date_order.h
// 2: address text parts (XSTREET, XFLOOR, XDOOR, XPOSTCODE).
// 3: the document data is a binary record (stored_report.h), no longer JSON.
// 4: the stored report moved from the document data to kSlotStoredReport;
//    a replace-all numbers reports by time (kMetaDateOrder).
// 5: the sort key ends with the id's hash: one order for reports of the same
//    time, whatever their docids (one database or several).
inline constexpr std::string_view kSchemaVersion = "5";

// ---- Every name above, as tables ------------------------------------------
// tests/schema_doc_test.cc holds docs/schema.md to these, section by
// section, and checks that every constant above is in one of them.
struct SlotName {
  Xapian::valueno slot;
  std::string_view name;  // the constant's name, as docs/schema.md writes it
};
inline constexpr std::string_view kReportPrefixes[] = {
    kId,          kSource,        kCase,          kDistrict,       kMunicipality, kAddress,
    kAddressAccess, kAddressFloor, kAddressDoor,  kAddressPostcode, kCpr,         kRole,
    kPersonRole,  kConceptAffirmed, kConceptNegated, kDay,          kMonth,        kYear};
inline constexpr SlotName kReportSlots[] = {
    {kSlotOccurredDate, "kSlotOccurredDate"}, {kSlotOccurredTime, "kSlotOccurredTime"},
    {kSlotIngestBatch, "kSlotIngestBatch"},   {kSlotContentHash, "kSlotContentHash"},
    {kSlotRiskConcepts, "kSlotRiskConcepts"}, {kSlotPersons, "kSlotPersons"},
    {kSlotTokenOffsets, "kSlotTokenOffsets"}, {kSlotStoredReport, "kSlotStoredReport"}};
inline constexpr std::string_view kReportMetadataKeys[] = {kMetaSchema, kMetaAnalyzer, kMetaLastBatch, kMetaBuild,
                                                          kMetaDateOrder};
// Keys that a number or an input's hash completes.
inline constexpr std::string_view kReportMetadataKeyPrefixes[] = {kMetaBatchPrefix, kMetaRunPrefix};
inline constexpr std::string_view kResidentPrefixes[] = {kResidentCpr, kResidentAddress, kResidentRow};
inline constexpr SlotName kResidentSlots[] = {{kSlotFrom, "kSlotFrom"}, {kSlotTo, "kSlotTo"}, {kSlotLoad, "kSlotLoad"}};
inline constexpr std::string_view kResidentMetadataKeys[] = {kMetaSchema, kMetaResidentsLastLoad};

// prefix + value, with ':' between when the value starts with a capital
// letter (Xapian's convention), so "XCASE" + "A1" and "XC" + "ASEA1" differ.
std::string boolean_term(std::string_view prefix, std::string_view value);
// The inverse: the value of `term` when it is one of `prefix`'s
// (boolean_term(prefix, value) == term), nullopt when it is not — also when
// a longer prefix only begins like it ("XCASEA1" is not "XC" + "ASEA1").
// Values that begin with ':' and a capital read without the ':'; the rule
// cannot tell them apart (boolean_term(p, ":A") == boolean_term(p, "A")),
// which is why a record's identifiers may not begin with ':'.
std::optional<std::string> boolean_term_value(std::string_view prefix, std::string_view term);
// XPR<cpr>:<role>: this person, in this role, in one report (the loader
// writes it, `cpr:… role:…` searches it).
std::string person_role_term(std::string_view canonical_cpr, std::string_view role);

// Metadata key of batch `number` (zero-padded so keys sort by number).
std::string batch_key(uint64_t number);

}  // namespace socialsoeg::schema
