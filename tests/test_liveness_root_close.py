"""liveness_root_close: an epoch's root record is closed once a later epoch's root is in
effect, its rent back to the oracle that created it (one record per epoch would
otherwise cost the oracles ~0.007 SOL an hour, forever)."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ionet_sdk import pda, registry
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk.liveness import LivenessLeaf
from ionet_sdk.merkle import MerkleTree

from .registry_env import RegistryEnv


def leaves(epoch: int, count: int = 3) -> list[LivenessLeaf]:
    return [
        LivenessLeaf(Pubkey.new_unique(), Pubkey.new_unique(), epoch, 60, 60, 480, 1, 1_000, 60, 1, 0, 8)
        for _ in range(count)
    ]


async def lamports(env: RegistryEnv, key: Pubkey) -> int:
    info = await env.conn.get_account(key)
    return 0 if info is None else info.lamports


async def test_a_superseded_root_is_closed_and_its_rent_returned_to_its_creator(env: RegistryEnv) -> None:
    first, second = await env.set_oracles(2, quorum=2)
    await env.commit_root(10, leaves(10))
    record = pda.epoch_root(10)
    rent = await lamports(env, record)
    close = registry.build_liveness_root_close_ix(10, 11, first.pubkey())
    watch = [record, first.pubkey()]

    # No later root yet, then one inside its challenge window: epoch 10's is still needed.
    await env.rejects([close], env.payer, anchor_errors.AccountNotInitialized, watch=watch)
    await env.commit_root(11, leaves(11), wait=False)
    await env.rejects([close], env.payer, errors.RootNotSuperseded, watch=watch)
    # A record is not superseded by itself or by an older one.
    itself = registry.build_liveness_root_close_ix(10, 10, first.pubkey())
    await env.rejects([itself], env.payer, errors.RootNotSuperseded, watch=watch)
    env.conn.warp(env.config.params.root_challenge_secs)
    older = registry.build_liveness_root_close_ix(11, 10, first.pubkey())
    await env.rejects([older], env.payer, errors.RootNotSuperseded, watch=[pda.epoch_root(11)])
    # The rent goes to the oracle that paid it only.
    wrong = registry.build_liveness_root_close_ix(10, 11, second.pubkey())
    await env.rejects([wrong], env.payer, errors.WrongRootCreator, watch=watch)

    creator_before = await lamports(env, first.pubkey())
    result = await env.send([close], env.payer)
    print(f"\nliveness_root_close: {result.compute_units} CU, {rent:,} lamports returned")
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.LivenessRootClosed)]
    assert (event.epoch, event.superseded_by, event.creator) == (10, 11, first.pubkey())
    assert await env.conn.get_account(record) is None
    assert await lamports(env, first.pubkey()) == creator_before + rent
    # Closed once.
    await env.rejects([close], env.payer, anchor_errors.AccountNotInitialized, watch=[first.pubkey()])


async def test_a_record_that_never_reached_a_quorum_is_closed_too(env: RegistryEnv) -> None:
    a, b, _ = await env.set_oracles(3, quorum=2)
    # Split votes: no proposal reaches 2 of 3.
    for oracle in (a, b):
        await env.vote_root(oracle, 20, MerkleTree([leaf.to_bytes() for leaf in leaves(20)]))
    await env.commit_root(21, leaves(21))
    await env.send([registry.build_liveness_root_close_ix(20, 21, a.pubkey())], env.payer)
    assert await env.conn.get_account(pda.epoch_root(20)) is None
