"""Escrow config_init and config_update."""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair

from ionet_sdk import escrow, pda
from ionet_sdk._generated.ionet_escrow import errors, events
from ionet_sdk._generated.ionet_escrow.accounts import EscrowConfig
from ionet_sdk._generated.ionet_escrow.types import ConfigUpdateArgs
from ionet_sdk.defaults import ESCROW_PARAMS
from ionet_sdk.testing.escrow import EscrowSandbox

from .escrow_env import EscrowEnv


async def test_config_init_by_the_upgrade_authority_records_everything() -> None:
    env = await EscrowEnv().setup(init_escrow=False)
    stranger = await env.new_operator()
    await env.rejects(
        [env.escrow_config_init_ix(stranger.pubkey())],
        stranger,
        errors.NotUpgradeAuthority,
        watch=[pda.escrow_config()],
    )
    bad = replace(env.escrow_config_init_args(), params=replace(ESCROW_PARAMS, min_reputation_bps=10_001))
    await env.rejects([env.escrow_config_init_ix(args=bad)], env.deployer, errors.ParamOutOfBounds)

    result = await env.send([env.escrow_config_init_ix()], env.deployer)
    print(f"\nescrow config_init: {result.compute_units} CU")
    config = await EscrowConfig.fetch(env.conn, pda.escrow_config())
    assert config is not None
    assert (config.admin, config.matcher, config.arbiter) == (
        env.admin.pubkey(),
        env.matcher.pubkey(),
        env.arbiter.pubkey(),
    )
    assert (config.payment_mint, config.treasury, config.params) == (
        env.mint,
        env.treasury.pubkey(),
        ESCROW_PARAMS,
    )
    assert any(isinstance(e, events.EscrowConfigInitialized) for e in events.parse_logs(result.logs))


async def test_config_update_is_admin_only_and_bounded(market: EscrowEnv) -> None:
    stranger = Keypair()
    market.conn.airdrop(stranger.pubkey(), 10**9)
    new_matcher = Keypair().pubkey()
    args = ConfigUpdateArgs(admin=None, matcher=new_matcher, arbiter=None, params=None)
    await market.rejects(
        [escrow.build_config_update_ix(stranger.pubkey(), args)],
        stranger,
        errors.NotAdmin,
        watch=[pda.escrow_config()],
    )
    for params in (
        replace(ESCROW_PARAMS, max_gpus_per_job=0),
        replace(ESCROW_PARAMS, challenge_window_secs=0),
        replace(ESCROW_PARAMS, max_nodes_per_job=0),
        replace(ESCROW_PARAMS, dispute_bond=0),
        replace(ESCROW_PARAMS, report_timeout_secs=59),  # bounds: 60 s ..= 1 day
        replace(ESCROW_PARAMS, report_timeout_secs=86_401),
    ):
        await market.rejects(
            [escrow.build_config_update_ix(market.admin.pubkey(), replace(args, params=params))],
            market.admin,
            errors.ParamOutOfBounds,
            watch=[pda.escrow_config()],
        )
    nothing = ConfigUpdateArgs(admin=None, matcher=None, arbiter=None, params=None)
    await market.rejects(
        [escrow.build_config_update_ix(market.admin.pubkey(), nothing)], market.admin, errors.NothingToUpdate
    )
    await market.send([escrow.build_config_update_ix(market.admin.pubkey(), args)], market.admin)
    config = await market.refresh_escrow_config()
    assert config.matcher == new_matcher
    for timeout in (60, 86_400):  # both bounds are valid
        params = replace(ESCROW_PARAMS, report_timeout_secs=timeout)
        update = ConfigUpdateArgs(admin=None, matcher=None, arbiter=None, params=params)
        await market.send([escrow.build_config_update_ix(market.admin.pubkey(), update)], market.admin)
        assert (await market.refresh_escrow_config()).params.report_timeout_secs == timeout


async def test_the_escrow_authority_is_the_registrys_job_authority() -> None:
    sandbox = await EscrowSandbox().setup()
    assert sandbox.config.job_authority == pda.escrow_authority()
