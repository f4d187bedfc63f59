"""ionet_sdk: the typed Python client of the ionet GPU marketplace programs.

Generated, per program, from the Anchor IDLs: `ionet_sdk._generated.<program>`
(accounts, types, instructions, events, errors). Hand-written on top: connections
(`svm.EmbeddedConnection`), transactions (`tx`), PDAs (`pda`), SPL helpers (`spl`).
"""

from ionet_sdk import programs
from ionet_sdk.errors import IonetError, ProgramError, TransactionFailedError

__all__ = ["IonetError", "ProgramError", "TransactionFailedError", "programs"]
