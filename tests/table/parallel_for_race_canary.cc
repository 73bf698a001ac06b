// A deliberate data race through tsum::parallel_for, built only with TSUM_TSAN.
//
// `make test-tsan` runs it and requires ThreadSanitizer to report the race: that proves
// the TSan build really runs parallel bodies on several threads and that TSan sees them,
// so the clean runs of the other tests mean something.
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "table/parallel_for.h"

int main() {
  tbb::task_arena arena(2);
  long unguarded = 0;
  arena.execute([&] {
    tsum::parallel_for(0, 256, [&](int i) {
      // Slow enough bodies that both threads get some: a race needs two threads to touch.
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      unguarded += i;  // racy on purpose
    });
  });
  std::printf("%ld\n", unguarded);
  return 0;
}
