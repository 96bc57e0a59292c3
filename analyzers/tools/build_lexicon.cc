// socialsoeg-build-lexicon: compiles Debian's hunspell-da into lemmas.bin, the
// full-form -> lemma table the analyzer memory-maps (lexicon_format.h).
// Run by the build (CMake) from the installed package; never committed.
//
// Beyond plain affix expansion it joins what hunspell leaves apart:
//  - a plural listed as an entry of its own ("husspektakler", "mænd") gets its
//    singular as lemma: from dictionaries/irregular_forms.tsv, from another
//    entry that generates it as a plural, or — for compounds — from the
//    plural head it ends in ("hus" + "spektakler" -> "husspektakel");
//  - an st: field ("slog st:slå") gives an irregular form its lemma;
//  - compounds keep their own lemma ("husspektaklet" -> "husspektakel", not
//    hunspell's head-only "spektakel");
//  - each headword gets its word classes (noun of which gender and plural,
//    verb, adjective) from the comments Stavekontrolden wrote above its affix
//    classes ("#Substantiv, fælleskøn"), for the compound splitter;
//  - the forms hunspell lets begin a compound (its COMPOUNDBEGIN forms with
//    their linking letter: "volds", "læge", "arbejds", "børne") are stored
//    under kBeginPrefix with the word they begin a compound as.
#include <unicode/uchar.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

#include "analyzers/lexicon_format.h"
#include "analyzers/normalizer.h"
#include "analyzers/tools/hunspell_dictionary.h"
#include "core/errors.h"

namespace fmt = socialsoeg::analysis::lexicon_format;
using socialsoeg::analysis::tools::HunspellDictionary;

