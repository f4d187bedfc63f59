"""The worker agent's services. Only the heartbeat loop exists so far (`ionet agent
heartbeat`); the full agent (hardware reports, job runs) is another issue."""
