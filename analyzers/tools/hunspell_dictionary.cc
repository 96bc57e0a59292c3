#include "analyzers/tools/hunspell_dictionary.h"

#include <unicode/utf8.h>

#include <fstream>
#include <sstream>
#include <utility>

#include "core/errors.h"

namespace socialsoeg::analysis::tools {
namespace {

std::vector<std::string> split_ws(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::vector<int> parse_flags(const std::string& s) {
  std::vector<int> flags;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) flags.push_back(std::stoi(s.substr(start, comma - start)));
    start = comma + 1;
  }
  return flags;
}

std::vector<std::u32string> parse_condition(const std::u32string& c) {
  std::vector<std::u32string> out;
  if (c == U".") return out;  // matches everything, any length
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] == U'[') {
      const size_t close = c.find(U']', i);
      out.push_back(c.substr(i + 1, close - i - 1));
      i = close;
    } else if (c[i] == U'.') {
      out.push_back(U"");
    } else {
      out.push_back(std::u32string(1, c[i]));
    }
  }
  return out;
}

bool position_matches(const std::u32string& set, char32_t c) {
  if (set.empty()) return true;
  if (set[0] == U'^') return set.find(c, 1) == std::u32string::npos;
  return set.find(c) != std::u32string::npos;
}

bool condition_matches(const AffixRule& r, const std::u32string& word, bool suffix) {
  const size_t n = r.condition.size();
  if (word.size() < n) return false;
  const size_t start = suffix ? word.size() - n : 0;
  for (size_t i = 0; i < n; ++i)
    if (!position_matches(r.condition[i], word[start + i])) return false;
  return true;
}

}  // namespace

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (char32_t c : text) {
    uint8_t buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, static_cast<UChar32>(c));
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
  }
  return out;
}

HunspellDictionary HunspellDictionary::load(const std::filesystem::path& aff, const std::filesystem::path& dic) {
  HunspellDictionary d;
  {
    std::ifstream in(aff);
    if (!in) throw EnvironmentError("cannot read " + aff.string());
    std::string line, comment;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      const auto w = split_ws(line);
      if (w.empty()) continue;
      if (w[0][0] == '#') {
        comment = line;
        continue;
      }
      auto fail = [&](const std::string& why) { throw DataError(aff.string() + ":" + std::to_string(number) + ": " + why); };
      if (w[0] == "FLAG" && (w.size() < 2 || w[1] != "num")) fail("only FLAG num is supported");
      if (w[0] == "FORBIDDENWORD") d.forbidden_flag = std::stoi(w.at(1));
      if (w[0] == "NEEDAFFIX") d.needaffix_flag = std::stoi(w.at(1));
      if (w[0] == "ONLYINCOMPOUND") d.onlyincompound_flag = std::stoi(w.at(1));
      if (w[0] == "COMPOUNDBEGIN") d.compoundbegin_flag = std::stoi(w.at(1));
      const std::string class_comment = std::exchange(comment, std::string());
      if (w[0] != "SFX" && w[0] != "PFX") continue;
      if (w.size() < 4) fail("short affix line");
      const int flag = std::stoi(w[1]);
      if (w.size() == 4 && (w[2] == "Y" || w[2] == "N")) {
        AffixClass& c = d.classes_[flag];
        c.suffix = w[0] == "SFX";
        c.cross = w[2] == "Y";
        c.comment = class_comment;
        continue;
      }
      if (w.size() < 5) fail("affix rule needs strip, add and condition");
      AffixRule r;
      r.strip = w[2] == "0" ? U"" : to_u32(w[2]);
      std::string add = w[3];
      if (const size_t slash = add.find('/'); slash != std::string::npos) {
        r.continuation = parse_flags(add.substr(slash + 1));
        add = add.substr(0, slash);
      }
      r.add = add == "0" ? U"" : to_u32(add);
      r.condition = parse_condition(to_u32(w[4]));
      if (w.size() > 5) r.tag = w[5];
      d.classes_[flag].rules.push_back(std::move(r));
    }
  }
  {
    std::ifstream in(dic);
    if (!in) throw EnvironmentError("cannot read " + dic.string());
    std::string line;
    int number = 0;
    std::getline(in, line);  // the entry count
    ++number;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty()) continue;
      const auto fields = split_ws(line);
      if (fields.empty()) continue;
      DicEntry e;
      e.line = number;
      std::string head = fields[0];
      // "word/12,34": flags after the last slash, when they are numbers
      // ("A/S" and "c/o" are words with a slash and no flags).
      if (const size_t slash = head.rfind('/'); slash != std::string::npos && slash > 0 &&
          head.find_first_not_of("0123456789,", slash + 1) == std::string::npos && slash + 1 < head.size()) {
        e.flags = parse_flags(head.substr(slash + 1));
        head = head.substr(0, slash);
      }
      e.word = to_u32(head);
      for (size_t i = 1; i < fields.size(); ++i)
        if (fields[i].rfind("st:", 0) == 0) {
          e.stem = to_u32(fields[i].substr(3));
        } else if (fields[i].rfind("al:", 0) == 0) {
          e.allomorphs.push_back(to_u32(fields[i].substr(3)));
        }
      d.entries_.push_back(std::move(e));
    }
  }
  return d;
}

