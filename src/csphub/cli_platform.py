"""Platform commands: the demo partnership, demo TOTP codes, serving, and Django's management."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess  # nosec B404 - the background worker, fixed argv
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click


def _django(settings_module: str = "csphub.config.settings.local") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def _refuse_under_production(what: str) -> None:
    """The demo's accounts have a published password and computable TOTP keys (finding 6)."""
    from django.conf import settings

    if getattr(settings, "CSPHUB_PRODUCTION", False):
        raise click.ClickException(
            f"{what} is refused under production settings: its accounts share a published password "
            "and security-code keys anyone can compute. Use csphub.config.settings.local for a demo."
        )


@click.command()
@click.option("--serve/--no-serve", default=True, help="Serve the app afterwards, on --host and --port.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to serve on (0.0.0.0: every interface)."
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to serve on."
)
@click.option(
    "--with-assessment/--without-assessment",
    default=True,
    help="Ingest the shipped police.uk sample and run the Strategic Assessment.",
)
def demo(serve: bool, host: str, port: int, with_assessment: bool) -> None:
    """Create the Amber Valley demo partnership (idempotent), print the logins, then serve the app."""
    _django()
    _refuse_under_production("csphub demo")
    from django.conf import settings
    from django.core.management import call_command

    from csphub.demo.loader import load_demo
    from csphub.demo.personas import DEMO_PASSWORD

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    click.echo("Preparing the database …")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    # Demo data is made by the same services that notify people; those e-mails are not sent.
    configured_backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    try:
        load_demo(progress=click.echo)
    finally:
        settings.EMAIL_BACKEND = configured_backend
    # After the partnerships exist: the run belongs to the partnership whose area it is.
    run = _demo_assessment(Path(settings.DATA_DIR)) if with_assessment else None
    if run is not None:  # the demo board (made by load_demo) adopts the demo's assessment, once
        from csphub.insights.services import demo_adopt

        demo_adopt(run)

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
        "Security code at sign-in: run `csphub demo-otp USERNAME` (or `make otp PERSONA=USERNAME`) "
        "in another terminal, or add the printed key to an authenticator app:"
    )
    click.echo(f"  csphub demo-otp avbc_caseworker   -> {_current_code('avbc_caseworker')}")
    from csphub.core.mail import outbox_dir

    click.echo(
        "E-mails the app sends (a public applicant's confirmation, the code to check an application's "
        f"progress, reminders) are not sent: each is written as a file in {outbox_dir()}/ (readable by you "
        "only), and this terminal says when one is written."
    )
    if serve:
        shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # noqa: S104  # nosec B104 - display only
        click.echo(f"\nServing on http://{shown}:{port}/ (Ctrl+C to stop)")
        address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        with background_worker():
            call_command("runserver", address, use_reloader=False, use_threading=True)


def _demo_assessment(data_dir: Path) -> Any:
    """Ingest the sample and run the demo's assessment; the run (None when analytics is absent)."""
    try:
        from csphub.analytics import pipeline
    except ImportError:
        click.echo("Analytics not installed; skipping the Strategic Assessment.")
        return None
    click.echo("Ingesting the shipped police.uk sample and running the Strategic Assessment …")
    # The method notes go into the report; on the demo's console they were noise (review item 16).
    logging.getLogger("csphub.analytics").setLevel(logging.WARNING)
    pipeline.ingest_sample(data_dir)
    try:
        from csphub.insights.services import assessment_refresh
    except ImportError:
        return None
    return assessment_refresh(area=pipeline.SAMPLE_AREA, data_dir=data_dir)


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
    _refuse_under_production("csphub demo-otp")
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
@click.option(
    "--production",
    is_flag=True,
    help="Serve with gunicorn under production settings (behind the TLS proxy; see docs/operations.md).",
)
@click.option("--bind", default=None, help="Address to listen on (default 127.0.0.1:PORT).")
@click.option("--workers", type=int, default=None, help="Worker processes (default 2 × CPUs + 1, at most 9).")
@click.option("--threads", type=int, default=4, show_default=True, help="Threads per worker.")
def serve(port: int, production: bool, bind: str | None, workers: int | None, threads: int) -> None:
    """Serve the app: the development server on 127.0.0.1, or gunicorn with --production."""
    if not production:
        _django()
        from django.core.management import call_command

        _sweep_upload_debris()

        with background_worker():
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csphub.config.settings.production")
    _django()  # production settings refuse to load when they are unsafe
    from django.conf import settings
    from django.core.management import call_command

    if not getattr(settings, "CSPHUB_PRODUCTION", False):
        raise click.ClickException(
            "--production needs DJANGO_SETTINGS_MODULE=csphub.config.settings.production "
            f"(it is {os.environ['DJANGO_SETTINGS_MODULE']})."
        )
    call_command("check", fail_level="ERROR")
    _sweep_upload_debris()
    # Replace this process with gunicorn (argument list, no shell), so signals reach it directly.
    os.execv(sys.executable, gunicorn_argv(bind or f"127.0.0.1:{port}", workers, threads))  # noqa: S606  # nosec


