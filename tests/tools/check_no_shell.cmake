# Fails when a source file starts a shell: std::system, popen, wordexp, an exec of /bin/sh, or a Python
# os.system / shell=True. Product code (runtime, host tools, benchmarks, exporters, targets, the trainer, the
# examples) and the tests alike: programs start through exporters/include/ember/export/spawn.hpp
# (posix_spawnp with an argument vector), tests through tests/support/run_command.hpp; docs/reliability.md.
# Run as: cmake -DEMBER_SOURCE_DIR=<repo> -P check_no_shell.cmake
# EMBER_NO_SHELL_MIN_FILES (default 20) guards against a wrong source dir that would find nothing to check.
set(folders runtime tools bench exporters targets trainer examples tests)
# A call is code: these match after string literals are emptied, so a test may quote "system('x')" as data.
set(call_patterns
  "(^|[^A-Za-z0-9_])system[ \t]*\\("
  "(^|[^A-Za-z0-9_])popen[ \t]*\\("
  "(^|[^A-Za-z0-9_])wordexp[ \t]*\\(")
# These name the shell itself, so they match the line as written.
set(text_patterns
  "\"/bin/(ba)?sh\""
  "\"(ba)?sh\"[ \t]*,[ \t]*\"-c\""
  "os\\.system|os\\.popen|shell[ \t]*=[ \t]*True")
if(NOT DEFINED EMBER_NO_SHELL_MIN_FILES)
  set(EMBER_NO_SHELL_MIN_FILES 20)
endif()
set(files)
foreach(dir ${folders})
  file(GLOB_RECURSE found LIST_DIRECTORIES false
       "${EMBER_SOURCE_DIR}/${dir}/*.c" "${EMBER_SOURCE_DIR}/${dir}/*.cc" "${EMBER_SOURCE_DIR}/${dir}/*.cpp"
       "${EMBER_SOURCE_DIR}/${dir}/*.h" "${EMBER_SOURCE_DIR}/${dir}/*.hpp" "${EMBER_SOURCE_DIR}/${dir}/*.py")
  list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count LESS EMBER_NO_SHELL_MIN_FILES)
  message(FATAL_ERROR "check_no_shell: only ${count} files found under ${EMBER_SOURCE_DIR}; wrong source dir?")
endif()
set(offenders)
foreach(f ${files})
  # One list item per line: semicolons (CMake's list separator) and brackets (which would group list items)
  # are replaced first so line numbers hold (an offending line is shown with < > for its brackets).
  file(READ "${f}" text)
  string(REPLACE ";" "," text "${text}")
  string(REPLACE "[" "<" text "${text}")
  string(REPLACE "]" ">" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    string(REGEX REPLACE "\"([^\"\\\\]|\\\\.)*\"" "\"\"" code "${line}")
    set(hit FALSE)
    foreach(p ${call_patterns})
      if(code MATCHES "${p}")
        set(hit TRUE)
      endif()
    endforeach()
    foreach(p ${text_patterns})
      if(line MATCHES "${p}")
        set(hit TRUE)
      endif()
    endforeach()
    if(hit)
      file(RELATIVE_PATH rel "${EMBER_SOURCE_DIR}" "${f}")
      list(APPEND offenders "${rel}:${number}: ${line}")
    endif()
  endforeach()
endforeach()
if(offenders)
  list(JOIN offenders "\n" text)
  message(FATAL_ERROR "a shell is started here (use ember/export/spawn.hpp, in tests run_command.hpp):\n${text}")
endif()
message(STATUS "check_no_shell: ${count} files under ${folders}, none starts a shell")
