"""The embedded validator's JSON-RPC methods, in process (no HTTP): what standard
clients send is served as a node serves it or refused with a JSON-RPC error,
never a traceback; blockhashes live their advertised lifetime; slots and the
clock follow the (here: injected) wall clock. Over a real socket, with clients
nobody here wrote: tests/test_localnet_conformance.py."""

from __future__ import annotations

import base64
import json
from typing import Any

import base58
import zstandard
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message, to_bytes_versioned
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet_sdk import spl
from ionet_sdk.localnet.chain import MAX_PROCESSING_AGE, Chain
from ionet_sdk.localnet.server import LocalnetServer
from ionet_sdk.programs import PROGRAM_IDS, default_deploy_dir
from ionet_sdk.svm import programdata_address

SOL = 1_000_000_000
START = 1_767_225_600.0


class Wall:
    """An injected wall clock, so that nothing here depends on when it runs."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


def make(deploy: bool = False) -> tuple[LocalnetServer, Wall]:
    wall = Wall()
    chain = Chain(clock=wall)
    server = LocalnetServer(
        default_deploy_dir() if deploy else default_deploy_dir() / "none", None, chain=chain
    )
    return server, wall


def call(server: LocalnetServer, method: str, *params: Any) -> Any:
    body = json.dumps({"jsonrpc": "2.0", "id": 7, "method": method, "params": list(params)}).encode()
    return json.loads(server.handle_body(body))


def ok(server: LocalnetServer, method: str, *params: Any) -> Any:
    reply = call(server, method, *params)
    assert "error" not in reply, reply
    return reply["result"]


def error(server: LocalnetServer, method: str, *params: Any) -> dict[str, Any]:
    reply = call(server, method, *params)
    assert "error" in reply, reply
    assert reply["id"] == 7
    return dict(reply["error"])


def funded(server: LocalnetServer, lamports: int = 10 * SOL) -> Keypair:
    kp = Keypair()
    ok(server, "requestAirdrop", str(kp.pubkey()), lamports)
    return kp


def transfer_tx(payer: Keypair, to: Pubkey, lamports: int, blockhash: str) -> str:
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=lamports))
    tx = Transaction.new_signed_with_payer([ix], payer.pubkey(), [payer], Hash.from_string(blockhash))
    return base64.b64encode(bytes(tx)).decode()


def latest(server: LocalnetServer) -> dict[str, Any]:
    return dict(ok(server, "getLatestBlockhash")["value"])


B64 = {"encoding": "base64"}


# --- numbers


BAD_NUMBERS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1",
    "1.5",
    "18446744073709551616",
    '"5"',
    "true",
    "null",
]


def numeric_calls(address: str) -> list[tuple[str, str]]:
    """(method, params with @N@ where a number goes) for every numeric parameter."""
    return [
        ("requestAirdrop", f'["{address}", @N@]'),
        ("getMinimumBalanceForRentExemption", "[@N@]"),
        ("ionetWarp", "[@N@]"),
        ("getBlock", "[@N@]"),
        ("getBlockTime", "[@N@]"),
        ("getBlocks", "[@N@]"),
        ("getBlocksWithLimit", "[0, @N@]"),
        ("getSlotLeaders", "[0, @N@]"),
        ("getRecentPerformanceSamples", "[@N@]"),
        ("getAccountInfo", f'["{address}", {{"dataSlice": {{"offset": @N@, "length": 1}}}}]'),
        ("getAccountInfo", f'["{address}", {{"dataSlice": {{"offset": 0, "length": @N@}}}}]'),
        ("getProgramAccounts", f'["{address}", {{"filters": [{{"dataSize": @N@}}]}}]'),
        (
            "getProgramAccounts",
            f'["{address}", {{"filters": [{{"memcmp": {{"offset": @N@, "bytes": "1"}}}}]}}]',
        ),
        ("getSlot", '[{"minContextSlot": @N@}]'),
        ("getBalance", f'["{address}", {{"minContextSlot": @N@}}]'),
        ("getSignaturesForAddress", f'["{address}", {{"limit": @N@}}]'),
        ("getTransaction", f'["{"1" * 64}", {{"maxSupportedTransactionVersion": @N@}}]'),
        ("sendTransaction", '["AA==", {"encoding": "base64", "maxRetries": @N@}]'),
    ]


OPTIONAL_NUMBERS = (
    "getSlot",
    "getBalance",
    "getSignaturesForAddress",
    "getTransaction",
    "sendTransaction",
    "getRecentPerformanceSamples",
    "getBlocks",
)


def test_every_numeric_parameter_is_checked() -> None:
    """Non-finite, fractional, negative, beyond u64, or not a number: -32602 naming the
    parameter — never a traceback, never an empty reply."""
    server, _ = make()
    address = str(Keypair().pubkey())
    for method, template in numeric_calls(address):
        for bad in BAD_NUMBERS:
            if bad == "null" and method in OPTIONAL_NUMBERS:
                continue  # an optional number may be null
            body = f'{{"jsonrpc":"2.0","id":1,"method":"{method}","params":{template.replace("@N@", bad)}}}'
            reply = json.loads(server.handle_body(body.encode()))
            assert reply.get("error", {}).get("code") == -32602, (method, bad, reply)
    assert ok(server, "getBalance", address)["value"] == 0


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@example(method="isBlockhashValid", params=[""])  # solders' ParseHashError is no ValueError
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(method=st.sampled_from(sorted(make()[0].methods)), params=JSON)
def test_any_parameters_get_an_answer(method: str, params: Any) -> None:
    """Whatever the parameters, every method answers with a result or a JSON-RPC error
    that is not an internal error."""
    server = FUZZ_SERVER
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    reply = json.loads(server.handle_body(body))
    assert "result" in reply or reply["error"]["code"] != -32603, (method, params, reply)


FUZZ_SERVER = make()[0]


def test_requests_that_are_not_calls() -> None:
    server, _ = make()
    assert json.loads(server.handle_body(b"{nope"))["error"]["code"] == -32700
    assert json.loads(server.handle_body(b"[]"))["error"]["code"] == -32600
    assert json.loads(server.handle_body(b'{"id": 1}'))["error"]["code"] == -32600
    assert json.loads(server.handle_body(b'{"id":1,"method":"getNothing"}'))["error"]["code"] == -32601
    reply = json.loads(server.handle_body(b'{"id":1,"method":"getSlot","params":{"a":1}}'))
    assert reply["error"]["code"] == -32602
    batch = json.loads(server.handle_body(b'[{"id":1,"method":"getHealth"},{"id":2,"method":"getSlot"}]'))
    assert [r["id"] for r in batch] == [1, 2] and batch[0]["result"] == "ok"


# --- blocks, blockhashes and the clock


def test_slots_and_the_clock_follow_wall_time_and_warp_adds() -> None:
    server, wall = make()
    chain = server.chain
    slot = chain.slot
    wall.now += 10
    for _ in range(25):  # what the server's block loop does every 0.4 s
        chain.produce_block()
    assert chain.slot == slot + 25
    assert chain.svm.get_clock().unix_timestamp == START + 10
    assert ok(server, "getBlockTime", chain.slot - 1) == START + 10
    block = ok(server, "getBlock", chain.slot - 1, {"transactionDetails": "signatures"})
    assert block["parentSlot"] == chain.slot - 2 and block["signatures"] == []
    assert block["previousBlockhash"] == ok(server, "getBlock", chain.slot - 2)["blockhash"]
    before = latest(server)["blockhash"]
    warped = ok(server, "ionetWarp", 3600)
    assert ok(server, "isBlockhashValid", before)["value"] is False  # an hour old
    assert ok(server, "isBlockhashValid", latest(server)["blockhash"])["value"] is True
    assert warped["unixTimestamp"] == START + 10 + 3600
    assert warped["slot"] == chain.slot == slot + 25 + 9000 + 1  # the jump, then one block
    assert error(server, "getBlock", chain.slot - 5)["code"] == -32007  # skipped by the warp
    assert error(server, "getBlock", chain.slot)["code"] == -32004  # still open


def test_epoch_info_the_schedule_and_the_clock_agree() -> None:
    """As solana-test-validator: 432,000-slot epochs without warmup; the Clock sysvar's epoch,
    getEpochInfo and getEpochSchedule agree, including across an epoch boundary."""
    server, _ = make()
    schedule = ok(server, "getEpochSchedule")
    assert (schedule["slotsPerEpoch"], schedule["warmup"], schedule["firstNormalSlot"]) == (432_000, False, 0)
    for _ in range(2):
        info = ok(server, "getEpochInfo")
        slot = info["absoluteSlot"]
        assert (info["epoch"], info["slotIndex"], info["slotsInEpoch"]) == (
            slot // 432_000,
            slot % 432_000,
            432_000,
        )
        assert server.chain.svm.get_clock().epoch == info["epoch"]
        server.chain.produce_block(slot - info["slotIndex"] + 432_000)  # the next epoch's first slot
    assert ok(server, "getEpochInfo")["slotIndex"] == 0


def test_a_blockhash_serves_many_transactions_for_its_advertised_lifetime() -> None:
    server, _ = make()
    chain = server.chain
    payer = funded(server)
    value = latest(server)
    blockhash, last_valid = value["blockhash"], value["lastValidBlockHeight"]
    # Several transactions with one blockhash, in one slot and across slots.
    signatures = [
        ok(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL // 10 + i, blockhash), B64)
        for i in range(4)
    ]
    chain.produce_block()
    signatures.append(
        ok(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL // 5, blockhash), B64)
    )
    statuses = ok(server, "getSignatureStatuses", signatures)["value"]
    assert all(s is not None and s["err"] is None for s in statuses)
    while chain.slot < last_valid:
        chain.produce_block()
    assert ok(server, "getBlockHeight") == last_valid
    assert ok(server, "isBlockhashValid", blockhash)["value"] is True
    ok(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL // 4, blockhash), B64)
    chain.produce_block()
    assert ok(server, "isBlockhashValid", blockhash)["value"] is False
    late = error(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL // 3, blockhash), B64)
    assert late["code"] == -32002 and late["data"]["err"] == "BlockhashNotFound"
    assert last_valid == chain.blockhashes[blockhash] + MAX_PROCESSING_AGE


def test_a_rejected_transaction_is_not_remembered_and_a_landed_one_is() -> None:
    server, _ = make()
    payer = funded(server, SOL)
    blockhash = latest(server)["blockhash"]
    too_much = transfer_tx(payer, Keypair().pubkey(), 2 * SOL, blockhash)
    failed = error(server, "sendTransaction", too_much, B64)
    assert failed["code"] == -32002 and failed["data"]["err"] == {"InstructionError": [0, {"Custom": 1}]}
    assert failed["data"]["logs"]
    assert ok(server, "getBalance", str(payer.pubkey()))["value"] == SOL  # preflight charged nothing
    rejected = str(VersionedTransaction.from_bytes(base64.b64decode(too_much)).signatures[0])
    assert ok(server, "getSignatureStatuses", [rejected])["value"] == [None]
    good = transfer_tx(payer, Keypair().pubkey(), SOL // 2, blockhash)
    signature = ok(server, "sendTransaction", good, B64)
    again = error(server, "sendTransaction", good, B64)
    assert again["data"]["err"] == "AlreadyProcessed"
    assert ok(server, "sendTransaction", good, {**B64, "skipPreflight": True}) == signature
    # With preflight skipped, a failing transaction lands, pays its fee and records its error.
    doomed = transfer_tx(payer, Keypair().pubkey(), 5 * SOL, blockhash)
    landed = ok(server, "sendTransaction", doomed, {**B64, "skipPreflight": True})
    status = ok(server, "getSignatureStatuses", [landed])["value"][0]
    assert status["err"] == {"InstructionError": [0, {"Custom": 1}]}
    tx = ok(server, "getTransaction", landed, {"encoding": "json", "maxSupportedTransactionVersion": 0})
    assert tx["meta"]["fee"] == 5000 and tx["meta"]["preBalances"][0] - tx["meta"]["postBalances"][0] == 5000
    assert tx["transaction"]["message"]["accountKeys"][0] == str(payer.pubkey())
    assert tx["version"] == "legacy"
    forged = bytearray(base64.b64decode(good))
    forged[1] ^= 1
    bad_sig = error(server, "sendTransaction", base64.b64encode(bytes(forged)).decode(), B64)
    assert bad_sig["code"] == -32003


def test_simulation_options() -> None:
    """sigVerify defaults to false (Anchor's .simulate() sends unsigned transactions),
    replaceRecentBlockhash rescues a stale one, accounts returns the post-state."""
    server, _ = make()
    payer = funded(server)
    to = Keypair().pubkey()
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=SOL))
    message = Message.new_with_blockhash([ix], payer.pubkey(), Hash.from_string(latest(server)["blockhash"]))
    unsigned = base64.b64encode(bytes(Transaction.new_unsigned(message))).decode()
    wanted = {"addresses": [str(to)], "encoding": "base64"}
    result = ok(server, "simulateTransaction", unsigned, {**B64, "accounts": wanted})["value"]
    assert result["err"] is None and result["accounts"][0]["lamports"] == SOL and result["unitsConsumed"] > 0
    assert error(server, "simulateTransaction", unsigned, {**B64, "sigVerify": True})["code"] == -32003
    stale = transfer_tx(payer, to, SOL, str(Hash.new_unique()))
    assert ok(server, "simulateTransaction", stale, B64)["value"]["err"] == "BlockhashNotFound"
    replaced = ok(server, "simulateTransaction", stale, {**B64, "replaceRecentBlockhash": True})["value"]
    assert replaced["err"] is None and replaced["replacementBlockhash"] == latest(server)
    both = error(
        server, "simulateTransaction", stale, {**B64, "sigVerify": True, "replaceRecentBlockhash": True}
    )
    assert both["code"] == -32602
    assert ok(server, "getBalance", str(to))["value"] == 0  # simulations change nothing


# --- accounts


def test_account_encodings_slices_and_filters() -> None:
    server, _ = make(deploy=True)
    program = PROGRAM_IDS["ionet_registry"]
    data = bytes(server.chain.svm.get_account(programdata_address(program)).data)  # type: ignore[union-attr]
    address = str(programdata_address(program))
    sliced = ok(
        server, "getAccountInfo", address, {"encoding": "base64", "dataSlice": {"offset": 4, "length": 8}}
    )
    assert base64.b64decode(sliced["value"]["data"][0]) == data[4:12] and sliced["value"]["space"] == len(
        data
    )
    small = ok(
        server, "getAccountInfo", address, {"encoding": "base58", "dataSlice": {"offset": 0, "length": 45}}
    )
    assert base58.b58decode(small["value"]["data"][0]) == data[:45]
    assert error(server, "getAccountInfo", address, {"encoding": "base58"})["code"] == -32602  # > 128 bytes
    zstd = ok(server, "getAccountInfo", address, {"encoding": "base64+zstd"})["value"]["data"]
    assert zstd[1] == "base64+zstd"
    assert zstandard.ZstdDecompressor().decompressobj().decompress(base64.b64decode(zstd[0])) == data
    assert error(server, "getAccountInfo", address, {"encoding": "hex"})["code"] == -32602
    loader = "BPFLoaderUpgradeab1e11111111111111111111111"
    everything = ok(server, "getProgramAccounts", loader, {"encoding": "base64", "filters": None})
    ours = {str(program_id) for program_id in PROGRAM_IDS.values()}
    assert ours <= {a["pubkey"] for a in everything}
    key = base64.b64encode(bytes(programdata_address(program))).decode()  # Program -> ProgramData
    memcmp = {"memcmp": {"offset": 4, "bytes": key, "encoding": "base64"}}
    config = {"encoding": "base64", "withContext": True, "filters": [memcmp]}
    mine = ok(server, "getProgramAccounts", loader, config)["value"]
    assert [a["pubkey"] for a in mine] == [str(program)]
    too_many = error(server, "getProgramAccounts", loader, {"filters": [{"dataSize": 1}] * 5})
    assert too_many["code"] == -32602


def test_token_methods_and_json_parsed_accounts() -> None:
    """A backend's token queries: getTokenAccountsByOwner (jsonParsed), balances, supply."""
    server, _ = make()
    chain = server.chain
    payer = funded(server)
    mint = Keypair()
    owner = Keypair().pubkey()

    async def build() -> list[Any]:
        class Rent:
            async def minimum_balance_for_rent_exemption(self, size: int) -> int:
                return int(chain.svm.minimum_balance_for_rent_exemption(size))

        ixs = await spl.create_mint_ixs(Rent(), payer.pubkey(), mint.pubkey(), 6, payer.pubkey())  # type: ignore[arg-type]
        return [*ixs, spl.create_ata_ix(payer.pubkey(), owner, mint.pubkey())]

    import asyncio

    ixs = asyncio.run(build())
    ata = spl.ata(owner, mint.pubkey())
    ixs.append(spl.mint_to_ix(mint.pubkey(), ata, payer.pubkey(), 1_500_000, 6))
    tx = Transaction.new_signed_with_payer(
        ixs, payer.pubkey(), [payer, mint], Hash.from_string(latest(server)["blockhash"])
    )
    ok(server, "sendTransaction", base64.b64encode(bytes(tx)).decode(), B64)
    by_owner = ok(
        server,
        "getTokenAccountsByOwner",
        str(owner),
        {"mint": str(mint.pubkey())},
        {"encoding": "jsonParsed"},
    )
    [entry] = by_owner["value"]
    assert entry["pubkey"] == str(ata)
    parsed = entry["account"]["data"]["parsed"]
    assert parsed["type"] == "account" and parsed["info"]["owner"] == str(owner)
    assert parsed["info"]["tokenAmount"] == {
        "amount": "1500000",
        "decimals": 6,
        "uiAmount": 1.5,
        "uiAmountString": "1.5",
    }
    by_program = ok(server, "getTokenAccountsByOwner", str(owner), {"programId": str(TOKEN_PROGRAM_ID)}, B64)
    assert [a["pubkey"] for a in by_program["value"]] == [str(ata)]
    assert ok(server, "getTokenAccountBalance", str(ata))["value"]["amount"] == "1500000"
    assert ok(server, "getTokenSupply", str(mint.pubkey()))["value"]["uiAmountString"] == "1.5"
    assert ok(server, "getTokenLargestAccounts", str(mint.pubkey()))["value"][0]["address"] == str(ata)
    assert error(server, "getTokenAccountBalance", str(owner))["code"] == -32602
    mint_info = ok(server, "getAccountInfo", str(mint.pubkey()), {"encoding": "jsonParsed"})["value"]["data"]
    assert mint_info["parsed"]["info"]["supply"] == "1500000"


# --- the rest of what a backend calls


def test_history_and_cluster_methods() -> None:
    server, _ = make()
    chain = server.chain
    payer = funded(server)
    blockhash = latest(server)["blockhash"]
    first = ok(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL, blockhash), B64)
    chain.produce_block()
    second = ok(server, "sendTransaction", transfer_tx(payer, Keypair().pubkey(), SOL, blockhash), B64)
    chain.produce_block()
    history = ok(server, "getSignaturesForAddress", str(payer.pubkey()))
    assert [h["signature"] for h in history][:2] == [second, first]
    assert [
        h["signature"] for h in ok(server, "getSignaturesForAddress", str(payer.pubkey()), {"limit": 1})
    ] == [second]
    after = ok(server, "getSignaturesForAddress", str(payer.pubkey()), {"before": second, "limit": 1})
    assert [h["signature"] for h in after] == [first]
    slot = ok(server, "getTransaction", first)["slot"]
    block = ok(server, "getBlock", slot, {"encoding": "base64", "maxSupportedTransactionVersion": 0})
    assert {t["transaction"][1] for t in block["transactions"]} == {"base64"}
    assert first in ok(server, "getBlock", slot, {"transactionDetails": "signatures"})["signatures"]
    assert slot in ok(server, "getBlocks", slot - 1)
    assert ok(server, "getBlocksWithLimit", slot, 1) == [slot]
    assert error(server, "getTransaction", first, {"commitment": "processed"})["code"] == -32602
    assert ok(server, "getTransactionCount") == 3
    probe = transfer_tx(payer, payer.pubkey(), 1, latest(server)["blockhash"])
    message = to_bytes_versioned(VersionedTransaction.from_bytes(base64.b64decode(probe)).message)
    assert ok(server, "getFeeForMessage", base64.b64encode(message).decode())["value"] == 5000
    assert ok(server, "getGenesisHash") == chain.genesis_hash
    assert ok(server, "getIdentity") == {"identity": str(chain.identity.pubkey())}
    assert ok(server, "getEpochSchedule")["slotsPerEpoch"] > 0
    assert ok(server, "getSupply")["value"]["total"] > 0
    assert ok(server, "minimumLedgerSlot") <= slot
    assert ok(server, "getFirstAvailableBlock") <= slot
    fees = ok(server, "getRecentPrioritizationFees", [str(payer.pubkey())])
    assert fees and {f["prioritizationFee"] for f in fees} == {0} and fees[-1]["slot"] == chain.slot
    assert error(server, "getSlot", {"minContextSlot": chain.slot + 1})["code"] == -32016
    assert error(server, "getSlot", {"commitment": "max"})["code"] == -32602


def test_deploying_without_an_upgrade_authority() -> None:
    """`python -m ionet_sdk.localnet` without --upgrade-authority (as the README shows it)
    used to crash: the program data was written 32 bytes too early."""
    server, _ = make(deploy=True)
    for name, program_id in PROGRAM_IDS.items():
        if (default_deploy_dir() / f"{name}.so").exists():
            head = {"encoding": "base64", "dataSlice": {"offset": 0, "length": 45}}
            info = ok(server, "getAccountInfo", str(programdata_address(program_id)), head)
            assert base64.b64decode(info["value"]["data"][0])[12:] == bytes(33)  # no authority
