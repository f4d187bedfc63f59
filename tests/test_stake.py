"""stake_deposit, stake_request_unstake, stake_rebond, stake_withdraw."""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair

from ionet_sdk import pda, registry, spl
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.types import NodeStatus, Offense
from ionet_sdk.defaults import IO, REGISTRY_PARAMS
from ionet_sdk.errors import UnknownProgramError

from .registry_env import RegistryEnv, with_account

UNBONDING = REGISTRY_PARAMS.unbonding_period_secs


async def test_deposit_bonds_tokens_in_the_vault(env: RegistryEnv) -> None:
    handle = await env.register()
    result = await env.deposit(handle, 500 * IO)
    print(f"\nstake_deposit: {result.compute_units} CU")
    assert await env.token_balance(handle.vault) == 500 * IO
    assert (await env.node(handle)).bonded == 500 * IO
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.StakeDeposited)]
    assert (event.amount, event.bonded) == (500 * IO, 500 * IO)


async def test_deposit_rejects_zero_and_more_than_the_balance(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 1)
    assert handle.token_account is not None
    watch = [handle.address, handle.vault, handle.token_account]
    ix = registry.build_stake_deposit_ix(
        env.config, handle.address, handle.vault, handle.operator.pubkey(), handle.token_account, amount=0
    )
    await env.rejects([ix], handle.operator, errors.ZeroAmount, watch=watch)
    too_much = registry.build_stake_deposit_ix(
        env.config,
        handle.address,
        handle.vault,
        handle.operator.pubkey(),
        handle.token_account,
        amount=2**64 - 1,
    )
    err = await env.rejects([too_much], handle.operator, UnknownProgramError, watch=watch)
    assert err.code == 1  # SPL Token: insufficient funds


async def test_deposit_rejects_substituted_vault_and_source_of_another_mint(env: RegistryEnv) -> None:
    a, b = await env.register(), await env.register()
    await env.deposit(a, 1)
    await env.deposit(b, 1)
    assert a.token_account is not None
    ix = registry.build_stake_deposit_ix(
        env.config, a.address, a.vault, a.operator.pubkey(), a.token_account, amount=10
    )
    watch = [a.address, a.vault, b.vault]
    await env.rejects([with_account(ix, 2, b.vault)], a.operator, errors.WrongVault, watch=watch)
    other_mint, other_account = Keypair(), Keypair()
    setup = await spl.create_mint_ixs(
        env.conn, env.payer.pubkey(), other_mint.pubkey(), 8, env.payer.pubkey()
    )
    setup += await spl.create_token_account_ixs(
        env.conn, env.payer.pubkey(), other_account, other_mint.pubkey(), a.operator.pubkey()
    )
    await env.send(setup, env.payer, [other_mint, other_account])
    await env.rejects(
        [with_account(ix, 4, other_account.pubkey())],
        a.operator,
        anchor_errors.ConstraintTokenMint,
        watch=watch,
    )


async def test_deposit_rejects_type_cosplay_and_wrong_owner(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 1)
    assert handle.token_account is not None
    ix = registry.build_stake_deposit_ix(
        env.config, handle.address, handle.vault, handle.operator.pubkey(), handle.token_account, amount=10
    )
    # The config account passed as the node: right owner, wrong type.
    await env.rejects(
        [with_account(ix, 1, pda.registry_config())],
        handle.operator,
        anchor_errors.AccountDiscriminatorMismatch,
        watch=[handle.address],
    )
    # A token account passed as the node: wrong owner.
    await env.rejects(
        [with_account(ix, 1, handle.token_account)],
        handle.operator,
        anchor_errors.AccountOwnedByWrongProgram,
        watch=[handle.address],
    )


async def test_deposit_by_someone_else_is_rejected(env: RegistryEnv) -> None:
    handle = await env.register()
    stranger = await env.new_operator()
    source = await env.fund(stranger, 10 * IO)
    ix = registry.build_stake_deposit_ix(
        env.config, handle.address, handle.vault, stranger.pubkey(), source, amount=IO
    )
    await env.rejects([ix], stranger, errors.NotOperator, watch=[handle.address, source])


