"""newsclean.dask on a real two-process LocalCluster (skipped without the ``dask`` extra)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from newsclean.dask import (  # noqa: E402
    DATAFRAME_COLUMNS,
    clean_bag,
    clean_dataframe,
    clean_partition,
    learn_date_orders_bag,
    learn_partition,
    learn_templates_bag,
    merge_models,
    site_models,
)

SRC = Path(__file__).resolve().parents[1] / "src"
TOPICS = ["ferry", "bridge", "library", "market", "school", "museum"]
SITE_A = [
    "Home | News | Sport\n"
    f"Council plans for the {topic}\n"
    "Published 30.05.23\n"
    f"The council announced on Monday that the {topic} will get new opening hours from June, "
    f"after months of letters from residents about the {topic} and its every forty minutes rule.\n"
    "Follow us on social media\n"
    for topic in TOPICS
]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with pytest.MonkeyPatch.context() as patch:
        # Worker processes must import this checkout's newsclean.
        paths = (str(SRC), os.environ.get("PYTHONPATH"))
        patch.setenv("PYTHONPATH", os.pathsep.join(p for p in paths if p))
        cluster = distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        )
        with distributed.Client(cluster) as dask_client:
            yield dask_client
        cluster.close()


def items() -> list[Any]:
    docs: list[Any] = [
        {"id": f"a{n}", "url": f"https://www.site-a.example/{n}", "text": text}
        for n, text in enumerate(SITE_A)
    ]
    docs += [
        {"id": "no-text", "url": "https://site-b.example/1"},  # poison: no text field
        12345,  # poison: not a document at all
        "A plain string document about the town council meeting on Tuesday evening.",
    ]
    return docs


def test_date_orders_are_merged_across_partitions() -> None:
    # The same map-reduce as templates; the synchronous scheduler keeps this test cheap.
    with dask.config.set(scheduler="sync"):
        bag = db.from_sequence(items(), npartitions=4)
        profiles = learn_date_orders_bag(bag)
        by_key = learn_date_orders_bag(bag, key=lambda item: "all")
    assert profiles["site-a.example"].dmy == 6 and profiles["site-a.example"].order == "DMY"
    assert by_key["all"].dmy == 6


def test_partition_functions_work_without_a_scheduler() -> None:
    first = dict(learn_partition(items()[:3], "template"))
    second = dict(learn_partition(items()[3:], "template"))
    assert set(first) == {"site-a.example"} and set(second) == {"site-a.example", ""}
    merged = merge_models(first["site-a.example"], second["site-a.example"])
    models = site_models({"site-a.example": merged})
    records = clean_partition(items(), models)
    assert merged.n_documents == 6 and len(records) == len(items())
    assert [r["id"] for r in records][:2] == ["a0", "a1"]


def test_clean_bag_with_site_templates_never_fails_a_task(client: Any) -> None:
    bag = db.from_sequence(items(), npartitions=3)
    templates = learn_templates_bag(bag)
    assert templates["site-a.example"].n_documents == 6  # merged across partitions
    records = clean_bag(bag, templates=templates).compute()
    assert [r["id"] for r in records] == [*[f"a{n}" for n in range(6)], "no-text", None, None]
    assert records[6]["error"]["code"] == "invalid_input"
    assert records[7]["error"]["code"] == "invalid_input"
    first = records[0]
    assert "error" not in first and first["source"] == {"url": "https://www.site-a.example/0"}
    body = " ".join(b["text"] for b in first["blocks"])
    assert "every forty minutes" in body
    assert "Follow us on social media" not in body  # removed by the site template
    json.dumps(records)


def test_clean_dataframe_keeps_the_index(client: Any) -> None:
    frame = pd.DataFrame(
        {"body": [SITE_A[0], "", SITE_A[1]], "link": ["https://a.example/1", None, None]},
        index=[10, 11, 12],
    )
    result = clean_dataframe(
        dd.from_pandas(frame, npartitions=2), "body", url_column="link"
    ).compute()
    assert list(result.columns) == list(DATAFRAME_COLUMNS)
    assert list(result.index) == [10, 11, 12]
    assert result.loc[11, "error_code"] == "empty_document"
    assert "every forty minutes" in result.loc[10, "text"]
    assert json.loads(result.loc[12, "article"])["blocks"]
