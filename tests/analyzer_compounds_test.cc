// Golden table of the compound splitter (analyzers/morphology.cc, policy in
// docs/analysis.md "Compounds"): index-side terms of one word, its lemma
// first and then its parts. A row per kind of split the rules refuse, with
// words of that kind, and the splits the product depends on.
#include <catch2/catch.hpp>

#include "analyzer_test_support.h"

using socialsoeg::test::index_terms;

namespace {

struct Row {
  const char* word;
  const char* terms;
};

// Splits that searches depend on: a part finds the compound.
const Row kSplits[] = {
    {"partnervolden", "partnervold[1] partner[1] vold[1]"},
    {"voldsepisode", "voldsepisode[1] vold[1] episode[1]"},
    {"voldssag", "voldssag[1] vold[1] sag[1]"},
    {"voldsofferet", "voldsoffer[1] vold[1] offer[1]"},
    {"spritkørslen", "spritkørsel[1] sprit[1] kørsel[1]"},
    {"narkokørsel", "narkokørsel[1] narko[1] kørsel[1]"},
    {"promillekørsel", "promillekørsel[1] promille[1] kørsel[1]"},
    {"selvmordstrusler", "selvmordstrussel[1] selvmord[1] trussel[1]"},
    {"dødstrussel", "dødstrussel[1] død[1] trussel[1]"},
    {"husspektakler", "husspektakel[1] hus[1] spektakel[1]"},
    {"narkobilisterne", "narkobilist[1] narko[1] bilist[1]"},  // unknown to the lexicon
    {"politibil", "politibil[1] politi[1] bil[1]"},
    {"politichefens", "politichef[1] politi[1] chef[1]"},  // "politichef|ens" is an inflection, not a head
    {"knivstikkeri", "knivstikkeri[1] kniv[1] stikkeri[1]"},
    {"knivoverfaldet", "knivoverfald[1] kniv[1] overfald[1]"},
    {"alkometertest", "alkometertest[1] alkometer[1] test[1]"},
    {"børnehaven", "børnehave[1] barn[1] have[1]"},
    {"indbrudstyven", "indbrudstyv[1] indbrud[1] tyv[1]"},  // a listed three-letter head
    {"gerningsmanden", "gerningsmand[1] gerning[1] mand[1]"},
    {"efterforskningsleder", "efterforskningsleder[1] efterforskning[1] leder[1]"},
    {"sagsbehandleren", "sagsbehandler[1] sag[1] behandler[1]"},  // from sags|behandle, a noun + s + verb
    {"kriminalpolitiet", "kriminalpoliti[1] kriminal-[1] politi[1]"},  // a long bound prefix
    {"banehalvdel", "banehalvdel[1] bane[1] halvdel[1]"},  // "bane" is a name too, and a word
};

// What the splitter must not do, kind by kind.
const Row kWhole[] = {
    // A word the lexicon knows as a simple word or a derivation, not a
    // compound of what its letters spell: the head must be of the word's
    // class, gender and plural; derivations of verbs stay whole.
    {"billeder", "billede[1]"},      // bil + leder: billede is neuter, leder/lede not
    {"kulturen", "kultur[1]"},       // kul + tur
    {"parkering", "parkering[1]"},   // park + ring: from parkere
    {"anerkendelse", "anerkendelse[1]"},  // ane + kendelse: from anerkende
    {"pensionen", "pension[1]"},     // pen + ion
    {"accepteres", "acceptere[1]"},  // accept + ere: a verb
    {"kontrakten", "kontrakt[1]"},   // kon- + trakt: a short bound prefix
    {"telefonen", "telefon[1]"},     // tele- + fon
    // Short junk parts: no start form, or a head under four letters.
    {"fremad", "fremad[1]"},    // fre + mad
    {"hovedet", "hoved[1]"},    // hov + ed
    {"central", "central[1]"},  // cent + ral
    // A part's extra lemma that is another word.
    {"flertallet", "flertal[1] fler[1] tal[1]"},        // not tale
    {"husmoren", "husmor[1] hus[1] mor[1]"},            // not more
    {"storbanken", "storbank[1] stor[1] bank[1]"},      // not banke
    {"gadeskiltet", "gadeskilt[1] gade[1] skilt[1]"},   // not skille
    {"ventelisten", "venteliste[1] vente[1] liste[1]"},  // not list
    // Derivational suffixes are no heads.
    {"værdifulde", "værdifuld[1]"},
    {"respektfuld", "respektfuld[1]"},
    {"troløse", "troløs[1]"},
    {"hjælpeløs", "hjælpeløs[1]"},
    {"arbejdsløshed", "arbejdsløshed[1]"},  // -løs + -hed
    {"lovmæssigt", "lovmæssig[1]"},
    {"kærlighed", "kærlighed[1]"},  // kærlig + -hed, not kær + lighed
    {"frugtbare", "frugtbar[1]"},   // -bar in an adjective ...
    {"succesrige", "succesrig[1]"},
    {"grillbaren", "grillbar[1] grill[1] bar[1]"},  // ... but a bar in a noun
    // Lexicalised verbs and adverbs: only nouns and adjectives split.
    {"foreslog", "foreslå[1]"},
    {"fortsætter", "fortsætter[1] fortsætte[1]"},
    {"foretager", "foretager[1] foretage[1]"},
    {"næsten", "næsten[1] næste[1]"},
    {"eksempelvis", "eksempelvis[1]"},
    // The first part's own -e/-s is no link: hunspell's start forms decide.
    {"lægehjælp", "lægehjælp[1] læge[1] hjælp[1]"},
    {"lægevagten", "lægevagt[1] læge[1] vagt[1]"},
    {"havearbejde", "havearbejde[1] have[1] arbejde[1]"},
    {"havemøbler", "havemøbel[1] have[1] møbel[1]"},
    {"regnemaskine", "regnemaskine[1] regne[1] maskine[1]"},
    // The longest first part the lexicon knows.
    {"fodboldspillerne", "fodboldspiller[1] fodbold[1] spiller[1]"},
    {"håndboldspilleren", "håndboldspiller[1] håndbold[1] spiller[1]"},
    {"kilometervis", "kilometervis[1]"},
    // A prefix + a known word is split only inside that word.
    {"formanden", "formand[1]"},    // for + mand, not form + and
    {"fortrolig", "fortrolig[1]"},  // for + trolig, not fort + rolig
    {"hjemland", "hjemland[1]"},    // not hjemle + and
    // A linking -s- lends no s to a forbidden head.
    {"landskab", "landskab[1] landskabe[1]"},  // land + -skab, not lands + kab
    {"venskab", "venskab[1]"},
    {"medlemskab", "medlemskab[1]"},
    {"verdenskrig", "verdenskrig[1] verden[1] krig[1]"},  // not verden + skrig
    {"sportslige", "sportslig[1]"},                       // not sport + slig
    // Names and listed words stay whole; an inflection is no compound.
    {"kæresten", "kæreste[1]"},
    {"husene", "hus[1]"},
    {"tyvstart", "tyvstart[1] tyvstarte[1]"},
};

}  // namespace

TEST_CASE("compound splitter: the splits searches depend on", "[analyzer][compounds]") {
  for (const Row& row : kSplits) {
    INFO("word: " << row.word);
    CHECK(index_terms(row.word) == row.terms);
  }
}

TEST_CASE("compound splitter: what is not split, kind by kind", "[analyzer][compounds]") {
  for (const Row& row : kWhole) {
    INFO("word: " << row.word);
    CHECK(index_terms(row.word) == row.terms);
  }
}
