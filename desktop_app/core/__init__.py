"""The core: everything TienDo knows and does, without Qt.

Nothing under this package may import PySide6; a test enforces it.
"""
