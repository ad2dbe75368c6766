# The no-shell check must be able to fail: builds a small tree whose tests/ holds a std::system call, a popen
# call, an exec of /bin/sh and a quoted "system('x')" (data, not a call), runs check_no_shell.cmake on it,
# and expects a failure naming exactly the three offenders.
# Run as: cmake -DPROBE_DIR=<scratch folder> -DCHECK=<path of check_no_shell.cmake> -P check_no_shell_catches_offenders.cmake
file(REMOVE_RECURSE "${PROBE_DIR}")
file(WRITE "${PROBE_DIR}/tests/support/calls_system.cpp"
     "#include <cstdlib>\nint run() {\n  return std::system(\"ember inspect m.ember > out.txt\");\n}\n")
file(WRITE "${PROBE_DIR}/tests/tools/calls_popen.hpp"
     "#include <cstdio>\n// A list [ that spans lines\n// ] must not shift the line numbers.\nFILE* f = popen(\"ember\", \"r\");\n")
file(WRITE "${PROBE_DIR}/tests/bench/execs_sh.cpp"
     "#include <unistd.h>\nvoid go() { execl(\"/bin/sh\", \"sh\", \"-c\", \"ember\", nullptr); }\n")
file(WRITE "${PROBE_DIR}/tests/exporters/quotes_system.cpp"
     "const char* hostile = \"x'; system('touch INJECTED'); '\";\n")
execute_process(COMMAND "${CMAKE_COMMAND}" -DEMBER_SOURCE_DIR=${PROBE_DIR} -DEMBER_NO_SHELL_MIN_FILES=1 -P "${CHECK}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
file(REMOVE_RECURSE "${PROBE_DIR}")
set(report "${out}${err}")
if(status EQUAL 0)
  message(FATAL_ERROR "check_no_shell passed a tree whose tests call system and popen:\n${report}")
endif()
foreach(expected "tests/support/calls_system.cpp:3:" "tests/tools/calls_popen.hpp:4:" "tests/bench/execs_sh.cpp:2:")
  string(FIND "${report}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "check_no_shell did not name ${expected}:\n${report}")
  endif()
endforeach()
string(FIND "${report}" "quotes_system.cpp" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "check_no_shell took quoted text for a call:\n${report}")
endif()
message(STATUS "check_no_shell caught the three offenders under tests/ and let the quoted text be")