async def test_unstake_withdraw_after_the_unbonding_period(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle, extra_stake=100 * IO)
    op = handle.operator
    result = await env.send(
        [registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 100 * IO)], op
    )
    node = await env.node(handle)
    clock = await env.conn.get_clock()
    assert (node.unbonding, node.unbonding_ready_at) == (100 * IO, clock.unix_timestamp + UNBONDING)
    assert node.status == NodeStatus.Active  # still at its minimum
    assert any(isinstance(e, events.UnstakeRequested) for e in events.parse_logs(result.logs))

    assert handle.token_account is not None
    withdraw = registry.build_stake_withdraw_ix(
        env.config, handle.address, handle.vault, op.pubkey(), handle.token_account
    )
    await env.rejects(
        [withdraw],
        op,
        errors.UnbondingNotReady,
        watch=[handle.address, handle.vault, handle.token_account],
    )
    env.conn.warp(UNBONDING)
    before = await env.token_balance(handle.token_account)
    result = await env.send([withdraw], op)
    print(f"\nstake_withdraw: {result.compute_units} CU")
    assert await env.token_balance(handle.token_account) == before + 100 * IO
    node = await env.node(handle)
    assert (node.unbonding, node.unbonding_ready_at) == (0, 0)


async def test_unstake_below_minimum_makes_the_node_inactive_and_rebond_restores(env: RegistryEnv) -> None:
    handle = await env.register()
    node = await env.activate(handle)
    op = handle.operator
    await env.send([registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), node.bonded)], op)
    assert (await env.node(handle)).status == NodeStatus.Inactive
    result = await env.send([registry.build_stake_rebond_ix(handle.address, op.pubkey())], op)
    node = await env.node(handle)
    assert (node.bonded, node.unbonding, node.status) == (await env.min_stake(handle), 0, NodeStatus.Active)
    assert any(isinstance(e, events.StakeRebonded) for e in events.parse_logs(result.logs))


async def test_unstake_more_than_bonded_and_rebond_nothing_are_rejected(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 10)
    op = handle.operator
    ix = registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 11)
    await env.rejects([ix], op, errors.InsufficientStake, watch=[handle.address])
    ix = registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 2**64 - 1)
    await env.rejects([ix], op, errors.InsufficientStake, watch=[handle.address])
    await env.rejects(
        [registry.build_stake_rebond_ix(handle.address, op.pubkey())],
        op,
        errors.NothingUnbonding,
        watch=[handle.address],
    )


async def test_withdraw_is_blocked_by_a_pending_slash(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 100 * IO)
    op = handle.operator
    await env.send([registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 100 * IO)], op)
    await env.send(
        [
            registry.build_slash_propose_ix(
                handle.address,
                0,
                proposer=env.slasher.pubkey(),
                payer=env.slasher.pubkey(),
                offense=Offense.Misconduct,
                evidence_hash=bytes(32),
                amount=IO,
            )
        ],
        env.slasher,
    )
    env.conn.warp(UNBONDING)
    assert handle.token_account is not None
    ix = registry.build_stake_withdraw_ix(
        env.config, handle.address, handle.vault, op.pubkey(), handle.token_account
    )
    await env.rejects([ix], op, errors.PendingSlash, watch=[handle.address, handle.vault])


async def test_withdraw_to_the_vault_itself_is_rejected(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 100 * IO)
    op = handle.operator
    await env.send([registry.build_stake_request_unstake_ix(handle.address, op.pubkey(), 100 * IO)], op)
    env.conn.warp(UNBONDING)
    ix = registry.build_stake_withdraw_ix(env.config, handle.address, handle.vault, op.pubkey(), handle.vault)
    await env.rejects(
        [ix],
        op,
        anchor_errors.ConstraintDuplicateMutableAccount,
        watch=[handle.address, handle.vault],
    )


async def test_withdraw_from_another_nodes_vault_is_rejected(env: RegistryEnv) -> None:
    a, b = await env.register(), await env.register()
    await env.deposit(b, 100 * IO)
    await env.deposit(a, 100 * IO)
    op = a.operator
    await env.send([registry.build_stake_request_unstake_ix(a.address, op.pubkey(), 100 * IO)], op)
    env.conn.warp(UNBONDING)
    assert a.token_account is not None
    ix = registry.build_stake_withdraw_ix(env.config, a.address, a.vault, op.pubkey(), a.token_account)
    await env.rejects(
        [with_account(ix, 2, b.vault)],
        op,
        errors.WrongVault,
        watch=[a.address, b.vault],
    )
    # And with the stake mint swapped for another config's view of it.
    ix = registry.build_stake_withdraw_ix(
        replace(env.config, stake_mint=Keypair().pubkey()), a.address, a.vault, op.pubkey(), a.token_account
    )
    await env.rejects([ix], op, anchor_errors.AccountNotInitialized, watch=[a.address])
