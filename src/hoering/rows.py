"""Tables as plain columns, written as CSV the way pandas writes a frame, without importing pandas.

Importing pandas costs more than a fully cached run does all else, and the CSV
files of `analyse --out` need nothing of it: the frames were only carriers. So
those files are written from `Rows` with the `csv` module, cell by cell as
``DataFrame.to_csv`` writes the frame the same columns make (the tests hold the
two texts equal): a column of whole numbers as integers, one of numbers with a
fraction (or a gap) as floats in their shortest form, the decimal point as
given, gaps empty, ``True``/``False`` as written.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import lazy

if TYPE_CHECKING:
    import pandas as pd

pandas = lazy.module("pandas")

#: What a text cell becomes before it is written (`hoering.safe.csv_cell`: formulas made harmless).
Cell = Callable[[object], object]


@dataclass(frozen=True)
class Rows:
    """A table as named columns of equal length, in order.

    `categories` gives a column's ordered categories in the frame (`frame`); the
    CSV text holds the values only.
    """

    columns: Mapping[str, Sequence[Any]]
    categories: Mapping[str, Sequence[str]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()), ()))

    def frame(self) -> pd.DataFrame:
        """The pandas frame of these columns (for JSON, a notebook, or a writer that needs one)."""
        data: dict[str, Any] = {name: list(values) for name, values in self.columns.items()}
        if not len(self):
            return pandas.DataFrame([], columns=self.names)
        for name, categories in self.categories.items():
            data[name] = pandas.Categorical(data[name], categories=list(categories), ordered=True)
        return pandas.DataFrame(data, columns=self.names)

    def csv_text(
        self, delimiter: str = ",", decimal: str = ".", cell: Cell | None = None, starts: tuple[str, ...] = ()
    ) -> str:
        """CSV text with \\n line ends; `cell` (when given) passes every text cell first (formula safety),
        or, with `starts`, only the text cells that start with one of them."""
        texts = [_column_texts(values, decimal, cell, starts) for values in self.columns.values()]
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(self.names)
        writer.writerows(zip(*texts))
        return buffer.getvalue()


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


_NONE = type(None)


def _column_texts(values: Sequence[Any], decimal: str, cell: Cell | None, starts: tuple[str, ...]) -> Sequence[Any]:
    """The cells of one column as pandas writes the column the values make.

    Text, whole numbers and truth values go to the csv module as they are (it
    writes them as pandas does); a column of numbers with a fraction or a gap is
    pandas' float column, written in the shortest form with `decimal`.
    """
    types = set(map(type, values))
    if types <= {str}:
        if cell is None:
            return values
        return [cell(v) if v.startswith(starts) else v for v in values] if starts else [cell(v) for v in values]
    if types <= {int} or types == {bool}:
        return values
    if types <= {int, float, _NONE} and types & {int, float}:
        return ["" if _missing(v) else repr(float(v)).replace(".", decimal) for v in values]
    return ["" if _missing(v) else cell(v) if cell is not None and isinstance(v, str) else v for v in values]
