"""tsum: exact, fast TSum table summarization (Chen et al., Google Research, 2013).

    >>> import tsum
    >>> summary = tsum.summarize(df)              # pandas, polars, pyarrow, Dask or Spark DataFrame, dict, path
    >>> summary[0].pattern, summary[0].saving, summary[0].coverage
    >>> print(summary)                            # the CLI's text
    >>> summary.to_json()                         # the CLI's JSON

A drop-in for the seed's Dask library: summarize(ddf=ddf) returns the ranked patterns
as a sequence with .pattern, .saving and .coverage (pass cost="tsum-dask" for its
savings).
"""

from ._api import summarize
from ._core import Error, __version__
from ._dask_stats import DaskRound, DaskStats
from ._diff import Diff, diff
from ._explain import Explanation, ValueShare
from ._summary import Pattern, Summary

Error.__doc__ = ("What tsum raises for impossible options, unreadable or unsupported data and unknown columns "
                 "(a ValueError); the message is the CLI's.")

__all__ = ["summarize", "diff", "Diff", "Summary", "Pattern", "Explanation", "ValueShare", "DaskStats", "DaskRound", "Error", "__version__"]
