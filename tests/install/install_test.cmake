# ctest install_consumer: `cmake --install` into a fresh prefix, then the files a user
# expects are there, find_package(tsum) works from it (and refuses a version it is not),
# a consumer program built against it summarizes examples/patients.csv exactly as the
# installed CLI does, and the Python component honours --prefix.
#
#   cmake -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... [-DPYTHON=...] -P install_test.cmake
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_test: ${var} not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install_test: failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

foreach(file bin/tsum lib/libtsum.a include/tsum/summarize.h include/tsum/detail/prepare/prepare_options.h
             lib/cmake/tsum/tsumConfig.cmake lib/cmake/tsum/tsumConfigVersion.cmake
             lib/cmake/tsum/tsumTargets.cmake share/man/man1/tsum.1
             share/bash-completion/completions/tsum share/zsh/site-functions/_tsum
             share/fish/vendor_completions.d/tsum.fish)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "install_test: ${prefix}/${file} was not installed")
  endif()
endforeach()
# The plain install leaves the Python package out (it is its own component).
file(GLOB_RECURSE stray ${prefix}/*.py)
if(stray)
  message(FATAL_ERROR "install_test: a plain install put Python files in the prefix: ${stray}")
endif()

# A consumer project, configured and built against the prefix only.
set(consumer_args -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
if(CXX_COMPILER)
  list(APPEND consumer_args -DCMAKE_CXX_COMPILER=${CXX_COMPILER})
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK_DIR}/consumer ${consumer_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
set(csv ${SOURCE_DIR}/examples/patients.csv)
run(${WORK_DIR}/consumer/consumer ${csv})
set(consumer_json "${out}")
run(${prefix}/bin/tsum --quiet --format json ${csv})
set(cli_json "${out}")
if(NOT consumer_json STREQUAL cli_json)
  message(FATAL_ERROR "install_test: the consumer's JSON differs from the installed CLI's:\n"
                      "${consumer_json}\n--- CLI:\n${out}")
endif()
if(NOT consumer_json MATCHES "\"patterns\"")
  message(FATAL_ERROR "install_test: the consumer printed no summary:\n${consumer_json}")
endif()

# The version file: an incompatible version is refused.
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/install/consumer -B ${WORK_DIR}/consumer-v99
                        ${consumer_args} -DTSUM_REQUIRED_VERSION=99.0
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "requested[ \n]+version[ \n]+\"99\\.0\"")
  message(FATAL_ERROR "install_test: find_package(tsum 99.0) did not fail on the version (${rc}):\n${err}")
endif()

# The Python component lands under the prefix, where that prefix's interpreter looks.
if(PYTHON)
  run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component python)
  # Every file it installed is under the prefix.
  file(STRINGS ${BUILD_DIR}/install_manifest_python.txt installed)
  foreach(file ${installed})
    cmake_path(IS_PREFIX prefix ${file} NORMALIZE inside)
    if(NOT inside)
      message(FATAL_ERROR "install_test: --component python --prefix ${prefix} installed ${file}")
    endif()
  endforeach()
  file(GLOB_RECURSE init ${prefix}/__init__.py)
  list(FILTER init INCLUDE REGEX "/tsum/__init__\\.py$")
  list(LENGTH init found)
  if(NOT found EQUAL 1)
    message(FATAL_ERROR "install_test: --component python put ${found} tsum packages under ${prefix}: ${init}")
  endif()
  cmake_path(GET init PARENT_PATH package)
  cmake_path(GET package PARENT_PATH site)
  set(ENV{PYTHONPATH} ${site})
  run(${PYTHON} -c "import tsum\nprint(tsum.__file__, end='')")  # no ';': it splits CMake lists
  if(NOT out STREQUAL "${site}/tsum/__init__.py")
    message(FATAL_ERROR "install_test: Python imported tsum from ${out}, not from ${site}")
  endif()
  run(${PYTHON} -c "import sys, tsum\nprint(tsum.summarize(sys.argv[1]).to_json(), end='')" ${csv})
  if(NOT out STREQUAL cli_json)
    message(FATAL_ERROR "install_test: the installed Python package's JSON differs from the CLI's:\n${out}")
  endif()
endif()
message(STATUS "install_test: passed (${prefix})")
