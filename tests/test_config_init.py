"""registry config_init: the first instruction, executed by the SBF program in the SVM."""

from __future__ import annotations

from dataclasses import replace

import pytest
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, tx
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events, instructions
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk._generated.ionet_registry.types import ConfigInitArgs, RegistryParams
from ionet_sdk.connection import SendResult
from ionet_sdk.defaults import REGISTRY_PARAMS
from ionet_sdk.errors import ProgramError, UnknownProgramError
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.svm import programdata_address

from .conftest import RegistryWorld


def config_init_ix(
    world: RegistryWorld,
    signer: Keypair,
    args: ConfigInitArgs,
    *,
    program_data: Pubkey | None = None,
    treasury: Pubkey | None = None,
) -> Instruction:
    return instructions.config_init(
        instructions.ConfigInitAccounts(
            config=pda.registry_config(),
            upgrade_authority=signer.pubkey(),
            program_data=program_data or programdata_address(REGISTRY_ID),
            stake_mint=world.mint,
            treasury=treasury or world.treasury,
        ),
        args=args,
    )


def init_args(params: RegistryParams = REGISTRY_PARAMS) -> tuple[ConfigInitArgs, Keypair, Keypair]:
    admin, slasher = Keypair(), Keypair()
    verifiers = [Keypair().pubkey() for _ in range(3)]
    args = ConfigInitArgs(
        admin=admin.pubkey(),
        slashing_authority=slasher.pubkey(),
        job_authority=Pubkey.default(),
        verifiers=verifiers,
        params=params,
    )
    return args, admin, slasher


async def assert_rejected(
    world: RegistryWorld, signer: Keypair, ix: Instruction, error: type[ProgramError]
) -> None:
    with pytest.raises(error) as info:
        await tx.send(world.conn, [ix], signer)
    assert info.value.code == error.code
    assert await world.conn.get_account(pda.registry_config()) is None, "state must be unchanged"


async def test_config_init_creates_config_with_every_field(world: RegistryWorld) -> None:
    args, _, _ = init_args()
    result: SendResult = await tx.send(
        world.conn, [config_init_ix(world, world.upgrade_authority, args)], world.upgrade_authority
    )
    print(f"\nconfig_init: {result.compute_units} compute units")

    config = await RegistryConfig.fetch(world.conn, pda.registry_config())
    assert config is not None
    assert config.admin == args.admin
    assert config.slashing_authority == args.slashing_authority
    assert config.stake_mint == world.mint
    assert config.treasury == world.treasury
    assert config.verifiers == args.verifiers
    assert config.params == REGISTRY_PARAMS
    assert config.node_count == 0
    assert config.bump == Pubkey.find_program_address([b"config"], REGISTRY_ID)[1]
    assert config.reserved == [0] * 64

    (event,) = events.parse_logs(result.logs)
    assert isinstance(event, events.ConfigInitialized)
    assert (event.config, event.admin, event.verifiers, event.params) == (
        pda.registry_config(),
        args.admin,
        args.verifiers,
        REGISTRY_PARAMS,
    )


async def test_config_init_rejects_signer_who_is_not_upgrade_authority(world: RegistryWorld) -> None:
    intruder = Keypair()
    world.conn.airdrop(intruder.pubkey(), 10**10)
    args, _, _ = init_args()
    await assert_rejected(world, intruder, config_init_ix(world, intruder, args), errors.NotUpgradeAuthority)


async def test_config_init_rejects_program_data_of_another_program(world: RegistryWorld) -> None:
    other = programdata_address(Keypair().pubkey())
    args, _, _ = init_args()
    ix = config_init_ix(world, world.upgrade_authority, args, program_data=other)
    # A ProgramData address that does not exist is not even a ProgramData account.
    await assert_rejected(world, world.upgrade_authority, ix, anchor_errors.AccountNotInitialized)


async def test_config_init_rejects_parameters_out_of_bounds(world: RegistryWorld) -> None:
    args, _, _ = init_args(replace(REGISTRY_PARAMS, epoch_slash_cap_bps=0))
    ix = config_init_ix(world, world.upgrade_authority, args)
    await assert_rejected(world, world.upgrade_authority, ix, errors.ParamOutOfBounds)


async def test_config_init_rejects_duplicate_verifier(world: RegistryWorld) -> None:
    args, _, _ = init_args()
    args = replace(args, verifiers=[args.verifiers[0], args.verifiers[0]])
    ix = config_init_ix(world, world.upgrade_authority, args)
    await assert_rejected(world, world.upgrade_authority, ix, errors.InvalidVerifier)


async def test_config_init_rejects_treasury_of_another_mint(world: RegistryWorld) -> None:
    other_treasury = await _token_account_of_new_mint(world)
    args, _, _ = init_args()
    ix = config_init_ix(world, world.upgrade_authority, args, treasury=other_treasury)
    await assert_rejected(world, world.upgrade_authority, ix, anchor_errors.ConstraintTokenMint)


async def test_config_init_cannot_run_twice(world: RegistryWorld) -> None:
    args, _, _ = init_args()
    await tx.send(world.conn, [config_init_ix(world, world.upgrade_authority, args)], world.upgrade_authority)
    before = await world.conn.get_account(pda.registry_config())
    second, _, _ = init_args()
    with pytest.raises(UnknownProgramError) as info:
        await tx.send(
            world.conn, [config_init_ix(world, world.upgrade_authority, second)], world.upgrade_authority
        )
    assert info.value.code == 0  # the system program's AccountAlreadyInUse, surfaced by the CPI
    assert any("already in use" in line for line in info.value.logs)
    assert await world.conn.get_account(pda.registry_config()) == before


async def _token_account_of_new_mint(world: RegistryWorld) -> Pubkey:
    from ionet_sdk import spl

    mint, account = Keypair(), Keypair()
    ixs = await spl.create_mint_ixs(world.conn, world.payer.pubkey(), mint.pubkey(), 8, world.payer.pubkey())
    ixs += await spl.create_token_account_ixs(
        world.conn, world.payer.pubkey(), account, mint.pubkey(), world.payer.pubkey()
    )
    await tx.send(world.conn, ixs, world.payer, [mint, account])
    return account.pubkey()
