"""Accounts and transactions in the JSON shapes a Solana RPC node answers with.

Account data: `base64` (the default here), `base58` (at most 128 bytes, as on a
node), `base64+zstd`, and `jsonParsed` (SPL Token mints and token accounts are
parsed; any other account falls back to `base64`, as on a node), each with an
optional `dataSlice` {offset, length}. Transactions: `base64`, `base58`, `json`
and `jsonParsed` (instructions in the node's "partially decoded" form: program
id, account addresses and base-58 data).
"""

from __future__ import annotations

import base64
import struct
from decimal import Decimal
from typing import Any

import base58
import zstandard
from solders.account import Account
from solders.pubkey import Pubkey
from solders.transaction import VersionedTransaction
from spl.token.constants import TOKEN_PROGRAM_ID

from ionet_sdk.localnet.params import invalid, optional_u64

ACCOUNT_ENCODINGS = ("base58", "base64", "base64+zstd", "jsonParsed", "binary")
TX_ENCODINGS = ("base58", "base64", "json", "jsonParsed", "binary")
RENT_EPOCH = 18446744073709551615
SYSTEM_PROGRAM = "11111111111111111111111111111111"
TOKEN_ACCOUNT_SIZE = 165
MINT_SIZE = 82
BASE58_LIMIT = 128


def account_encoding(config: dict[str, Any], default: str = "base64") -> str:
    encoding = config.get("encoding", default)
    if encoding is None:
        encoding = default
    if encoding not in ACCOUNT_ENCODINGS:
        raise invalid(f"encoding: one of {', '.join(ACCOUNT_ENCODINGS)}, got {encoding!r}")
    return str(encoding)


def data_slice(config: dict[str, Any]) -> tuple[int, int] | None:
    value = config.get("dataSlice")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise invalid("dataSlice: expected {offset, length}")
    offset = optional_u64(value, "offset")
    length = optional_u64(value, "length")
    if offset is None or length is None:
        raise invalid("dataSlice: both offset and length are required")
    return offset, length


def encode_data(data: bytes, encoding: str, slice_: tuple[int, int] | None) -> Any:
    if slice_ is not None:
        offset, length = slice_
        data = data[offset : offset + length]
    if encoding == "binary":  # the deprecated name: a bare base-58 string
        return base58.b58encode(data).decode()
    if encoding == "base58":
        if len(data) > BASE58_LIMIT:
            raise invalid(
                "Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding."
            )
        return [base58.b58encode(data).decode(), "base58"]
    if encoding == "base64+zstd":
        return [base64.b64encode(zstandard.ZstdCompressor().compress(data)).decode(), "base64+zstd"]
    return [base64.b64encode(data).decode(), "base64"]


def _coption_key(data: bytes, offset: int) -> str | None:
    (tag,) = struct.unpack_from("<I", data, offset)
    return str(Pubkey.from_bytes(data[offset + 4 : offset + 36])) if tag == 1 else None


def ui_amount(amount: int, decimals: int) -> dict[str, Any]:
    value = Decimal(amount).scaleb(-decimals)
    text = format(value.normalize(), "f") if amount else "0"
    return {
        "amount": str(amount),
        "decimals": decimals,
        "uiAmount": float(value),
        "uiAmountString": text,
    }


def parse_mint(data: bytes) -> dict[str, Any] | None:
    if len(data) != MINT_SIZE:
        return None
    supply, decimals, initialized = struct.unpack_from("<QBB", data, 36)
    return {
        "decimals": decimals,
        "freezeAuthority": _coption_key(data, 46),
        "isInitialized": bool(initialized),
        "mintAuthority": _coption_key(data, 0),
        "supply": str(supply),
    }


TOKEN_STATES = {0: "uninitialized", 1: "initialized", 2: "frozen"}


def parse_token_account(data: bytes, decimals: int) -> dict[str, Any] | None:
    if len(data) != TOKEN_ACCOUNT_SIZE or data[108] == 0:
        return None
    mint, owner = Pubkey.from_bytes(data[0:32]), Pubkey.from_bytes(data[32:64])
    (amount,) = struct.unpack_from("<Q", data, 64)
    delegate = _coption_key(data, 72)
    (native_tag, native_reserve, delegated) = struct.unpack_from("<IQQ", data, 109)
    info: dict[str, Any] = {
        "isNative": native_tag == 1,
        "mint": str(mint),
        "owner": str(owner),
        "state": TOKEN_STATES.get(data[108], "uninitialized"),
        "tokenAmount": ui_amount(amount, decimals),
    }
    if delegate is not None:
        info["delegate"] = delegate
        info["delegatedAmount"] = ui_amount(delegated, decimals)
    close_authority = _coption_key(data, 129)
    if close_authority is not None:
        info["closeAuthority"] = close_authority
    if native_tag == 1:
        info["rentExemptReserve"] = ui_amount(native_reserve, decimals)
    return info


