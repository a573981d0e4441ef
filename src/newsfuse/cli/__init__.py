"""cli: the ``newsfuse`` command (typer), one module per command group."""
