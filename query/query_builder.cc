#include "query/query_builder.h"

#include <algorithm>
#include <map>

#include "index/places.h"
#include "index/schema.h"
#include "query/field_filter.h"
#include "query/query_error.h"
#include "query/suggest.h"

namespace socialsoeg::query {
namespace {

using analysis::Side;
using analysis::Token;
using Kind = QueryNode::Kind;

// A built part of the tree and how it combines with its siblings.
struct Part {
  enum class Type { kScored, kFilter, kEmpty } type = Type::kEmpty;
  Xapian::Query query;
  bool negated = false;  // under NOT: combined as AND_NOT by the enclosing AND
};

Xapian::Query unweighted(const Xapian::Query& q) { return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0); }

Xapian::Query all_documents() { return unweighted(Xapian::Query::MatchAll); }

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

class Build {
 public:
  Build(const analysis::Analyzer& analyzer, const index::Places& places, const BuildOptions& options,
        const Xapian::Database& db)
      : analyzer_(analyzer), places_(places), options_(options), db_(db) {}

  BuiltQuery run(const QueryNode& root) {
    Part part = build(root, true);
    BuiltQuery out;
    out.matches = std::move(matches_);
    out.matches.include_negated = options_.include_negated;
    if (part.type == Part::Type::kEmpty)
      throw QueryError(root.start, "the query has no words to search for", "type a word, a phrase or a filter");
    if (part.negated) {
      // Only NOT: everything except what it names.
      out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, all_documents(), part.query);
      out.scored = false;
    } else {
      out.query = part.query;
      out.scored = part.type == Part::Type::kScored;
    }
    return out;
  }

 private:
  Part build(const QueryNode& n, bool positive) {
    switch (n.kind) {
      case Kind::kText: return text(n, positive);
      case Kind::kPhrase: return phrase(n, positive);
      case Kind::kWildcard: return wildcard(n, positive);
      case Kind::kField:
        if (field_spec(n.field).kind == FieldKind::kWeighted) return concept_term(n, positive);
        count_terms(n, 1);
        return {Part::Type::kFilter, filter_query(n, places_)};
      case Kind::kNot: {
        Part inner = build(n.children.front(), !positive);
        if (inner.type == Part::Type::kEmpty) return inner;
        if (inner.negated) return {inner.type, inner.query, false};  // NOT NOT x is x
        inner.negated = true;
        return inner;
      }
      case Kind::kAnd: return conjunction(n, positive);
      case Kind::kOr: return disjunction(n, positive);
    }
    return {};
  }

  void count_terms(const QueryNode& n, size_t k) {
    terms_ += k;
    if (terms_ > options_.max_terms)
      throw QueryError(n.start, "the query stands for more than " + std::to_string(options_.max_terms) +
                                    " index terms after expansion", "use fewer words or longer prefixes");
  }

  void note(const std::string& term, bool positive) {
    if (positive) matches_.terms.insert(term);
  }

  // Tokens of an analysed text grouped by position (one group per query word).
  static std::vector<std::vector<const Token*>> by_position(const analysis::TokenList& tokens) {
    std::vector<std::vector<const Token*>> groups;
    uint32_t last = 0;
    for (const auto& t : tokens) {
      if (t.term.empty()) continue;
      if (groups.empty() || t.position != last) groups.emplace_back();
      last = t.position;
      groups.back().push_back(&t);
    }
    return groups;
  }

  static std::vector<std::string> unique_terms(const std::vector<const Token*>& group) {
    std::vector<std::string> terms;
    for (const auto* t : group)
      if (std::find(terms.begin(), terms.end(), t->term) == terms.end()) terms.push_back(t->term);
    return terms;
  }

  Xapian::Query any_of(const std::vector<std::string>& terms) {
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  }

  // One query word: its terms as typed (lemmas) and its relatives (synonyms
  // and word family, each as its terms).
  struct Word {
    std::vector<std::string> typed;
    std::vector<std::vector<std::string>> related;
  };

