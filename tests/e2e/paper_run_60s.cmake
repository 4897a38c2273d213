# A 60-second paper run with a fixed seed (issue 4): `tandem --config
# config/paper.toml --duration 60 --seed 42 --summary FILE` in a scratch
# directory. config/sim.toml's premium script opens and closes the premium
# twice within the minute, so the run must open and close pairs, never
# halt, and end flat or hedged within one lot (0.001 BTC, Binance's lot):
# the two venues' BTC positions sum to at most one lot either way.
# (ctest -P script: TANDEM, CONFIG, WORK are passed in.)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(
  COMMAND ${TANDEM} --config ${CONFIG} --duration 60 --seed 42
          --summary ${WORK}/summary.json
  WORKING_DIRECTORY ${WORK}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  TIMEOUT 500)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tandem exited ${rc}\n${out}\n${err}")
endif()
file(READ ${WORK}/summary.json summary)
message(STATUS "summary: ${summary}")

string(JSON opened GET "${summary}" pairs_opened)
string(JSON closed GET "${summary}" pairs_closed)
string(JSON halts GET "${summary}" halts)
if(opened LESS 1 OR closed LESS 1)
  message(FATAL_ERROR "no round trip: opened=${opened} closed=${closed}\n"
                      "${summary}\n${out}")
endif()
if(NOT halts EQUAL 0)
  message(FATAL_ERROR "the run halted ${halts} time(s): ${summary}\n${err}")
endif()

# "0.002" / "-0.001" / "0" -> integer 1e-8 BTC units (CMake has no decimals).
function(to_units text out)
  if(NOT text MATCHES "^(-?)([0-9]+)(\\.([0-9]+))?$")
    message(FATAL_ERROR "not a decimal quantity: '${text}'")
  endif()
  set(sign "${CMAKE_MATCH_1}")
  set(whole "${CMAKE_MATCH_2}")
  set(frac "${CMAKE_MATCH_4}00000000")
  string(SUBSTRING "${frac}" 0 8 frac)
  string(REGEX REPLACE "^0+([0-9])" "\\1" frac "${frac}")
  math(EXPR v "${whole} * 100000000 + ${frac}")
  if(sign STREQUAL "-")
    math(EXPR v "0 - ${v}")
  endif()
  set(${out} ${v} PARENT_SCOPE)
endfunction()

string(JSON upbit GET "${summary}" exposure upbit)
string(JSON binance GET "${summary}" exposure binance)
to_units("${upbit}" up)
to_units("${binance}" bn)
math(EXPR net "${up} + ${bn}")
if(net LESS -100000 OR net GREATER 100000)
  message(FATAL_ERROR "not hedged within one lot: upbit=${upbit} "
                      "binance=${binance} BTC")
endif()
