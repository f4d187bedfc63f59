"""The liveness oracle (`ionet oracle run`): receives signed heartbeats over HTTP,
persists them, aggregates each epoch into a Merkle tree of cumulative per-node figures
and serves roots, leaves and proofs. Protocol: docs/liveness.md."""
