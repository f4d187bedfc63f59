"""config_update: authorities, verifier set, treasury and bounded parameters."""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair

from ionet_sdk import pda, registry, spl
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import ConfigUpdateArgs
from ionet_sdk.defaults import REGISTRY_PARAMS

from .registry_env import RegistryEnv, measurement

NOTHING = ConfigUpdateArgs(
    admin=None, slashing_authority=None, job_authority=None, verifiers=None, params=None, oracles=None
)


async def test_admin_updates_params_and_verifiers(env: RegistryEnv) -> None:
    params = replace(REGISTRY_PARAMS, unbonding_period_secs=7 * 86_400, slash_burn_bps=8_000)
    new_verifier = Keypair()
    args = replace(NOTHING, params=params, verifiers=[new_verifier.pubkey()])
    result = await env.send([registry.build_config_update_ix(env.admin.pubkey(), args)], env.admin)
    config = await env.refresh_config()
    assert config.params == params
    assert config.verifiers == [new_verifier.pubkey()]
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.ConfigUpdated)]
    assert event.params == params
    # The removed verifier can no longer attest.
    handle = await env.register()
    ix = registry.build_node_attest_ix(handle.address, env.verifiers[0].pubkey(), measurement(handle.spec))
    await env.rejects([ix], env.payer, errors.NotVerifier, signers=[env.verifiers[0]], watch=[handle.address])


async def test_admin_hands_over_to_a_new_admin(env: RegistryEnv) -> None:
    successor = Keypair()
    await env.send(
        [registry.build_config_update_ix(env.admin.pubkey(), replace(NOTHING, admin=successor.pubkey()))],
        env.admin,
    )
    ix = registry.build_config_update_ix(
        env.admin.pubkey(), replace(NOTHING, job_authority=Keypair().pubkey())
    )
    await env.rejects([ix], env.admin, errors.NotAdmin, watch=[pda.registry_config()])


async def test_update_rejects_stranger_bounds_and_no_op(env: RegistryEnv) -> None:
    watch = [pda.registry_config()]
    stranger = await env.new_operator()
    ix = registry.build_config_update_ix(stranger.pubkey(), replace(NOTHING, admin=stranger.pubkey()))
    await env.rejects([ix], stranger, errors.NotAdmin, watch=watch)
    bad = replace(REGISTRY_PARAMS, heartbeat_interval_secs=1)
    ix = registry.build_config_update_ix(env.admin.pubkey(), replace(NOTHING, params=bad))
    await env.rejects([ix], env.admin, errors.ParamOutOfBounds, watch=watch)
    ix = registry.build_config_update_ix(env.admin.pubkey(), NOTHING)
    await env.rejects([ix], env.admin, errors.NothingToUpdate, watch=watch)
    too_many = replace(NOTHING, verifiers=[Keypair().pubkey() for _ in range(9)])
    ix = registry.build_config_update_ix(env.admin.pubkey(), too_many)
    await env.rejects([ix], env.admin, errors.TooManyVerifiers, watch=watch)


async def test_new_treasury_must_hold_the_stake_mint(env: RegistryEnv) -> None:
    other_mint, account = Keypair(), Keypair()
    setup = await spl.create_mint_ixs(
        env.conn, env.payer.pubkey(), other_mint.pubkey(), 8, env.payer.pubkey()
    )
    setup += await spl.create_token_account_ixs(
        env.conn, env.payer.pubkey(), account, other_mint.pubkey(), env.admin.pubkey()
    )
    await env.send(setup, env.payer, [other_mint, account])
    ix = registry.build_config_update_ix(env.admin.pubkey(), NOTHING, new_treasury=account.pubkey())
    await env.rejects([ix], env.admin, anchor_errors.ConstraintTokenMint, watch=[pda.registry_config()])
    good = Keypair()
    await env.send(
        await spl.create_token_account_ixs(env.conn, env.payer.pubkey(), good, env.mint, env.admin.pubkey()),
        env.payer,
        [good],
    )
    await env.send(
        [registry.build_config_update_ix(env.admin.pubkey(), NOTHING, new_treasury=good.pubkey())], env.admin
    )
    assert (await env.refresh_config()).treasury == good.pubkey()
