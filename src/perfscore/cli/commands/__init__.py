"""One module per command; each holds one plain function (typer parameters, docstring as help) that
returns an :class:`~perfscore.cli.app.ExitCode`. :mod:`perfscore.cli.app` registers them."""
