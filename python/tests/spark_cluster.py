"""Spark for the tests: a local[2] session, or a standalone cluster on loopback (one
master, two 1-core workers, started from pyspark's own spark-class) and a session on
it. Only one SparkContext can live in a Python process, so the sessions take turns
(see the `spark` fixture in conftest.py). Everything started here is killed by pid when
the test session ends, even after a failure.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

MEMORY = "512m"  # the machine is shared: the smallest heap Spark accepts (450m) and a bit


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def python_path() -> str:
    """PYTHONPATH with absolute entries: executors run in their own work directories."""
    return os.pathsep.join(os.path.abspath(p) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)


def builder(master: str):
    """A SparkSession builder with the tests' small, quiet settings."""
    from pyspark.sql import SparkSession

    # The Python the executors run: SparkContext reads it from the environment.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    return (
        SparkSession.builder.master(master)
        .appName("tsum-tests")
        .config("spark.driver.memory", MEMORY)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.executorEnv.PYTHONPATH", python_path())
    )


class StandaloneCluster:
    """A master and `workers` workers, each a JVM started from spark-class; start()
    returns at once (the JVMs start while other tests run), wait() until all workers
    have registered."""

    def __init__(self, directory: Path, workers: int = 2, memory: str = MEMORY):
        self.directory = directory
        self.memory = memory  # each worker's, for its executor
        self.port, self.ui_port = _free_port(), _free_port()
        self.url = f"spark://127.0.0.1:{self.port}"
        self.workers = workers
        self.processes: list[subprocess.Popen] = []  # master first

    def _start(self, name: str, args: list) -> subprocess.Popen:
        home = _spark_home()
        env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP="127.0.0.1", SPARK_DAEMON_MEMORY="128m",
                   SPARK_LOG_DIR=str(self.directory), PYSPARK_PYTHON=sys.executable, PYTHONPATH=python_path(),
                   SPARK_WORKER_DIR=str(self.directory / "work"))
        log = open(self.directory / f"{name}.log", "wb")
        # spark-class execs java: the pid is the JVM's. A session of its own keeps the
        # JVMs out of the terminal's signals.
        process = subprocess.Popen([str(home / "bin" / "spark-class"), *args], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        self.processes.append(process)
        return process

    def start(self) -> None:
        self._start("master", ["org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                               str(self.port), "--webui-port", str(self.ui_port)])
        for i in range(self.workers):
            self._start(f"worker{i}", ["org.apache.spark.deploy.worker.Worker", self.url, "--host", "127.0.0.1",
                                       "--cores", "1", "--memory", self.memory, "--webui-port", str(_free_port())])

    def alive_workers(self) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ui_port}/json/", timeout=5) as response:
                return int(json.load(response).get("aliveworkers", 0))
        except OSError:
            return 0

    def wait(self, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while self.alive_workers() < self.workers:
            dead = [p.args[1] for p in self.processes if p.poll() is not None]
            if dead or time.monotonic() > deadline:
                raise RuntimeError(f"standalone cluster did not start (exited: {dead}); logs in {self.directory}")
            time.sleep(0.5)

    def worker_tree(self, i: int) -> list[int]:
        """Worker i's JVM, its executor's JVM and that one's Python workers."""
        root = self.processes[1 + i].pid
        return [root] + [child.pid for child in psutil.Process(root).children(recursive=True)]

    def kill_worker(self, i: int) -> list[int]:
        pids = self.worker_tree(i)
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return pids

    def stop(self) -> None:
        for i in reversed(range(len(self.processes))):
            process = self.processes[i]
            pids = [process.pid]
            try:
                pids += [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
            except psutil.NoSuchProcess:
                pass
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            process.wait(timeout=30)


def wait_for_executors(spark, count: int, timeout: float = 300) -> None:
    """Until `count` executors (besides the driver) have registered with the driver."""
    deadline = time.monotonic() + timeout
    while spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() < count + 1:
        if time.monotonic() > deadline:
            raise RuntimeError(f"fewer than {count} Spark executors registered")
        time.sleep(0.5)


def executors(spark) -> int:
    return spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