def parsed_token(data: bytes, decimals_of: Any) -> dict[str, Any] | None:
    """`{"program": "spl-token", "parsed": ..., "space": n}` for a mint or token account."""
    if len(data) == MINT_SIZE:
        mint = parse_mint(data)
        if mint is None:
            return None
        return {"program": "spl-token", "parsed": {"info": mint, "type": "mint"}, "space": len(data)}
    if len(data) == TOKEN_ACCOUNT_SIZE:
        decimals = decimals_of(Pubkey.from_bytes(data[0:32]))
        info = parse_token_account(data, decimals) if decimals is not None else None
        if info is None:
            return None
        return {"program": "spl-token", "parsed": {"info": info, "type": "account"}, "space": len(data)}
    return None


def account_json(
    account: Account | None,
    encoding: str,
    slice_: tuple[int, int] | None,
    decimals_of: Any,
) -> dict[str, Any]:
    """An account as a node shows it; a missing account as the empty system account
    (what subscriptions report for a closed account)."""
    if account is None:
        data, lamports, owner, executable = b"", 0, SYSTEM_PROGRAM, False
    else:
        data, lamports = bytes(account.data), account.lamports
        owner, executable = str(account.owner), account.executable
    encoded: Any = None
    if encoding == "jsonParsed" and owner == str(TOKEN_PROGRAM_ID) and slice_ is None:
        encoded = parsed_token(data, decimals_of)
    if encoded is None:
        encoded = encode_data(data, "base64" if encoding == "jsonParsed" else encoding, slice_)
    return {
        "data": encoded,
        "executable": executable,
        "lamports": lamports,
        "owner": owner,
        "rentEpoch": RENT_EPOCH,
        "space": len(data),
    }


def tx_encoding(config: dict[str, Any], default: str = "json") -> str:
    encoding = config.get("encoding", default)
    if encoding is None:
        encoding = default
    if encoding not in TX_ENCODINGS:
        raise invalid(f"encoding: one of {', '.join(TX_ENCODINGS)}, got {encoding!r}")
    return str(encoding)


def compiled_json(ix: Any, stack_height: int | None = None) -> dict[str, Any]:
    return {
        "programIdIndex": ix.program_id_index,
        "accounts": list(bytes(ix.accounts)),
        "data": base58.b58encode(bytes(ix.data)).decode(),
        "stackHeight": stack_height,
    }


def partially_decoded(ix: Any, keys: list[str], stack_height: int | None = None) -> dict[str, Any]:
    return {
        "programId": keys[ix.program_id_index],
        "accounts": [keys[i] for i in bytes(ix.accounts)],
        "data": base58.b58encode(bytes(ix.data)).decode(),
        "stackHeight": stack_height,
    }


def transaction_json(
    tx: VersionedTransaction,
    encoding: str,
    loaded: tuple[list[str], list[str]],
    writable: set[str],
) -> Any:
    """The `transaction` field of getTransaction/getBlock in `encoding`."""
    raw = bytes(tx)
    if encoding in ("base64",):
        return [base64.b64encode(raw).decode(), "base64"]
    if encoding in ("base58", "binary"):
        return [base58.b58encode(raw).decode(), "base58"]
    message = tx.message
    header = message.header
    static = [str(k) for k in message.account_keys]
    lookups = [
        {
            "accountKey": str(lookup.account_key),
            "writableIndexes": list(bytes(lookup.writable_indexes)),
            "readonlyIndexes": list(bytes(lookup.readonly_indexes)),
        }
        for lookup in getattr(message, "address_table_lookups", [])
    ]
    out: dict[str, Any] = {"signatures": [str(s) for s in tx.signatures]}
    if encoding == "json":
        msg: dict[str, Any] = {
            "accountKeys": static,
            "header": {
                "numRequiredSignatures": header.num_required_signatures,
                "numReadonlySignedAccounts": header.num_readonly_signed_accounts,
                "numReadonlyUnsignedAccounts": header.num_readonly_unsigned_accounts,
            },
            "recentBlockhash": str(message.recent_blockhash),
            "instructions": [compiled_json(ix) for ix in message.instructions],
        }
    else:
        keys = static + loaded[0] + loaded[1]
        signers = header.num_required_signatures
        msg = {
            "accountKeys": [
                {
                    "pubkey": key,
                    "signer": i < signers,
                    "writable": key in writable,
                    "source": "transaction" if i < len(static) else "lookupTable",
                }
                for i, key in enumerate(keys)
            ],
            "recentBlockhash": str(message.recent_blockhash),
            "instructions": [partially_decoded(ix, keys) for ix in message.instructions],
        }
    if isinstance(tx.version(), int):
        msg["addressTableLookups"] = lookups
    out["message"] = msg
    return out
