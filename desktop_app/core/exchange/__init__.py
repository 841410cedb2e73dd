"""USB exchange: offices send the lead office their year in signed, sealed packages;
the lead office imports them exactly once and consolidates the province's figures."""

PACKAGE_SUFFIX = ".tdpkg"
KEY_SUFFIX = ".tdkey"
