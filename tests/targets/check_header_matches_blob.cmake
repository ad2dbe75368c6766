# Exports BLOB as a C header with the host tool and requires it to equal the checked-in HEADER byte for
# byte, so the firmware runs exactly the blob the host's reference outputs came from.
execute_process(COMMAND ${EMBER} export ${BLOB} --format c-header --symbol model_5d -o ${WORK}/model_5d.h
  RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ember export failed: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/model_5d.h ${HEADER} RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "${HEADER} is not the export of ${BLOB}: run examples/firmware-5d/regenerate.sh")
endif()