  Word word_of(const QueryNode& n, const std::vector<const Token*>& group, bool positive) {
    Word w{unique_terms(group), {}};
    for (const auto& t : w.typed) note(t, positive);
    std::set<std::vector<std::string>> seen;
    for (const auto& t : w.typed) seen.insert({t});
    for (const auto& t : w.typed) {
      for (const auto& e : analyzer_.expansions(t)) {
        if (!seen.insert(e.terms).second) continue;
        for (const auto& x : e.terms) note(x, positive);
        w.related.push_back(e.terms);
      }
    }
    count_terms(n, w.typed.size() + w.related.size());
    return w;
  }

  static Xapian::Query relative(const std::vector<std::string>& terms) {
    if (terms.size() == 1) return Xapian::Query(terms.front());
    // A member of several words ("vold i nære relationer", stopwords left
    // out): in order, with room for the words left out.
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size() + 3));
  }

  // Words OR'ed together: each as typed, then one group (OP_SYNONYM) of all
  // their relatives at the lower weight: typed OR 0.5 * (r1 SYNONYM r2 ...).
  // A report with the word as typed outranks one with only a relative, and
  // each posting list is read once — also for "a OR b OR c" whose relatives
  // overlap ("anholde OR anholdt OR anholdelse").
  Xapian::Query words_query(const std::vector<Word>& words) {
    std::vector<Xapian::Query> typed_queries;
    std::set<std::vector<std::string>> typed_seen;
    std::vector<std::string> all_typed;
    for (const auto& w : words) {
      auto key = w.typed;
      std::sort(key.begin(), key.end());
      if (typed_seen.insert(key).second) typed_queries.push_back(any_of(w.typed));
      for (const auto& t : w.typed)
        if (std::find(all_typed.begin(), all_typed.end(), t) == all_typed.end()) all_typed.push_back(t);
    }
    std::set<std::vector<std::string>> seen;
    for (const auto& t : all_typed) seen.insert({t});
    std::vector<Xapian::Query> relatives;
    for (const auto& w : words)
      for (const auto& r : w.related)
        if (seen.insert(r).second) relatives.push_back(relative(r));
    Xapian::Query typed = combine(Xapian::Query::OP_OR, typed_queries);
    if (relatives.empty()) return typed;
    const Xapian::Query group = relatives.size() == 1
                                    ? relatives.front()
                                    : Xapian::Query(Xapian::Query::OP_SYNONYM, relatives.begin(), relatives.end());
    return Xapian::Query(Xapian::Query::OP_OR, typed,
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, group, options_.expansion_weight));
  }

  // The words of a text run, stopwords left out unless they are all it has.
  std::vector<Word> words_of(const QueryNode& n, bool positive) {
    const auto tokens = analyzer_.analyze(n.text, Side::kQuery);
    auto groups = by_position(tokens);
    const bool all_stopwords =
        std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.front()->stopword; });
    std::vector<Word> words;
    for (const auto& g : groups) {
      if (g.front()->stopword && !all_stopwords) continue;
      words.push_back(word_of(n, g, positive));
    }
    return words;
  }

  Part text(const QueryNode& n, bool positive) {
    std::vector<Xapian::Query> words;
    for (const auto& w : words_of(n, positive)) words.push_back(words_query({w}));
    if (words.empty()) return {};
    return {Part::Type::kScored, combine(Xapian::Query::OP_AND, words)};
  }

  Part phrase(const QueryNode& n, bool positive) {
    const auto tokens = analyzer_.analyze(n.text, Side::kQuery);
    const auto groups = by_position(tokens);
    if (groups.empty()) throw QueryError(n.start, "the phrase has no words to search for");
    std::vector<Xapian::Query> steps;
    size_t k = 0;
    for (const auto& g : groups) {
      const auto terms = unique_terms(g);
      for (const auto& t : terms) note(t, positive);
      k += terms.size();
      steps.push_back(terms.size() == 1 ? Xapian::Query(terms.front())
                                        : Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    }
    count_terms(n, k);
    if (steps.size() == 1) return {Part::Type::kScored, steps.front()};
    const auto window = groups.back().front()->position - groups.front().front()->position + 1;
    return {Part::Type::kScored, Xapian::Query(Xapian::Query::OP_PHRASE, steps.begin(), steps.end(), window)};
  }

  Part wildcard(const QueryNode& n, bool positive) {
    const auto tokens = analyzer_.analyze(n.text, Side::kQuery);
    const auto groups = by_position(tokens);
    if (groups.size() != 1)
      throw QueryError(n.start, "'*' completes one word; '" + n.text + "' is " +
                                    (groups.empty() ? "no word" : "several"));
    const Token& t = *groups.front().front();
    const std::string prefix = t.kind == analysis::TokenKind::kWord && !t.form.empty() ? t.form : t.term;
    size_t letters = 0;
    for (const char c : prefix) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (letters < 2) throw QueryError(n.start, "'*' needs at least two letters before it", "as in politi*");
    std::vector<std::string> terms;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
      if (terms.size() == options_.max_wildcard_terms)
        throw QueryError(n.start, "'" + n.text + "*' stands for more than " +
                                      std::to_string(options_.max_wildcard_terms) + " words in the index",
                         "type more of the word before *");
      terms.push_back(*it);
    }
    count_terms(n, terms.size());
    for (const auto& x : terms) note(x, positive);
    if (terms.empty()) return {Part::Type::kScored, Xapian::Query::MatchNothing};
    return {Part::Type::kScored, Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end())};
  }

  Part concept_term(const QueryNode& n, bool positive) {
    const auto& dict = analyzer_.concepts();
    const analysis::ConceptInfo* info = dict.lookup(n.text);
    if (!info) info = dict.lookup(index::fold_place_name(n.text));  // "spirituskørsel" -> spirituskoersel
    if (!info) {
      std::vector<std::string> names;
      for (const auto& c : dict.concepts()) {
        names.push_back(c.id);
        if (!c.alias.empty()) names.push_back(c.alias);
      }
      std::string all;
      for (const auto& c : dict.concepts()) all += (all.empty() ? "" : " ") + c.id;
      throw QueryError(n.value_start, "there is no concept '" + n.text + "'",
                       did_you_mean(index::fold_place_name(n.text), names, "the concepts are: " + all));
    }
    count_terms(n, options_.include_negated ? 2 : 1);
    if (positive) matches_.concepts.insert(info->id);
    Xapian::Query affirmed(std::string(schema::kConceptAffirmed) + info->id);
    if (!options_.include_negated) return {Part::Type::kScored, affirmed};
    return {Part::Type::kScored,
            Xapian::Query(Xapian::Query::OP_OR, affirmed, Xapian::Query(std::string(schema::kConceptNegated) + info->id))};
  }

  // cpr: and role: side by side mean one person in that role: XPR<cpr>:<role>.
  std::optional<Xapian::Query> person_roles(const QueryNode& n, std::vector<bool>& used) {
    std::vector<std::string> cprs, roles;
    for (size_t i = 0; i < n.children.size(); ++i) {
      const auto& c = n.children[i];
      if (c.kind != Kind::kField) continue;
      if (c.field == Field::kCpr) cprs.push_back(filter_cpr(c));
      if (c.field == Field::kRole) roles.push_back(filter_role(c));
    }
    if (cprs.empty() || roles.empty()) return std::nullopt;
    std::vector<Xapian::Query> terms;
    for (size_t i = 0; i < n.children.size(); ++i) {
      const auto& c = n.children[i];
      if (c.kind == Kind::kField && (c.field == Field::kCpr || c.field == Field::kRole)) used[i] = true;
    }
    for (const auto& cpr : cprs)
      for (const auto& role : roles) terms.emplace_back(schema::person_role_term(cpr, role));
    count_terms(n, terms.size());
    return combine(Xapian::Query::OP_AND, terms);
  }

  Part conjunction(const QueryNode& n, bool positive) {
    std::vector<bool> used(n.children.size(), false);
    std::vector<Xapian::Query> scored, filters, negated;
    if (auto pr = person_roles(n, used)) filters.push_back(*pr);
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (used[i]) continue;
      Part p = build(n.children[i], positive);
      if (p.type == Part::Type::kEmpty) continue;
      if (p.negated) {
        negated.push_back(p.query);
      } else {
        (p.type == Part::Type::kScored ? scored : filters).push_back(p.query);
      }
    }
    Part out;
    if (!scored.empty()) {
      out = {Part::Type::kScored, combine(Xapian::Query::OP_AND, scored)};
      if (!filters.empty())
        out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query, combine(Xapian::Query::OP_AND, filters));
    } else if (!filters.empty()) {
      out = {Part::Type::kFilter, combine(Xapian::Query::OP_AND, filters)};
    }
    if (negated.empty()) return out;
    if (out.type == Part::Type::kEmpty) {
      // Only negations: NOT (a OR b), for the level above to place.
      return {Part::Type::kFilter, combine(Xapian::Query::OP_OR, negated), true};
    }
    out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query, combine(Xapian::Query::OP_OR, negated));
    return out;
  }

  Part disjunction(const QueryNode& n, bool positive) {
    std::vector<Part> parts;
    bool any_scored = false;
    // Children that are one word each share one group of relatives.
    std::vector<Word> single_words;
    for (const auto& c : n.children) {
      if (c.kind == Kind::kText) {
        auto words = words_of(c, positive);
        if (words.size() == 1) {
          single_words.push_back(std::move(words.front()));
          continue;
        }
        if (words.empty()) continue;
        std::vector<Xapian::Query> all;
        for (const auto& w : words) all.push_back(words_query({w}));
        parts.push_back({Part::Type::kScored, combine(Xapian::Query::OP_AND, all)});
        any_scored = true;
        continue;
      }
      Part p = build(c, positive);
      if (p.type == Part::Type::kEmpty) continue;
      if (p.negated) p = {Part::Type::kFilter, Xapian::Query(Xapian::Query::OP_AND_NOT, all_documents(), p.query)};
      any_scored = any_scored || p.type == Part::Type::kScored;
      parts.push_back(std::move(p));
    }
    if (!single_words.empty()) {
      parts.insert(parts.begin(), Part{Part::Type::kScored, words_query(single_words)});
      any_scored = true;
    }
    if (parts.empty()) return {};
    std::vector<Xapian::Query> queries;
    for (const auto& p : parts)
      queries.push_back(any_scored && p.type == Part::Type::kFilter ? unweighted(p.query) : p.query);
    return {any_scored ? Part::Type::kScored : Part::Type::kFilter, combine(Xapian::Query::OP_OR, queries)};
  }

  const analysis::Analyzer& analyzer_;
  const index::Places& places_;
  const BuildOptions& options_;
  const Xapian::Database& db_;
  MatchSet matches_;
  size_t terms_ = 0;
};

}  // namespace

QueryBuilder::QueryBuilder(const analysis::Analyzer& analyzer, const index::Places& places, BuildOptions options)
    : analyzer_(analyzer), places_(places), options_(options) {}

BuiltQuery QueryBuilder::build(std::string_view query, const Xapian::Database& db) const {
  return build(parse_query(query, options_.syntax), db);
}

BuiltQuery QueryBuilder::build(const QueryNode& root, const Xapian::Database& db) const {
  return Build(analyzer_, places_, options_, db).run(root);
}

}  // namespace socialsoeg::query
