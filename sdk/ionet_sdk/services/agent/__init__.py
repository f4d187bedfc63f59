"""The worker agent's services: `service` (`ionet agent run`: the challenge endpoint, the
hardware report, the heartbeat loop, the run watcher), `gpus` (NVML discovery and the
registry's model names), `heartbeat` (the signed off-chain heartbeats), `runs` (starting
assigned runs and sending their usage receipts, restart-safe)."""
