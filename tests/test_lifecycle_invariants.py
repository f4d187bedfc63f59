"""Property test: random sequences of node lifecycles, stake moves, slashes, reward
accounts and dust transfers, through the real registry and IO token programs on
LiteSVM, with the lifecycle invariants checked after every step.

After every operation:
- IO is conserved: the balances of every account that can hold it (wallets,
  vaults, the treasury) plus what was burned equal what was minted (the
  untracked genesis and reward pool never move here);
- a node with a pending slash cannot escape it: its account, and its stake on
  the books, are still there;
- every live proposal is at the index the node's own count gave it.
At the end of every sequence, the drain: every pending slash is resolved or
executed within its bounded number of slash epochs, every proposal and reward
account closed, the stake withdrawn and every node deregistered, dust or not:
no account is left that can never be closed.

Operations the programs refuse (most random ones) must change nothing; the
checks catch any that did. `IONET_LIFECYCLE_EXAMPLES` raises the number of
sequences (default 40 of up to 30 steps: several hundred steps, a few seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
from dataclasses import dataclass, field

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, registry, spl, token
from ionet_sdk._generated.ionet_registry.accounts import Node, SlashProposal
from ionet_sdk._generated.ionet_registry.types import NodeRegisterArgs, Offense, SlashStatus
from ionet_sdk.defaults import IO, IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.errors import IonetError

from .registry_env import NodeHandle, RegistryEnv, hardware

P = REGISTRY_PARAMS
OPERATORS = 2
IDS = 1  # node ids per operator: a slot is (operator, id), re-registrable
SLOTS = OPERATORS * IDS
EXAMPLES = int(os.environ.get("IONET_LIFECYCLE_EXAMPLES", "40"))
STEPS = int(os.environ.get("IONET_LIFECYCLE_STEPS", "30"))

slot = st.integers(0, SLOTS - 1)
Op = tuple[str, tuple[int, ...]]
operation = st.one_of(
    st.tuples(st.just("register"), st.tuples(slot)),
    st.tuples(st.just("deposit"), st.tuples(slot, st.sampled_from([1, 50, 500]))),
    st.tuples(st.just("unstake"), st.tuples(slot, st.sampled_from([1, 25, 100]))),
    st.tuples(st.just("rebond"), st.tuples(slot)),
    st.tuples(st.just("withdraw"), st.tuples(slot)),
    st.tuples(st.just("deregister"), st.tuples(slot)),
    st.tuples(st.just("propose"), st.tuples(slot, st.integers(0, 3), st.sampled_from([0, 10, 100]))),
    st.tuples(st.just("appeal"), st.tuples(slot, st.integers(0, 3))),
    st.tuples(st.just("resolve"), st.tuples(slot, st.integers(0, 3), st.booleans())),
    st.tuples(st.just("execute"), st.tuples(slot, st.integers(0, 3))),
    st.tuples(st.just("close"), st.tuples(slot, st.integers(0, 3))),
    st.tuples(st.just("rewards_open"), st.tuples(slot)),
    st.tuples(st.just("rewards_close"), st.tuples(slot)),
    st.tuples(st.just("dust"), st.tuples(slot, st.sampled_from([1, 7]))),
    st.tuples(st.just("warp"), st.tuples(st.sampled_from([3_600, 86_400, 2 * 86_400 + 1, 14 * 86_400]))),
)


@dataclass
class World:
    env: RegistryEnv
    operators: list[Keypair]
    wallets: list[Pubkey]
    attacker: Keypair
    attacker_wallet: Pubkey
    nodes: dict[int, NodeHandle] = field(default_factory=dict)
    vaults: set[Pubkey] = field(default_factory=set)  # every vault ever created
    succeeded: set[str] = field(default_factory=set)

    def slot_key(self, s: int) -> tuple[Keypair, int]:
        return self.operators[s // IDS], s % IDS + 1

    def address(self, s: int) -> Pubkey:
        operator, node_id = self.slot_key(s)
        return pda.node(operator.pubkey(), node_id)


async def node_data(world: World, s: int) -> Node | None:
    return await Node.fetch(world.env.conn, world.address(s))


async def register(world: World, s: int) -> None:
    env = world.env
    operator, node_id = world.slot_key(s)
    agent, vault = Keypair(), Keypair()
    spec = hardware(label=f"slot-{s}")
    args = NodeRegisterArgs(node_id=node_id, agent=agent.pubkey(), hardware=spec)
    ixs = await registry.build_node_register_ixs(env.conn, env.config, operator.pubkey(), args, vault)
    await env.send(ixs, operator, [vault])
    handle = NodeHandle(
        operator, agent, node_id, world.address(s), vault.pubkey(), spec, world.wallets[s // IDS]
    )
    world.nodes[s] = handle
    world.vaults.add(vault.pubkey())
    # Register and bond in one step, as operators do, so that sequences reach the slashes.
    assert handle.token_account is not None
    bond = registry.build_stake_deposit_ix(
        env.config, handle.address, handle.vault, operator.pubkey(), handle.token_account, amount=100 * IO
    )
    await env.send([bond], operator)


async def apply(world: World, op: Op) -> str:
    """Send the operation; returns what was done (any operation on an empty slot
    registers a node there, so that sequences reach the later steps)."""
    env = world.env
    name, args = op
    if name == "warp":
        env.conn.warp(args[0])
        return name
    s = args[0]
    handle = world.nodes.get(s)
    if name == "register" or handle is None:
        await register(world, s)
        return "register"
    node, op_key = handle.address, handle.operator.pubkey()
    if name == "deposit":
        assert handle.token_account is not None
        ix = registry.build_stake_deposit_ix(
            env.config, node, handle.vault, op_key, handle.token_account, amount=args[1] * IO
        )
        await env.send([ix], handle.operator)
    elif name == "unstake":
        data = await node_data(world, s)
        amount = (data.bonded if data else 0) * args[1] // 100
        await env.send([registry.build_stake_request_unstake_ix(node, op_key, amount)], handle.operator)
    elif name == "rebond":
        await env.send([registry.build_stake_rebond_ix(node, op_key)], handle.operator)
    elif name == "withdraw":
        assert handle.token_account is not None
        ix = registry.build_stake_withdraw_ix(env.config, node, handle.vault, op_key, handle.token_account)
        await env.send([ix], handle.operator)
    elif name == "deregister":
        ix = registry.build_node_deregister_ix(env.config, node, handle.vault, op_key)
        await env.send([ix], handle.operator)
        del world.nodes[s]
    elif name == "propose":
        data = await node_data(world, s)
        assert data is not None
        ix = registry.build_slash_propose_ix(
            node,
            data.slash_count,
            proposer=env.slasher.pubkey(),
            payer=env.slasher.pubkey(),
            offense=Offense(args[1]),
            evidence_hash=bytes(32),
            amount=data.bonded * args[2] // 100,
        )
        await env.send([ix], env.slasher)
    elif name == "appeal":
        await env.send([registry.build_slash_appeal_ix(node, args[1], op_key, bytes(32))], handle.operator)
    elif name == "resolve":
        ix = registry.build_slash_resolve_ix(node, args[1], env.admin.pubkey(), bool(args[2]))
        await env.send([ix], env.admin)
    elif name == "execute":
        ix = registry.build_slash_execute_ix(env.config, node, handle.vault, args[1], env.payer.pubkey())
        await env.send([ix], env.payer)
    elif name == "close":
        await env.send([registry.build_slash_close_ix(node, args[1], env.slasher.pubkey())], env.payer)
    elif name == "rewards_open":
        await env.send([token.build_rewards_open_ix(node, env.payer.pubkey())], env.payer)
    elif name == "rewards_close":
        await env.send([token.build_rewards_close_ix(node, op_key)], handle.operator)
    elif name == "dust":
        ix = spl.transfer_ix(
            world.attacker_wallet, env.mint, handle.vault, world.attacker.pubkey(), args[1], IO_DECIMALS
        )
        await env.send([ix], world.attacker)
    return name


async def tracked_io(world: World) -> int:
    env = world.env
    total = 0
    for account in [*world.wallets, world.attacker_wallet, env.treasury.pubkey(), *world.vaults]:
        if await env.conn.get_account(account) is not None:
            total += await env.token_balance(account)
    return total


async def burned(world: World) -> int:
    stats = await world.env.io.stats()
    return stats.burned_fees + stats.burned_slashes


async def check(world: World, baseline: int) -> None:
    env = world.env
    # IO conserved: tracked balances + burned is constant (nothing minted here).
    assert await tracked_io(world) + await burned(world) == baseline, "IO was created or lost"
    for s in range(SLOTS):
        data = await node_data(world, s)
        if s not in world.nodes:
            assert data is None, "a node the model saw deregister still exists"
            continue
        assert data is not None, "a registered node vanished"
        vault = await env.token_balance(world.nodes[s].vault)
        assert vault >= data.bonded + data.unbonding, "the books hold more than the vault"
        live = 0
        for index in range(data.slash_count):
            proposal = await SlashProposal.fetch(env.conn, pda.slash(world.address(s), index))
            if proposal is None:
                continue
            live += 1
            assert proposal.index == index and proposal.node == world.address(s)
            if SlashStatus(proposal.status) in (
                SlashStatus.Proposed,
                SlashStatus.Appealed,
                SlashStatus.Upheld,
            ):
                # A pending slash: the node cannot escape it (still here, withdrawals blocked).
                assert data.pending_slashes > 0
        assert data.open_proposals == live, "a live proposal the node does not count"


async def drain(world: World, baseline: int) -> None:
    """Every pending slash completes within its bound, then every account closes."""
    env = world.env
    bound = math.ceil(10_000 / P.epoch_slash_cap_bps)
    for s, handle in list(world.nodes.items()):
        node, op_key = handle.address, handle.operator.pubkey()
        data = await node_data(world, s)
        assert data is not None
        for index in range(data.slash_count):
            proposal = await SlashProposal.fetch(env.conn, pda.slash(node, index))
            if proposal is None:
                continue
            if SlashStatus(proposal.status) == SlashStatus.Appealed:
                await env.send(
                    [registry.build_slash_resolve_ix(node, index, env.admin.pubkey(), True)], env.admin
                )
            epochs = 0
            while SlashStatus((await env.proposal(handle, index)).status) in (
                SlashStatus.Proposed,
                SlashStatus.Upheld,
            ):
                assert epochs <= bound + 1, f"slash {index} of slot {s} still pending after {epochs} epochs"
                env.conn.warp(max(P.appeal_window_secs, P.slash_epoch_secs) + 1)
                ix = registry.build_slash_execute_ix(
                    env.config, node, handle.vault, index, env.payer.pubkey()
                )
                await env.send([ix], env.payer)
                epochs += 1
            await env.send([registry.build_slash_close_ix(node, index, env.slasher.pubkey())], env.payer)
        data = await node_data(world, s)
        assert data is not None and data.pending_slashes == 0 and data.open_proposals == 0
        if data.unbonding and (await env.conn.get_clock()).unix_timestamp < data.unbonding_ready_at:
            await env.send([registry.build_stake_rebond_ix(node, op_key)], handle.operator)
        data = await node_data(world, s)
        assert data is not None and handle.token_account is not None
        if data.unbonding:
            ix = registry.build_stake_withdraw_ix(
                env.config, node, handle.vault, op_key, handle.token_account
            )
            await env.send([ix], handle.operator)
        if data.bonded:
            ix = registry.build_stake_request_unstake_ix(node, op_key, data.bonded)
            await env.send([ix], handle.operator)
            env.conn.warp(P.unbonding_period_secs)
            ix = registry.build_stake_withdraw_ix(
                env.config, node, handle.vault, op_key, handle.token_account
            )
            await env.send([ix], handle.operator)
        if await env.conn.get_account(token.reward_account(node)) is not None:
            await env.send([token.build_rewards_close_ix(node, op_key)], handle.operator)
        await env.send(
            [registry.build_node_deregister_ix(env.config, node, handle.vault, op_key)], handle.operator
        )
        del world.nodes[s]
        await check(world, baseline)


async def scenario(ops: list[Op]) -> World:
    env = await RegistryEnv().setup()
    operators = [await env.new_operator() for _ in range(OPERATORS)]
    wallets = [await env.fund(kp, 100_000 * IO) for kp in operators]
    attacker = await env.new_operator()
    world = World(env, operators, wallets, attacker, await env.fund(attacker, 1_000 * IO))
    baseline = await tracked_io(world) + await burned(world)
    for op in ops:
        with contextlib.suppress(IonetError):  # refused: the checks below prove it changed nothing
            world.succeeded.add(await apply(world, op))
        await check(world, baseline)
    await drain(world, baseline)
    return world


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=10, max_size=STEPS))
def test_random_lifecycles_conserve_io_and_always_wind_down(ops: list[Op]) -> None:
    world = asyncio.run(scenario(ops))
    for name in sorted(world.succeeded):
        event(f"{name} succeeded")


def test_a_scripted_lifecycle_reaches_every_operation() -> None:
    """The property's operations can do what the faults needed (no vacuous pass):
    slash, overturn, dust, re-register under the same id, slash again."""
    ops: list[Op] = [
        ("register", (0,)),
        ("deposit", (0, 500)),
        ("rewards_open", (0,)),
        ("propose", (0, 3, 10)),
        ("appeal", (0, 0)),
        ("resolve", (0, 0, False)),
        ("propose", (0, 3, 100)),
        ("warp", (2 * 86_400 + 1,)),
        ("execute", (0, 1)),
        ("warp", (86_400,)),
        ("execute", (0, 1)),
        ("close", (0, 0)),
        ("close", (0, 1)),
        ("dust", (0, 7)),
        ("deposit", (0, 50)),
        ("unstake", (0, 100)),
        ("rebond", (0,)),
        ("unstake", (0, 100)),
        ("warp", (14 * 86_400,)),
        ("withdraw", (0,)),
        ("rewards_close", (0,)),
        ("deregister", (0,)),
        ("register", (0,)),
        ("deposit", (0, 50)),
        ("propose", (0, 1, 0)),
    ]
    world = asyncio.run(scenario(ops))
    assert world.succeeded == {name for name, _ in ops}
