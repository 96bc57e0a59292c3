// CPR numbers (the Danish personal identification number).
//
// A CPR number is DDMMYY-SSSS; the hyphen is optional and both spellings are
// the same person. The century of the birth year comes from the 7th digit
// together with YY (CPR office's rule). The modulus-11 check is only a hint: numbers
// issued since October 2007 may fail it and are still valid, so parsing never
// rejects on it. Always a 10-character string, never an integer (leading zeros).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace socialsoeg {

class Cpr {
 public:
  // Accepts DDMMYYSSSS or DDMMYY-SSSS whose date part is a real date in the
  // century digit 7 gives. nullopt otherwise.
  static std::optional<Cpr> parse(std::string_view text);

  // The ten digits without hyphen: the one form stored in the index.
  const std::string& canonical() const { return digits_; }
  // DDMMYY-SSSS, the form people read.
  std::string display() const;

  Date birth_date() const { return birth_; }
  bool is_female() const { return (digits_[9] - '0') % 2 == 0; }
  bool passes_modulus11() const;

  friend bool operator==(const Cpr& a, const Cpr& b) { return a.digits_ == b.digits_; }

 private:
  Cpr(std::string digits, Date birth) : digits_(std::move(digits)), birth_(birth) {}
  std::string digits_;
  Date birth_;
};

// Birth year from the two-digit year and the 7th digit (CPR office's table).
int cpr_birth_year(int yy, int digit7);

}  // namespace socialsoeg
