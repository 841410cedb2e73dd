"""How a workspace sits on disk, below the :class:`~desktop_app.core.workspace.Workspace`:

  ``sqlcipher.py``   the encrypted connection and what its errors mean to a clerk;
  ``migrations.py``  the schema, applied from ``core/migrations/*.sql`` in order;
  ``integrity.py``   the quick check on open and the full check of every page;
  ``files.py``       the files that make up a workspace, the lock, and refusing a file
                     that is not one.

The key slots are in ``core/keyslots.py``, backups in ``core/backup.py``.
"""
