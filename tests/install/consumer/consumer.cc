// Summarizes the CSV file argv[1] with an installed tsum and prints the summary as JSON,
// as `tsum --format json FILE` does. Every public header is included, so the test also
// proves that the installed headers compile on their own.
#include <tsum/arrow.h>
#include <tsum/diff.h>
#include <tsum/error.h>
#include <tsum/progress.h>
#include <tsum/read.h>
#include <tsum/report.h>
#include <tsum/summarize.h>
#include <tsum/summary.h>
#include <tsum/table.h>
#include <tsum/table_builder.h>

#include <cstdio>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: consumer FILE.csv\n";
    return 2;
  }
  try {
    tsum::Table table = tsum::read_table(argv[1]);
    tsum::Summary summary = tsum::summarize(table);
    std::cout << tsum::render_json(summary, tsum::ReportOptions{tsum::display_input_name(argv[1])});
  } catch (const tsum::Error& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
