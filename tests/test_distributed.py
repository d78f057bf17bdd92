"""Dask LocalCluster (2 workers) and PySpark local[2], on tiny files."""

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from classifier.cli import main

TEXTS = ["The staff were so rude to me", "Juna myöhässä taas tunnin", "", "Очень вежливый и приятный персонал",
         "Parcel lambat sampai, 2 minggu", "Пратката пристигна навреме"]


@pytest.fixture
def parts(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        pd.DataFrame({"id": [f"{i}-{j}" for j in range(len(TEXTS))], "text": TEXTS}).to_csv(d / f"p{i}.csv", index=False)
    return d


def test_dask_local_cluster_labels_every_partition(tiny_bundle, parts, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "labelled.parquet"
    res = CliRunner().invoke(main, ["label", str(parts / "*.csv"), "--engine", "dask", "-j", "2",
                                    "-m", str(tiny_bundle), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = pd.read_parquet(out)
    assert len(got) == 3 * len(TEXTS)
    assert sorted(got["id"]) == sorted(f"{i}-{j}" for i in range(3) for j in range(len(TEXTS)))
    assert (got["status"] == "skipped: empty text").sum() == 3
    rude = got[got["text"] == TEXTS[0]]
    assert all(json.loads(d) == {"courtesy": "negative"} for d in rude["dimensions"])


def test_dask_csv_output_one_file_per_partition(tiny_bundle, parts, tmp_path):
    pytest.importorskip("dask.distributed")
    from classifier.batch import LabelConfig
    from classifier.distributed import label_dask

    out = tmp_path / "labelled.csv"
    result = label_dask(str(parts / "*.csv"), out, LabelConfig(model=str(tiny_bundle)), n_workers=2)
    files = sorted(out.glob("part-*.csv"))
    assert len(files) == result["partitions"] == 3
    assert sum(len(pd.read_csv(f)) for f in files) == result["rows"] == 3 * len(TEXTS)


@pytest.mark.skipif(shutil.which("java") is None, reason="PySpark needs Java")
def test_spark_pandas_udf(tiny_bundle, monkeypatch):
    import sys

    pyspark = pytest.importorskip("pyspark")
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # workers must use this environment's Python
    from pyspark.sql import SparkSession

    from classifier.distributed import spark_label_udf

    spark = (SparkSession.builder.master("local[2]").appName("classifier-test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        df = spark.createDataFrame([(t,) for t in TEXTS], ["text"])
        rows = df.withColumn("labels", spark_label_udf(str(tiny_bundle))("text")).select(
            "text", "labels.sentiment", "labels.dimensions", "labels.status").collect()
    finally:
        spark.stop()
    assert len(rows) == len(TEXTS)
    by_text = {r["text"]: r for r in rows}
    assert json.loads(by_text[TEXTS[0]]["dimensions"]) == {"courtesy": "negative"}
    assert by_text[""]["status"] == "skipped: empty text"
    assert pyspark.__version__
