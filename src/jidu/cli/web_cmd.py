"""``jidu serve`` (the web app on a ledger) and ``jidu demo`` (build the demo ledger, then serve it)."""

from __future__ import annotations

from pathlib import Path

import typer

from jidu.cli import common


def _serve(db_url: str, host: str, port: int) -> None:
    import uvicorn

    from jidu.web.app import create_app

    app = create_app(db_url)
    common.console.print(f"[bold]jidu[/] serving {db_url} at [link]http://{host}:{port}/[/] (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
        port: int = typer.Option(8000, help="Port."),
    ) -> None:
        """Serve the web application on the ledger (--db). Create users first with `jidu users add`."""
        _serve(common.db_url(), host, port)

    @app.command()
    def demo(
        examples: Path | None = typer.Option(None, help="Readouts to ingest (default: the bundled examples/)."),
        host: str = typer.Option("127.0.0.1", help="Address to listen on."),
        port: int = typer.Option(8000, help="Port."),
        serve_it: bool = typer.Option(True, "--serve/--no-serve", help="Serve the app after building the ledger."),
        fresh: bool = typer.Option(True, "--fresh/--keep", help="Start from an empty database file."),
    ) -> None:
        """Build a demo ledger from the bundled examples (users, a year of work) and serve it."""
        from rich.table import Table

        from jidu.ledger.db import open_db
        from jidu.web.demo import DEMO_PASSWORD, build_demo, default_examples

        url = common.db_url()
        if url == common.DEFAULT_DB:
            url = "sqlite:///demo.db"
        path = Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None
        if fresh and path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        source = examples or default_examples()
        if not source.exists():
            common.err_console.print(f"no examples at {source}; pass --examples PATH")
            raise typer.Exit(2)
        engine = open_db(url)
        try:
            result = build_demo(engine, source)
        except Exception as exc:  # e.g. --keep on a database that already has users
            common.err_console.print(f"cannot build the demo ledger in {url}: {exc}")
            raise typer.Exit(1) from None
        counts = result.report.counts()
        common.console.print(
            f"Demo ledger {url}: {counts['ingested']} readouts ingested, {counts['already present']} already present, "
            f"{result.entries} ledger entries."
        )
        table = Table(title=f"Demo users (password: {DEMO_PASSWORD})")
        for column in ("user", "role", "unit"):
            table.add_column(column)
        for username, role, unit in result.users:
            table.add_row(username, role, unit or "")
        common.console.print(table)
        common.console.print("Log in as [bold]duban[/] (supervisor), [bold]donghu[/] (unit editor of 东湖区委) "
                             "or [bold]guest[/] (read only).")
        if serve_it:
            _serve(url, host, port)
        else:
            common.console.print(f"Serve it with: jidu --db {url} serve --port {port}")
