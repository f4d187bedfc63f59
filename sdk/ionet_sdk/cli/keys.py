"""`ionet keygen`: a new keypair file, as `solana-keygen new --no-bip39-passphrase -o FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from solders.keypair import Keypair

from ionet_sdk.cli.common import fail, one_row, output
from ionet_sdk.cluster import save_keypair


def keygen(
    ctx: typer.Context,
    outfile: Annotated[Path, typer.Argument(help="where to write it (a Solana CLI keypair file)")],
    force: Annotated[bool, typer.Option(help="overwrite an existing file")] = False,
) -> None:
    """Create a keypair file (mode 600) and print its public key: an agent's key, a
    client's. Never overwrites a file unless --force."""
    file = outfile.expanduser()
    if file.exists() and not force:
        raise fail(f"{file} exists; it may hold a key in use (--force overwrites it)")
    keypair = Keypair()
    save_keypair(keypair, file)
    pubkey = str(keypair.pubkey())
    output(ctx, {"pubkey": pubkey, "file": str(file)}, one_row(str(file), pubkey))
