"""The same `ingest` flow, with its per-batch tasks on a Dask cluster (prefect-dask).

Nothing else changes: the flow process plans, holds the run lock and publishes DuckDB; each
batch of files is parsed and written to Parquet by a Dask worker. Workers must see raw_dir and
out_dir at the same paths or URLs (one machine, a shared file system, or object storage such as
s3://bucket/processed with the same credentials) and must report to the same
Prefect server: in ephemeral mode every worker process would start a server of its own, so a
Dask run needs PREFECT_API_URL (checked before anything starts).

    address None  -> a LocalCluster of `n_workers` processes, one thread each, on this machine
    address given -> an existing scheduler, e.g. tcp://scheduler:8786 (a real cluster)
"""

from __future__ import annotations

import os

from prefect import Flow
from prefect.settings import PREFECT_API_URL
from prefect_dask import DaskTaskRunner

from flows.ingest import ingest

# Environment variable read by the `ingest/dask` deployment (and `newsflow ingest --task-runner dask`).
ENV_DASK_ADDRESS = "NEWSFLOW_DASK_ADDRESS"
ENV_DASK_WORKERS = "NEWSFLOW_DASK_WORKERS"
DEFAULT_LOCAL_WORKERS = 2


class DaskNeedsServerError(RuntimeError):
    pass


def require_prefect_server() -> None:
    if not PREFECT_API_URL.value():
        raise DaskNeedsServerError(
            "the Dask task runner needs a Prefect server: Dask workers report their task runs to it, and in "
            "ephemeral mode each worker would start a server of its own. Start one (`prefect server start`) and "
            "set PREFECT_API_URL, e.g. `prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api`."
        )


def ingest_on_dask(address: str | None = None, n_workers: int | None = None) -> Flow:
    """The ingest flow with a DaskTaskRunner: on the scheduler at `address`, else a LocalCluster."""
    if address:
        runner = DaskTaskRunner(address=address)
    else:
        workers = n_workers or int(os.environ.get(ENV_DASK_WORKERS, DEFAULT_LOCAL_WORKERS))
        # One thread per worker process: parsing holds the GIL in places, processes do not share it.
        runner = DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    return ingest.with_options(task_runner=runner)


def dask_deployment_flow() -> Flow:
    """Entry point of the `ingest/dask` deployment: scheduler address from NEWSFLOW_DASK_ADDRESS."""
    return ingest_on_dask(os.environ.get(ENV_DASK_ADDRESS) or None)


# prefect.yaml's entrypoint must name a flow object.
ingest_dask = dask_deployment_flow()
