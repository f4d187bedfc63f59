"""registry config_init: the first instruction, executed by the SBF program in the SVM."""

from __future__ import annotations

from dataclasses import replace

from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ionet_sdk import pda, spl
from ionet_sdk._generated import anchor_errors
from ionet_sdk._generated.ionet_registry import errors, events
from ionet_sdk._generated.ionet_registry.accounts import RegistryConfig
from ionet_sdk.defaults import IO_DECIMALS, REGISTRY_PARAMS
from ionet_sdk.errors import AccountAlreadyExistsError
from ionet_sdk.programs import REGISTRY_ID
from ionet_sdk.svm import programdata_address

from .registry_env import RegistryEnv, with_account

CONFIG = [pda.registry_config()]
PROGRAM_DATA, TREASURY = 3, 5  # account indices in config_init


async def test_config_init_creates_config_with_every_field(fresh: RegistryEnv) -> None:
    args = fresh.config_init_args()
    result = await fresh.send([fresh.config_init_ix(args=args)], fresh.deployer)
    print(f"\nconfig_init: {result.compute_units} CU")

    config = await RegistryConfig.fetch(fresh.conn, pda.registry_config())
    assert config is not None
    assert config.admin == args.admin
    assert config.slashing_authority == args.slashing_authority
    assert config.job_authority == args.job_authority
    assert config.stake_mint == fresh.mint
    assert config.treasury == fresh.treasury.pubkey()
    assert config.verifiers == args.verifiers
    # The sandbox sends the defaults with the shortest root challenge window.
    assert config.params == args.params == replace(REGISTRY_PARAMS, root_challenge_secs=60)
    assert config.node_count == 0
    assert config.bump == Pubkey.find_program_address([b"config"], REGISTRY_ID)[1]
    assert config.reserved == [0] * 64

    (event,) = events.parse_logs(result.logs)
    assert isinstance(event, events.ConfigInitialized)
    assert (event.config, event.admin, event.verifiers, event.params) == (
        pda.registry_config(),
        args.admin,
        args.verifiers,
        args.params,
    )


async def test_config_init_rejects_signer_who_is_not_upgrade_authority(fresh: RegistryEnv) -> None:
    intruder = await fresh.new_operator()
    await fresh.rejects(
        [fresh.config_init_ix(intruder.pubkey())], intruder, errors.NotUpgradeAuthority, watch=CONFIG
    )


async def test_config_init_rejects_program_data_of_another_program(fresh: RegistryEnv) -> None:
    # A ProgramData address that does not exist is not even a ProgramData account.
    ix = with_account(fresh.config_init_ix(), PROGRAM_DATA, programdata_address(Keypair().pubkey()))
    await fresh.rejects([ix], fresh.deployer, anchor_errors.AccountNotInitialized, watch=CONFIG)


async def test_config_init_rejects_parameters_out_of_bounds(fresh: RegistryEnv) -> None:
    args = replace(fresh.config_init_args(), params=replace(REGISTRY_PARAMS, epoch_slash_cap_bps=0))
    await fresh.rejects(
        [fresh.config_init_ix(args=args)], fresh.deployer, errors.ParamOutOfBounds, watch=CONFIG
    )


async def test_config_init_rejects_duplicate_verifier(fresh: RegistryEnv) -> None:
    args = fresh.config_init_args()
    args = replace(args, verifiers=[args.verifiers[0], args.verifiers[0]])
    await fresh.rejects(
        [fresh.config_init_ix(args=args)], fresh.deployer, errors.InvalidVerifier, watch=CONFIG
    )


async def test_config_init_rejects_treasury_of_another_mint(fresh: RegistryEnv) -> None:
    mint, account = Keypair(), Keypair()
    payer = fresh.payer.pubkey()
    ixs = await spl.create_mint_ixs(fresh.conn, payer, mint.pubkey(), IO_DECIMALS, payer)
    ixs += await spl.create_token_account_ixs(fresh.conn, payer, account, mint.pubkey(), payer)
    await fresh.send(ixs, fresh.payer, [mint, account])
    ix = with_account(fresh.config_init_ix(), TREASURY, account.pubkey())
    await fresh.rejects([ix], fresh.deployer, anchor_errors.ConstraintTokenMint, watch=CONFIG)


async def test_config_init_cannot_run_twice(env: RegistryEnv) -> None:
    before = await env.snapshot(CONFIG)
    second = replace(env.config_init_args(), admin=Keypair().pubkey())
    err = await env.rejects(
        [env.config_init_ix(args=second)], env.deployer, AccountAlreadyExistsError, watch=CONFIG
    )
    assert [err.address] == [str(a) for a in CONFIG]  # System's AccountAlreadyInUse via CPI
    assert any("already in use" in line for line in err.logs)
    assert await env.snapshot(CONFIG) == before
