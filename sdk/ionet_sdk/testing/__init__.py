"""Test support: local worlds on the embedded SVM (LiteSVM) with the programs deployed and
configured, for the test suites, the benchmarks and the economics simulation.

Not part of the SDK's API for services: they talk to a cluster through
`ionet_sdk.client.IonetClient`. Every sandbox's clock starts at a fixed instant
(`SANDBOX_START`, or the `start_time` given), so that what a test computes from hours,
days, epochs or locks never depends on when it runs; `conn.warp(...)` moves it.

- `registry.RegistrySandbox`: the registry, the IO token, a treasury, the config.
- `escrow.EscrowSandbox`: the same with the escrow as the registry's job authority.
- `token.TokenSandbox`: the IO token program alone.
"""

SANDBOX_START = 1_767_225_600
"""2026-01-01T00:00:00Z (unix seconds): where every sandbox's clock starts by default."""
