# A test name with a ';' is cut there when CTest registers it (a CMake list
# separator), and the cut name matches no test: the case would pass without
# running. Fails when any test binary holds such a name.
# Usage: cmake -DBINARIES="a|b|c" -P check_test_names.cmake
string(REPLACE "|" ";" binaries "${BINARIES}")
set(bad "")
foreach(binary IN LISTS binaries)
  execute_process(COMMAND "${binary}" --list-test-names-only OUTPUT_VARIABLE names)
  if(names STREQUAL "")
    string(APPEND bad "${binary}: lists no tests\n")
  endif()
  string(FIND "${names}" ";" at)
  if(NOT at EQUAL -1)
    string(APPEND bad "${binary}\n")
  endif()
endforeach()
if(NOT bad STREQUAL "")
  message(FATAL_ERROR "test names with ';' (CTest would never run them):\n${bad}")
endif()
