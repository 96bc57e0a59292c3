#include "screening/socialrapport.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/cpr.h"
#include "index/person_role.h"
#include "index/stored_report.h"

namespace socialsoeg::screening {
namespace {

// The police district's own name ("Syd- og Sønderjyllands Politi") for its slug.
std::string district_name(const std::string& slug) {
  static const std::map<std::string, std::string> names = {
      {"nordjylland", "Nordjyllands Politi"},
      {"oestjylland", "Østjyllands Politi"},
      {"midt-vestjylland", "Midt- og Vestjyllands Politi"},
      {"sydoestjylland", "Sydøstjyllands Politi"},
      {"syd-soenderjylland", "Syd- og Sønderjyllands Politi"},
      {"fyn", "Fyns Politi"},
      {"sydsjaelland-lolland-falster", "Sydsjællands og Lolland-Falsters Politi"},
      {"midt-vestsjaelland", "Midt- og Vestsjællands Politi"},
      {"nordsjaelland", "Nordsjællands Politi"},
      {"koebenhavns-vestegn", "Københavns Vestegns Politi"},
      {"koebenhavn", "Københavns Politi"},
      {"bornholm", "Bornholms Politi"},
  };
  const auto it = names.find(slug);
  return it == names.end() ? slug : it->second;
}

std::string display(const std::string& cpr) {
  const auto c = Cpr::parse(cpr);
  return c ? c->display() : cpr;
}

// "1. marts 2024" — dates as a Danish reader writes them.
std::string danish_date(Date d) {
  static const char* months[] = {"januar", "februar", "marts",     "april",   "maj",      "juni",
                                 "juli",   "august",  "september", "oktober", "november", "december"};
  return std::to_string(d.day()) + ". " + months[d.month() - 1] + " " + std::to_string(d.year());
}

std::string danish_date(const std::string& iso) {
  const auto d = Date::parse_iso(iso, true);
  return d ? danish_date(*d) : iso;
}

std::string concepts_sentence(const std::vector<std::string>& labels) {
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += i + 1 == labels.size() ? " og " : ", ";
    out += labels[i];
  }
  return out;
}

std::string name_or_cpr(const DraftPerson& p) { return p.name.empty() ? display(p.cpr) : p.name; }

// The draft as blocks of text; Markdown and HTML render the same blocks.
struct Block {
  enum class Kind { kNote, kTitle, kField, kHeading, kParagraph, kItem, kBlank } kind;
  std::string label, text;
};

std::vector<Block> blocks(const Draft& d) {
  using K = Block::Kind;
  std::vector<Block> b;
  const std::string subject = name_or_cpr(d.subject);
  std::vector<std::string> child_names;
  for (const auto& c : d.children) child_names.push_back(name_or_cpr(c));
  const std::string children = concepts_sentence(child_names);
  std::vector<std::string> concept_labels;
  {
    std::vector<std::string> ids;
    for (const auto& r : d.reports)
      for (const auto& q : r.quotes)
        if (std::find(ids.begin(), ids.end(), q.concept_id) == ids.end()) {
          ids.push_back(q.concept_id);
          concept_labels.push_back(q.concept_phrase);
        }
  }
  const DraftReport& latest = d.reports.back();
  const std::string address = d.address_text.empty() ? d.address_id : d.address_text + " (adresse-id " + d.address_id + ")";

  b.push_back({K::kNote, "", "UDKAST – gennemgås og godkendes af en medarbejder før afsendelse. Dannet af Socialsøg."});
  b.push_back({K::kTitle, "", "UNDERRETNING (socialrapport), jf. barnets lov § 133"});
  b.push_back({K::kField, "Til", latest.municipality.empty() ? "[kommunen – udfyldes]" : latest.municipality + " Kommune"});
  b.push_back({K::kField, "Dato", "[udfyldes]"});
  b.push_back({K::kField, "Politiets j.nr.", latest.case_number.empty() ? "[udfyldes] (rapport " + latest.id + ")" : latest.case_number});
  b.push_back({K::kField, "Fra", (latest.district.empty() ? std::string("[politikreds]") : district_name(latest.district)) +
                                     ", [enhed], [navn], [stilling], [tjenestetelefon]"});
  for (const auto& c : d.children)
    b.push_back({K::kField, "Vedrørende", name_or_cpr(c) + ", " + display(c.cpr) + ", " + std::to_string(c.age) + " år"});
  b.push_back({K::kField, "Adresse", address});
  b.push_back({K::kField, "Voksen i husstanden", subject + ", " + display(d.subject.cpr) + ", " +
                                                     std::to_string(d.subject.age) + " år"});
  b.push_back({K::kField, "Forældremyndighed", "[udfyldes]"});
  b.push_back({K::kField, "Behov for tolk", "[ja/nej – sprog]"});

  b.push_back({K::kHeading, "", "1. Anledning"});
  std::string roles;
  for (const auto& r : latest.roles) roles += (roles.empty() ? "" : " og ") + index::danish_role_label(r);
  b.push_back({K::kParagraph, "",
               "Den " + danish_date(latest.occurred) + " er " + subject + " registreret som " + roles +
                   " i politiets rapport " + (latest.case_number.empty() ? latest.id : latest.case_number) +
                   ". På denne dato er " + subject + " og " + children + " tilmeldt samme adresse, " + address + "."});

  b.push_back({K::kHeading, "", "2. Registreringer med betydning for barnet"});
  b.push_back({K::kParagraph, "",
               "Inden for " + std::to_string(d.rule.window_days) + " dage op til og med " +
                   danish_date(d.pattern_date) + " er " + subject + " registreret i følgende rapporter:"});
  for (const auto& r : d.reports) {
    std::string line = danish_date(r.occurred) + " – " + (r.case_number.empty() ? "rapport " + r.id : "j.nr. " + r.case_number + " (" + r.id + ")");
    std::string rr;
    for (const auto& x : r.roles) rr += (rr.empty() ? "" : " og ") + index::danish_role_label(x);
    line += " – " + rr;
    // Per concept, the words that carry it: "beruselse: »stærkt beruset«, »fuld«".
    std::string quotes, current;
    for (const auto& q : r.quotes) {
      if (q.concept_id != current) {
        quotes += (quotes.empty() ? "" : "; ") + q.concept_phrase + ": ";
        current = q.concept_id;
      } else {
        quotes += ", ";
      }
      quotes += "»" + q.words + "«";
    }
    if (!quotes.empty()) line += " – " + quotes;
    b.push_back({K::kItem, "", line});
  }
  b.push_back({K::kParagraph, "",
               "Oplysningerne er gengivet fra politiets rapporter. Rapporterne beskriver registreringer og ikke, "
               "om forholdene er afgjort ved dom."});

  b.push_back({K::kHeading, "", "3. Politiets bekymring"});
  b.push_back({K::kParagraph, "",
               "Politiet er bekymret for, om " + children + " påvirkes af, at en voksen i husstanden gentagne gange er "
               "registreret i sager om " + concepts_sentence(concept_labels) +
                   ". Politiet kan ikke vurdere barnets samlede trivsel og overlader vurderingen til kommunen."});

  b.push_back({K::kHeading, "", "4. Orientering af forældrene"});
  b.push_back({K::kParagraph, "", "[ ] Forældrene er orienteret den [dato]; deres reaktion: [udfyldes]"});
  b.push_back({K::kParagraph, "", "[ ] Forældrene er ikke orienteret, fordi: [udfyldes]"});

  b.push_back({K::kHeading, "", "5. Gennemgang"});
  b.push_back({K::kField, "Gennemgået af (navn, stilling)", "[udfyldes]"});
  b.push_back({K::kField, "Dato for gennemgang", "[udfyldes]"});
  b.push_back({K::kField, "Faglig vurdering (adskilt fra iagttagelserne)", "[udfyldes]"});
  b.push_back({K::kBlank, "", ""});
  b.push_back({K::kParagraph, "",
               "Kontakt: [navn, tjenestetelefon]. Politiet ønsker besked, om underretningen fører til en undersøgelse."});
  b.push_back({K::kNote, "",
               "Grundlag: Socialsøg-screening pr. " + danish_date(d.as_of) + " (mindst " +
                   std::to_string(d.rule.min_reports) + " rapporter inden for " + std::to_string(d.rule.window_days) +
                   " dage; barn under " + std::to_string(d.rule.child_age) +
                   " år tilmeldt samme adresse). Kontrollér oplysningerne mod rapporterne før afsendelse."});
  return b;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Draft gather_draft(const Flag& flag, const ScreeningResult& result, const Xapian::Database& reports,
                   const index::ResidentStore& residents, const index::Places& places,
                   const analysis::ConceptDictionary& concepts) {
  Draft d;
  d.as_of = result.as_of;
  d.rule = result.rule;
  d.address_id = flag.address_id;
  d.pattern_date = flag.pattern_date;
  auto person = [&](const std::string& cpr) {
    DraftPerson p{cpr, {}, 0};
    if (const auto c = Cpr::parse(cpr)) {
      p.age = age_on(c->birth_date(), flag.pattern_date);
      for (const auto& reg : residents.of_person(*c))
        if (reg.address_id == flag.address_id && !reg.name.empty()) p.name = reg.name;
    }
    return p;
  };
  d.subject = person(flag.cpr);
  for (const auto& c : flag.children) d.children.push_back(person(c));
  for (const auto& fr : flag.reports) {
    const auto data = index::read_stored_report(reports.get_document(fr.docid));
    DraftReport r;
    r.id = fr.id;
    r.case_number = data.case_number;
    r.occurred = data.occurred;
    r.district = data.district;
    r.title = data.title;
    r.roles = fr.roles;
    if (!data.municipality.empty()) r.municipality = places.municipality_name(data.municipality).value_or(data.municipality);
    if (d.subject.name.empty()) {
      for (const auto& p : data.persons)
        if (p.cpr == flag.cpr) d.subject.name = p.name;
    }
    if (!data.address_id.empty() && data.address_id == flag.address_id) d.address_text = data.address_text;
    for (const auto& m : data.mentions) {
      if (!m.affirmed || !result.rule.concepts.count(m.concept_id)) continue;
      const std::string& field = m.in_title ? data.title : data.text;
      if (m.end > field.size() || m.start >= m.end) continue;
      const analysis::ConceptInfo* info = concepts.lookup(m.concept_id);
      DraftQuote q{m.concept_id, info ? info->phrase : m.concept_id, field.substr(m.start, m.end - m.start)};
      const bool seen = std::any_of(r.quotes.begin(), r.quotes.end(),
                                    [&](const DraftQuote& x) { return x.concept_id == q.concept_id && x.words == q.words; });
      if (!seen) r.quotes.push_back(q);
    }
    // Quotes of one concept together, concepts in the order the text first mentions them.
    std::map<std::string, size_t> first_seen;
    for (size_t i = 0; i < r.quotes.size(); ++i) first_seen.try_emplace(r.quotes[i].concept_id, i);
    std::stable_sort(r.quotes.begin(), r.quotes.end(), [&](const DraftQuote& a, const DraftQuote& b) {
      return first_seen[a.concept_id] < first_seen[b.concept_id];
    });
    d.reports.push_back(std::move(r));
  }
  return d;
}

std::string draft_markdown(const Draft& d) {
  std::ostringstream out;
  bool in_list = false;
  for (const auto& b : blocks(d)) {
    const bool item = b.kind == Block::Kind::kItem;
    if (in_list && !item && b.kind != Block::Kind::kParagraph) out << "\n";
    switch (b.kind) {
      case Block::Kind::kNote: out << "*" << b.text << "*\n\n"; break;
      case Block::Kind::kTitle: out << "# " << b.text << "\n\n"; break;
      case Block::Kind::kField: out << "**" << b.label << ":** " << b.text << "  \n"; break;
      case Block::Kind::kHeading: out << "\n## " << b.text << "\n\n"; break;
      case Block::Kind::kParagraph: out << (in_list ? "\n" : "") << b.text << "\n\n"; break;
      case Block::Kind::kItem: out << "- " << b.text << "\n"; break;
      case Block::Kind::kBlank: out << "\n"; break;
    }
    in_list = item;
  }
  return out.str();
}

std::string draft_html(const Draft& d) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<title>Udkast til underretning</title>\n"
         "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.45}"
         ".note{color:#8a1c1c;font-style:italic}dt{font-weight:bold;float:left;clear:left;width:15em}"
         "dd{margin-left:15em}</style>\n</head>\n<body>\n";
  bool in_list = false, in_fields = false;
  for (const auto& b : blocks(d)) {
    if (in_list && b.kind != Block::Kind::kItem) out << "</ul>\n", in_list = false;
    if (in_fields && b.kind != Block::Kind::kField) out << "</dl>\n", in_fields = false;
    switch (b.kind) {
      case Block::Kind::kNote: out << "<p class=\"note\">" << html_escape(b.text) << "</p>\n"; break;
      case Block::Kind::kTitle: out << "<h1>" << html_escape(b.text) << "</h1>\n"; break;
      case Block::Kind::kField:
        if (!in_fields) out << "<dl>\n", in_fields = true;
        out << "<dt>" << html_escape(b.label) << "</dt><dd>" << html_escape(b.text) << "</dd>\n";
        break;
      case Block::Kind::kHeading: out << "<h2>" << html_escape(b.text) << "</h2>\n"; break;
      case Block::Kind::kParagraph: out << "<p>" << html_escape(b.text) << "</p>\n"; break;
      case Block::Kind::kItem:
        if (!in_list) out << "<ul>\n", in_list = true;
        out << "<li>" << html_escape(b.text) << "</li>\n";
        break;
      case Block::Kind::kBlank: break;
    }
  }
  if (in_list) out << "</ul>\n";
  if (in_fields) out << "</dl>\n";
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace socialsoeg::screening
