#include "analyzers/protected_tokens.h"

#include <array>
#include <string_view>

#include "core/cpr.h"
#include "core/date.h"

namespace socialsoeg::analysis {
namespace {

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
bool is_upper_ascii(char16_t c) { return c >= u'A' && c <= u'Z'; }
bool is_hyphen(char16_t c) { return c == u'-' || c == 0x2010 || c == 0x2011 || c == 0x2013; }

std::string ascii(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char16_t c : s) out.push_back(static_cast<char>(c < 0x80 ? c : '?'));
  return out;
}

int to_int(std::u16string_view digits) {
  int v = 0;
  for (char16_t c : digits) v = v * 10 + (c - u'0');
  return v;
}

// Four-digit year from two digits in a written date: "18.04.24" is 2024,
// "03.02.87" is 1987. Police texts name recent events and birth dates; a
// pivot of 50 keeps both readings right for the coming decades.
int expand_year(std::u16string_view digits) {
  const int v = to_int(digits);
  if (digits.size() == 4) return v;
  return v <= 50 ? 2000 + v : 1900 + v;
}

std::string two(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

// Read-only view of the segment window with the predicates the rules use.
class Window {
 public:
  Window(const Utf16Text& text, std::span<const Segment> segs, size_t first)
      : text_(text), segs_(segs), first_(first) {}

  bool exists(size_t k) const { return first_ + k < segs_.size(); }
  std::u16string_view str(size_t k) const {
    const Segment& s = segs_[first_ + k];
    return text_.view(s.begin, s.end);
  }
  SegmentKind kind(size_t k) const { return segs_[first_ + k].kind; }

  // Segment k consists of ASCII digits only, between min and max of them.
  bool digits(size_t k, size_t min, size_t max) const {
    if (!exists(k) || kind(k) != SegmentKind::kNumber) return false;
    const auto s = str(k);
    if (s.size() < min || s.size() > max) return false;
    for (char16_t c : s)
      if (!is_digit(c)) return false;
    return true;
  }
  bool space(size_t k) const { return exists(k) && kind(k) == SegmentKind::kSpace; }
  bool symbol(size_t k, char16_t c) const {
    return exists(k) && kind(k) == SegmentKind::kOther && str(k).size() == 1 && str(k)[0] == c;
  }
  bool hyphen(size_t k) const {
    return exists(k) && kind(k) == SegmentKind::kOther && str(k).size() == 1 && is_hyphen(str(k)[0]);
  }
  // Letters segment equal, ignoring ASCII case, to one of `words`.
  template <size_t N>
  bool word_in(size_t k, const std::array<std::u16string_view, N>& words) const {
    if (!exists(k) || kind(k) != SegmentKind::kLetters) return false;
    const auto s = str(k);
    for (auto w : words) {
      if (w.size() != s.size()) continue;
      bool same = true;
      for (size_t i = 0; i < w.size() && same; ++i) {
        char16_t c = s[i];
        if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
        same = c == w[i];
      }
      if (same) return true;
    }
    return false;
  }

 private:
  const Utf16Text& text_;
  std::span<const Segment> segs_;
  size_t first_;
};

std::optional<ProtectedMatch> date_match(size_t count, int year, int month, int day) {
  const auto d = Date::from_ymd(year, month, day);
  if (!d) return std::nullopt;
  return ProtectedMatch{count, TokenKind::kDate, d->iso()};
}

// Month names and the abbreviations officers write, 1-based.
int month_number(std::u16string_view word) {
  static constexpr std::array<std::array<std::u16string_view, 3>, 12> kMonths = {{
      {u"januar", u"jan", u""}, {u"februar", u"feb", u""}, {u"marts", u"mar", u"mart"},
      {u"april", u"apr", u""}, {u"maj", u"", u""}, {u"juni", u"jun", u""},
      {u"juli", u"jul", u""}, {u"august", u"aug", u""}, {u"september", u"sep", u"sept"},
      {u"oktober", u"okt", u""}, {u"november", u"nov", u""}, {u"december", u"dec", u""},
  }};
  std::u16string lower(word);
  for (auto& c : lower)
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
  for (size_t m = 0; m < kMonths.size(); ++m)
    for (auto name : kMonths[m])
      if (!name.empty() && name == lower) return static_cast<int>(m) + 1;
  return 0;
}

// "§ 53", "§§ 244", "§53", "§ 81a" (k = index of the number segment).
std::optional<ProtectedMatch> section_number(const Window& w, size_t k) {
  if (!w.exists(k)) return std::nullopt;
  const auto s = w.str(k);
  if (w.kind(k) != SegmentKind::kNumber && w.kind(k) != SegmentKind::kLetters) return std::nullopt;
  size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  if (n == 0 || n > 4) return std::nullopt;
  std::string term = "§" + ascii(s.substr(0, n));
  if (n < s.size()) {
    // One letter suffix as in "§ 81a"; anything longer is not a section number.
    if (s.size() - n != 1) return std::nullopt;
    char16_t c = s[n];
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
    if (c < u'a' || c > u'z') return std::nullopt;
    term.push_back(static_cast<char>(c));
  }
  return ProtectedMatch{k + 1, TokenKind::kSection, term};
}

std::optional<ProtectedMatch> section(const Window& w) {
  if (w.kind(0) == SegmentKind::kOther) {
    const auto s = w.str(0);
    if (s != u"§" && s != u"§§") return std::nullopt;
    return section_number(w, w.space(1) ? 2 : 1);
  }
  static constexpr std::array<std::u16string_view, 3> kWords = {u"paragraf", u"paragraffen", u"paragraph"};
  if (w.word_in(0, kWords) && w.space(1)) return section_number(w, 2);
  return std::nullopt;
}

// Eight phone digits starting at segment k: "22 33 44 55", "2233 4455", "22334455".
// k is the first digit segment; the match spans segments 0..k+n (country code included).
std::optional<ProtectedMatch> phone_digits(const Window& w, size_t k) {
  auto first_ok = [&](size_t j) { return w.str(j)[0] >= u'2'; };  // Danish numbers start with 2-9
  if (w.digits(k, 2, 2) && first_ok(k) && w.space(k + 1) && w.digits(k + 2, 2, 2) && w.space(k + 3) &&
      w.digits(k + 4, 2, 2) && w.space(k + 5) && w.digits(k + 6, 2, 2)) {
    return ProtectedMatch{k + 7, TokenKind::kPhone,
                          ascii(w.str(k)) + ascii(w.str(k + 2)) + ascii(w.str(k + 4)) + ascii(w.str(k + 6))};
  }
  if (w.digits(k, 4, 4) && first_ok(k) && w.space(k + 1) && w.digits(k + 2, 4, 4)) {
    const int a = to_int(w.str(k)), b = to_int(w.str(k + 2));
    const bool two_years = a >= 1900 && a <= 2099 && b >= 1900 && b <= 2099;  // "2023 2024"
    if (!two_years)
      return ProtectedMatch{k + 3, TokenKind::kPhone, ascii(w.str(k)) + ascii(w.str(k + 2))};
  }
  if (w.digits(k, 8, 8) && first_ok(k)) return ProtectedMatch{k + 1, TokenKind::kPhone, ascii(w.str(k))};
  return std::nullopt;
}

std::optional<ProtectedMatch> match_number_start(const Window& w) {
  // CPR: DDMMYY-SSSS or DDMMYYSSSS with a real birth date.
  if (w.digits(0, 6, 6) && w.hyphen(1) && w.digits(2, 4, 4)) {
    if (auto cpr = Cpr::parse(ascii(w.str(0)) + ascii(w.str(2))))
      return ProtectedMatch{3, TokenKind::kCpr, cpr->canonical()};
  }
  if (w.digits(0, 10, 10)) {
    if (auto cpr = Cpr::parse(ascii(w.str(0)))) return ProtectedMatch{1, TokenKind::kCpr, cpr->canonical()};
  }
  // ISO date 2024-04-18.
  if (w.digits(0, 4, 4) && w.hyphen(1) && w.digits(2, 1, 2) && w.hyphen(3) && w.digits(4, 1, 2)) {
    if (auto m = date_match(5, to_int(w.str(0)), to_int(w.str(2)), to_int(w.str(4)))) return m;
  }
  // Day first with separators: 18-04-2024, 18/4-2024, 18/04/2024, 18/4-24.
  if (w.digits(0, 1, 2) && (w.hyphen(1) || w.symbol(1, u'/')) && w.digits(2, 1, 2) &&
      (w.hyphen(3) || w.symbol(3, u'/')) && (w.digits(4, 4, 4) || w.digits(4, 2, 2))) {
    if (auto m = date_match(5, expand_year(w.str(4)), to_int(w.str(2)), to_int(w.str(0)))) return m;
  }
  // 18. april 2024, 3. jan. 2023
  if (w.digits(0, 1, 2) && w.symbol(1, u'.') && w.space(2) && w.exists(3) && w.kind(3) == SegmentKind::kLetters) {
    if (const int month = month_number(w.str(3))) {
      size_t k = 4;
      if (w.symbol(k, u'.')) ++k;
      if (w.space(k) && w.digits(k + 1, 4, 4)) {
        if (auto m = date_match(k + 2, to_int(w.str(k + 1)), month, to_int(w.str(0)))) return m;
      }
    }
  }
  // Clock time 21:35 (ICU splits at the colon).
  if (w.digits(0, 1, 2) && w.symbol(1, u':') && w.digits(2, 2, 2)) {
    const int h = to_int(w.str(0)), m = to_int(w.str(2));
    if (h <= 23 && m <= 59) return ProtectedMatch{3, TokenKind::kTime, two(h) + ":" + two(m)};
  }
  // Phone numbers, with or without the country code 0045.
  if (w.str(0) == u"0045" && w.space(1)) {
    if (auto m = phone_digits(w, 2)) return m;
  }
  if (auto m = phone_digits(w, 0)) return m;
  return std::nullopt;
}

// A number ICU kept in one segment: "18.04.2024", "09.40", "1,20", "1.200", "AB12345".
std::optional<ProtectedMatch> single_number(std::u16string_view s) {
  if (s.size() == 7 && is_upper_ascii(s[0]) && is_upper_ascii(s[1])) {
    bool plate = true;
    for (size_t i = 2; i < 7; ++i) plate = plate && is_digit(s[i]);
    if (plate) {
      std::string term = ascii(s);
      term[0] = static_cast<char>(term[0] + 32);
      term[1] = static_cast<char>(term[1] + 32);
      return ProtectedMatch{1, TokenKind::kPlate, term};
    }
  }
  // Split on '.' and ',' to see the shape.
  std::array<std::u16string_view, 4> parts;
  std::array<char16_t, 3> seps{};
  size_t n = 0, start = 0;
  bool only_digits_and_seps = true;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == u'.' || s[i] == u',') {
      if (n == parts.size()) return std::nullopt;
      parts[n] = s.substr(start, i - start);
      if (i < s.size()) {
        if (n == seps.size()) return std::nullopt;
        seps[n] = s[i];
      }
      ++n;
      start = i + 1;
    } else if (!is_digit(s[i])) {
      only_digits_and_seps = false;
    }
  }
  if (!only_digits_and_seps) return std::nullopt;
  for (size_t i = 0; i < n; ++i)
    if (parts[i].empty()) return std::nullopt;
  if (n == 1) return ProtectedMatch{1, TokenKind::kNumber, ascii(s)};
  // 18.04.2024, 1.4.24
  if (n == 3 && seps[0] == u'.' && seps[1] == u'.' && parts[0].size() <= 2 && parts[1].size() <= 2 &&
      (parts[2].size() == 4 || parts[2].size() == 2)) {
    if (auto m = date_match(1, expand_year(parts[2]), to_int(parts[1]), to_int(parts[0]))) return m;
    return std::nullopt;
  }
  // 09.40, 9.40
  if (n == 2 && seps[0] == u'.' && parts[0].size() <= 2 && parts[1].size() == 2) {
    const int h = to_int(parts[0]), m = to_int(parts[1]);
    if (h <= 23 && m <= 59) return ProtectedMatch{1, TokenKind::kTime, two(h) + ":" + two(m)};
  }
  // Thousands separated by dots, optionally with a decimal comma: 1.200, 12.500,50
  size_t int_parts = n;
  if (seps[n - 2] == u',') int_parts = n - 1;
  bool thousands = int_parts >= 2 && parts[0].size() <= 3;
  for (size_t i = 1; i < int_parts && thousands; ++i) thousands = seps[i - 1] == u'.' && parts[i].size() == 3;
  if (int_parts >= 2 && !thousands) return std::nullopt;
  std::string integer;
  for (size_t i = 0; i < int_parts; ++i) integer += ascii(parts[i]);
  if (int_parts == n) return ProtectedMatch{1, TokenKind::kNumber, integer};
  // Decimal comma: strip trailing zeros but keep one digit, so "1,20" == "1,2" and "0,00" == "0,0".
  std::string fraction = ascii(parts[n - 1]);
  while (fraction.size() > 1 && fraction.back() == '0') fraction.pop_back();
  return ProtectedMatch{1, TokenKind::kDecimal, integer + "," + fraction};
}

}  // namespace

