"""Platform commands: the demo partnership, demo TOTP codes, serving, and Django's management."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


def _django(settings_module: str = "csphub.config.settings.local") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


@click.command()
@click.option("--serve/--no-serve", default=True, help="Serve the app on 127.0.0.1:8000 afterwards.")
@click.option("--port", default=8000, show_default=True)
@click.option(
    "--with-assessment/--without-assessment",
    default=True,
    help="Ingest the shipped police.uk sample and run the Strategic Assessment.",
)
def demo(serve: bool, port: int, with_assessment: bool) -> None:
    """Create the Amber Valley demo partnership (idempotent), print the logins, then serve the app."""
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from csphub.demo.loader import load_demo
    from csphub.demo.personas import DEMO_PASSWORD

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    click.echo("Preparing the database …")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if with_assessment:
        _demo_assessment(Path(settings.DATA_DIR))
    # Demo data is made by the same services that notify people; those e-mails are not sent.
    configured_backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        load_demo(progress=click.echo)
    finally:
        settings.EMAIL_BACKEND = configured_backend

    click.echo("")
    click.secho("CSP Hub demo: Amber Valley Community Safety Partnership", bold=True)
    click.echo("Every persona's password is: " + DEMO_PASSWORD)
    click.echo("Usernames are <agency>_<role>, for example:")
    for username, what in (
        ("avbc_caseworker", "ASB caseworker, Amber Valley Borough Council"),
        ("police_caseworker", "Neighbourhood officer, Derbyshire Constabulary"),
        ("housing_caseworker", "Housing ASB officer, Amber Valley Homes"),
        ("avbc_partnership_coordinator", "CSP coordinator"),
        ("avbc_analyst", "Community safety analyst"),
        ("avbc_board_member", "Board member"),
        ("avbc_administrator", "Administrator"),
    ):
        click.echo(f"  {username:32} {what}")
    click.echo("Agencies: avbc, police, dcc, fire, nhs, probation, housing, voluntary.")
    click.echo(
        "Roles: caseworker, team_manager, partnership_coordinator, analyst, partner_viewer, "
        "board_member, administrator."
    )
    click.echo(
        "Security code at sign-in: run `csphub demo-otp USERNAME` (or `make otp USER=USERNAME`) "
        "in another terminal, or add the printed key to an authenticator app:"
    )
    click.echo(f"  csphub demo-otp avbc_caseworker   -> {_current_code('avbc_caseworker')}")
    if serve:
        click.echo(f"\nServing on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


def _demo_assessment(data_dir: Path) -> None:
    try:
        from csphub.analytics import pipeline
    except ImportError:
        click.echo("Analytics not installed; skipping the Strategic Assessment.")
        return
    click.echo("Ingesting the shipped police.uk sample and running the Strategic Assessment …")
    pipeline.ingest_sample(data_dir)
    try:
        from csphub.insights.services import assessment_refresh

        assessment_refresh(area=pipeline.SAMPLE_AREA, data_dir=data_dir)
    except ImportError:
        pass


def _current_code(username: str) -> str:
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        raise click.ClickException(f"No confirmed authenticator for {username!r}: run `csphub demo` first.")
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{totp.token():0{device.digits}d}"


@click.command(name="demo-otp")
@click.argument("username")
def demo_otp(username: str) -> None:
    """Print the current TOTP security code of a DEMO persona (demo data only)."""
    _django()
    import base64

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from csphub.demo.personas import demo_personas

    if username not in {p.username for p in demo_personas()}:
        raise click.ClickException(f"{username!r} is not a demo persona; real accounts use their own app.")
    code = _current_code(username)
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    click.echo(code)
    click.echo(f"(key for an authenticator app: {base64.b32encode(device.bin_key).decode()})", err=True)


@click.command()
@click.option("--port", default=8000, show_default=True)
def serve(port: int) -> None:
    """Serve the app on 127.0.0.1 (demo and development)."""
    _django()
    from django.core.management import call_command

    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command, e.g. `csphub manage migrate`."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.argv[0]} manage", *ctx.args])
