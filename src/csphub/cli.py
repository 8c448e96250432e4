"""The ``csphub`` command line: thin; it parses, then calls the pipeline or the services.

Command groups live beside the code they drive and are registered here, so that
``csphub.analytics`` never imports Django and the web commands never load the analytics stack
unless asked.
"""

from __future__ import annotations

import importlib

import click

# (module, attribute) of every command or group; imported lazily when the CLI starts.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("csphub.cli_analytics", "ingest"),
    ("csphub.cli_analytics", "assess"),
    ("csphub.cli_analytics", "geography"),
    ("csphub.cli_platform", "demo"),
    ("csphub.cli_platform", "demo_otp"),
    ("csphub.cli_platform", "serve"),
    ("csphub.cli_platform", "worker"),
    ("csphub.cli_platform", "manage"),
    ("csphub.cli_ops", "audit"),
    ("csphub.cli_ops", "db"),
    ("csphub.cli_ops", "migrate"),
    ("csphub.cli_ops", "backup"),
    ("csphub.cli_ops", "restore"),
    ("csphub.duties.commands", "reminders"),  # task and statutory deadline reminders
    ("csphub.governance.commands", "retention"),
)


class _WholeDescriptions(click.Group):
    """`csphub --help` lists each command's first sentence whole, wrapped to the terminal,
    instead of click's default of cutting it off with "..." at the terminal's edge."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_WholeDescriptions, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="csphub")
def main() -> None:
    """CSP Hub: strategic assessment, ASB casework, case reviews and duty registers."""


def _register() -> None:
    for module_name, attr in _COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # A command module not yet present in this build is skipped; any other import
            # error is a real defect and surfaces.
            if exc.name == module_name:
                continue
            raise
        command = getattr(module, attr, None)
        if command is not None:
            main.add_command(command)


_register()

if __name__ == "__main__":
    main()
