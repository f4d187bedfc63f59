"""node_register, node_update, node_deregister."""

from __future__ import annotations

from dataclasses import replace

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import approve, set_authority
from spl.token.models import ApproveParams, AuthorityType, SetAuthorityParams

from ionet_sdk import pda, registry, spl
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.accounts import Node
from ionet_sdk._generated.ionet_registry.types import GpuModel, GpuTier, NodeRegisterArgs, NodeStatus
from ionet_sdk.errors import AccountAlreadyExistsError

from .registry_env import RegistryEnv, hardware, unsigned, with_account


async def register_ixs(
    env: RegistryEnv, operator: Keypair, args: NodeRegisterArgs, vault: Keypair
) -> list[Instruction]:
    return await registry.build_node_register_ixs(env.conn, env.config, operator.pubkey(), args, vault)


async def new_vault(env: RegistryEnv, owner: Pubkey, mint: Pubkey | None = None) -> Keypair:
    """A token account created beforehand (for the attacks on the vault checks)."""
    vault = Keypair()
    ixs = await spl.create_token_account_ixs(env.conn, env.payer.pubkey(), vault, mint or env.mint, owner)
    await env.send(ixs, env.payer, [vault])
    return vault


async def test_node_register_creates_node_with_its_vault(env: RegistryEnv) -> None:
    operator, agent, vault = await env.new_operator(), Keypair(), Keypair()
    spec = hardware(GpuModel.A100, count=4, vram=80)
    result = await env.send(
        await register_ixs(
            env, operator, NodeRegisterArgs(node_id=7, agent=agent.pubkey(), hardware=spec), vault
        ),
        operator,
        [vault],
    )
    print(f"\nnode_register (with its vault): {result.compute_units} CU")

    address = pda.node(operator.pubkey(), 7)
    node = await Node.fetch(env.conn, address)
    assert node is not None
    assert (node.operator, node.agent, node.node_id, node.vault) == (
        operator.pubkey(),
        agent.pubkey(),
        7,
        vault.pubkey(),
    )
    assert registry.hardware_spec(node.declared) == spec
    assert node.status == NodeStatus.Registered
    assert node.effective_tier == GpuTier.Other  # nothing attested yet
    assert (node.bonded, node.unbonding, node.active_jobs, node.pending_slashes) == (0, 0, 0, 0)
    assert node.reputation_bps == 5_000
    info = await env.conn.get_account(vault.pubkey())
    assert info is not None and spl.token_balance(info) == 0
    assert bytes(info.data[:32]) == bytes(env.mint)  # vault mint
    assert bytes(info.data[32:64]) == bytes(address)  # vault owner: the node PDA
    assert (await env.refresh_config()).node_count == 1
    (event,) = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeRegistered)]
    assert (event.node, event.node_id, event.hardware) == (address, 7, spec)


async def test_node_register_rejects_invalid_hardware(env: RegistryEnv) -> None:
    operator = await env.new_operator()
    node = pda.node(operator.pubkey(), 1)
    vault = await new_vault(env, node)
    for bad in (
        replace(hardware(), gpu_count=0),
        replace(hardware(), vram_gb_per_gpu=0),
        replace(hardware(), cuda_major=0),
        replace(hardware(), fingerprint=[0] * 32),
    ):
        ix = registry.build_node_register_ix(
            env.config,
            operator.pubkey(),
            NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=bad),
            vault.pubkey(),
        )
        await env.rejects([ix], operator, errors.InvalidHardware, watch=[node])


async def test_node_register_rejects_default_agent(env: RegistryEnv) -> None:
    operator = await env.new_operator()
    node = pda.node(operator.pubkey(), 1)
    vault = await new_vault(env, node)
    ix = registry.build_node_register_ix(
        env.config,
        operator.pubkey(),
        NodeRegisterArgs(node_id=1, agent=Pubkey.default(), hardware=hardware()),
        vault.pubkey(),
    )
    await env.rejects([ix], operator, errors.InvalidAgent, watch=[node])


async def test_node_register_rejects_another_mint(env: RegistryEnv) -> None:
    operator, other_mint = await env.new_operator(), Keypair()
    await env.send(
        await spl.create_mint_ixs(env.conn, env.payer.pubkey(), other_mint.pubkey(), 8, env.payer.pubkey()),
        env.payer,
        [other_mint],
    )
    node = pda.node(operator.pubkey(), 1)
    vault = await new_vault(env, node, other_mint.pubkey())
    ix = registry.build_node_register_ix(
        replace(env.config, stake_mint=other_mint.pubkey()),
        operator.pubkey(),
        NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=hardware()),
        vault.pubkey(),
    )
    await env.rejects([ix], operator, errors.WrongMint, watch=[node])


