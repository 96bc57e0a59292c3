// The screening's settings from file and flags, and how its result is shown.
#include "cli/screening_support.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "core/errors.h"
#include "screening/socialrapport.h"

#include "query/hit.h"

namespace socialsoeg::cli {
namespace {

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : sep) + x;
  return out;
}

std::vector<std::string> displayed(const std::vector<std::string>& cprs) {
  std::vector<std::string> out;
  for (const auto& c : cprs) out.push_back(query::display_cpr(c));
  return out;
}

}  // namespace

namespace {

// RFC 4180: quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void print_csv(const std::vector<const screening::Flag*>& shown) {
  std::printf("cpr,address_id,pattern_date,children,reports,concepts,new\n");
  for (const auto* f : shown) {
    std::vector<std::string> ids;
    for (const auto& rep : f->reports) ids.push_back(rep.id);
    const std::vector<std::string> concepts(f->concepts.begin(), f->concepts.end());
    std::printf("%s,%s,%s,%s,%s,%s,%s\n", query::display_cpr(f->cpr).c_str(), csv_field(f->address_id).c_str(),
                f->pattern_date.iso().c_str(), csv_field(joined(displayed(f->children), " ")).c_str(),
                csv_field(joined(ids, " ")).c_str(), csv_field(joined(concepts, " ")).c_str(), f->is_new ? "yes" : "no");
  }
}

void print_readable(const screening::ScreeningResult& r, const std::vector<const screening::Flag*>& shown,
                    bool only_new) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string bold = tty ? "\033[1m" : "", plain = tty ? "\033[0m" : "";
  std::printf("%s%zu flag%s%s as of %s%s (rule: %d+ reports within %d days, acting as %s)\n", bold.c_str(), shown.size(),
              shown.size() == 1 ? "" : "s", only_new ? " with new reports" : "", r.as_of.iso().c_str(), plain.c_str(),
              r.rule.min_reports, r.rule.window_days,
              joined(std::vector<std::string>(r.rule.acting_roles.begin(), r.rule.acting_roles.end()), "/").c_str());
  for (const auto* f : shown) {
    const std::vector<std::string> concepts(f->concepts.begin(), f->concepts.end());
    std::printf("\n%s%s%s at %s%s  children: %s\n  %s\n", bold.c_str(), query::display_cpr(f->cpr).c_str(), plain.c_str(),
                f->address_id.c_str(), f->is_new ? "  [new]" : "", joined(displayed(f->children), ", ").c_str(),
                joined(concepts, ", ").c_str());
    for (const auto& rep : f->reports)
      std::printf("    %s  %-28s %-12s %s%s\n", rep.occurred.iso().c_str(), rep.id.c_str(), joined(rep.roles, "/").c_str(),
                  joined(rep.concepts, ", ").c_str(), rep.batch > r.previous_batch && r.previous_batch ? "  [new]" : "");
  }
}

}  // namespace

void show_screening(const screening::ScreeningResult& result, const std::vector<const screening::Flag*>& shown,
                    uint64_t run, bool only_new, Format format) {
  switch (format) {
    case Format::kJson: std::printf("%s\n", screening::screening_json(result, shown, run).dump().c_str()); return;
    case Format::kCsv: print_csv(shown); return;
    case Format::kReadable: print_readable(result, shown, only_new); return;
  }
}

size_t write_drafts(const std::filesystem::path& dir, const screening::ScreeningResult& result,
                    const std::vector<const screening::Flag*>& shown, const Xapian::Database& reports,
                    const index::ResidentStore& residents, const index::Places& places,
                    const analysis::ConceptDictionary& concepts) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw EnvironmentError("cannot create " + dir.string() + ": " + ec.message());
  size_t n = 0;
  for (const auto* f : shown) {
    const auto draft = screening::gather_draft(*f, result, reports, residents, places, concepts);
    char number[24];
    std::snprintf(number, sizeof number, "%03zu", ++n);
    // The file name carries no CPR number: directory listings end up in logs.
    std::string address = f->address_id;
    for (char& c : address)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    const auto base = dir / (std::string(number) + "-" + address);
    for (const auto& [ext, text] : {std::pair{".md", screening::draft_markdown(draft)},
                                    std::pair{".html", screening::draft_html(draft)}}) {
      std::ofstream out(base.string() + ext, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out.flush()) throw EnvironmentError("cannot write " + base.string() + ext);
    }
  }
  return n;
}

void add_rule_flags(CLI::App* cmd, RuleFlags& f) {
  cmd->add_option("--config", f.config, "Screening settings (default: config/screening.conf)");
  cmd->add_option("--window-days", f.window_days, "Override window_days");
  cmd->add_option("--min-reports", f.min_reports, "Override min_reports");
  cmd->add_option("--roles", f.roles, "Override acting_roles (e.g. 'sigtet,involveret')");
  cmd->add_option("--concepts", f.concepts, "Override concepts ('risk' or ids, e.g. 'vold,partnervold')");
  cmd->add_option("--adult-age", f.adult_age, "Override adult_age");
  cmd->add_option("--child-age", f.child_age, "Override child_age");
}

screening::ScreeningRule rule_from(const RuleFlags& f, const analysis::ConceptDictionary& concepts,
                                   const Installation& installation) {
  const std::filesystem::path config = f.config.empty() ? installation.screening_conf() : std::filesystem::path(f.config);
  auto rule = screening::ScreeningRule::load(config, concepts);
  const std::pair<const char*, const std::string*> overrides[] = {
      {"window_days", &f.window_days}, {"min_reports", &f.min_reports}, {"acting_roles", &f.roles},
      {"concepts", &f.concepts},       {"adult_age", &f.adult_age},     {"child_age", &f.child_age}};
  for (const auto& [key, value] : overrides) {
    if (value->empty()) continue;
    std::string v = *value;
    std::replace(v.begin(), v.end(), ',', ' ');
    try {
      rule.set(key, v, concepts, std::string("--") + key + ": ");
    } catch (const DataError& e) {
      throw UsageError(e.what());
    }
  }
  return rule;
}

}  // namespace socialsoeg::cli
