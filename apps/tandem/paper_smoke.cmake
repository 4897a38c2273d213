# Runs `tandem` in paper mode for 3 s in a scratch directory and checks the
# run summary: the process exits 0 and the JSON carries every field the
# issue names. (ctest -P script: TANDEM, CONFIG, WORK are passed in.)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(
  COMMAND ${TANDEM} --config ${CONFIG} --duration 3 --seed 7
          --summary ${WORK}/summary.json
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tandem exited ${rc}\n${out}\n${err}")
endif()
file(READ ${WORK}/summary.json summary)
foreach(key pairs_opened pairs_closed rollbacks halts realized_pnl_krw)
  string(JSON value ERROR_VARIABLE missing GET "${summary}" ${key})
  if(missing)
    message(FATAL_ERROR "summary lacks ${key}: ${summary}")
  endif()
endforeach()
string(JSON upbit ERROR_VARIABLE missing GET "${summary}" exposure upbit)
if(missing)
  message(FATAL_ERROR "summary lacks exposure.upbit: ${summary}")
endif()
string(JSON binance ERROR_VARIABLE missing GET "${summary}" exposure binance)
if(missing)
  message(FATAL_ERROR "summary lacks exposure.binance: ${summary}")
endif()
if(NOT out MATCHES "premium_bps=")
  message(FATAL_ERROR "no status line printed:\n${out}")
endif()