async def test_node_register_rejects_vault_of_another_owner_or_mint(env: RegistryEnv) -> None:
    operator = await env.new_operator()
    node = pda.node(operator.pubkey(), 1)
    mine = await new_vault(env, operator.pubkey())  # owned by the operator, not the node
    ix = registry.build_node_register_ix(
        env.config,
        operator.pubkey(),
        NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=hardware()),
        mine.pubkey(),
    )
    await env.rejects([ix], operator, anchor_errors.ConstraintTokenOwner, watch=[node])
    other_mint = Keypair()
    await env.send(
        await spl.create_mint_ixs(env.conn, env.payer.pubkey(), other_mint.pubkey(), 8, env.payer.pubkey()),
        env.payer,
        [other_mint],
    )
    foreign = await new_vault(env, node, other_mint.pubkey())
    ix = registry.build_node_register_ix(
        env.config,
        operator.pubkey(),
        NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=hardware()),
        foreign.pubkey(),
    )
    await env.rejects([ix], operator, anchor_errors.ConstraintTokenMint, watch=[node])


async def test_node_register_rejects_a_vault_someone_else_can_close_or_prefunded(env: RegistryEnv) -> None:
    """An attacker prepares a token account, then hands its ownership to the node PDA.

    SPL Token clears a delegate when the owner changes, but not a close authority
    or the balance: the program must refuse both.
    """
    operator, attacker = await env.new_operator(), await env.new_operator()
    node = pda.node(operator.pubkey(), 1)

    def hand_over(account: Pubkey) -> Instruction:
        return set_authority(
            SetAuthorityParams(
                program_id=TOKEN_PROGRAM_ID,
                account=account,
                authority=AuthorityType.ACCOUNT_OWNER,
                current_authority=attacker.pubkey(),
                new_authority=node,
            )
        )

    closable = await new_vault(env, attacker.pubkey())
    keep_close = set_authority(
        SetAuthorityParams(
            program_id=TOKEN_PROGRAM_ID,
            account=closable.pubkey(),
            authority=AuthorityType.CLOSE_ACCOUNT,
            current_authority=attacker.pubkey(),
            new_authority=attacker.pubkey(),
        )
    )
    await env.send([keep_close, hand_over(closable.pubkey())], attacker)

    prefunded = await new_vault(env, attacker.pubkey())
    await env.send(
        [spl.transfer_ix(env.faucet, env.mint, prefunded.pubkey(), env.payer.pubkey(), 5, 8)], env.payer
    )
    await env.send([hand_over(prefunded.pubkey())], attacker)

    for trap in (closable, prefunded):
        ix = registry.build_node_register_ix(
            env.config,
            operator.pubkey(),
            NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=hardware()),
            trap.pubkey(),
        )
        await env.rejects([ix], operator, errors.InvalidVault, watch=[node, trap.pubkey()])

    # A delegate does not survive the hand-over: SPL Token clears it.
    delegated = await new_vault(env, attacker.pubkey())
    grant = approve(
        ApproveParams(
            program_id=TOKEN_PROGRAM_ID,
            source=delegated.pubkey(),
            delegate=attacker.pubkey(),
            owner=attacker.pubkey(),
            amount=2**64 - 1,
        )
    )
    await env.send([grant, hand_over(delegated.pubkey())], attacker)
    info = await env.conn.get_account(delegated.pubkey())
    assert info is not None and info.data[72:76] == bytes(4)  # COption<Pubkey> delegate: None


async def test_node_register_twice_is_rejected(env: RegistryEnv) -> None:
    handle = await env.register()
    before = await env.snapshot([handle.address])
    vault = Keypair()
    ixs = await register_ixs(
        env,
        handle.operator,
        NodeRegisterArgs(node_id=handle.node_id, agent=Keypair().pubkey(), hardware=hardware(label="other")),
        vault,
    )
    err = await env.rejects(ixs, handle.operator, AccountAlreadyExistsError, signers=[vault])
    assert err.address == str(handle.address)  # the System program's "already in use"
    assert await env.snapshot([handle.address]) == before


async def test_node_register_rejects_missing_operator_signature(env: RegistryEnv) -> None:
    operator = await env.new_operator()
    node = pda.node(operator.pubkey(), 1)
    vault = await new_vault(env, node)
    ix = registry.build_node_register_ix(
        env.config,
        operator.pubkey(),
        NodeRegisterArgs(node_id=1, agent=Keypair().pubkey(), hardware=hardware()),
        vault.pubkey(),
    )
    await env.rejects(
        [unsigned(ix, operator.pubkey())], env.payer, anchor_errors.AccountNotSigner, watch=[node]
    )


