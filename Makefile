# tsum: set-up, build and test entry points. CI runs `make test` (.ci/run).
#
#   make deps        install missing Debian packages (scripts/install-deps.sh)
#   make venv        create or reuse .venv with the exact Python packages of
#                    python/requirements/test.lock (scripts/python-env.sh)
#   make build       configure (once) and build ./build (Release, Ninja)
#   make demo        build, then run the CLI on examples/patients.csv
#   make testdata    fetch pinned npm packages and derive test data
#   make test        everything: C++ tests, Python tests, the C++ tests again under
#                    ASan+UBSan, the multi-threaded tests under ThreadSanitizer, and a
#                    short run of each fuzz target (TSUM_TEST_ASAN=0, TSUM_TEST_TSAN=0 or
#                    TSUM_TEST_FUZZ=0 leaves one out; docs/reliability.md)
#   make test-unit   C++ tests in ./build only
#   make test-python Python tests only (python/tests, if it exists)
#   make test-pip    build a wheel (pip wheel .), install it into a fresh venv in
#                    build/pip-test, smoke-test it (scripts/test-pip.sh; TSUM_TEST_PIP=0
#                    leaves it out of make test)
#   make test-asan   build ./build-asan with -DTSUM_SANITIZE=ON and run its tests
#   make test-fuzz   build the libFuzzer targets in ./build-fuzz (clang-14) and run each
#                    for FUZZ_SECONDS (tests/fuzz/run-fuzz.sh)
#   make test-tsan   build the multi-threaded tests in ./build-tsan with ThreadSanitizer
#                    and run them, plus a canary race TSan must report
#   make bench       build, then bench/run (if it exists)
#   make clean       remove the build directories
#   make distclean   also remove node_modules/ (npm packages and derived test data)
#
# Variables you can override: JOBS, CMAKE_ARGS, CTEST_ARGS, VENV, PYTHON,
# TSUM_PYTHON_BUILD_DIR, TSUM_TESTDATA_DIR, FUZZ_SECONDS, TSUM_TEST_ASAN,
# TSUM_TEST_TSAN, TSUM_TEST_FUZZ, TSUM_TEST_PIP.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

JOBS        ?= 2
BUILD_DIR   ?= build
ASAN_DIR    ?= build-asan
FUZZ_DIR    ?= build-fuzz
TSAN_DIR    ?= build-tsan
# Seconds each fuzz target runs in `make test-fuzz` (five targets, one after the other).
FUZZ_SECONDS ?= 20
# libFuzzer's random seed for `make test-fuzz`: fixed, so that CI explores the same inputs
# every time and a finding is reproducible; FUZZ_SEED= (empty) draws a new one per run.
FUZZ_SEED ?= 1
TSUM_TEST_ASAN ?= 1
TSUM_TEST_TSAN ?= 1
TSUM_TEST_FUZZ ?= 1
TSUM_TEST_PIP ?= 1
CMAKE_ARGS  ?=
CTEST_ARGS  ?=
# ccache, when installed (scripts/install-deps.sh installs it), for ./build and the wheel's
# ./build-pip: compiled with the same compiler (c++) and flags, the wheel's build then takes
# the release build's objects from the cache instead of compiling everything a second
# time. Decided when the recipe runs, since `make deps` may install ccache in this run.
CCACHE_LAUNCHER = $$(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache || true)
export CCACHE_BASEDIR ?= $(CURDIR)
# The project's own virtual environment (scripts/python-env.sh): the extension is built
# for its interpreter, with its pybind11, and the Python tests run in it.
VENV        ?= $(CURDIR)/.venv
PYTHON      ?= $(VENV)/bin/python
# Where the CMake build puts the Python package (the `tsum` extension module);
# prepended to PYTHONPATH for the Python tests.
TSUM_PYTHON_BUILD_DIR ?= $(CURDIR)/$(BUILD_DIR)/python
# The CLI the Python tests compare the package with (python/tests/test_cli_parity.py).
TSUM_CLI ?= $(CURDIR)/$(BUILD_DIR)/cli/tsum
# Derived test data (scripts/fetch-testdata.sh); exported to ctest and pytest.
TSUM_TESTDATA_DIR ?= $(CURDIR)/node_modules/.tsum-testdata
export TSUM_TESTDATA_DIR

