// `socialsoeg family`: who lives at the address, and what the reports say
// about them (contract §5). Tied to a user and a purpose in the audit log
// before anything is shown.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "actions/audit_events.h"
#include "analyzers/analyzer.h"
#include "audit/audit_log.h"
#include "cli/access_support.h"
#include "cli/commands.h"
#include "cli/common_options.h"
#include "cli/reports_source.h"
#include "core/cpr.h"
#include "core/errors.h"
#include "family/address_finder.h"
#include "family/family_lookup.h"
#include "index/database_dir.h"
#include "index/resident_store.h"

namespace socialsoeg::cli {
namespace {

struct FamilyCommandOptions {
  std::string db, cpr, address, address_text, as_of, purpose, user;
  std::string shards;  // --shards FILE: every district database it lists, as one
  bool json = false;
};

// `text` padded with spaces to `width` characters (not bytes: "Lærke").
std::string padded(const std::string& text, size_t width) {
  size_t chars = 0;
  for (const char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars >= width ? text : text + std::string(width - chars, ' ');
}

void print_readable(const family::FamilyResult& r) {
  const bool tty = ::isatty(STDOUT_FILENO) == 1;
  const std::string bold = tty ? "\033[1m" : "", plain = tty ? "\033[0m" : "";
  const std::string mark = tty ? bold : "[", unmark = tty ? plain : "]";
  if (r.address_id.empty()) {
    std::printf("%s%s is registered at no address on %s%s\n", bold.c_str(), query::display_cpr(r.looked_up_cpr).c_str(),
                r.as_of.iso().c_str(), plain.c_str());
  } else {
    const std::string where = r.address_text.empty() ? r.address_id : r.address_id + " (" + r.address_text + ")";
    std::printf("%sHousehold at %s on %s%s\n", bold.c_str(), where.c_str(), r.as_of.iso().c_str(), plain.c_str());
    if (r.household.empty()) std::printf("  nobody is registered there that day\n");
    for (const auto& m : r.household)
      std::printf("  %-6s %s %s  %3d years%s\n", m.child ? "child" : "adult", padded(m.name, 24).c_str(),
                  query::display_cpr(m.cpr).c_str(), m.age,
                  m.from == r.as_of ? "  (moved in that day)" : (m.to && *m.to == r.as_of ? "  (moves out that day)" : ""));
  }
  // One report as a timeline entry: date, id, roles of the people shown, concepts; the snippet below.
  auto entry = [&](const query::Hit& h, const std::string& who) {
    std::string concepts;
    for (const auto& c : h.concepts)
      if (c.affirmed) concepts += (concepts.empty() ? "" : ", ") + c.concept_id;
    std::printf("  %s  %s%s%s  %s%s%s\n", h.occurred.substr(0, 10).c_str(), bold.c_str(), h.id.c_str(), plain.c_str(),
                who.c_str(), concepts.empty() ? "" : "  ", concepts.c_str());
    if (!h.snippet.text.empty()) std::printf("      %s\n", query::highlight(h.snippet, mark, unmark).c_str());
  };
  auto role_of = [](const query::Hit& h, const std::string& cpr) {
    std::string roles;
    for (const auto& p : h.persons)
      if (p.cpr == cpr) roles += (roles.empty() ? "" : "/") + p.role;
    return roles;
  };
  // A timeline per adult: their history in numbers, then their reports, newest first.
  std::set<std::string> shown;
  for (const auto& a : r.history) {
    std::string counts;
    for (const auto& c : a.concepts)
      counts += (counts.empty() ? "" : ", ") + c.concept_id + " " + std::to_string(c.last_12_months) + "/" +
                std::to_string(c.last_5_years);
    std::printf("\n%s%s%s %s — acting in reports, 12 months/5 years: %s\n", bold.c_str(), a.name.c_str(), plain.c_str(),
                query::display_cpr(a.cpr).c_str(), counts.empty() ? "none" : counts.c_str());
    for (const auto& h : r.reports) {
      const std::string role = role_of(h, a.cpr);
      if (role.empty()) continue;
      entry(h, role);
      shown.insert(h.id);
    }
  }
  // The rest: reports naming only children (or the person asked about, registered nowhere).
  std::vector<const query::Hit*> rest;
  for (const auto& h : r.reports)
    if (!shown.count(h.id)) rest.push_back(&h);
  if (!rest.empty()) {
    std::printf("\n%sOther reports naming %s%s\n", bold.c_str(), r.household.empty() ? "the person" : "the children",
                plain.c_str());
    for (const auto* h : rest) {
      std::string who;
      for (const auto& p : h->persons) {
        const bool member = p.cpr == r.looked_up_cpr ||
                            std::any_of(r.household.begin(), r.household.end(),
                                        [&](const family::Member& m) { return m.cpr == p.cpr; });
        if (member) who += (who.empty() ? "" : ", ") + p.name + " (" + p.role + ")";
      }
      entry(*h, who);
    }
  }
  if (r.reports_truncated)
    std::printf("\n(only the newest %zu reports are shown; --json has the same limit)\n", r.reports.size());
}

int run_family(const Installation& installation, const FamilyCommandOptions& o) {
  require_purpose(o.purpose, "family");
  if (o.cpr.empty() + o.address.empty() + o.address_text.empty() != 2)
    throw UsageError("give exactly one of --cpr, --address and --address-text");
  Date as_of = today_utc();
  if (!o.as_of.empty()) {
    const auto d = Date::parse_iso(o.as_of);
    if (!d) throw UsageError("--as-of: '" + o.as_of + "' is not a date (YYYY-MM-DD)");
    as_of = *d;
  }
  std::optional<Cpr> cpr;
  if (!o.cpr.empty()) {
    cpr = Cpr::parse(o.cpr);
    if (!cpr) throw UsageError("--cpr: not a CPR number (DDMMYY-SSSS or DDMMYYSSSS with a real birth date)");
  }
  const Caller caller = authorize(installation, o.db, o.user, access::Action::kFamily, o.purpose);
  const analysis::Analyzer analyzer(analysis::AnalyzerOptions::of(installation));
  const index::DatabaseDir dir(o.db);
  const auto places = index::Places::load(installation.municipalities());
  ReportsSource source = open_reports(dir, o.shards, analyzer.identity(), places);
  Xapian::Database& reports = source.db;
  index::ResidentStore residents(dir.residents_path());
  const family::FamilyLookup lookup(analyzer, reports, residents, caller.scope);
  std::string address = o.address;
  if (!o.address_text.empty()) {
    // The address as typed: the unit it names, or the units to choose from.
    const auto found = family::find_addresses(reports, o.address_text, caller.scope);
    auto event = caller.event("address", o.purpose);
    event.query = o.address_text;
    event.details["candidates"] = found ? found->size() : 0;
    audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);
    if (!found) throw UsageError("--address-text: '" + o.address_text + "' has no street and house number");
    if (found->empty()) throw UsageError("no address in your districts' reports matches '" + o.address_text + "'");
    if (found->size() > 1) {
      std::string list;
      for (const auto& c : *found) list += "\n  " + c.address_id + "  " + c.address_text;
      throw UsageError(std::to_string(found->size()) + " addresses match; give the floor and door, or --address ID:" + list);
    }
    address = found->front().address_id;
  }
  family::FamilyResult result;
  try {
    result = cpr ? lookup.by_cpr(*cpr, as_of) : lookup.by_address(address, as_of);
  } catch (const Xapian::Error& e) {
    index::rethrow_xapian(e, "looking up in " + o.db);
  }

  auto event = actions::family_event(caller, o.purpose, cpr ? cpr->canonical() : "", address, result);
  if (source.national) event.details["districts"] = districts_json(source);
  audit::AuditLog(audit::AuditLogFiles::for_db(o.db, installation.audit_checkpoints)).append(event);

  if (o.json) {
    auto j = family::to_json(result);
    if (source.national) j["districts"] = districts_json(source);
    std::printf("%s\n", j.dump().c_str());
  } else {
    print_missing(source);
    print_readable(result);
  }
  return kExitOk;
}

}  // namespace

void register_family(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<FamilyCommandOptions>();
  auto* cmd = app.add_subcommand("family", "Household at an address on a date and its members' reports (docs/contract.md §5)");
  add_db_option(cmd, o->db);
  cmd->add_option("--cpr", o->cpr, "The person: the household where they are registered on the as-of date");
  cmd->add_option("--address", o->address, "The unit address id");
  cmd->add_option("--address-text", o->address_text, "The address as written (\"Vestergade 12, 2. tv, 4100 Ringsted\")");
  cmd->add_option("--as-of", o->as_of, "The date (YYYY-MM-DD; default today): who lives there then, reports up to then");
  add_purpose_option(cmd, o->purpose);
  add_user_option(cmd, o->user);
  add_json_flag(cmd, o->json);
  add_shards_option(cmd, o->shards);
  cmd->footer(
      "Examples:\n"
      "  socialsoeg family --db /srv/socialsoeg --purpose 'patrulje 0100-4411' --cpr 010190-1234\n"
      "  socialsoeg family --db /srv/socialsoeg --purpose 'sag 0100-77' --address A-1234 --as-of 2024-03-01 --json");
  cmd->callback([o, &action] { action = [o](const Installation& installation) { return run_family(installation, *o); }; });
}

}  // namespace socialsoeg::cli
