"""The indicators table: model over the core's rows, a filter proxy, an editing delegate."""
