cmake_minimum_required(VERSION 3.25)
# Exports MODEL as a C header with `ember export --format c-header`, then compiles uses_header.c against it
# as C99 and as C++17 (syntax only, -pedantic, warnings are errors). Arguments: EMBER, MODEL, WORK,
# C_COMPILER, CXX_COMPILER, RUNTIME_INCLUDE. Every command is an argument vector; no shell.
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${EMBER} export ${MODEL} --format c-header --symbol exported_model
                        --out ${WORK}/exported_model.h
                RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ember export failed: ${errors}")
endif()
set(source ${CMAKE_CURRENT_LIST_DIR}/uses_header.c)
set(common -fsyntax-only -pedantic -Wall -Wextra -Werror "-Dinjected=@" -I${RUNTIME_INCLUDE} -I${WORK})
execute_process(COMMAND ${C_COMPILER} -std=c99 ${common} ${source} RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the exported header does not compile as C99:\n${errors}")
endif()
execute_process(COMMAND ${CXX_COMPILER} -x c++ -std=c++17 ${common} ${source}
                RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the exported header does not compile as C++17:\n${errors}")
endif()
message(STATUS "exported header compiles as C99 and C++17")
