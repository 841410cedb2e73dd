"""The CLI's subcommands, one module per area; see ``desktop_app.cli``."""
