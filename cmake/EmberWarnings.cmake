# Warning sets. The runtime is held to -Werror; host code gets the same warnings without failing the build
# on a newer compiler's new diagnostics in third-party headers.
set(EMBER_WARNINGS -Wall -Wextra -Wpedantic)

function(ember_runtime_options target)
  target_compile_options(${target} PRIVATE ${EMBER_WARNINGS} -Werror -Wshadow -Wconversion -Wno-sign-conversion
    $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti -fno-threadsafe-statics>)
endfunction()

function(ember_host_options target)
  target_compile_options(${target} PRIVATE ${EMBER_WARNINGS})
endfunction()