std::optional<ProtectedMatch> match_protected(const Utf16Text& text, std::span<const Segment> segments,
                                              size_t first) {
  const Window w(text, segments, first);
  switch (w.kind(0)) {
    case SegmentKind::kOther:
      if (auto m = section(w)) return m;
      // +45 22 33 44 55
      if (w.symbol(0, u'+') && w.exists(1) && w.str(1) == u"45" && w.space(2)) return phone_digits(w, 3);
      return std::nullopt;
    case SegmentKind::kLetters: {
      if (auto m = section(w)) return m;
      // Licence plate written apart: "AB 12 345" or "AB 12345".
      const auto s = w.str(0);
      if (s.size() == 2 && is_upper_ascii(s[0]) && is_upper_ascii(s[1]) && w.space(1)) {
        std::string letters = ascii(s);
        letters[0] = static_cast<char>(letters[0] + 32);
        letters[1] = static_cast<char>(letters[1] + 32);
        if (w.digits(2, 2, 2) && w.space(3) && w.digits(4, 3, 3))
          return ProtectedMatch{5, TokenKind::kPlate, letters + ascii(w.str(2)) + ascii(w.str(4))};
        if (w.digits(2, 5, 5)) return ProtectedMatch{3, TokenKind::kPlate, letters + ascii(w.str(2))};
      }
      return std::nullopt;
    }
    case SegmentKind::kNumber:
      if (auto m = match_number_start(w)) return m;
      return single_number(w.str(0));
    default:
      return std::nullopt;
  }
}

}  // namespace socialsoeg::analysis
