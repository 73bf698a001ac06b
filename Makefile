# tsum: set-up, build and test entry points. CI runs `make test` (.ci/run).
#
#   make deps        install missing Debian packages (scripts/install-deps.sh)
#   make build       configure (once) and build ./build (Release, Ninja)
#   make demo        build, then run the CLI on examples/patients.csv
#   make testdata    fetch pinned npm packages and derive test data
#   make test        everything: C++ tests, Python tests (and the ASan/UBSan suite
#                    too when TSUM_TEST_ASAN=1; see docs/reliability notes)
#   make test-unit   C++ tests in ./build only
#   make test-python Python tests only (python/tests, if it exists)
#   make test-asan   build ./build-asan with -DTSUM_SANITIZE=ON and run its tests
#   make bench       build, then bench/run (if it exists)
#   make clean       remove the build directories
#   make distclean   also remove node_modules/ (npm packages and derived test data)
#
# Variables you can override: JOBS, CMAKE_ARGS, CTEST_ARGS, PYTHON,
# TSUM_PYTHON_BUILD_DIR, TSUM_TESTDATA_DIR.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

JOBS        ?= 2
BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
CMAKE_ARGS  ?=
CTEST_ARGS  ?=
# Python tests use the system interpreter, which has Debian's numpy/pandas/dask.
PYTHON      ?= /usr/bin/python3
# Where the CMake build puts the Python package (the `tsum` extension module);
# prepended to PYTHONPATH for the Python tests.
TSUM_PYTHON_BUILD_DIR ?= $(CURDIR)/$(BUILD_DIR)/python
# Derived test data (scripts/fetch-testdata.sh); exported to ctest and pytest.
TSUM_TESTDATA_DIR ?= $(CURDIR)/node_modules/.tsum-testdata
export TSUM_TESTDATA_DIR

# Sanitizer run-time options for the ASan suite.
ASAN_TEST_ENV := ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# `make test` runs each suite in a sub-make with TSUM_NO_PREREQS=1, having
# done deps/build/testdata once itself.
PREREQ = $(if $(TSUM_NO_PREREQS),,$(1))

.PHONY: all deps configure build demo testdata test test-unit test-python \
        test-asan configure-asan build-asan bench clean distclean

all: build

deps:
	scripts/install-deps.sh

# Configure only when not configured yet; afterwards Ninja re-runs CMake by
# itself whenever a CMakeLists.txt changes.
configure: $(call PREREQ,deps)
	@if [[ ! -f $(BUILD_DIR)/build.ninja ]]; then \
	  echo "cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS)"; \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_ARGS); \
	fi

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	./$(BUILD_DIR)/cli/tsum examples/patients.csv

testdata:
	scripts/fetch-testdata.sh

# Runs every suite even when an earlier one fails, then fails if any did.
test: build testdata
	@failed=(); \
	$(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-unit   || failed+=("C++ tests ($(BUILD_DIR))"); \
	$(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-python || failed+=("Python tests"); \
	if [[ -n "$${TSUM_TEST_ASAN:-}" ]]; then \
	  $(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-asan || failed+=("ASan/UBSan tests ($(ASAN_DIR))"); \
	fi; \
	if (( $${#failed[@]} )); then \
	  printf 'make test: FAILED:'; printf ' [%s]' "$${failed[@]}"; echo; exit 1; \
	fi; \
	echo "make test: all suites passed"

test-unit: $(call PREREQ,build testdata)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# pytest exit status 5 means "no tests collected": not a failure here.
test-python: $(call PREREQ,build testdata)
	@if [[ -d python/tests ]]; then \
	  echo "PYTHONPATH=$(TSUM_PYTHON_BUILD_DIR) $(PYTHON) -m pytest -q python/tests"; \
	  rc=0; PYTHONPATH="$(TSUM_PYTHON_BUILD_DIR)$${PYTHONPATH:+:$$PYTHONPATH}" \
	    $(PYTHON) -m pytest -q -p no:cacheprovider python/tests || rc=$$?; \
	  if (( rc == 5 )); then echo "test-python: no Python tests collected"; rc=0; fi; \
	  exit $$rc; \
	else \
	  echo "test-python: no python/tests directory, skipped"; \
	fi

configure-asan: $(call PREREQ,deps)
	@if [[ ! -f $(ASAN_DIR)/build.ninja ]]; then \
	  echo "cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_SANITIZE=ON $(CMAKE_ARGS)"; \
	  cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_SANITIZE=ON $(CMAKE_ARGS); \
	fi

build-asan: configure-asan
	cmake --build $(ASAN_DIR) -j$(JOBS)

test-asan: build-asan $(call PREREQ,testdata)
	$(ASAN_TEST_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j$(JOBS) $(CTEST_ARGS)

bench: build
	@if [[ -x bench/run ]]; then \
	  echo bench/run; bench/run; \
	elif [[ -f bench/run ]]; then \
	  echo "bash bench/run"; bash bench/run; \
	else \
	  echo "bench: no bench/run, nothing to do"; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)

distclean: clean
	rm -rf node_modules
