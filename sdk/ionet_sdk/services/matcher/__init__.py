"""The matching service (`ionet matcher run`): an index of eligible nodes kept by
subscriptions, topology-aware placement, batched `job_assign`."""
