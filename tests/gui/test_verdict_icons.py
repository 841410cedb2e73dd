"""A verdict is shown by shape as well as word: on track wears the same tick as
achieved, behind schedule the cross, and only what cannot be judged the question mark."""

from __future__ import annotations

from desktop_app.gui.icons import status_icon


def _image(status):
    return status_icon(status).pixmap(32, 32).toImage()


def test_on_track_and_reached_wear_the_tick_behind_wears_the_cross(qapp):
    tick, cross, unknown = _image("achieved"), _image("not_achieved"), _image("cannot_evaluate")
    assert tick != cross and tick != unknown and cross != unknown
    assert _image("on_track") == tick and _image("reached") == tick
    assert _image("behind") == cross
    assert _image("something new") == unknown