# Sanitizer run-time options for the ASan suite.
ASAN_TEST_ENV := ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The sanitizer builds need neither the benchmarks nor the Python extension.
SANITIZER_CMAKE_ARGS := -DTSUM_BUILD_BENCH=OFF -DTSUM_BUILD_PYTHON=OFF
# ThreadSanitizer: the tests whose code runs on several threads (readers, table building,
# the engine's kernels and thread-count identity tests, the progress thread, the JSON
# report's blocks of a long summary, preparation's per-value blocks). Under TSan
# tsum's parallel loops run on std::threads (src/table/parallel_for.h), and the canary, a
# deliberate race, must be reported, or the clean runs prove nothing.
TSAN_TESTS := parallel_for_test parsed_values_test csv_reader_test json_reader_test parquet_handmade_test \
              parquet_oracle_test table_builder_test concat_test histogram_test summarize_test \
              real_data_test progress_test progress_readers_test terminal_progress_test \
              posting_index_test pattern_row_cache_test report_test type_inference_test \
              calendar_bins_test relabel_column_test numeric_bins_test radix_sort_test \
              local_expansion_test parquet_assemble_test in_order_test marshalling_test \
              root_candidates_test pattern_matches_test work_table_test histogram_slots_test \
              pair_counts_test entropy_test row_major_codes_test
TSAN_TEST_ENV := TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp"

# `make test` runs each suite in a sub-make with TSUM_NO_PREREQS=1, having
# done deps/build/testdata once itself.
PREREQ = $(if $(TSUM_NO_PREREQS),,$(1))

.PHONY: all deps venv configure build demo testdata test test-unit test-python test-pip \
        test-asan configure-asan build-asan test-fuzz build-fuzz test-tsan build-tsan \
        bench clean distclean

all: build

deps:
	scripts/install-deps.sh

venv: $(call PREREQ,deps)
	TSUM_VENV=$(VENV) scripts/python-env.sh >/dev/null

# Configure only when not configured yet; afterwards Ninja re-runs CMake by
# itself whenever a CMakeLists.txt changes.
configure: $(call PREREQ,deps venv)
	@if [[ ! -f $(BUILD_DIR)/build.ninja ]]; then \
	  args=(-DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) \
	        -Dpybind11_DIR=$$($(PYTHON) -m pybind11 --cmakedir) $(CCACHE_LAUNCHER) $(CMAKE_ARGS)); \
	  echo "cmake -S . -B $(BUILD_DIR) -G Ninja $${args[*]}"; \
	  cmake -S . -B $(BUILD_DIR) -G Ninja "$${args[@]}"; \
	fi

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	./$(BUILD_DIR)/cli/tsum examples/patients.csv

testdata:
	scripts/fetch-testdata.sh

