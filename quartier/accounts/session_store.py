"""Sessions in the database, as Django keeps them, read with written-out SQL.

Every signed-in request reads its session first. Django's database store builds
that read with the ORM, which costs ~0.27 ms of CPU per request, nearly all of it
compiling the query; written out it costs ~0.03 ms (docs/benchmarks.md, "the cost
every signed-in request pays"). The table, the stored data, expiry and everything
else are Django's: only the read is different, so existing sessions stay valid and
a logout, an expired session or a flushed key count from the next request on.

    SESSION_ENGINE = "quartier.accounts.session_store"
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        key = self.session_key
        if not key:  # Django's store would ask the database for `None` as well
            self._session_key = None
            return None
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        sql = (
            f"SELECT {table}.{quote('session_data')} FROM {table} "  # noqa: S608 - names quoted
            f"WHERE {table}.{quote('session_key')} = %s "
            f"AND {table}.{quote('expire_date')} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
