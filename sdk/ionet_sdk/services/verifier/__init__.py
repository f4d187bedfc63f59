"""The proof-of-compute verifier (`ionet verifier run`, `ionet verifier challenge`):
challenges worker agents (ionet_sdk.compute_proof), audits their network, and records
what it measured on-chain with `node_attest` (docs/compute-proof.md)."""
