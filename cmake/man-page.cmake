# Writes the manual page OUTPUT (roff) and OUTPUT.gz from `CMKGUARD --help-man`.
# cmake -DCMKGUARD=path/to/cmkguard -DOUTPUT=cmkguard.1 -DGZIP=gzip -P man-page.cmake
foreach(var CMKGUARD OUTPUT GZIP)
  if(NOT ${var})
    message(FATAL_ERROR "man-page.cmake: -D${var}= is required")
  endif()
endforeach()
execute_process(COMMAND ${CMKGUARD} --help-man OUTPUT_FILE ${OUTPUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT}.tmp)
  message(FATAL_ERROR "man-page.cmake: '${CMKGUARD} --help-man' failed (${rc})")
endif()
file(RENAME ${OUTPUT}.tmp ${OUTPUT})
# -n: no name or time stamp in the archive, so the package is reproducible.
execute_process(COMMAND ${GZIP} -9 -n -c ${OUTPUT} OUTPUT_FILE ${OUTPUT}.gz RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "man-page.cmake: gzip ${OUTPUT} failed (${rc})")
endif()
