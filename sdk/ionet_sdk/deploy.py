"""The deployment migration: initialize (or verify) the ionet programs on a cluster,
idempotently. `migrations/deploy.py` and `ionet deploy` run it.

The programs must already be deployed at their ids (`solana program deploy`,
or the local validator, which preloads them). Then, each step only if needed:
1. the IO token: its mint under the program's authority PDA, default
   parameters, a 20-year halving schedule, the genesis allocation minted to the
   admin's IO account; the escrow's and the registry's PDAs as burn reporters;
2. the treasury: the admin's IO account;
3. the registry config: the admin, the slashing authority (the admin), the
   escrow's authority PDA as job authority, the verifiers, then (a `config_update`
   by the admin: `config_init` takes no oracles) the liveness oracles with a
   majority quorum, so that nodes can be proven live (`node_sync`);
4. the escrow config: the admin, matcher and arbiter.
Existing state is read and compared; a second run changes nothing and says so.
A mismatch it cannot fix with the keys it has is an error, never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import escrow, pda, registry, spl, token, tx
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig
from ionet_sdk._generated.ionet_escrow.types import ConfigInitArgs as EscrowInitArgs
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs as RegistryInitArgs
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs as RegistryUpdateArgs
from ionet_sdk._generated.ionet_token.accounts import TokenConfig
from ionet_sdk._generated.ionet_token.types import TokenInitArgs, TokenParams
from ionet_sdk.connection import Connection
from ionet_sdk.defaults import EPOCH_SECS, ESCROW_PARAMS, IO, REGISTRY_PARAMS, TOKEN_PARAMS
from ionet_sdk.economics import halving_schedule
from ionet_sdk.errors import IonetError
from ionet_sdk.programs import PROGRAM_IDS

GENESIS = 500_000_000 * IO
FIRST_YEAR_EMISSION = 150_000_000 * IO


@dataclass
class Plan:
    """Who the deployment names; keys default to the admin."""

    deployer: Keypair
    admin: Keypair
    matcher: Pubkey | None = None
    arbiter: Pubkey | None = None
    verifiers: list[Pubkey] = field(default_factory=list)
    oracles: list[Pubkey] = field(default_factory=list)
    """Liveness oracles (default: the admin), quorum a strict majority of them."""
    genesis: int = GENESIS
    epoch_secs: int = EPOCH_SECS
    """The IO token's epoch (seconds; fixed at init): short ones for local networks."""
    token_params: TokenParams = TOKEN_PARAMS
    """The IO token's parameters at init (later changes go through the timelock)."""


@dataclass
class Report:
    changed: list[str] = field(default_factory=list)
    verified: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"created  {c}" for c in self.changed] + [f"verified {v}" for v in self.verified]
        if not self.changed:
            lines.append("nothing to change: already deployed")
        return "\n".join(lines)


class DeployError(IonetError):
    """The cluster's state disagrees with the plan and cannot be fixed with these keys."""


async def deploy(conn: Connection, plan: Plan) -> Report:
    report = Report()
    admin = plan.admin.pubkey()
    for name, program_id in PROGRAM_IDS.items():
        info = await conn.get_account(program_id)
        if info is None or not info.executable:
            raise DeployError(f"{name} is not deployed at {program_id}: deploy it first")

    # 1. The IO token.
    config = await TokenConfig.fetch(conn, token.CONFIG)
    if config is None:
        now = (await conn.get_clock()).unix_timestamp
        token_args = TokenInitArgs(
            admin=admin,
            fee_reporter=pda.escrow_authority(),
            slash_reporter=pda.registry_config(),
            epoch_secs=plan.epoch_secs,
            genesis_total=plan.genesis,
            params=plan.token_params,
            schedule=halving_schedule(
                now, first_year=FIRST_YEAR_EMISSION, years=20, epoch_secs=plan.epoch_secs
            ),
        )
        await tx.send(
            conn,
            [token.build_token_init_ix(plan.deployer.pubkey(), token_args)],
            plan.deployer,
            unit_limit=400_000,
        )
        report.changed.append(f"IO token: mint {token.MINT}, genesis {plan.genesis / IO:,.0f} IO allocated")
        config = await TokenConfig.fetch(conn, token.CONFIG)
        assert config is not None
    else:
        if (config.fee_reporter, config.slash_reporter) != (pda.escrow_authority(), pda.registry_config()):
            raise DeployError("the IO token's burn reporters are not the escrow's and the registry's PDAs")
        report.verified.append(f"IO token: mint {token.MINT}, admin {config.admin}")
    treasury = spl.ata(admin, token.MINT)
    if await conn.get_account(treasury) is None:
        await tx.send(conn, [spl.create_ata_ix(plan.deployer.pubkey(), admin, token.MINT)], plan.deployer)
        report.changed.append(f"treasury {treasury} (the admin's IO account)")
    else:
        report.verified.append(f"treasury {treasury}")
    if config.genesis_minted < config.genesis_total:
        if config.admin != admin:
            raise DeployError("the genesis is not fully minted and --admin is not the token's admin")
        remaining = config.genesis_total - config.genesis_minted
        await tx.send(
            conn, [token.build_genesis_mint_ix(admin, treasury, remaining)], plan.deployer, [plan.admin]
        )
        report.changed.append(f"genesis: {remaining / IO:,.0f} IO minted to the treasury")

    # 2. The registry.
    reg = await RegistryConfig.fetch(conn, pda.registry_config())
    verifiers = plan.verifiers or [admin]
    if reg is None:
        registry_args = RegistryInitArgs(
            admin=admin,
            slashing_authority=admin,
            job_authority=pda.escrow_authority(),
            verifiers=verifiers,
            params=REGISTRY_PARAMS,
        )
        ix = registry.build_config_init_ix(plan.deployer.pubkey(), token.MINT, treasury, registry_args)
        await tx.send(conn, [ix], plan.deployer)
        oracles = plan.oracles or [admin]
        update = RegistryUpdateArgs(
            admin=None,
            slashing_authority=None,
            job_authority=None,
            verifiers=None,
            params=replace(REGISTRY_PARAMS, oracle_quorum=len(oracles) // 2 + 1),
            oracles=oracles,
        )
        await tx.send(conn, [registry.build_config_update_ix(admin, update)], plan.deployer, [plan.admin])
        report.changed.append(
            f"registry config {pda.registry_config()}, {len(oracles)} liveness oracle(s), "
            f"quorum {len(oracles) // 2 + 1}"
        )
    else:
        if (reg.stake_mint, reg.job_authority) != (token.MINT, pda.escrow_authority()):
            raise DeployError("the registry's stake mint or job authority differs from the IO token / escrow")
        report.verified.append(
            f"registry config {pda.registry_config()}, {len(reg.verifiers)} verifier(s), "
            f"{len(reg.oracles)} oracle(s)"
        )

    # 3. The escrow.
    esc = await EscrowConfig.fetch(conn, pda.escrow_config())
    if esc is None:
        args2 = EscrowInitArgs(
            admin=admin, matcher=plan.matcher or admin, arbiter=plan.arbiter or admin, params=ESCROW_PARAMS
        )
        await tx.send(
            conn,
            [escrow.build_config_init_ix(plan.deployer.pubkey(), token.MINT, treasury, args2)],
            plan.deployer,
        )
        report.changed.append(f"escrow config {pda.escrow_config()}")
    else:
        if esc.payment_mint != token.MINT:
            raise DeployError("the escrow's payment mint is not the IO mint")
        report.verified.append(f"escrow config {pda.escrow_config()}, matcher {esc.matcher}")
    return report
