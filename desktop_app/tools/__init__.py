"""Developer tools run from the Makefile (not part of the app's user interface)."""