const std::string& HunspellDictionary::class_comment(int flag) const {
  static const std::string none;
  const auto it = classes_.find(flag);
  return it == classes_.end() ? none : it->second.comment;
}

bool HunspellDictionary::has_flag(const DicEntry& e, int flag) const {
  for (int f : e.flags)
    if (f == flag) return true;
  return false;
}

bool HunspellDictionary::is_plural_entry(const DicEntry& entry) const {
  // Plural-only: some class forms definite plurals, and no class forms
  // anything a singular noun, verb or adjective would (genitives and the
  // compound-position markers say nothing either way).
  bool plural = false;
  for (int f : entry.flags) {
    const auto it = classes_.find(f);
    if (it == classes_.end() || !it->second.suffix) continue;
    for (const AffixRule& r : it->second.rules) {
      if (r.tag == "+PLUR_BEK") {
        plural = true;
      } else if (r.tag != "+GENITIV" && r.tag != "+ORD_SIDST" && r.tag != "+FUGNING" && !r.tag.empty()) {
        return false;
      }
    }
  }
  return plural;
}

void HunspellDictionary::apply_suffixes(const std::u32string& word, const std::vector<int>& flags, int depth,
                                        bool need_cross, const std::function<void(const Form&)>& emit) const {
  for (int f : flags) {
    const auto it = classes_.find(f);
    if (it == classes_.end() || !it->second.suffix) continue;
    if (need_cross && !it->second.cross) continue;
    for (const AffixRule& r : it->second.rules) {
      if (word.size() < r.strip.size() || !condition_matches(r, word, true)) continue;
      if (word.compare(word.size() - r.strip.size(), r.strip.size(), r.strip) != 0) continue;
      Form form{word.substr(0, word.size() - r.strip.size()) + r.add, r.tag, false, false};
      for (int c : r.continuation) {
        form.only_in_compound = form.only_in_compound || c == onlyincompound_flag;
        form.compound_begin = form.compound_begin || c == compoundbegin_flag;
      }
      emit(form);
      // Hunspell allows one more suffix through the continuation classes.
      if (depth == 0) apply_suffixes(form.text, r.continuation, 1, false, emit);
    }
  }
}

void HunspellDictionary::expand(const DicEntry& entry, const std::function<void(const Form&)>& emit) const {
  const bool need_affix = has_flag(entry, needaffix_flag);
  const bool only_compound = has_flag(entry, onlyincompound_flag);
  if (!need_affix) emit({entry.word, "", only_compound, has_flag(entry, compoundbegin_flag)});
  apply_suffixes(entry.word, entry.flags, 0, false, emit);
  for (int f : entry.flags) {
    const auto it = classes_.find(f);
    if (it == classes_.end() || it->second.suffix) continue;
    for (const AffixRule& r : it->second.rules) {
      if (entry.word.size() < r.strip.size() || !condition_matches(r, entry.word, false)) continue;
      if (entry.word.compare(0, r.strip.size(), r.strip) != 0) continue;
      const std::u32string prefixed = r.add + entry.word.substr(r.strip.size());
      emit({prefixed, r.tag, only_compound, false});
      if (it->second.cross) {
        apply_suffixes(prefixed, entry.flags, 1, true,
                       [&](const Form& f2) { emit(f2); });
      }
    }
  }
}

}  // namespace socialsoeg::analysis::tools
