"""gunicorn settings of one Quartier app server (docs/operations.md).

    gunicorn -c deploy/gunicorn.conf.py quartier.wsgi

Environment: GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default 2 per
server; about one per core), GUNICORN_THREADS (default 4 per worker: a request that
waits for the database or a mail server does not hold a whole process), and
PROMETHEUS_MULTIPROC_DIR (an empty folder of this server's own: /metrics then adds
up all its workers; quartier/core/metrics.py).
"""

import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
# A request taking longer than this is killed (the page report runs as a task).
timeout = 60
# On TERM (systemctl stop, a deploy) requests in flight may finish.
graceful_timeout = 30
# Workers are replaced now and then, so slow memory growth cannot pile up.
max_requests = 5000
max_requests_jitter = 500
# Quartier writes its own request log line (quartier/core/request_logging.py).
accesslog = None
errorlog = "-"
# The proxy is on the same machine or a trusted network; the app reads
# X-Forwarded-For itself (TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's control socket has one default path per user: two app servers on one
# machine would share it. Quartier does not use it.
control_socket_disable = True


def on_starting(server):
    # Counters of workers of an earlier run would be added to the new ones.
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
