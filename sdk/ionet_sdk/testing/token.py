"""The IO token program on the embedded SVM: deployed, initialized, with helpers
for genesis allocations, emission cranks and reported burns. Used by the token
tests, the compute-unit benchmark and the economics simulation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Self

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import spl, token, tx
from ionet_sdk._generated.ionet_token.accounts import NetworkStats, ParamsProposal, Schedule, TokenConfig
from ionet_sdk._generated.ionet_token.types import BurnKind, EmissionEntry, TokenInitArgs, TokenParams
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import EPOCH_SECS, IO, IO_DECIMALS, TOKEN_PARAMS
from ionet_sdk.economics import halving_schedule
from ionet_sdk.programs import TOKEN_ID, program_path
from ionet_sdk.svm import EmbeddedConnection
from ionet_sdk.testing import SANDBOX_START

SOL = 1_000_000_000
GENESIS = 500_000_000 * IO


class TokenSandbox:
    """The token program deployed (upgrade authority `deployer`) and, by default, initialized
    with a 20-year halving schedule starting at genesis."""

    conn: EmbeddedConnection
    last_result: SendResult

    def __init__(self, conn: EmbeddedConnection | None = None, *, start_time: int = SANDBOX_START) -> None:
        """`conn`: share another sandbox's SVM; otherwise a new one whose clock starts at
        `start_time` (unix seconds; default a fixed instant)."""
        self.conn = conn or EmbeddedConnection(start_time=start_time)
        self.deployer, self.admin, self.payer = Keypair(), Keypair(), Keypair()
        self.fee_reporter, self.slash_reporter = Keypair(), Keypair()

    async def setup(
        self,
        *,
        init: bool = True,
        genesis_total: int = GENESIS,
        params: TokenParams = TOKEN_PARAMS,
        schedule: Sequence[EmissionEntry] | None = None,
        epoch_secs: int = EPOCH_SECS,
        fee_reporter: Pubkey | None = None,
        slash_reporter: Pubkey | None = None,
    ) -> Self:
        """`fee_reporter` / `slash_reporter` default to this sandbox's keypairs; the
        marketplace sandbox passes the escrow's and the registry's PDAs."""
        for kp in (self.deployer, self.admin, self.payer, self.fee_reporter, self.slash_reporter):
            self.conn.airdrop(kp.pubkey(), 100 * SOL)
        self.conn.deploy(TOKEN_ID, program_path("ionet_token"), self.deployer.pubkey())
        if init:
            now = (await self.conn.get_clock()).unix_timestamp
            args = self.init_args(
                genesis_total=genesis_total,
                params=params,
                schedule=schedule
                or halving_schedule(now, first_year=150_000_000 * IO, years=20, epoch_secs=epoch_secs),
                epoch_secs=epoch_secs,
            )
            args = replace(
                args,
                fee_reporter=fee_reporter or args.fee_reporter,
                slash_reporter=slash_reporter or args.slash_reporter,
            )
            await self.send([token.build_token_init_ix(self.deployer.pubkey(), args)], self.deployer)
        return self

    def init_args(
        self,
        *,
        genesis_total: int = GENESIS,
        params: TokenParams = TOKEN_PARAMS,
        schedule: Sequence[EmissionEntry] = (),
        epoch_secs: int = EPOCH_SECS,
    ) -> TokenInitArgs:
        return TokenInitArgs(
            admin=self.admin.pubkey(),
            fee_reporter=self.fee_reporter.pubkey(),
            slash_reporter=self.slash_reporter.pubkey(),
            epoch_secs=epoch_secs,
            genesis_total=genesis_total,
            params=params,
            schedule=list(schedule),
        )

    async def send(
        self, ixs: Sequence[Instruction], payer: Keypair, signers: Sequence[Keypair] = ()
    ) -> SendResult:
        self.last_result = await tx.send(self.conn, ixs, payer, signers, unit_limit=1_400_000)
        return self.last_result

    async def account(self, owner: Keypair) -> Pubkey:
        """`owner`'s associated IO account, created if needed."""
        ata = spl.ata(owner.pubkey(), token.MINT)
        if await self.conn.get_account(ata) is None:
            await self.send([spl.create_ata_ix(self.payer.pubkey(), owner.pubkey(), token.MINT)], self.payer)
        return ata

    async def genesis(self, owner: Keypair, amount: int) -> Pubkey:
        destination = await self.account(owner)
        await self.send([token.build_genesis_mint_ix(self.admin.pubkey(), destination, amount)], self.admin)
        return destination

    async def crank(self) -> SendResult:
        epoch = (await self.config()).epochs_minted
        return await self.send([token.build_emission_mint_epoch_ix(self.payer.pubkey(), epoch)], self.payer)

    async def burn(
        self,
        owner: Keypair,
        amount: int,
        *,
        kind: BurnKind = BurnKind.Fee,
        reporter: Keypair | None = None,
        compute_spend: int = 0,
        fees: int = 0,
    ) -> SendResult:
        reporter = reporter or (self.fee_reporter if kind == BurnKind.Fee else self.slash_reporter)
        ix = token.build_fees_burn_ix(
            spl.ata(owner.pubkey(), token.MINT),
            owner.pubkey(),
            reporter.pubkey(),
            kind=kind,
            amount=amount,
            compute_spend=compute_spend,
            fees=fees,
        )
        return await self.send([ix], self.payer, [owner, reporter])

    async def config(self) -> TokenConfig:
        data = await TokenConfig.fetch(self.conn, token.CONFIG)
        assert data is not None
        return data

    async def stats(self) -> NetworkStats:
        data = await NetworkStats.fetch(self.conn, token.STATS)
        assert data is not None
        return data

    async def schedule(self) -> list[EmissionEntry]:
        data = await Schedule.fetch(self.conn, token.SCHEDULE)
        assert data is not None
        return data.entries[: data.count]

    async def proposal(self) -> ParamsProposal:
        data = await ParamsProposal.fetch(self.conn, token.PROPOSAL)
        assert data is not None
        return data

    async def supply(self) -> int:
        info = await self.conn.get_account(token.MINT)
        assert info is not None
        return spl.mint_supply(info)

    async def balance(self, account: Pubkey) -> int:
        return spl.token_balance(await self.conn.get_account(account))

    async def now(self) -> int:
        return (await self.conn.get_clock()).unix_timestamp

    async def next_epoch_end(self) -> int:
        config = await self.config()
        return config.genesis_time + (config.epochs_minted + 1) * config.epoch_secs

    async def to_epoch_end(self) -> None:
        """Warp to the end of the next unminted epoch."""
        self.conn.warp(max(0, await self.next_epoch_end() - await self.now()))


__all__ = ["GENESIS", "IO_DECIMALS", "TokenSandbox"]
