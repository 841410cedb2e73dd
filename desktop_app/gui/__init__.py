"""The PySide6 window over the core.  Views never touch the database: models call core
functions, long work goes through ``ops.run_op``."""
