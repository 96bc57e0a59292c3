// Reads a hunspell dictionary (.aff + .dic with numeric flags, as Debian's
// hunspell-da ships it) and expands every entry into its full forms with the
// affix rules. Build-time only: the runtime reads the compiled lexicon.
//
// Supported: FLAG num, SFX/PFX classes with strip, add, continuation flags,
// conditions ([...], [^...], '.', literals) and cross products; two-level
// suffixes through continuation classes; the st: (stem) morphological field;
// FORBIDDENWORD, NEEDAFFIX and ONLYINCOMPOUND. Ignored (they concern spelling
// suggestions, not morphology): REP, MAP, TRY, KEY, compound rules.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace socialsoeg::analysis::tools {

struct AffixRule {
  std::u32string strip, add;
  std::vector<int> continuation;
  std::vector<std::u32string> condition;  // one element per position: "" = any, "abc", or "^abc"
  std::string tag;                        // morphological tag after the condition, e.g. "+PLUR_BEK"
};

struct AffixClass {
  bool suffix = true;
  bool cross = false;
  std::string comment;  // the '#' line just above the class header: what the class is ("#Substantiv, fælleskøn")
  std::vector<AffixRule> rules;
};

struct DicEntry {
  std::u32string word;
  std::vector<int> flags;
  std::u32string stem;  // st: field, empty if none
  std::vector<std::u32string> allomorphs;  // al: fields: the irregular forms of a strong verb or noun
  int line = 0;
};

// One generated form: which entry it came from and the tag of the last rule.
struct Form {
  std::u32string text;
  std::string tag;  // "" for the entry itself
  bool only_in_compound = false;
  bool compound_begin = false;  // hunspell lets this form begin a compound (COMPOUNDBEGIN): "volds", "læge", "børne"
};

class HunspellDictionary {
 public:
  static HunspellDictionary load(const std::filesystem::path& aff, const std::filesystem::path& dic);

  const std::vector<DicEntry>& entries() const { return entries_; }
  bool has_flag(const DicEntry& e, int flag) const;
  // Every form of `entry` (the entry itself unless NEEDAFFIX), with the tag of the rule that made it.
  void expand(const DicEntry& entry, const std::function<void(const Form&)>& emit) const;
  // True when every rule of every suffix class of `entry` forms a definite
  // plural or a genitive: the entry is itself a plural ("husspektakler", "børn").
  bool is_plural_entry(const DicEntry& entry) const;

  // The comment of an affix class ("" when it has none or is unknown).
  const std::string& class_comment(int flag) const;

  int forbidden_flag = -1, needaffix_flag = -1, onlyincompound_flag = -1, compoundbegin_flag = -1;

 private:
  void apply_suffixes(const std::u32string& word, const std::vector<int>& flags, int depth, bool need_cross,
                      const std::function<void(const Form&)>& emit) const;
  std::map<int, AffixClass> classes_;
  std::vector<DicEntry> entries_;
};

std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view text);

}  // namespace socialsoeg::analysis::tools