namespace {

struct FormInfo {
  std::vector<std::string> lemmas;
  uint8_t flags = 0;
  uint16_t classes = 0;
  bool free = false;  // some production of this form may stand alone
  void add(const std::string& lemma) {
    if (std::find(lemmas.begin(), lemmas.end(), lemma) == lemmas.end()) lemmas.push_back(lemma);
  }
};

std::string norm(std::string s) {
  socialsoeg::analysis::normalize_word(s);
  return s;
}

// Data files of dictionaries/: '#' comments, TAB-separated fields.
std::vector<std::vector<std::string>> read_table(const std::string& path, size_t fields) {
  std::ifstream in(path);
  if (!in) throw socialsoeg::EnvironmentError("cannot read " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> row;
    size_t start = 0;
    while (start <= line.size()) {
      size_t tab = line.find('\t', start);
      if (tab == std::string::npos) tab = line.size();
      row.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    if (row.size() != fields)
      throw socialsoeg::DataError(path + ":" + std::to_string(number) + ": expected " + std::to_string(fields) + " fields");
    rows.push_back(std::move(row));
  }
  return rows;
}

// Byte offsets of UTF-8 character starts in s (excluding 0 and size).
std::vector<size_t> char_starts(const std::string& s) {
  std::vector<size_t> out;
  for (size_t i = 1; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
  return out;
}

size_t chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The word classes an affix class gives the entries that carry it, read from
// its comment in da_DK.aff: "#Verbum, svagt bøjet", "#Substantiv, fælleskøn",
// "#Substantiv, flertal, med -er", "#Adjektiv, ender på -sk". Classes for
// genitives, compounding and names say nothing and give nothing.
uint16_t word_classes(const std::string& comment) {
  auto has = [&](const char* s) { return comment.find(s) != std::string::npos; };
  uint16_t c = 0;
  if (comment.rfind("#Verbum", 0) == 0) c |= fmt::kVerb;
  if (comment.rfind("#Adjektiv", 0) == 0) c |= fmt::kAdjective;
  if (comment.rfind("#Substantiv", 0) == 0 || comment.rfind("#x Substantiv", 0) == 0) {
    c |= fmt::kNoun;
    if (has("fælleskøn")) c |= fmt::kCommonGender;
    if (has("intetkøn")) c |= fmt::kNeuterGender;
    if (has("-er i flertal") || has("flertal, med -er") || has("flertal, med -re") || has("-ler i flertal") ||
        has("erstattes med -er"))
      c |= fmt::kPluralEr;
    if (has("-e i flertal") || has("flertal, med -e") || has("-e i ental")) c |= fmt::kPluralE;
    if (has("-Ø i flertal") || has("flertal, med Ø")) c |= fmt::kPluralZero;
    if (has("torso")) c |= fmt::kPluralNone;
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string aff = "/usr/share/hunspell/da_DK.aff", dic = "/usr/share/hunspell/da_DK.dic";
  std::string irregular_file, out_file;
  CLI::App app{"Compile hunspell-da into Socialsøg's lemma table", "socialsoeg-build-lexicon"};
  app.add_option("--aff", aff)->capture_default_str();
  app.add_option("--dic", dic)->capture_default_str();
  app.add_option("--irregular", irregular_file, "dictionaries/irregular_forms.tsv")->required();
  app.add_option("--out", out_file)->required();
  CLI11_PARSE(app, argc, argv);

  try {
    const auto d = HunspellDictionary::load(aff, dic);
    std::unordered_map<std::string, FormInfo> forms;
    std::unordered_map<std::string, std::vector<std::string>> plural_of;  // plural form -> lemmas it is a plural of
    forms.reserve(1u << 21);

    std::unordered_map<std::string, uint16_t> headword_classes;  // lemma -> WordClasses
    std::unordered_map<std::string, std::vector<std::string>> begins;  // compound-start form -> lemmas
    for (const auto& e : d.entries()) {
      if (d.has_flag(e, d.forbidden_flag)) continue;
      const std::string lemma = norm(socialsoeg::analysis::tools::to_utf8(e.stem.empty() ? e.word : e.stem));
      const bool proper = !e.word.empty() && u_tolower(static_cast<UChar32>(e.word[0])) != static_cast<UChar32>(e.word[0]);
      if (e.stem.empty() && !proper) {
        uint16_t c = fmt::kHeadword;
        for (int flag : e.flags) c |= word_classes(d.class_comment(flag));
        // A strong verb has no verb classes but lists its forms, a present
        // participle among them: "sætte al:sætter ... al:sættende".
        for (const auto& al : e.allomorphs)
          if (al.size() > 4 && al.ends_with(U"ende")) c |= fmt::kVerb;
        headword_classes[lemma] |= c;
      }
      d.expand(e, [&](const socialsoeg::analysis::tools::Form& f) {
        const std::string key = norm(socialsoeg::analysis::tools::to_utf8(f.text));
        if (key.empty() || key.size() > 255) return;
        if (f.compound_begin && !proper && !key.ends_with('-') && key.size() < 255) {
          auto& v = begins[key];
          if (std::find(v.begin(), v.end(), lemma) == v.end()) v.push_back(lemma);
        }
        FormInfo& info = forms[key];
        info.add(lemma);
        if (proper) info.flags |= fmt::kProperNoun;
        // Compound-only when no production of the form stands free: SFX 62
        // makes "trussel" again as a compound start, but the noun is free.
        if (f.only_in_compound) {
          if (!info.free) info.flags |= fmt::kCompoundOnly;
        } else {
          info.free = true;
          info.flags &= static_cast<uint8_t>(~fmt::kCompoundOnly);
        }
        if (f.tag.rfind("+PLUR", 0) == 0 && key != lemma) {
          auto& v = plural_of[key];
          if (std::find(v.begin(), v.end(), lemma) == v.end()) v.push_back(lemma);
        }
      });
    }

    std::map<std::string, std::string> irregular;
    for (const auto& row : read_table(irregular_file, 2)) irregular[norm(row[0])] = norm(row[1]);

    // Plural-only entries: find each one's singular and give it to all its forms.
    size_t joined = 0;
    for (const auto& e : d.entries()) {
      if (!e.stem.empty() || !d.is_plural_entry(e) || d.has_flag(e, d.forbidden_flag)) continue;
      const std::string w = norm(socialsoeg::analysis::tools::to_utf8(e.word));
      std::string singular;
      std::vector<size_t> cuts = char_starts(w);
      cuts.insert(cuts.begin(), 0);
      for (size_t cut : cuts) {  // longest suffix first
        const std::string head = w.substr(cut), prefix = w.substr(0, cut);
        if (cut != 0 && (chars(prefix) < 2 || chars(head) < 3)) continue;
        if (auto it = irregular.find(head); it != irregular.end()) {
          singular = prefix + it->second;
          break;
        }
        if (auto it = plural_of.find(head); it != plural_of.end()) {
          const auto& lemmas = it->second;
          const auto other = std::find_if(lemmas.begin(), lemmas.end(), [&](const std::string& l) { return l != head; });
          if (other != lemmas.end()) {
            singular = prefix + *other;
            break;
          }
        }
      }
      if (singular.empty() || singular == w) continue;
      ++joined;
      d.expand(e, [&](const socialsoeg::analysis::tools::Form& f) {
        auto it = forms.find(norm(socialsoeg::analysis::tools::to_utf8(f.text)));
        if (it == forms.end()) return;
        for (auto& l : it->second.lemmas)
          if (l == w) l = singular;
        std::vector<std::string> unique;
        for (auto& l : it->second.lemmas)
          if (std::find(unique.begin(), unique.end(), l) == unique.end()) unique.push_back(l);
        it->second.lemmas = std::move(unique);
      });
    }
    for (const auto& [form, lemma] : irregular) {
      FormInfo& info = forms[form];
      info.lemmas.erase(std::remove(info.lemmas.begin(), info.lemmas.end(), lemma), info.lemmas.end());
      info.lemmas.insert(info.lemmas.begin(), lemma);  // the listed lemma first
    }

    // Lemma order: a form that is a lemma itself names itself first ("hus" is
    // "hus" before it is the genitive of "hu"); compound-only forms with a
    // trailing hyphen ("forældre-") are no lemma of a free-standing word.
    for (auto& [form, info] : forms) {
      auto& l = info.lemmas;
      if (l.size() > 1)
        l.erase(std::remove_if(l.begin(), l.end(), [](const std::string& x) { return x.ends_with('-'); }), l.end());
      if (auto self = std::find(l.begin(), l.end(), form); self != l.end() && !irregular.count(form))
        std::rotate(l.begin(), self, self + 1);
    }

    // Compound starts. A start made from a bare prefix entry ("døds-", "kon-")
    // is the word it links when another entry makes it too ("arbejds-" is
    // "arbejde"'s start), or that word without its linking -s/-e ("døds" ->
    // "død"), or the noun whose form it is ("øjen-" -> "øje"); else it stays
    // a prefix, with its hyphen, that the splitter takes only when it is long
    // ("kriminal-": kriminalpolitiet; "kon-": kontrakt is no compound).
    auto free_lemma = [&](const std::string& w) {
      const auto it = forms.find(w);
      return it != forms.end() && !(it->second.flags & fmt::kProperNoun) &&
             std::find(it->second.lemmas.begin(), it->second.lemmas.end(), w) != it->second.lemmas.end();
    };
    for (auto& [form, lemmas] : begins) {
      std::vector<std::string> words;
      for (const auto& l : lemmas)
        if (!l.ends_with('-')) words.push_back(l);
      if (words.empty()) {
        const std::string bare = lemmas.front().substr(0, lemmas.front().size() - 1);
        if (free_lemma(bare)) {
          words.push_back(bare);
        } else if ((bare.ends_with('s') || bare.ends_with('e')) && free_lemma(bare.substr(0, bare.size() - 1))) {
          words.push_back(bare.substr(0, bare.size() - 1));
        } else if (auto it = forms.find(bare); it != forms.end() && !(it->second.flags & fmt::kProperNoun) &&
                                                !it->second.lemmas.empty() &&
                                                (headword_classes[it->second.lemmas.front()] & fmt::kNoun)) {
          words.push_back(it->second.lemmas.front());  // a noun's form: "øjen-" is øje's
        } else {
          words.push_back(lemmas.front());
        }
      }
      FormInfo& info = forms[std::string(1, fmt::kBeginPrefix) + form];
      for (const auto& w : words) info.add(w);
    }
    for (auto& [form, info] : forms)
      if (auto it = headword_classes.find(form); it != headword_classes.end()) info.classes = it->second;

    // Write: header, slots, entries, strings.
    std::vector<std::string> keys;
    keys.reserve(forms.size());
    for (const auto& [k, v] : forms) keys.push_back(k);
    std::sort(keys.begin(), keys.end());  // deterministic output
    std::string strings;
    std::unordered_map<std::string, uint32_t> string_offset;
    auto intern = [&](const std::string& s) {
      auto [it, inserted] = string_offset.emplace(s, static_cast<uint32_t>(strings.size()));
      if (inserted) {
        strings.push_back(static_cast<char>(s.size()));
        strings += s;
      }
      return it->second;
    };
    uint32_t slot_count = 1;
    while (slot_count < keys.size() * 2) slot_count <<= 1;
    std::vector<fmt::Slot> slots(slot_count, fmt::Slot{fmt::kEmpty, fmt::kEmpty});
    std::string entries;
    for (const auto& k : keys) {
      const FormInfo& info = forms[k];
      const uint32_t entry = static_cast<uint32_t>(entries.size());
      const size_t count = std::min<size_t>(info.lemmas.size(), 255);
      entries.push_back(static_cast<char>(info.flags));
      entries.push_back(static_cast<char>(count));
      entries.append(reinterpret_cast<const char*>(&info.classes), 2);
      for (size_t i = 0; i < count; ++i) {
        const uint32_t off = intern(info.lemmas[i]);
        entries.append(reinterpret_cast<const char*>(&off), 4);
      }
      const uint32_t key = intern(k);
      uint32_t i = static_cast<uint32_t>(fmt::hash(k)) & (slot_count - 1);
      while (slots[i].key != fmt::kEmpty) i = (i + 1) & (slot_count - 1);
      slots[i] = {key, entry};
    }
    fmt::Header h{};
    std::memcpy(h.magic, fmt::kMagic, sizeof h.magic);
    h.slot_count = slot_count;
    h.form_count = static_cast<uint32_t>(keys.size());
    h.slots_offset = sizeof(fmt::Header);
    h.entries_offset = h.slots_offset + slot_count * static_cast<uint32_t>(sizeof(fmt::Slot));
    h.strings_offset = h.entries_offset + static_cast<uint32_t>(entries.size());
    h.file_size = h.strings_offset + static_cast<uint32_t>(strings.size());
    // What the table was built from, for the analyzer's identity: the inputs'
    // sizes and a hash of their bytes.
    uint64_t digest = 0xcbf29ce484222325ULL;
    uintmax_t input_bytes = 0;
    for (const std::string& input : {aff, dic, irregular_file}) {
      std::ifstream in(input, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      digest = fmt::hash(std::to_string(digest) + bytes);
      input_bytes += bytes.size();
    }
    std::snprintf(h.source, sizeof h.source, "hunspell-da:%ju:%016llx:v2", input_bytes,
                  static_cast<unsigned long long>(digest));
    const std::string tmp = out_file + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(&h), sizeof h);
      out.write(reinterpret_cast<const char*>(slots.data()), static_cast<std::streamsize>(slots.size() * sizeof(fmt::Slot)));
      out.write(entries.data(), static_cast<std::streamsize>(entries.size()));
      out.write(strings.data(), static_cast<std::streamsize>(strings.size()));
      if (!out) throw socialsoeg::EnvironmentError("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, out_file);
    std::fprintf(stderr, "socialsoeg-build-lexicon: %zu entries -> %zu forms, %zu plural entries joined, %.1f MB\n",
                 d.entries().size(), keys.size(), joined, h.file_size / 1e6);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "socialsoeg-build-lexicon: %s\n", e.what());
    return 2;
  }
}
