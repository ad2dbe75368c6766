# Fails when a host tool, benchmark, exporter, target or the trainer starts a shell: std::system, popen,
# an exec of /bin/sh, wordexp, or a Python os.system / shell=True. Programs start through
# exporters/include/ember/export/spawn.hpp (posix_spawnp with an argument vector); docs/reliability.md.
# Run as: cmake -DEMBER_SOURCE_DIR=<repo> -P check_no_shell.cmake
set(patterns
  "(^|[^A-Za-z0-9_])system[ \t]*\\("
  "(^|[^A-Za-z0-9_])popen[ \t]*\\("
  "(^|[^A-Za-z0-9_])wordexp[ \t]*\\("
  "\"/bin/(ba)?sh\""
  "\"(ba)?sh\"[ \t]*,[ \t]*\"-c\""
  "os\\.system|os\\.popen|shell[ \t]*=[ \t]*True")
set(files)
foreach(dir tools bench exporters targets trainer)
  file(GLOB_RECURSE found LIST_DIRECTORIES false
       "${EMBER_SOURCE_DIR}/${dir}/*.c" "${EMBER_SOURCE_DIR}/${dir}/*.cc" "${EMBER_SOURCE_DIR}/${dir}/*.cpp"
       "${EMBER_SOURCE_DIR}/${dir}/*.h" "${EMBER_SOURCE_DIR}/${dir}/*.hpp" "${EMBER_SOURCE_DIR}/${dir}/*.py")
  list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count LESS 20)
  message(FATAL_ERROR "check_no_shell: only ${count} files found under ${EMBER_SOURCE_DIR}; wrong source dir?")
endif()
set(offenders)
foreach(f ${files})
  # One list item per line: semicolons (CMake's list separator) are blanked first so line numbers hold.
  file(READ "${f}" text)
  string(REPLACE ";" "," text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(number 0)
  foreach(line IN LISTS lines)
    math(EXPR number "${number} + 1")
    foreach(p ${patterns})
      if(line MATCHES "${p}")
        file(RELATIVE_PATH rel "${EMBER_SOURCE_DIR}" "${f}")
        list(APPEND offenders "${rel}:${number}: ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(offenders)
  list(JOIN offenders "\n" text)
  message(FATAL_ERROR "a shell is started here (use ember/export/spawn.hpp):\n${text}")
endif()
message(STATUS "check_no_shell: ${count} files, none starts a shell")
