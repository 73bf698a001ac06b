# Type information for the extension tsum._core (the C++ engine's bindings; internal:
# the public API is the tsum package, typed inline). Generated from the built extension:
#   PYTHONPATH=build/python python -m pybind11_stubgen tsum._core -o OUT   (pybind11-stubgen 3.0.0)
# with one edit: summarize's `prepare` is typed PrepareOptions (the function is bound
# before that class, so pybind11's signature names the C++ type). Regenerate when a
# binding changes; python/tests/test_typing.py fails until the stub matches the extension.
"""
tsum's C++ engine (internal: use the tsum package)
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import typing
__all__: list[str] = ['Column', 'Coordinator', 'DaskPreparation', 'Diffs', 'Error', 'Partition', 'PrepareOptions', 'Summary', 'Table', 'diff_by', 'diff_tables', 'display_input_name', 'encode_arrow_column', 'encode_categorical', 'encode_numbers', 'encode_objects', 'explain', 'filter_where', 'parse_cost_model', 'parse_search', 'pattern_mask', 'prepare_table', 'read_arrow_array', 'read_arrow_stream', 'read_tables', 'render_csv', 'render_html', 'render_json', 'render_markdown', 'render_text', 'select_names', 'state_apply', 'state_apply_text', 'state_info', 'state_init', 'summarize']
class Error(ValueError):
    """
    What tsum raises for impossible options, unreadable or unsupported data and unknown columns (a ValueError); the message is the CLI's.
    """
class Column:
    """
    One encoded column (dictionary + codes).
    """
    @property
    def name(self) -> str:
        ...
    @property
    def rows(self) -> int:
        ...
class Table:
    """
    A dictionary-encoded table, as the engine sees it.
    """
    def __getstate__(self) -> bytes:
        ...
    def __init__(self, columns: collections.abc.Sequence[Column], rows: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __setstate__(self, arg0: bytes) -> None:
        ...
    def codes(self, column: str) -> numpy.typing.NDArray[numpy.uint32]:
        """
        The column's codes (0 = NULL, value i has code i + 1).
        """
    def dictionaries(self) -> list:
        ...
    def is_numeric(self, column: str) -> bool:
        ...
    def relabel(self, relabels: list) -> Table:
        ...
    def select(self, keep: collections.abc.Sequence[str], drop: collections.abc.Sequence[str]) -> Table:
        ...
    def values(self, column: str) -> list[str]:
        """
        The column's distinct values, in code (first appearance) order.
        """
    @property
    def column_names(self) -> list[str]:
        ...
    @property
    def rows(self) -> int:
        ...
class Summary:
    """
    The engine's summary (see tsum.Summary for the public view).
    """
    @property
    def columns(self) -> list[str]:
        ...
    @property
    def cost_model(self) -> str:
        ...
    @property
    def covered_rows(self) -> int:
        ...
    @property
    def expand_evaluations(self) -> int:
        ...
    @property
    def expand_seconds(self) -> float:
        ...
    @property
    def marshal_evaluations(self) -> int:
        ...
    @property
    def marshal_seconds(self) -> float:
        ...
    @property
    def patterns(self) -> list:
        ...
    @property
    def rows(self) -> int:
        ...
    @property
    def search(self) -> str:
        ...
    @property
    def table_bits(self) -> float:
        ...
    @property
    def total_patterns(self) -> int:
        ...
    @property
    def total_saving(self) -> float:
        ...
class Partition:
    """
    One Dask partition on a worker: its table and code maps.
    """
    def __getstate__(self) -> tuple[bytes, list]:
        ...
    def __init__(self, table: Table, code_maps: list) -> None:
        ...
    def __setstate__(self, arg0: tuple) -> None:
        ...
    def global_rows(self, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> tuple[numpy.typing.NDArray[numpy.uint32], numpy.typing.NDArray[numpy.uint64]]:
        """
        Every row as global codes (row-major) and its weight.
        """
    def histograms(self, request: typing.Any, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> tuple[numpy.typing.NDArray[numpy.uint64], numpy.typing.NDArray[numpy.uint32], numpy.typing.NDArray[numpy.uint32]]:
        """
        Histograms for a packed (found, prefix) request (Coordinator.next_request).
        """
    def signatures(self, request: typing.Any, threads: typing.SupportsInt | typing.SupportsIndex = 1) -> tuple[numpy.typing.NDArray[numpy.uint64], numpy.typing.NDArray[numpy.uint32], numpy.typing.NDArray[numpy.uint64]]:
        """
        Row signatures over the found patterns of a packed request (Coordinator.marshal_request).
        """
    @property
    def rows(self) -> int:
        ...
class Coordinator:
    """
    The Dask driver's decisions (see coordinator.h).
    """
    def __init__(self, cost: str, columns: collections.abc.Sequence[str]) -> None:
        ...
    def add_histograms(self, offsets: typing.Any, codes: typing.Any, counts: typing.Any) -> None:
        ...
    def add_partition(self, rows: typing.SupportsInt | typing.SupportsIndex, dictionaries: list) -> None:
        ...
    def add_rows(self, codes: typing.Any, weights: typing.Any) -> None:
        ...
    def add_signatures(self, offsets: typing.Any, patterns: typing.Any, counts: typing.Any) -> None:
        ...
    def code_maps(self, partition: typing.SupportsInt | typing.SupportsIndex) -> list:
        ...
    def decide(self) -> None:
        ...
    def marshal_request(self) -> numpy.typing.NDArray[numpy.uint32]:
        """
        The packed patterns found, for Partition.signatures.
        """
    def next_request(self) -> typing.Any:
        """
        The next expansion round's packed (found, prefix), or None when expansion is over.
        """
    def rank(self) -> None:
        ...
    def search(self, search: str, beam: typing.SupportsInt | typing.SupportsIndex, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        ...
    def start(self, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> None:
        """
        Ends add_partition(): builds the cost model on `threads` (0: all).
        """
    def summary(self, limit: typing.SupportsInt | typing.SupportsIndex | None = None) -> Summary:
        ...
    @property
    def items_found(self) -> int:
        ...
    @property
    def patterns_found(self) -> int:
        ...
    @property
    def rows(self) -> int:
        ...
class PrepareOptions:
    """
    The CLI's --bins, --type, --keep-id-columns and --exclude (for the report).
    """
    def __init__(self, cost: str, bins: str = 'auto', column_bins: collections.abc.Sequence[tuple[str, str]] = [], column_types: collections.abc.Sequence[tuple[str, str]] = [], keep_id_columns: bool = False, threads: typing.SupportsInt | typing.SupportsIndex = 0, excluded_by_user: collections.abc.Sequence[str] = []) -> None:
        ...
    @property
    def customized(self) -> bool:
        ...
class DaskPreparation:
    """
    Preprocessing decided from merged partition dictionaries.
    """
    def __init__(self, names: collections.abc.Sequence[str], dictionaries: list, options: PrepareOptions) -> None:
        ...
    def describe(self, summary: Summary) -> Summary:
        """
        A copy of the summary with the bins, left-out columns and column profiles.
        """
    def feed(self, coordinator: Coordinator) -> None:
        ...
    def relabels(self, partition: typing.SupportsInt | typing.SupportsIndex) -> list:
        """
        Per summarized column: None, or (bin_of, values) for Table.relabel.
        """
    @property
    def columns(self) -> list[str]:
        ...
class Diffs:
    """
    The engine's diff results (see tsum.Diff for the public view).
    """
    def __len__(self) -> int:
        ...
    def render_csv(self) -> str:
        ...
    def render_html(self) -> str:
        ...
    def render_json(self) -> str:
        ...
    def render_markdown(self) -> str:
        ...
    def render_text(self) -> str:
        ...
    @property
    def patterns(self) -> list:
        ...
def diff_by(table: Table, column: str, value: str | None, prepare: PrepareOptions, columns: collections.abc.Sequence[str], exclude: collections.abc.Sequence[str], threads: typing.SupportsInt | typing.SupportsIndex, limit: typing.SupportsInt | typing.SupportsIndex | None, alpha: typing.SupportsFloat | typing.SupportsIndex) -> Diffs:
    ...
def diff_tables(old: Table, new: Table, prepare: PrepareOptions, columns: collections.abc.Sequence[str], exclude: collections.abc.Sequence[str], threads: typing.SupportsInt | typing.SupportsIndex, limit: typing.SupportsInt | typing.SupportsIndex | None, alpha: typing.SupportsFloat | typing.SupportsIndex, old_name: str, new_name: str) -> Diffs:
    ...
def display_input_name(input: str) -> str:
    """
    How reports name an input: database URLs without their password.
    """
def encode_arrow_column(name: str, capsule: typing.Any, input: str, threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Column:
    """
    One column from an 'arrow_array_stream' capsule of plain arrays (a ChunkedArray).
    """
def encode_categorical(name: str, codes: numpy.ndarray, categories: Column) -> Column:
    ...
def encode_numbers(name: str, values: numpy.ndarray, null_mask: typing.Any = None) -> Column:
    ...
def encode_objects(name: str, values: numpy.ndarray, null_mask: typing.Any = None) -> Column:
    ...
def explain(table: Table, prepare: PrepareOptions, summary: Summary, rank: typing.SupportsInt | typing.SupportsIndex, input: str) -> tuple[str, str, str]:
    """
    Pattern `rank` of `summary` explained: (JSON, text, Markdown), as tsum explain writes them.
    """
def filter_where(table: Table, where: str) -> Table:
    """
    The rows matching a --where condition, encoded as if read on their own.
    """
def parse_cost_model(name: str) -> str:
    """
    The canonical name of a cost model; ValueError for an unknown one.
    """
def parse_search(name: str) -> str:
    """
    The canonical name of a search strategy; ValueError for an unknown one.
    """
def pattern_mask(table: Table, items: collections.abc.Sequence[tuple[str, str]]) -> numpy.typing.NDArray[numpy.bool]:
    """
    A bool array: the rows whose every (column, value) item holds.
    """
def prepare_table(table: Table, prepare: PrepareOptions) -> Table:
    """
    The table the summary saw: types, bins and left-out columns applied.
    """
def read_arrow_array(schema: typing.Any, array: typing.Any, input: str, columns: collections.abc.Sequence[str] = [], exclude: collections.abc.Sequence[str] = [], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Table:
    """
    A table from 'arrow_schema' and 'arrow_array' capsules (a record batch, or one column).
    """
def read_arrow_stream(capsule: typing.Any, input: str, columns: collections.abc.Sequence[str] = [], exclude: collections.abc.Sequence[str] = [], threads: typing.SupportsInt | typing.SupportsIndex = 0) -> Table:
    """
    A table from an 'arrow_array_stream' capsule (record batches: one column per field).
    """
def read_tables(paths: collections.abc.Sequence[str], format: str | None = None, delimiter: str | None = None, header: bool = True, threads: typing.SupportsInt | typing.SupportsIndex = 0, query: str | None = None, max_memory: str | None = None, null_values: collections.abc.Sequence[str] = [], encoding: str | None = None, ragged: str | None = None) -> Table:
    """
    The CLI's readers: several inputs are one table (columns matched by name).
    """
def render_csv(summary: Summary, input: str) -> str:
    ...
def render_html(summary: Summary, input: str) -> str:
    ...
def render_json(summary: Summary, input: str, threads: int = 0) -> str:
    ...
def render_markdown(summary: Summary, input: str) -> str:
    ...
def render_text(summary: Summary, input: str, width: typing.SupportsInt | typing.SupportsIndex = 0) -> str:
    ...
def select_names(names: collections.abc.Sequence[str], keep: collections.abc.Sequence[str], drop: collections.abc.Sequence[str]) -> list[str]:
    ...
def state_apply(path: str, inputs: collections.abc.Sequence[str], skip_bad: typing.SupportsInt | typing.SupportsIndex) -> dict:
    ...
def state_apply_text(path: str, events: bytes, name: str, skip_bad: typing.SupportsInt | typing.SupportsIndex) -> dict:
    ...
def state_info(arg0: str) -> dict:
    ...
def state_init(path: str, key: str, table: str, from_: str | None, input_format: str | None, delimiter: str | None, header: bool, query: str | None, max_memory: str | None) -> None:
    ...
def summarize(table: Table, prepare: PrepareOptions, threads: typing.SupportsInt | typing.SupportsIndex = 0, limit: typing.SupportsInt | typing.SupportsIndex | None = None, search: str = 'greedy', beam: typing.SupportsInt | typing.SupportsIndex = 3) -> Summary:
    ...
__version__: str = '0.1.0'
