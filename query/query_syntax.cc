#include "query/query_syntax.h"

#include <optional>

#include "core/utf8.h"
#include "query/query_error.h"
#include "query/suggest.h"

namespace socialsoeg::query {
namespace {

struct Lexeme {
  enum class Kind { kWord, kPhrase, kField, kWildcard, kAnd, kOr, kNot, kOpen, kClose } kind;
  std::string text;   // word, phrase body, wildcard prefix, field value
  Field field = Field::kConcept;  // kField
  size_t start, end;
  size_t value_start = 0;  // kField: where the value begins
};

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of a quote character at `i` (ASCII " or the typographic “ ” „), or 0.
size_t quote_at(std::string_view q, size_t i) {
  if (q[i] == '"') return 1;
  if (q.substr(i, 3) == "\u201C" || q.substr(i, 3) == "\u201D" || q.substr(i, 3) == "\u201E") return 3;
  return 0;
}

bool is_ascii_letters(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view q) : q_(q) {}

  std::vector<Lexeme> run() {
    std::vector<Lexeme> out;
    while (true) {
      skip_space();
      if (i_ >= q_.size()) break;
      const char c = q_[i_];
      if (c == '(' || c == ')') {
        out.push_back({c == '(' ? Lexeme::Kind::kOpen : Lexeme::Kind::kClose, {}, {}, i_, i_ + 1});
        ++i_;
      } else if (quote_at(q_, i_)) {
        const size_t start = i_;
        out.push_back({Lexeme::Kind::kPhrase, read_quoted(), {}, start, i_});
      } else {
        out.push_back(word());
      }
    }
    return out;
  }

 private:
  void skip_space() {
    while (i_ < q_.size() && is_space(static_cast<unsigned char>(q_[i_]))) ++i_;
  }

  // At a quote: the text up to the closing quote (any of the quote characters).
  std::string read_quoted() {
    const size_t open = i_;
    i_ += quote_at(q_, i_);
    const size_t body = i_;
    while (i_ < q_.size() && !quote_at(q_, i_)) ++i_;
    if (i_ >= q_.size()) throw QueryError(open, "the quotation mark is never closed", "add a closing \"");
    std::string text(q_.substr(body, i_ - body));
    i_ += quote_at(q_, i_);
    return text;
  }

  size_t word_end(size_t from) const {
    size_t j = from;
    while (j < q_.size() && !is_space(static_cast<unsigned char>(q_[j])) && q_[j] != '(' && q_[j] != ')' &&
           !quote_at(q_, j))
      ++j;
    return j;
  }

  Lexeme word() {
    const size_t start = i_;
    i_ = word_end(i_);
    const std::string_view w = q_.substr(start, i_ - start);
    if (w == "AND" || w == "OG") return {Lexeme::Kind::kAnd, std::string(w), {}, start, i_};
    if (w == "OR" || w == "ELLER") return {Lexeme::Kind::kOr, std::string(w), {}, start, i_};
    if (w == "NOT" || w == "IKKE") return {Lexeme::Kind::kNot, std::string(w), {}, start, i_};

    const size_t colon = w.find(':');
    if (colon != std::string_view::npos && is_ascii_letters(w.substr(0, colon))) {
      if (auto field = field_lexeme(w, start, colon)) return *field;
    }
    const size_t star = w.find('*');
    if (star != std::string_view::npos) {
      if (star == 0) throw QueryError(start, "'*' needs the beginning of a word before it", "as in politi*");
      if (star + 1 != w.size())
        throw QueryError(start + star, "'*' works only at the end of a word", "write a prefix followed by *, as in politi*");
      return {Lexeme::Kind::kWildcard, std::string(w.substr(0, star)), {}, start, i_};
    }
    return {Lexeme::Kind::kWord, std::string(w), {}, start, i_};
  }

  // name:value; nullopt when the word only looks like one ("Bemærk:" with no value).
  std::optional<Lexeme> field_lexeme(std::string_view w, size_t start, size_t colon) {
    const std::string name = lower_ascii(w.substr(0, colon));
    const FieldSpec* spec = find_field(name);
    std::string value(w.substr(colon + 1));
    size_t value_start = start + colon + 1;
    if (!spec) {
      if (value.empty()) return std::nullopt;
      throw QueryError(start, "unknown field '" + std::string(w.substr(0, colon)) + ":'",
                       did_you_mean(name, field_names(), "the fields are: " + canonical_field_list()));
    }
    if (value.empty()) {
      // cpr:"…" — a quoted value; or "cpr: 010190-1234" with a space.
      if (i_ < q_.size() && quote_at(q_, i_)) {
        value_start = i_ + quote_at(q_, i_);
        value = read_quoted();
      } else {
        skip_space();
        if (i_ < q_.size() && !quote_at(q_, i_) && q_[i_] != '(' && q_[i_] != ')') {
          value_start = i_;
          i_ = word_end(i_);
          value = std::string(q_.substr(value_start, i_ - value_start));
        } else if (i_ < q_.size() && quote_at(q_, i_)) {
          value_start = i_ + quote_at(q_, i_);
          value = read_quoted();
        }
      }
      if (value.empty())
        throw QueryError(start, "the field '" + name + ":' has no value", "as in " + name + ":" + std::string(spec->example));
    }
    return Lexeme{Lexeme::Kind::kField, value, spec->field, start, i_, value_start};
  }

  std::string_view q_;
  size_t i_ = 0;
};

class Parser {
 public:
  Parser(std::string_view q, std::vector<Lexeme> lexemes, const SyntaxLimits& limits)
      : q_(q), lx_(std::move(lexemes)), limits_(limits) {}

