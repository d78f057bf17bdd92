"""Labelling on a cluster: Dask (``classifier label --engine dask``) and PySpark.

Dask: the input (a glob of CSV/Parquet files, or one big file split in
blocks) becomes a Dask DataFrame; each partition is labelled by the same
:func:`classifier.batch.label_frame` as a local run, on the workers, which
load the model once each. The output is a Parquet dataset or one CSV per
partition, written to a temporary directory and renamed when complete.

PySpark: :func:`spark_label_udf` gives a pandas UDF returning a struct
(``lang``, ``sentiment``, ``dimensions`` as JSON, ``status``), so a PySpark
user labels a column with ``df.withColumn("labels", udf("text"))``.
The package (with its model) must be installed on every worker.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from .batch import LabelConfig, label_frame
from .errors import InputNotFoundError, OutputError

__all__ = ["label_dask", "spark_label_udf", "SPARK_SCHEMA"]

_models: dict[str, Any] = {}


def _model(path: str | None):
    from .api import load_model

    key = path or "default"
    if key not in _models:
        _models[key] = load_model(path)
    return _models[key]


def _label_partition(df: pd.DataFrame, config: LabelConfig) -> pd.DataFrame:
    out = label_frame(df, _model(config.model), config)
    return out.astype({c: "string" for c in out.columns if c not in df.columns})


def label_dask(input_glob: str, output: str | os.PathLike, config: LabelConfig = LabelConfig(),
               scheduler: str | None = None, blocksize: str = "64MB", n_workers: int = 2) -> dict[str, Any]:
    """Label ``input_glob`` on a Dask cluster (``scheduler`` address, or a LocalCluster) into ``output``.

    ``output`` ending in ``.parquet`` (or with no suffix) gets a Parquet dataset; ``.csv`` a directory
    of one CSV per partition. Returns the number of partitions and rows.
    """
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    out = Path(output)
    files = sorted(Path().glob(input_glob)) if not Path(input_glob).is_absolute() else sorted(Path("/").glob(input_glob.lstrip("/")))
    if not files:
        raise InputNotFoundError("E101", f"no file matches {input_glob}", "check the path or glob (quote it in the shell)")
    if out.exists():
        raise OutputError("E123", f"{out} already exists", "choose a new output directory or remove it")
    parquet_in = files[0].suffix.lower() in (".parquet", ".pq")
    cluster = None
    client = Client(scheduler) if scheduler else Client(cluster := LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                                                                processes=True, dashboard_address=None))
    try:
        if parquet_in:
            ddf = dd.read_parquet([str(f) for f in files])
        else:
            ddf = dd.read_csv([str(f) for f in files], dtype=str, keep_default_na=False, blocksize=blocksize)
        from dataclasses import replace

        from .batch import pick_text_column

        config = replace(config, text_column=pick_text_column(ddf._meta, config.text_column, str(files[0])))
        meta = _label_partition(ddf._meta_nonempty.iloc[:0], config)
        labelled = ddf.map_partitions(_label_partition, config, meta=meta)
        tmp = out.with_name(f".{out.name}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        if out.suffix.lower() == ".csv":
            labelled.to_csv(str(tmp / "part-*.csv"), index=False)
        else:
            labelled.to_parquet(str(tmp), write_index=False)
        os.replace(tmp, out)
        return {"partitions": labelled.npartitions, "rows": int(labelled.map_partitions(len).sum().compute())
                if out.suffix.lower() == ".csv" else int(dd.read_parquet(str(out)).shape[0].compute())}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


#: Spark DDL schema of the struct the UDF returns.
SPARK_SCHEMA = "lang string, sentiment string, dimensions string, status string"


def spark_label_udf(model: str | None = None, max_chars: int = 5000):
    """A PySpark pandas UDF: ``df.withColumn("labels", spark_label_udf()("text"))``.

    The result is a struct column with ``lang``, ``sentiment``, ``dimensions``
    (JSON) and ``status``; select ``labels.sentiment`` and so on.
    """
    from pyspark.sql.functions import pandas_udf

    config = LabelConfig(model=model, max_chars=max_chars, lang_column=None)

    @pandas_udf(SPARK_SCHEMA)
    def label(texts: pd.Series) -> pd.DataFrame:
        out = label_frame(pd.DataFrame({"text": texts.astype(object)}), _model(config.model), config)
        return out[["lang", "sentiment", "dimensions", "status"]]

    return label