def _sweep_upload_debris() -> None:
    """Partial uploads a killed server left behind (security review finding 22)."""
    from csphub.core.uploads import sweep_upload_debris

    removed = sweep_upload_debris()
    if removed:
        click.echo(f"Removed {len(removed)} partial upload(s) left by a stopped server.")


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def background_worker() -> Iterator[subprocess.Popen[bytes]]:
    """A ``csphub worker`` beside the development server, so that uploads load with no other
    command; stopped with the server. (In production the worker is a service of its own.)"""
    argv = [sys.executable, "-m", "csphub.cli", "worker"]
    proc = subprocess.Popen(argv, env=os.environ.copy())  # noqa: S603  # nosec B603 - fixed argv, no shell
    # SIGTERM to the server must stop the worker too: turn it into an exit that runs `finally`.
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        yield proc
    finally:
        signal.signal(signal.SIGTERM, previous)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@click.command()
@click.option("--batch", is_flag=True, help="Run the jobs waiting now, then stop (for cron or tests).")
@click.option(
    "--interval", type=float, default=1.0, show_default=True, help="Seconds between looks for jobs."
)
def worker(batch: bool, interval: float) -> None:
    """Run background jobs (police.uk data uploads) from the task queue in the database."""
    _django()
    from django.core.management import call_command

    args = ["--interval", str(interval), "--no-startup-delay"]
    call_command("db_worker", *args, *(["--batch"] if batch else []))


def _heartbeat_dir() -> str:
    """Worker heartbeat files in memory, as gunicorn's documentation advises (they hold no data)."""
    shm = Path("/dev/shm")  # noqa: S108  # nosec B108
    return str(shm) if shm.is_dir() else tempfile.gettempdir()


def _control_socket() -> Path:
    from django.conf import settings

    path = Path(settings.DATA_DIR) / "run" / "gunicorn.ctl"
    if len(str(path)) > 100:  # Unix socket paths are limited to about 108 bytes
        path = Path(tempfile.gettempdir()) / f"csphub-gunicorn-{os.getpid()}.ctl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def gunicorn_argv(bind: str, workers: int | None, threads: int) -> list[str]:
    """The production server's command line (documented in docs/operations.md)."""
    from django.conf import settings

    n = workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    proxies = ",".join(getattr(settings, "CSPHUB_TRUSTED_PROXIES", [])) or "127.0.0.1"
    return [
        sys.executable, "-m", "gunicorn", "csphub.config.wsgi:application",
        "--bind", bind,
        "--workers", str(n),
        "--worker-class", "gthread",
        "--threads", str(threads),
        "--timeout", "120",            # a Strategic Assessment run or a large PDF may take a while
        "--graceful-timeout", "30",
        # Idle connections are kept longer than the proxy keeps its idle upstream ones (nginx's
        # keepalive_timeout is 60 s), so the server never closes one the proxy is reusing; with
        # gunicorn's 2 s, a request sent as the server closed the connection failed (the load test
        # saw 3 in 2,030 at 1-3 s between requests).
        "--keep-alive", "75",
        # Load and warm the app once in the master (csphub.config.warmup), so every worker, and
        # every recycled one, starts with its views imported and its templates compiled.
        "--preload",
        "--config", "python:csphub.config.gunicorn_hooks",
        "--max-requests", "5000",      # recycle workers now and then
        "--max-requests-jitter", "500",
        "--forwarded-allow-ips", proxies,
        "--worker-tmp-dir", _heartbeat_dir(),
        # One control socket per data folder, so that two servers on one host do not share one.
        "--control-socket", str(_control_socket()),
        # The access log names the path only: query strings can hold names and postcodes (finding 15).
        "--access-logfile", "-",
        "--access-logformat", '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
    ]  # fmt: skip


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
    short_help="Run a Django management command (for example: csphub manage check).",
)
@click.pass_context
def manage(ctx: click.Context) -> None:
    """Run a Django management command, e.g. `csphub manage migrate`."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.argv[0]} manage", *ctx.args])