  QueryNode run() {
    QueryNode root = parse_or(0);
    if (k_ < lx_.size()) {
      const auto& l = lx_[k_];
      if (l.kind == Lexeme::Kind::kClose)
        throw QueryError(l.start, "')' has no matching '('", "remove it, or add '(' where the group begins");
      throw QueryError(l.start, "unexpected '" + std::string(q_.substr(l.start, l.end - l.start)) + "'");
    }
    return root;
  }

 private:
  bool at(Lexeme::Kind kind) const { return k_ < lx_.size() && lx_[k_].kind == kind; }
  bool at_operand() const {
    if (k_ >= lx_.size()) return false;
    const auto kind = lx_[k_].kind;
    return kind != Lexeme::Kind::kAnd && kind != Lexeme::Kind::kOr && kind != Lexeme::Kind::kClose;
  }

  static QueryNode combine(QueryNode::Kind kind, std::vector<QueryNode> parts) {
    if (parts.size() == 1) return std::move(parts.front());
    QueryNode node{kind, {}, {}, {}, parts.front().start, parts.back().end};
    node.children = std::move(parts);
    return node;
  }

  void operand_after(const Lexeme& op) const {
    if (!at_operand()) {
      const std::string name(q_.substr(op.start, op.end - op.start));
      throw QueryError(op.start, name + " needs something to search for on its right");
    }
  }

  QueryNode parse_or(size_t depth) {
    std::vector<QueryNode> parts;
    parts.push_back(parse_and(depth));
    while (at(Lexeme::Kind::kOr)) {
      const Lexeme& op = lx_[k_++];
      operand_after(op);
      parts.push_back(parse_and(depth));
    }
    return combine(QueryNode::Kind::kOr, std::move(parts));
  }

  QueryNode parse_and(size_t depth) {
    if (!at_operand()) {
      if (k_ >= lx_.size()) throw QueryError(q_.size(), "the query is empty or ends too soon");
      const auto& l = lx_[k_];
      if (l.kind == Lexeme::Kind::kClose) throw QueryError(l.start, "')' has no matching '(' or closes an empty group");
      throw QueryError(l.start, l.text + " needs something to search for on its left");
    }
    std::vector<QueryNode> parts;
    parts.push_back(parse_unary(depth));
    while (true) {
      if (at(Lexeme::Kind::kAnd)) {
        const Lexeme& op = lx_[k_++];
        operand_after(op);
      } else if (!at_operand()) {
        break;
      }
      parts.push_back(parse_unary(depth));
    }
    return combine(QueryNode::Kind::kAnd, std::move(parts));
  }

  QueryNode parse_unary(size_t depth) {
    if (at(Lexeme::Kind::kNot)) {
      const Lexeme& op = lx_[k_++];
      if (depth + 1 > limits_.max_depth)
        throw QueryError(op.start, "the query is nested more than " + std::to_string(limits_.max_depth) + " deep");
      operand_after(op);
      QueryNode inner = parse_unary(depth + 1);
      QueryNode node{QueryNode::Kind::kNot, {}, {}, {}, op.start, inner.end};
      node.children.push_back(std::move(inner));
      return node;
    }
    return parse_primary(depth);
  }

