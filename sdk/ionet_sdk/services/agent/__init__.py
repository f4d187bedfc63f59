"""The worker agent's services: `service` (`ionet agent run`: the challenge endpoint, the
hardware report, the heartbeat loop), `gpus` (NVML discovery and the registry's model
names), `heartbeat` (the signed off-chain heartbeats). Watching assigned runs is not built
yet."""
