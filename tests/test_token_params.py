"""params_propose / params_execute / params_cancel and authority_update: bounded,
time-locked parameter changes by the admin."""

from __future__ import annotations

from dataclasses import replace

from ionet_sdk import token
from ionet_sdk._generated.ionet_token import errors, events
from ionet_sdk._generated.ionet_token.types import EmissionEntry
from ionet_sdk.defaults import DAY, IO, TOKEN_PARAMS

from .token_env import TokenEnv

NEW = replace(TOKEN_PARAMS, reward_lock_secs=DAY, work_weight_bps=6_000)


async def test_a_change_executes_only_after_the_timelock(io: TokenEnv) -> None:
    admin = io.admin.pubkey()
    result = await io.send([token.build_params_propose_ix(admin, NEW)], io.admin)
    print(f"\nparams_propose: {result.compute_units} CU")
    proposal = await io.proposal()
    assert (proposal.active, proposal.params, proposal.execute_after) == (
        True,
        NEW,
        await io.now() + TOKEN_PARAMS.timelock_secs,
    )
    watch = [token.CONFIG, token.PROPOSAL]
    await io.rejects(
        [token.build_params_propose_ix(admin, NEW)], io.admin, errors.ProposalPending, watch=watch
    )
    await io.rejects([token.build_params_execute_ix(admin)], io.admin, errors.TimelockNotElapsed, watch=watch)
    io.conn.warp(TOKEN_PARAMS.timelock_secs - 1)
    await io.rejects([token.build_params_execute_ix(admin)], io.admin, errors.TimelockNotElapsed, watch=watch)
    io.conn.warp(1)
    result = await io.send([token.build_params_execute_ix(admin)], io.admin)
    print(f"params_execute: {result.compute_units} CU")
    assert (await io.config()).params == NEW
    assert not (await io.proposal()).active
    assert any(isinstance(e, events.ParamsExecuted) for e in events.parse_logs(result.logs))
    await io.rejects([token.build_params_execute_ix(admin)], io.admin, errors.NoProposal, watch=watch)


async def test_only_the_admin_and_only_within_bounds(io: TokenEnv) -> None:
    stranger = await io.holder()
    watch = [token.CONFIG, token.PROPOSAL]
    for ix in (
        token.build_params_propose_ix(stranger.pubkey(), NEW),
        token.build_params_execute_ix(stranger.pubkey()),
        token.build_params_cancel_ix(stranger.pubkey()),
        token.build_authority_update_ix(stranger.pubkey(), new_admin=stranger.pubkey()),
    ):
        await io.rejects([ix], stranger, errors.NotAdmin, watch=watch)
    admin = io.admin.pubkey()
    for bad in (
        replace(NEW, breaker_window_secs=60),
        replace(NEW, breaker_threshold=0),
        replace(NEW, work_weight_bps=10_001),
        replace(NEW, tier_weights_bps=[0] * 7),
        replace(NEW, timelock_secs=31 * DAY),
    ):
        await io.rejects(
            [token.build_params_propose_ix(admin, bad)], io.admin, errors.ParamOutOfBounds, watch=watch
        )
    await io.rejects([token.build_params_cancel_ix(admin)], io.admin, errors.NoProposal, watch=watch)
    await io.send([token.build_params_propose_ix(admin, NEW)], io.admin)
    await io.send([token.build_params_cancel_ix(admin)], io.admin)
    io.conn.warp(TOKEN_PARAMS.timelock_secs)
    await io.rejects([token.build_params_execute_ix(admin)], io.admin, errors.NoProposal, watch=watch)
    assert (await io.config()).params == TOKEN_PARAMS


async def test_schedule_changes_reach_only_unminted_epochs(io: TokenEnv) -> None:
    admin = io.admin.pubkey()
    now = await io.now()
    config = await io.config()
    past = [EmissionEntry(start_time=config.genesis_time, per_epoch=IO)]
    await io.rejects(
        [token.build_params_propose_ix(admin, TOKEN_PARAMS, past)],
        io.admin,
        errors.InvalidSchedule,
        watch=[token.PROPOSAL],
    )
    start = now + 3 * DAY
    future = [
        EmissionEntry(start_time=start, per_epoch=7 * IO),
        EmissionEntry(start_time=start + DAY, per_epoch=IO),
    ]
    await io.send([token.build_params_propose_ix(admin, TOKEN_PARAMS, future)], io.admin)
    io.conn.warp(TOKEN_PARAMS.timelock_secs)
    before = await io.schedule()
    await io.send([token.build_params_execute_ix(admin)], io.admin)
    after = await io.schedule()
    assert after == [e for e in before if e.start_time < start] + future
    assert after[0] == before[0]  # the current year's emission is untouched


async def test_the_admin_hands_over_to_a_new_authority(io: TokenEnv) -> None:
    successor = await io.holder()  # a multisig or a governance PDA in production
    await io.send(
        [token.build_authority_update_ix(io.admin.pubkey(), new_admin=successor.pubkey())], io.admin
    )
    await io.rejects(
        [token.build_params_propose_ix(io.admin.pubkey(), NEW)],
        io.admin,
        errors.NotAdmin,
        watch=[token.PROPOSAL],
    )
    await io.send([token.build_params_propose_ix(successor.pubkey(), NEW)], successor)
    await io.rejects(
        [token.build_authority_update_ix(successor.pubkey())],
        successor,
        errors.NothingToUpdate,
        watch=[token.CONFIG],
    )


async def test_a_full_schedule_extends_by_dropping_entries_no_epoch_can_use() -> None:
    env = TokenEnv()
    await env.setup(init=False)
    now = await env.now()
    full = [EmissionEntry(start_time=now + i * 3_600, per_epoch=IO) for i in range(64)]
    await env.send(
        [token.build_token_init_ix(env.deployer.pubkey(), env.init_args(schedule=full))], env.deployer
    )
    env.conn.warp(60 * 3_600)
    for _ in range(60):
        await env.crank()
    later = await env.now() + 10 * DAY
    more = [EmissionEntry(start_time=later + i * DAY, per_epoch=2 * IO) for i in range(48)]
    await env.send([token.build_params_propose_ix(env.admin.pubkey(), TOKEN_PARAMS, more)], env.admin)
    env.conn.warp(TOKEN_PARAMS.timelock_secs)
    await env.send([token.build_params_execute_ix(env.admin.pubkey())], env.admin)
    schedule = await env.schedule()
    config = await env.config()
    next_epoch = config.genesis_time + config.epochs_minted * config.epoch_secs
    # The entry in force at the next unminted epoch is the first kept; the new ones follow.
    assert schedule[0].start_time <= next_epoch < schedule[1].start_time
    assert schedule[-48:] == more and len(schedule) <= 64