  void count_part(const Lexeme& l) {
    if (++parts_ > limits_.max_parts)
      throw QueryError(l.start, "the query has more than " + std::to_string(limits_.max_parts) +
                                    " words and filters", "split it into several searches");
  }

  QueryNode parse_primary(size_t depth) {
    const Lexeme& l = lx_[k_];
    switch (l.kind) {
      case Lexeme::Kind::kOpen: {
        if (depth + 1 > limits_.max_depth)
          throw QueryError(l.start, "the query is nested more than " + std::to_string(limits_.max_depth) + " deep");
        ++k_;
        if (at(Lexeme::Kind::kClose)) throw QueryError(l.start, "empty parentheses", "put words between them or remove them");
        if (k_ >= lx_.size()) throw QueryError(l.start, "'(' is never closed", "add ')'");
        QueryNode inner = parse_or(depth + 1);
        if (!at(Lexeme::Kind::kClose)) throw QueryError(l.start, "'(' is never closed", "add ')'");
        ++k_;
        return inner;
      }
      case Lexeme::Kind::kPhrase: {
        ++k_;
        count_part(l);
        if (l.text.find_first_not_of(" \t") == std::string::npos)
          throw QueryError(l.start, "empty phrase", "put words between the quotation marks");
        return QueryNode{QueryNode::Kind::kPhrase, {}, l.text, {}, l.start, l.end};
      }
      case Lexeme::Kind::kField:
        ++k_;
        count_part(l);
        return QueryNode{QueryNode::Kind::kField, {}, l.text, l.field, l.start, l.end, l.value_start};
      case Lexeme::Kind::kWildcard:
        ++k_;
        count_part(l);
        return QueryNode{QueryNode::Kind::kWildcard, {}, l.text, {}, l.start, l.end};
      case Lexeme::Kind::kWord: {
        // A run of adjacent words is one text, analysed as written.
        const size_t start = l.start;
        size_t end = l.end;
        while (at(Lexeme::Kind::kWord)) {
          count_part(lx_[k_]);
          end = lx_[k_++].end;
        }
        return QueryNode{QueryNode::Kind::kText, {}, std::string(q_.substr(start, end - start)), {}, start, end};
      }
      default:
        throw QueryError(l.start, "unexpected '" + std::string(q_.substr(l.start, l.end - l.start)) + "'");
    }
  }

  std::string_view q_;
  std::vector<Lexeme> lx_;
  const SyntaxLimits& limits_;
  size_t k_ = 0;
  size_t parts_ = 0;
};

void describe_into(const QueryNode& n, std::string& out) {
  switch (n.kind) {
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr:
    case QueryNode::Kind::kNot: {
      out += n.kind == QueryNode::Kind::kAnd ? "AND(" : n.kind == QueryNode::Kind::kOr ? "OR(" : "NOT(";
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += ',';
        describe_into(n.children[i], out);
      }
      out += ')';
      return;
    }
    case QueryNode::Kind::kText: out += "text\"" + n.text + "\""; return;
    case QueryNode::Kind::kPhrase: out += "phrase\"" + n.text + "\""; return;
    case QueryNode::Kind::kWildcard: out += "prefix\"" + n.text + "\""; return;
    case QueryNode::Kind::kField: out += std::string(field_spec(n.field).name) + "=" + n.text; return;
  }
}

}  // namespace

QueryNode parse_query(std::string_view query, const SyntaxLimits& limits) {
  if (query.size() > limits.max_bytes)
    throw QueryError(limits.max_bytes, "the query is longer than " + std::to_string(limits.max_bytes) + " bytes",
                     "shorten it or split it into several searches");
  if (const auto bad = first_invalid_utf8(query))
    throw QueryError(*bad, "the query is not valid UTF-8 at this byte", "retype the character");
  for (size_t i = 0; i < query.size(); ++i)
    if (static_cast<unsigned char>(query[i]) < 0x20 && query[i] != '\t' && query[i] != '\n' && query[i] != '\r')
      throw QueryError(i, "the query has a control character here", "remove it");
  auto lexemes = Lexer(query).run();
  if (lexemes.empty()) throw QueryError(0, "the query is empty", "type a word, a phrase or a filter such as cpr:");
  return Parser(query, std::move(lexemes), limits).run();
}

std::string describe(const QueryNode& node) {
  std::string out;
  describe_into(node, out);
  return out;
}

}  // namespace socialsoeg::query
