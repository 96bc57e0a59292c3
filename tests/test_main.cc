// Catch2 v2's main, compiled once for every test executable. A Xapian error
// (not a std::exception) is shown by its description, not "Unknown exception".
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <xapian.h>

CATCH_TRANSLATE_EXCEPTION(const Xapian::Error& e) { return e.get_description(); }
