"""The plan's tasks and this year's progress on each."""