# Runs every suite even when an earlier one fails, then fails if any did.
test: build venv testdata
	@failed=(); \
	$(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-unit   || failed+=("C++ tests ($(BUILD_DIR))"); \
	$(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-python || failed+=("Python tests"); \
	if [[ "$(TSUM_TEST_PIP)" != 0 ]]; then \
	  $(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-pip || failed+=("pip wheel smoke test"); \
	fi; \
	if [[ "$(TSUM_TEST_ASAN)" != 0 ]]; then \
	  $(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-asan || failed+=("ASan/UBSan tests ($(ASAN_DIR))"); \
	fi; \
	if [[ "$(TSUM_TEST_TSAN)" != 0 ]]; then \
	  $(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-tsan || failed+=("TSan tests ($(TSAN_DIR))"); \
	fi; \
	if [[ "$(TSUM_TEST_FUZZ)" != 0 ]]; then \
	  $(MAKE) --no-print-directory TSUM_NO_PREREQS=1 test-fuzz || failed+=("fuzz targets ($(FUZZ_DIR))"); \
	fi; \
	if (( $${#failed[@]} )); then \
	  printf 'make test: FAILED:'; printf ' [%s]' "$${failed[@]}"; echo; exit 1; \
	fi; \
	echo "make test: all suites passed"

test-unit: $(call PREREQ,build testdata)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# pytest exit status 5 means "no tests collected": not a failure here.
test-python: $(call PREREQ,build venv testdata)
	@if [[ -d python/tests ]]; then \
	  echo "PYTHONPATH=$(TSUM_PYTHON_BUILD_DIR) TSUM_CLI=$(TSUM_CLI) $(PYTHON) -m pytest -q python/tests"; \
	  rc=0; PYTHONPATH="$(TSUM_PYTHON_BUILD_DIR)$${PYTHONPATH:+:$$PYTHONPATH}" TSUM_CLI="$(TSUM_CLI)" \
	    $(PYTHON) -m pytest -q -p no:cacheprovider python/tests || rc=$$?; \
	  if (( rc == 5 )); then echo "test-python: no Python tests collected"; rc=0; fi; \
	  exit $$rc; \
	else \
	  echo "test-python: no python/tests directory, skipped"; \
	fi

# The wheel is built in ./build-pip (pyproject.toml), with CMAKE_ARGS (e.g. the ccache
# launcher) passed on to its CMake.
test-pip: $(call PREREQ,venv)
	CMAKE_ARGS="$(CCACHE_LAUNCHER) $(CMAKE_ARGS)" CXX=$${CXX:-c++} PYTHON=$(PYTHON) \
	  scripts/test-pip.sh $(CURDIR)/$(BUILD_DIR)/pip-test

configure-asan: $(call PREREQ,deps)
	@if [[ ! -f $(ASAN_DIR)/build.ninja ]]; then \
	  echo "cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_SANITIZE=ON $(SANITIZER_CMAKE_ARGS) $(CMAKE_ARGS)"; \
	  cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_SANITIZE=ON $(SANITIZER_CMAKE_ARGS) $(CMAKE_ARGS); \
	fi

build-asan: configure-asan
	cmake --build $(ASAN_DIR) -j$(JOBS)

test-asan: build-asan $(call PREREQ,testdata)
	$(ASAN_TEST_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# libFuzzer needs clang; only the fuzz targets are built (tests/fuzz/CMakeLists.txt).
build-fuzz: $(call PREREQ,deps)
	@if [[ ! -f $(FUZZ_DIR)/build.ninja ]]; then \
	  echo "CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_FUZZ=ON -DTSUM_BUILD_TESTS=OFF $(SANITIZER_CMAKE_ARGS)"; \
	  CXX=clang++-14 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_FUZZ=ON \
	    -DTSUM_BUILD_TESTS=OFF $(SANITIZER_CMAKE_ARGS); \
	fi
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target csv_fuzz json_fuzz parquet_fuzz arrow_ipc_fuzz cli_args_fuzz

test-fuzz: build-fuzz $(call PREREQ,testdata)
	TSUM_FUZZ_FLAGS="$(if $(FUZZ_SEED),-seed=$(FUZZ_SEED)) $${TSUM_FUZZ_FLAGS:-}" \
	  tests/fuzz/run-fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

build-tsan: $(call PREREQ,deps)
	@if [[ ! -f $(TSAN_DIR)/build.ninja ]]; then \
	  echo "cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_TSAN=ON $(SANITIZER_CMAKE_ARGS) $(CMAKE_ARGS)"; \
	  cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTSUM_TSAN=ON $(SANITIZER_CMAKE_ARGS) $(CMAKE_ARGS); \
	fi
	cmake --build $(TSAN_DIR) -j$(JOBS) --target $(TSAN_TESTS) parallel_for_race_canary

test-tsan: build-tsan $(call PREREQ,testdata)
	@failed=(); for t in $(TSAN_TESTS); do \
	  exe=$$(find $(CURDIR)/$(TSAN_DIR)/tests -name "$$t" -type f -perm -u+x | head -n 1); \
	  echo "test-tsan: $$t"; \
	  (cd "$$(dirname "$$exe")" && $(TSAN_TEST_ENV) "$$exe" --gtest_brief=1) || failed+=("$$t"); \
	done; \
	echo "test-tsan: parallel_for_race_canary (must report its race)"; \
	if $(TSAN_DIR)/tests/table/parallel_for_race_canary >/dev/null 2>$(TSAN_DIR)/canary.log || \
	   ! grep -q "WARNING: ThreadSanitizer: data race" $(TSAN_DIR)/canary.log; then \
	  echo "test-tsan: the canary's race was not reported; see $(TSAN_DIR)/canary.log"; failed+=(canary); \
	fi; \
	if (( $${#failed[@]} )); then echo "test-tsan: FAILED: $${failed[*]}"; exit 1; fi; \
	echo "test-tsan: all passed"

bench: build venv
	@if [[ -x bench/run ]]; then \
	  echo bench/run; bench/run; \
	elif [[ -f bench/run ]]; then \
	  echo "bash bench/run"; bash bench/run; \
	else \
	  echo "bench: no bench/run, nothing to do"; \
	fi

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(TSAN_DIR) build-pip

distclean: clean
	rm -rf node_modules $(VENV)
