// Normalises a word to the form every later filter works on:
//   1. Unicode NFC, so "å" typed as a + combining ring equals "å";
//   2. full Unicode case folding (ICU), so "ÅLBORG" equals "ålborg";
//   3. Danish spelling unification: "aa" -> "å" (Aalborg = Ålborg), ASCII
//      "ae"/"oe" -> "æ"/"ø" (Hjoerring = Hjørring, Aeroe = Ærø), and the
//      Swedish/German letters "ä" -> "æ", "ö" -> "ø". Never the other way:
//      "å" is not folded to "a" nor "ø" to "o" — they are different letters.
//   4. apostrophes dropped ("Aalborg's" -> "aalborgs" before step 3).
//
// The "ae"/"oe" rule leaves a vowel followed by a Danish inflection ending
// alone, because there the "e" starts the ending: "villaen", "kameraet",
// "broen", "skoerne" keep their letters (otherwise "skoen" would become "skøn").
//
// Stateless and thread-safe.
#pragma once

#include <string>

namespace socialsoeg::analysis {

// Normalises `word` (UTF-8) in place.
void normalize_word(std::string& word);

}  // namespace socialsoeg::analysis
