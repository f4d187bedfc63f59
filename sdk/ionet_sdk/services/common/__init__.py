"""What every ionet service shares (oracle, agent, verifier, matcher, keeper, indexer):
settings from a TOML file, then `IONET_<SERVICE>_*` variables, then flags (`settings`);
structured logs and graceful shutdown on SIGTERM/SIGINT (`runtime`); a health endpoint
and Prometheus metrics (`ops`). See docs/services.md."""