async def test_node_update_of_hardware_clears_verification(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    new_spec = hardware(GpuModel.A100, count=8, label="new-gpus")
    result = await env.send(
        [registry.build_node_update_ix(handle.address, handle.operator.pubkey(), hardware=new_spec)],
        handle.operator,
    )
    node = await env.node(handle)
    assert registry.hardware_spec(node.declared) == new_spec
    assert node.attestation.attested_at == 0 and not node.attestation.passed
    assert node.effective_tier == GpuTier.Other
    assert node.status == NodeStatus.Registered
    updated = [e for e in events.parse_logs(result.logs) if isinstance(e, events.NodeUpdated)]
    assert updated and updated[0].verification_cleared


async def test_node_update_of_agent_keeps_verification(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.activate(handle)
    new_agent = Keypair()
    await env.send(
        [registry.build_node_update_ix(handle.address, handle.operator.pubkey(), agent=new_agent.pubkey())],
        handle.operator,
    )
    node = await env.node(handle)
    assert node.agent == new_agent.pubkey() and node.status == NodeStatus.Active


async def test_node_update_rejects_stranger_and_no_op(env: RegistryEnv) -> None:
    handle = await env.register()
    stranger = await env.new_operator()
    ix = registry.build_node_update_ix(handle.address, stranger.pubkey(), agent=Keypair().pubkey())
    await env.rejects([ix], stranger, errors.NotOperator, watch=[handle.address])
    ix = registry.build_node_update_ix(handle.address, handle.operator.pubkey(), hardware=handle.spec)
    await env.rejects([ix], handle.operator, errors.NothingToUpdate, watch=[handle.address])


async def test_node_deregister_returns_rent_and_closes_accounts(env: RegistryEnv) -> None:
    handle = await env.register()
    before = await env.conn.get_balance(handle.operator.pubkey())
    ix = registry.build_node_deregister_ix(env.config, handle.address, handle.vault, handle.operator.pubkey())
    result = await env.send([ix], handle.operator)
    assert await env.conn.get_account(handle.address) is None
    assert await env.conn.get_account(handle.vault) is None
    assert await env.conn.get_balance(handle.operator.pubkey()) > before  # rent back, minus the fee
    assert (await env.refresh_config()).node_count == 0
    assert any(isinstance(e, events.NodeDeregistered) for e in events.parse_logs(result.logs))


async def test_node_deregister_rejects_node_with_stake(env: RegistryEnv) -> None:
    handle = await env.register()
    await env.deposit(handle, 10)
    ix = registry.build_node_deregister_ix(env.config, handle.address, handle.vault, handle.operator.pubkey())
    await env.rejects([ix], handle.operator, errors.StakeRemaining, watch=[handle.address, handle.vault])


async def test_node_deregister_rejects_another_nodes_vault(env: RegistryEnv) -> None:
    a, b = await env.register(), await env.register()
    ix = registry.build_node_deregister_ix(env.config, a.address, a.vault, a.operator.pubkey())
    ix = with_account(ix, 2, b.vault)
    await env.rejects([ix], a.operator, errors.WrongVault, watch=[a.address, b.vault])


async def test_forged_node_outside_its_pda_or_with_a_noncanonical_bump_is_rejected(env: RegistryEnv) -> None:
    """A program-owned Node at another address (or with another bump) fails the PDA check.

    Forged with the SVM's set_account: no instruction can create such an account,
    so this checks the check itself.
    """
    from dataclasses import replace as dc_replace

    from solders.account import Account

    handle = await env.register()
    info = await env.conn.get_account(handle.address)
    assert info is not None
    forged = Keypair().pubkey()
    env.conn.svm.set_account(forged, Account(info.lamports, info.data, info.owner, False))
    ix = registry.build_node_mark_inactive_ix(forged, handle.agent.pubkey())
    await env.rejects([ix], handle.agent, errors.InvalidPda, watch=[forged, handle.address])

    node = Node.decode(info.data)
    tampered = dc_replace(node, bump=(node.bump - 1) % 256).encode()
    env.conn.svm.set_account(
        handle.address, Account(info.lamports, tampered + info.data[len(tampered) :], info.owner, False)
    )
    await env.rejects(
        [registry.build_node_mark_inactive_ix(handle.address, handle.agent.pubkey())],
        handle.agent,
        errors.InvalidPda,
        watch=[handle.address],
    )
